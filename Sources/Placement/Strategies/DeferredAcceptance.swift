import Foundation

/// Deferred acceptance (Gale and Shapley, 1962) with capacities, group quotas, group
/// preferences and type quotas; ties are broken by a ``TieBreaking`` rule.
///
/// ```swift
/// let solution = DeferredAcceptance(proposing: .applicants, tieBreaking: .single(seed: 7))
///   .assign(market)
/// ```
///
/// Properties:
/// - With strict preferences and no groups or type quotas, applicant-proposing gives
///   *the* applicant-optimal stable matching and position-proposing the position-optimal
///   one; both are unique, so any correct implementation gives the same pairs.
/// - With ties, the result is weakly stable for the original preferences (ties never block).
/// - With groups and type quotas the result is stable when each position is in at most
///   one group and a position without preferences inside a ranking group follows the
///   group's ranking (student–project allocation). Position-proposing ignores group
///   preferences. ``Evaluation`` reports any blocking pair that remains.
/// - Minimums are not targets: a non-closable position left below its minimum makes the
///   status ``Solution/Status/infeasible`` (with strict preferences every stable matching
///   fills each position equally, so none meets it). A closable position left below its
///   minimum is closed and the algorithm runs again without it, until none is.
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

  /// Runs deferred acceptance; see ``assign(_:)``.
  public func solve(_ market: Market) -> Solution {
    assign(market)
  }

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
    return ClosingRounds.run(market, notes: &notes) { closed in
      var engine = ApplicantProposing(market: market, orders: orders, closed: closed)
      return engine.run()
    }
  }

  /// Runs deferred acceptance on `market`, synchronously.
  public func assign(_ market: Market) -> Solution {
    let started = ContinuousClock.now
    let orders = StrictOrders(market, tieBreaking)
    var notes: [String] = []
    if proposer == .positions, market.groupHasPreferences.contains(true) {
      notes.append("positions propose: group preferences play no part, so a ranking group may leave blocking pairs")
    }
    var proposals = 0
    var (assignment, status) = ClosingRounds.run(market, notes: &notes) { closed in
      switch proposer {
      case .applicants:
        var engine = ApplicantProposing(market: market, orders: orders, closed: closed)
        defer { proposals += engine.proposals }
        return engine.run()
      case .positions:
        var engine = PositionProposing(market: market, orders: orders, closed: closed)
        defer { proposals += engine.proposals }
        return engine.run()
      }
    }
    // Positions proposing past a ranking group promise no stability: a valid result only.
    if status == .optimal, proposer == .positions, market.groupHasPreferences.contains(true) { status = .feasible }
    notes.append("\(proposals) proposals")
    return Solution(
      assignment: assignment, status: status, notes: notes, solveSeconds: (ContinuousClock.now - started).seconds)
  }
}
