import Foundation

/// A large weakly stable placement when preferences have ties, in about the time of
/// deferred acceptance: Király's (2013) linear-time 3/2-approximation, many-to-one.
///
/// ```swift
/// let solution = try StableApproximation().solve(market)
/// ```
///
/// With ties, deferred acceptance with ties broken arbitrarily can place as few as half
/// the applicants of the largest weakly stable placement. This algorithm keeps the ties
/// and proposes the way described in `TieAwareProposing`: applicants try positions with
/// room first within a tie, go down their lists twice (the second time ranked above
/// first-pass proposers of the same tier), and a position lets go first of holders who
/// could still find room elsewhere in the same tie.
///
/// Guarantees:
/// - The result is weakly stable under the same conditions as ``DeferredAcceptance``'s
///   (each position in at most one group, ranking groups as in student–project
///   allocation). With groups, a displacement by a ranking group can, rarely, empty a
///   seat that someone already inside the group prefers (1 tiny market in 1,000 in the
///   tests); the result is checked and deferred acceptance with single tie-breaking is
///   returned instead, with a note.
/// - With capacities only (no groups, type quotas or minimums) it places at least 2/3 of
///   the largest weakly stable placement: a position of capacity c is c copies of a
///   one-to-one participant, and on that market this is Király's algorithm. The
///   solution's ``Solution/bound`` then holds ⌊3/2 · placed⌋ (or fewer when capacity or
///   applicants run out first), an upper bound on any weakly stable placement; on other
///   markets the bound is the applicants with a list or the seats, whichever is fewer.
/// - With type quotas and groups the rules are the same but no ratio is proven: a
///   group's displacement can empty a seat, which the copy argument does not allow.
///   Tests measure the ratio there too.
/// - Minimums are handled as ``DeferredAcceptance`` handles them: closable positions left
///   below their minimum are closed and the algorithm runs again.
///
/// - Complexity: O(L · t) for L total list length and t the longest tie, plus
///   O(log c) per heap change.
public struct StableApproximation: Strategy {
  /// Creates the strategy.
  public init() {}

  /// `stable-approx`.
  public var name: String { "stable-approx" }

  /// Runs the approximation on `market`, synchronously.
  ///
  /// Status `optimal` when the placement meets the bound (every applicant with a list, or
  /// every seat, placed), else `feasible`; stopped by the control, `timeLimit` (a half-run
  /// is not stable) or `CancellationError`.
  public func solve(_ market: Market, control: SolveControl = SolveControl()) throws(CancellationError) -> Solution {
    if let infeasible = market.lockedInfeasibility() { return try control.conclude(infeasible, by: name) }
    var notes: [String] = []
    var proposals = 0
    let outcome = ClosingRounds.run(market, notes: &notes) { closed in
      var engine = TieAwareProposing(market: market, closed: closed)
      defer { proposals += engine.proposals }
      return engine.run(stoppingWhen: { control.shouldStop })
    }
    guard var (assignment, status) = outcome else {
      return try control.conclude(
        .stopped(control.stopReason ?? .timeLimit, applicants: market.applicantCount, objectiveName: "placed"), by: name
      )
    }
    // A ranking group's displacement can empty a seat that someone already inside the
    // group prefers; that is rare, and deferred acceptance is then the safe answer.
    if market.groupCount > 0, status == .optimal, !Evaluation(market, assignment).isStable {
      let fallback = try DeferredAcceptance(tieBreaking: .single).solve(market, control: control)
      notes.append("a group left a blocking pair; returned deferred acceptance (single tie-breaking) instead")
      assignment = fallback.assignment
      status = fallback.status
    }
    let placed = assignment.count { $0 >= 0 }
    let bound = Self.bound(placed: placed, in: market)
    // An approximation: the placement is proven largest only when it meets the bound.
    if status == .optimal, placed < bound { status = .feasible }
    if Self.guaranteeHolds(in: market) { notes.append("at most \(bound) can be placed stably (3/2 guarantee)") }
    notes.append("\(proposals) proposals")
    return try control.conclude(
      Solution(
        assignment: assignment, status: status, objective: Double(placed),
        bound: status == .infeasible ? nil : Double(bound), objectiveName: "placed", notes: notes), by: name)
  }

  /// Whether the 3/2 guarantee is proven for `market`: capacities only.
  static func guaranteeHolds(in market: Market) -> Bool {
    market.groupCount == 0 && market.quotaCapacity.isEmpty && !market.positionMinimum.contains { $0 > 0 }
  }

  /// An upper bound on any weakly stable placement: the applicants with a list, the seats
  /// their lists can fill, and, where ``guaranteeHolds(in:)``, ⌊3/2 · placed⌋.
  static func bound(placed: Int, in market: Market) -> Int {
    let applicants = (0..<market.applicantCount).count { !market.entries(ofApplicant: $0).isEmpty }
    let seats = (0..<market.positionCount).reduce(0) {
      $0 + min(Int(market.positionCapacity[$1]), market.entries(ofPosition: $1).count)
    }
    return min(guaranteeHolds(in: market) ? 3 * placed / 2 : .max, applicants, seats)
  }
}
