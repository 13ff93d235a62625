import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// Bounds from the network relaxation, against brute force.
@Suite struct RelaxationBoundTests {
  @Test(arguments: 1...200)
  func rankSumBoundWithThePlacedHeldIsBelowTheOptimum(seed: UInt64) throws {
    let market = welfareMarket(seed: seed)
    guard let best = WelfareOracle.bestKey(market, .rankSum) else { return }
    let levels = WelfareObjective.rankSum.levels(for: market)
    let placed = -best[0]
    let bound = try #require(
      NetworkRelaxation.bound(
        of: market, levels: levels, level: 1, holding: [(levels[0], placed)], control: SolveControl()))
    #expect(bound <= best[1], "bound \(bound) above the optimal rank sum \(best[1])")
    let first = try #require(
      NetworkRelaxation.bound(of: market, levels: levels, level: 0, holding: [], control: SolveControl()))
    #expect(first >= placed)
  }

  /// On a network market the relaxation is the market itself, so its bounds are the optima.
  @Test(arguments: 1...200)
  func boundsAreExactOnNetworks(seed: UInt64) throws {
    let market = networkMarket(seed: seed)
    guard let best = WelfareOracle.bestKey(market, .rankSum) else { return }
    let levels = WelfareObjective.rankSum.levels(for: market)
    #expect(
      NetworkRelaxation.bound(of: market, levels: levels, level: 0, holding: [], control: SolveControl()) == -best[0])
    let bound = NetworkRelaxation.bound(
      of: market, levels: levels, level: 1, holding: [(levels[0], -best[0])], control: SolveControl())
    #expect(bound == best[1])
  }
}
