import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// max-stable's node heuristic: whatever LP point it is handed, what it offers GLPK is a
/// solution of the programme (GLPK checks only integrality), and from a largest stable
/// placement's own point it finds one as large.
@Suite struct StableRoundingTests {
  @Test(arguments: 1...300)
  func offersOnlySolutionsAndFindsTheLargest(seed: UInt64) throws {
    try check(tiedMarket(seed: seed))
  }

  /// Every feature: groups, type quotas, minimums, closable positions.
  @Test(arguments: 1...300)
  func offersOnlySolutionsWithEveryFeature(seed: UInt64) throws {
    let market = Fixtures.market(stableFeatureShape(seed: seed, applicants: 6, scores: false).instance(seed: seed))
    try check(market, mustFindLargest: false)
  }

  /// Offers from the points of the largest stable placement and of a half-and-half mix of
  /// it with every other stable placement: each must satisfy the programme and place
  /// what its objective says; with capacities only the first must place the most.
  private func check(_ market: Market, mustFindLargest: Bool = true) throws {
    let model = WelfareModel(market, stable: true)
    let program = MaxStableProgram.program(for: model)
    let stable = BruteForce.stableAssignments(market).sorted {
      Evaluation(market, $0).matched > Evaluation(market, $1).matched
    }
    guard let largest = stable.first else { return }
    let largestValues = model.values(of: largest)
    var points = [largestValues]
    for other in stable.dropFirst() {
      points.append(zip(largestValues, model.values(of: other)).map { ($0 + $1) / 2 })
    }
    for (index, point) in points.enumerated() {
      let heuristic = StableRounding.heuristic(
        model: model, market: market, reduced: market, program: program, incumbent: nil)
      guard let values = heuristic.find(point) else {
        #expect(!(mustFindLargest && index == 0), "nothing from the largest placement \(largest)")
        continue
      }
      #expect(program.violations(of: values, tolerance: 1e-9).isEmpty, "\(program.violations(of: values))")
      let evaluation = Evaluation(market, model.assignment(from: values))
      #expect(evaluation.isStable && Double(evaluation.matched) == program.objectiveValue(of: values))
      if mustFindLargest && index == 0 {
        #expect(evaluation.matched == Evaluation(market, largest).matched)
      }
    }
  }
}
