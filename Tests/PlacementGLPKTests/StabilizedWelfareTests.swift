import Foundation
import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

@Suite struct StabilizedWelfareTests {
  /// Whether the blocking pair (a, p) is one the repair leaves by design: moving a would
  /// take it out of a position or group at its minimum, or p's seat is free but a full
  /// group of p (that does not hold a already) keeps a out.
  static func isExcused(_ a: Int, _ p: Int, in market: Market, _ assignment: [Int32], _ evaluation: Evaluation) -> Bool
  {
    let q = Int(assignment[a])
    let groupsOfP = Set(market.groups(ofPosition: p))
    if q >= 0 {
      let after = evaluation.positionFill[q] - 1
      if after < Int(market.positionMinimum[q]) && !(market.positionClosable[q] && after == 0) { return true }
      for g in market.groups(ofPosition: q) where !groupsOfP.contains(g) {
        if evaluation.groupFill[Int(g)] - 1 < Int(market.groupMinimum[Int(g)]) { return true }
      }
    }
    let groupsOfQ = q >= 0 ? Set(market.groups(ofPosition: q)) : []
    return evaluation.positionFill[p] < market.capacity(of: p)
      && market.groups(ofPosition: p).contains { g in
        !groupsOfQ.contains(g) && evaluation.groupFill[Int(g)] >= Int(market.groupCapacity[Int(g)])
      }
  }

  /// On tiny markets with every feature and random minimums: a valid placement whenever
  /// one exists, never fewer blocking pairs than the proven fewest, and every pair left
  /// excused; `infeasible` exactly when no placement meets the minimums.
  @Test(arguments: 1...1000)
  func meetsEveryConstraintAndLeavesOnlyExcusedPairs(seed: UInt64) async throws {
    let market = MinimumsDiagnosisTests.market(seed: seed)
    let fewest = BruteForce.fewestBlockingPairs(market)
    let solution = try await StabilizedWelfare().solve(market)
    guard let fewest else {
      #expect(solution.status == .infeasible, "seed \(seed)")
      return
    }
    let evaluation = Evaluation(market, solution.assignment, blockingPairLimit: 1000)
    #expect(evaluation.isValid, "seed \(seed): \(evaluation.violations)")
    #expect(evaluation.blockingPairCount >= fewest, "seed \(seed)")
    #expect(solution.status == (evaluation.blockingPairCount == 0 ? .optimal : .feasible), "seed \(seed)")
    #expect(!solution.notes.contains { $0.contains("stopped before") }, "seed \(seed)")
    for pair in evaluation.blockingPairs {
      #expect(
        Self.isExcused(pair.applicant, pair.position, in: market, solution.assignment, evaluation),
        "seed \(seed): \(market.applicantIDs[pair.applicant]) – \(market.positionIDs[pair.position])")
    }
  }
}
