import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

/// Tiny markets with ties on both sides, minimums on some seeds, no groups or type quotas.
/// Short lists over more positions than a list holds, so that weakly stable placements
/// of different sizes are common (with every position on every list, all have one size).
func tiedMarket(seed: UInt64) -> Market {
  Fixtures.tinyMarket(seed: seed, applicants: 7, positions: 5, listLength: 2) { shape in
    shape.capacity = 1...2
    shape.tieDensity = 0.5
    shape.positionPreferences = !seed.isMultiple(of: 5)
    shape.minimumShare = seed.isMultiple(of: 3) ? 0.4 : 0
  }
}

/// Tiny markets with every feature the stability rows model: ties, groups (ranking on two
/// seeds in three, crossing on one in four), type quotas, minimums, closable positions.
func stableFeatureShape(seed: UInt64, applicants: Int, scores: Bool) -> RandomMarket {
  Fixtures.everyFeatureShape(applicants: applicants, positions: 3, listLength: 2) { shape in
    shape.capacity = 1...2
    shape.groupPreferences = !seed.isMultiple(of: 3)
    shape.crossingGroups = seed.isMultiple(of: 4) ? 2 : 0
    shape.groupCapacityShare = 0.6
    shape.scoreShare = scores ? 0.5 : 0
  }
}

@Suite struct MaxStableProgramTests {
  /// The markets below are a test of the largest only if stable placements differ in
  /// size: in most of them they do.
  /// `branching=` reaches GLPK's options; without it the default rule stays.
  @Test func theBranchingOptionSetsGLPKsRule() throws {
    let registry = StrategyRegistry.all
    let entry = try #require(registry.entry(named: "max-stable"))
    for (words, rule) in [
      ([], GLPKOptions.Branching.driebeckTomlin), (["--branching", "hybrid-pseudocost"], .hybridPseudocost),
      (["--branching=most-fractional"], .mostFractional),
    ] {
      let strategy = entry.make(try registry.arguments(for: "max-stable", from: words))
      #expect((strategy as? MaxStableProgram)?.options.branching == rule, "\(words)")
    }
    #expect(throws: StrategyUsageError.self) {
      try registry.arguments(for: "max-stable", from: ["--branching", "strong"])
    }
  }

  @Test func tiedMarketsHaveStablePlacementsOfDifferentSizes() throws {
    let varied = (UInt64(1)...300).count { seed in
      let market = tiedMarket(seed: seed)
      return Set(BruteForce.stableAssignments(market).map { Evaluation(market, $0).matched }).count > 1
    }
    #expect(varied >= 150, "\(varied) of 300")
  }

  @Test(arguments: 1...500)
  func placesAsManyAsTheLargestWeaklyStablePlacement(seed: UInt64) async throws {
    let market = tiedMarket(seed: UInt64(seed))
    let stable = BruteForce.stableAssignments(market)
    let solution = try await MaxStableProgram().solve(market)
    guard let largest = stable.map({ Evaluation(market, $0).matched }).max() else {
      #expect(solution.status == .infeasible, "brute force finds no stable placement")
      return
    }
    #expect(solution.status == .optimal, "\(solution.notes)")
    let evaluation = Evaluation(market, solution.assignment)
    #expect(evaluation.isStable, "\(evaluation.violations) \(evaluation.blockingPairs)")
    #expect(evaluation.matched == largest)
    // Deferred acceptance with ties broken at random is stable but may place fewer.
    #expect(
      evaluation.matched
        >= Evaluation(
          market,
          try DeferredAcceptance(tieBreaking: .single).solve(market, control: SolveControl(seed: seed)).assignment
        ).matched)
  }

  /// One-to-one markets, where the stability rows take a shape of their own (from
  /// nothing, without the warm start, the root's rounding is often short).
  @Test(arguments: 1...300)
  func oneToOneMarketsPlaceAsManyAsTheLargest(seed: UInt64) async throws {
    let market = Fixtures.tinyMarket(seed: seed, applicants: 7, positions: 6, listLength: 3) { shape in
      shape.capacity = 1...1
      shape.tieDensity = 0.6
    }
    #expect(market.positionCapacity.allSatisfy { $0 == 1 })
    let largest = BruteForce.stableAssignments(market).map { Evaluation(market, $0).matched }.max()
    for strategy in [MaxStableProgram(), MaxStableProgram(preprocessing: false, warmStart: false)] {
      let solution = try await strategy.solve(market)
      #expect(solution.status == .optimal, "seed \(seed): \(solution.notes)")
      let evaluation = Evaluation(market, solution.assignment)
      #expect(evaluation.isValid && evaluation.isStable, "seed \(seed)")
      #expect(evaluation.matched == largest, "seed \(seed)")
    }
  }

  /// Every feature: ties, groups (ranking or not, crossing on some seeds), type quotas,
  /// minimums and closable positions; brute force is the reference.
  @Test(arguments: 1...1_000)
  func equalsBruteForceWithEveryFeature(seed: UInt64) async throws {
    let shape = stableFeatureShape(seed: seed, applicants: 6, scores: false)
    let market = Fixtures.market(shape.instance(seed: seed))
    let solution = try await MaxStableProgram().solve(market)
    let stable = BruteForce.stableAssignments(market)
    guard let largest = stable.map({ Evaluation(market, $0).matched }).max() else {
      #expect(solution.status == .infeasible, "brute force finds no stable placement; \(solution.notes)")
      return
    }
    #expect(solution.status == .optimal, "\(solution.notes)")
    let evaluation = Evaluation(market, solution.assignment)
    #expect(evaluation.isValid && evaluation.isStable, "\(evaluation.violations) \(evaluation.blockingPairs)")
    #expect(evaluation.matched == largest, "\(solution.notes)")
    // The ratio is not promised with crossing groups (a position in two groups), where
    // stable-approx may fall back to deferred acceptance; 3 of the 250 such markets miss it.
    let approximation = try StableApproximation().solve(market)
    if approximation.status != .infeasible, shape.crossingGroups == 0 {
      let approximate = Evaluation(market, approximation.assignment).matched
      #expect(approximate <= largest && 3 * approximate >= 2 * largest, "stable-approx \(approximate) of \(largest)")
    }
  }

  /// The same programme without preprocessing and without a starting placement.
  @Test(arguments: 1...150)
  func equalsBruteForceWithoutPreprocessingOrStart(seed: UInt64) async throws {
    let market = tiedMarket(seed: seed)
    let largest = BruteForce.stableAssignments(market).map { Evaluation(market, $0).matched }.max()
    let solution = try await MaxStableProgram(preprocessing: false, warmStart: false).solve(market)
    #expect(solution.objective.map { Int($0.rounded()) } == largest, "\(solution.status) \(solution.notes)")
  }
}
