import Foundation
import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

@Suite struct FewestBlockingPairsTests {
  /// On tiny markets with every feature and random minimums, the programme's placement is
  /// valid and has exactly the fewest blocking pairs of any valid placement; it is
  /// infeasible exactly when no valid placement exists.
  @Test(arguments: 1...2000)
  func meetsEveryMinimumWithTheFewestBlockingPairs(seed: UInt64) async throws {
    let market = MinimumsDiagnosisTests.market(seed: seed)
    let fewest = BruteForce.fewestBlockingPairs(market)
    let solution = try await FewestBlockingPairsProgram().solve(market)
    guard let fewest else {
      #expect(solution.status == .infeasible, "seed \(seed)")
      return
    }
    #expect(solution.status == .optimal, "seed \(seed)")
    let evaluation = Evaluation(market, solution.assignment)
    #expect(evaluation.isValid, "seed \(seed): \(evaluation.violations)")
    #expect(evaluation.blockingPairCount == fewest, "seed \(seed)")
    #expect(solution.objective == Double(fewest), "seed \(seed)")
  }

  /// The markets above include ones where minimums force blocking pairs, and infeasible ones.
  @Test func theTinyMarketsCoverEveryCase() {
    var forced = 0
    var infeasible = 0
    for seed in UInt64(1)...2000 {
      let market = MinimumsDiagnosisTests.market(seed: seed)
      let fewest = BruteForce.fewestBlockingPairs(market)
      if let fewest { forced += fewest > 0 ? 1 : 0 } else { infeasible += 1 }
    }
    #expect(forced > 25 && infeasible > 300, "\(forced) with blocking pairs forced, \(infeasible) infeasible")
  }
}
