import PlacementTestSupport
import Testing

@testable import Placement

/// `StableAugmentation` keeps a stable placement stable, keeps everyone placed, and
/// places more where a chain exists: checked from every weakly stable placement of tiny
/// markets, found by brute force.
@Suite struct StableAugmentationTests {
  /// Tiny markets of two shapes: one-to-one with ties on both sides, many-to-one with ties.
  static func shapedMarket(seed: UInt64) -> Market {
    if seed % 2 == 0 {
      Fixtures.tinyMarket(seed: seed, applicants: 6, positions: 6, listLength: 3) { shape in
        shape.capacity = 1...1
        shape.tieDensity = 0.6
        shape.correlation = 0
      }
    } else {
      Fixtures.tinyMarket(seed: seed, applicants: 7, positions: 4, listLength: 3) { shape in
        shape.tieDensity = 0.4
      }
    }
  }

  @Test func keepsEveryStablePlacementStableAndEveryoneInIt() {
    var grown = [0, 0]
    var reachedLargest = 0
    var startsBelowLargest = 0
    for seed in UInt64(1)...300 {
      let market = Self.shapedMarket(seed: seed)
      #expect(StableAugmentation.applies(to: market))
      let stable = BruteForce.stableAssignments(market)
      let largest = stable.map { $0.count { $0 >= 0 } }.max() ?? 0
      for start in stable {
        let result = StableAugmentation.augment(start, in: market)
        let evaluation = Evaluation(market, result)
        #expect(evaluation.isValid && evaluation.isStable, "seed \(seed): from \(start) to \(result)")
        #expect(zip(start, result).allSatisfy { $0 < 0 || $1 >= 0 }, "seed \(seed): someone placed lost a seat")
        let before = start.count { $0 >= 0 }
        let after = result.count { $0 >= 0 }
        #expect(after >= before, "seed \(seed)")
        if after > before { grown[Int(seed % 2)] += 1 }
        if before < largest {
          startsBelowLargest += 1
          if after == largest { reachedLargest += 1 }
        }
      }
    }
    // Both shapes have starts the chains grow, so the checks above are not vacuous, and
    // most starts below the largest stable placement reach it.
    #expect(grown[0] >= 1000 && grown[1] >= 40, "starts grown, per shape: \(grown)")
    #expect(
      reachedLargest * 4 >= startsBelowLargest * 3,
      "\(reachedLargest) of \(startsBelowLargest) starts below the largest reach it")
  }

  /// r can take a seat at p from w or v (p is indifferent), and each could move on to a
  /// free seat of its own; one search finds both chains, which share r's move, so only one
  /// may be carried out, or p would be left with a seat free that w or v wants.
  @Test func carriesOutOnlyChainsThatMoveNobodyTwice() throws {
    let m = try market(
      #""applicants":[{"id":"r","preferences":["p"]},{"id":"w","preferences":["p","a"]},{"id":"v","preferences":["p","b"]}],"positions":[{"id":"p","capacity":2},{"id":"a","capacity":1},{"id":"b","capacity":1}]"#
    )
    let start: [Int32] = [-1, 0, 0]
    #expect(Evaluation(m, start).isStable)
    let result = StableAugmentation.augment(start, in: m)
    #expect(Evaluation(m, result).isStable && Evaluation(m, result).isValid, "\(result)")
    #expect(result.count { $0 >= 0 } == 3 && result[0] == 0, "\(result)")
  }

  /// Larger markets, where one search finds several chains at once.
  @Test(arguments: [(300, 300, 1...1), (600, 40, 1...30)])
  func growsDeferredAcceptanceStably(applicants: Int, positions: Int, capacity: ClosedRange<Int>) throws {
    var grown = 0
    for seed in UInt64(1)...20 {
      let market = Fixtures.tinyMarket(seed: seed, applicants: applicants, positions: positions, listLength: 5) {
        $0.capacity = capacity
        $0.tieDensity = 0.6
      }
      let start = try DeferredAcceptance(tieBreaking: .single).solve(market).assignment
      let result = StableAugmentation.augment(start, in: market)
      let evaluation = Evaluation(market, result)
      #expect(evaluation.isValid && evaluation.isStable, "seed \(seed)")
      #expect(zip(start, result).allSatisfy { $0 < 0 || $1 >= 0 }, "seed \(seed): someone placed lost a seat")
      if result.count(where: { $0 >= 0 }) > start.count(where: { $0 >= 0 }) + 1 { grown += 1 }
    }
    #expect(grown >= 15, "markets grown by more than one: \(grown) of 20")
  }

  @Test func leavesMarketsWithOtherRulesAlone() {
    for seed in UInt64(1)...30 {
      let market = Fixtures.market(
        Fixtures.everyFeatureShape(applicants: 6, positions: 3, listLength: 2) { $0.capacity = 1...2 }
          .instance(seed: seed))
      #expect(!StableAugmentation.applies(to: market))
      let empty = [Int32](repeating: -1, count: market.applicantCount)
      #expect(StableAugmentation.augment(empty, in: market) == empty)
    }
  }
}
