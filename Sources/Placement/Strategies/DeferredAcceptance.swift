/// Deferred acceptance (Gale and Shapley, 1962) with capacities, group quotas, group
/// preferences and type quotas; ties are broken by a ``TieBreaking`` rule.
///
/// ```swift
/// let solution = try DeferredAcceptance(proposing: .applicants, tieBreaking: .single)
///   .solve(market, control: SolveControl(seed: 7))
/// ```
///
/// Properties:
/// - With strict preferences and no groups or type quotas, applicant-proposing gives
///   *the* applicant-optimal stable matching and position-proposing the position-optimal
///   one; both are unique, so any correct implementation gives the same pairs.
/// - With ties, the result is weakly stable for the original preferences (ties never
///   block); status `optimal` then promises the proposer-optimal stable matching of the
///   strict preferences after tie-breaking (with a random rule, the control's seed draws
///   them), not the largest weakly stable placement (see ``StableApproximation``).
/// - With groups and type quotas the result is stable when each position is in at most
///   one group, every group ranks applicants, and a position without preferences inside
///   a ranking group follows the group's ranking (student–project allocation). A full
///   group that ranks no one never lets a fill drop, so an applicant it holds may still
///   prefer another of its positions with a free seat: a blocking pair. Position-proposing ignores group
///   preferences, so it promises only a valid placement there (status `feasible`).
///   ``Evaluation`` reports any blocking pair that remains.
/// - Minimums are not targets: a non-closable position left below its minimum makes the
///   status ``Solution/Status/infeasible`` (with strict preferences every stable matching
///   fills each position equally, so none meets it). A closable position left below its
///   minimum is closed and the algorithm runs again without it, until none is.
/// - Stopped by the control's deadline or cancellation, it has no placement to offer
///   (a half-run is not stable): status `timeLimit`, or `CancellationError`.
///
/// - Complexity: O(L log c) for L total list length and c the largest capacity, per run;
///   closures may add runs (at most one per closable position).
public struct DeferredAcceptance: Strategy {
  /// Which side proposes.
  public enum Proposer: String, Sendable, CaseIterable {
    /// Applicants propose: the result is best for applicants among stable ones.
    case applicants
    /// Positions propose: the result is best for positions among stable ones.
    case positions
  }

  /// Which side proposes.
  public var proposer: Proposer
  /// How ties are broken.
  public var tieBreaking: TieBreaking

  /// Creates the strategy.
  public init(proposing proposer: Proposer = .applicants, tieBreaking: TieBreaking = .listed) {
    self.proposer = proposer
    self.tieBreaking = tieBreaking
  }

  /// `deferred-acceptance`.
  public var name: String { "deferred-acceptance" }

  /// Applicant-proposing deferred acceptance on `market` with ties broken towards larger
  /// `weights`, one per entry (see `StrictOrders.init(_:preferring:)`): for rounding a
  /// fractional placement to a weakly stable one.
  ///
  /// With capacities only, a weakly stable placement M is stable for the strict
  /// preferences that break ties towards M's pairs, and every stable placement of strict
  /// preferences places as many (the rural hospitals theorem), so weights that are M's
  /// indicator give a placement as large as M.
  package static func assignment(_ market: Market, preferring weights: [Double])
    -> (assignment: [Int32], status: Solution.Status)
  {
    let orders = StrictOrders(market, preferring: weights)
    var notes: [String] = []
    // Runs to the end: it serves a search that checks its own control between nodes.
    return ClosingRounds.run(market, notes: &notes) { closed in
      var engine = ApplicantProposing(market: market, orders: orders, closed: closed)
      return engine.run(stoppingWhen: { false })
    }!
  }

  /// Runs deferred acceptance on `market`, synchronously.
  ///
  /// - Throws: `CancellationError` when `control` or the calling task is cancelled.
  public func solve(_ market: Market, control: SolveControl = SolveControl()) throws(CancellationError) -> Solution {
    if let infeasible = market.lockedInfeasibility() { return try control.conclude(infeasible, by: name) }
    let orders = StrictOrders(market, tieBreaking, seed: control.seed)
    var notes: [String] = []
    if proposer == .positions, market.groupHasPreferences.contains(true) {
      notes.append("positions propose: group preferences play no part, so a ranking group may leave blocking pairs")
    }
    var proposals = 0
    let shouldStop = { control.shouldStop }
    let outcome = ClosingRounds.run(market, notes: &notes) { closed in
      switch proposer {
      case .applicants:
        var engine = ApplicantProposing(market: market, orders: orders, closed: closed)
        defer { proposals += engine.proposals }
        return engine.run(stoppingWhen: shouldStop)
      case .positions:
        var engine = PositionProposing(market: market, orders: orders, closed: closed)
        defer { proposals += engine.proposals }
        return engine.run(stoppingWhen: shouldStop)
      }
    }
    guard let (assignment, outcomeStatus) = outcome else {
      return try control.conclude(
        .stopped(control.stopReason ?? .timeLimit, applicants: market.applicantCount, notes: notes), by: name)
    }
    var status = outcomeStatus
    // Positions proposing past a ranking group promise no stability: a valid result only.
    if status == .optimal, proposer == .positions, market.groupHasPreferences.contains(true) { status = .feasible }
    notes.append("\(proposals) proposals")
    return try control.conclude(Solution(assignment: assignment, status: status, notes: notes), by: name)
  }
}
