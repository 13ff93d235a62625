import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

/// `welfare --stable`: the best placement by each objective among the weakly stable ones.
@Suite struct WelfareStableTests {
  @Test(arguments: 1...400)
  func equalsTheBestStablePlacementByBruteForce(seed: UInt64) async throws {
    let shape = stableFeatureShape(seed: seed, applicants: 5, scores: seed.isMultiple(of: 2))
    let market = Fixtures.market(shape.instance(seed: seed))
    let objective = WelfareObjective.allCases[Int(seed) % WelfareObjective.allCases.count]
    guard objective != .scores || market.hasScores else { return }
    let solution = try await WelfareProgram(objective: objective, stable: true).solve(market)
    guard let best = WelfareOracle.bestKey(market, objective, stable: true) else {
      #expect(solution.status == .infeasible, "\(solution.notes)")
      return
    }
    #expect(solution.status == .optimal, "\(solution.notes)")
    let evaluation = Evaluation(market, solution.assignment)
    #expect(evaluation.isValid && evaluation.isStable, "\(evaluation.violations) \(evaluation.blockingPairs)")
    let key = WelfareOracle.key(evaluation, objective, maximumRank: WelfareOracle.maximumRank(market))
    #expect(WelfareOracle.isEquivalent(key, best), "\(objective): \(key) vs \(best); \(solution.notes)")
  }

  @Test func minCostFlowCannotKeepStability() async {
    let market = tiedMarket(seed: 1)
    await #expect(throws: WelfareError.self) {
      try await WelfareProgram(method: .minCostFlow, stable: true).solve(market)
    }
  }
}
