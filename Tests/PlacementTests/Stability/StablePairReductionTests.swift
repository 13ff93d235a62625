import PlacementTestSupport
import Testing

@testable import Placement

/// `StablePairReduction` removes only pairs no weakly stable placement uses, and does
/// remove some: checked against every stable placement, found by brute force.
@Suite struct StablePairReductionTests {
  /// Tiny markets of three shapes: one-to-one with ties on both sides, many-to-one with
  /// ties, and every feature the rules must leave alone (groups, type quotas, minimums,
  /// closable positions).
  static func market(seed: UInt64) -> Market {
    switch seed % 3 {
    case 0:
      Fixtures.tinyMarket(seed: seed, applicants: 6, positions: 6, listLength: 3) { shape in
        shape.capacity = 1...1
        shape.tieDensity = 0.6
        shape.correlation = 0
      }
    case 1:
      Fixtures.tinyMarket(seed: seed, applicants: 7, positions: 4, listLength: 3) { shape in
        shape.tieDensity = 0.4
      }
    default:
      Fixtures.market(
        Fixtures.everyFeatureShape(applicants: 6, positions: 3, listLength: 2) { $0.capacity = 1...2 }
          .instance(seed: seed))
    }
  }

  @Test func keepsEveryPairOfEveryStablePlacement() {
    var removing = [0, 0, 0]
    for seed in UInt64(1)...450 {
      let market = Self.market(seed: seed)
      let reduction = StablePairReduction(market)
      #expect(reduction.market.pairCount == reduction.kept.count { $0 }, "seed \(seed)")
      for assignment in BruteForce.stableAssignments(market) {
        for (a, p) in assignment.enumerated() where p >= 0 {
          let e = market.entry(applicant: a, position: Int(p))
          #expect(e.map { reduction.kept[$0] } == true, "seed \(seed): a\(a)–p\(p) is in a stable placement")
        }
      }
      if reduction.removedCount > 0 { removing[Int(seed % 3)] += 1 }
    }
    // Both plain shapes give the rules something to remove, so the check above is not
    // vacuous; in the third, groups and closable positions keep most rules out.
    #expect(removing[0] >= 50 && removing[1] >= 50, "markets with pairs removed, per shape: \(removing)")
  }
}
