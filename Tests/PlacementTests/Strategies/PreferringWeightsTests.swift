import Placement
import PlacementTestSupport
import Testing

/// Deferred acceptance with ties broken towards heavier pairs, the rounding behind
/// max-stable's node heuristic: always weakly stable, and able to reach the size of every
/// weakly stable placement.
@Suite struct PreferringWeightsTests {
  /// Capacities only, ties on both sides (some positions indifferent), lists shorter than
  /// the positions: in 243 of the first 300, weakly stable placements differ in size.
  private static func capacityMarket(seed: UInt64) -> Market {
    Fixtures.tinyMarket(seed: seed, applicants: 8, positions: 5, listLength: 3) { shape in
      shape.capacity = 1...2
      shape.tieDensity = 0.5
      shape.positionPreferences = !seed.isMultiple(of: 4)
    }
  }

  /// Given the pairs of any weakly stable placement as weights, it places as many: that
  /// placement is stable once ties favour its own pairs, and every stable placement of
  /// strict preferences places the same number (rural hospitals).
  @Test(arguments: 1...300)
  func placesAsManyAsTheStablePlacementItIsGiven(seed: UInt64) {
    let market = Self.capacityMarket(seed: seed)
    for stable in BruteForce.stableAssignments(market) {
      var weights = [Double](repeating: 0, count: market.pairCount)
      for (a, p) in stable.enumerated() where p >= 0 {
        weights[market.entry(applicant: a, position: Int(p))!] = 1
      }
      let (assignment, status) = DeferredAcceptance.assignment(market, preferring: weights)
      let evaluation = Evaluation(market, assignment)
      #expect(status == .optimal && evaluation.isValid && evaluation.isStable)
      #expect(evaluation.matched == Evaluation(market, stable).matched, "\(stable) → \(assignment)")
    }
  }

  /// Any weights, with ranking groups whose posts follow them and type quotas: the result
  /// is valid and weakly stable, as deferred acceptance's is under any tie-breaking.
  @Test(arguments: 1...300)
  func isWeaklyStableWhateverTheWeights(seed: UInt64) {
    let market = Fixtures.tinyMarket(seed: seed, applicants: 7, positions: 4, listLength: 3) { shape in
      shape.tieDensity = 0.6
      shape.groups = seed.isMultiple(of: 2) ? 2 : 0
      shape.groupCapacityShare = 0.6
      shape.groupPreferences = true
      shape.typeNames = ["u", "v"]
      shape.typeQuotaShare = seed.isMultiple(of: 3) ? 0.5 : 0
    }
    var generator = SplitMix64(seed: seed)
    let weights = (0..<market.pairCount).map { _ in Double(generator.next() % 5) / 4 }
    let (assignment, _) = DeferredAcceptance.assignment(market, preferring: weights)
    let evaluation = Evaluation(market, assignment)
    #expect(evaluation.isValid && evaluation.isStable, "\(evaluation.violations) \(evaluation.blockingPairs)")
  }
}
