import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

/// Random tiny markets with every feature, sometimes crossing groups and group minimums.
func welfareMarket(seed: UInt64) -> Market {
  let shape = Fixtures.everyFeatureShape(applicants: 5, positions: 3, listLength: 3) { shape in
    shape.capacity = 1...2
    shape.groupCapacityShare = 0.7
    shape.crossingGroups = seed.isMultiple(of: 3) ? 2 : 0
    shape.groupMinimumShare = seed.isMultiple(of: 4) ? 0.5 : 0
    shape.scoreShare = 0.6
  }
  return Fixtures.market(shape.instance(seed: seed))
}

/// Random tiny network-shaped markets: no closable minimums, and on some seeds a group over
/// every position that nests the others (so groups form chains).
func networkMarket(seed: UInt64, applicants: Int = 5, positions: Int = 3, listLength: Int = 3) -> Market {
  let shape = Fixtures.everyFeatureShape(applicants: applicants, positions: positions, listLength: listLength) {
    shape in
    shape.capacity = 1...2
    shape.closableShare = 0
    shape.groupCapacityShare = 0.7
    shape.groupMinimumShare = seed.isMultiple(of: 4) ? 0.5 : 0
    shape.scoreShare = 0.6
  }
  var instance = shape.instance(seed: seed)
  if seed.isMultiple(of: 2) {
    let seats = instance.positions.reduce(0) { $0 + $1.capacity }
    instance.groups.append(Group(id: "all", capacity: max(1, seats * 2 / 3), minimum: seed.isMultiple(of: 6) ? 1 : 0))
    for p in instance.positions.indices { instance.positions[p].groups.append("all") }
  }
  return Fixtures.market(instance)
}

@Suite struct WelfareProgramTests {
  static let seeds: [UInt64] = Array(1...400)

  /// Solves with `program` and checks the result against the brute-force optimum.
  func expectOptimal(_ market: Market, _ objective: WelfareObjective, _ method: WelfareProgram.Method) async throws {
    let solution = try await WelfareProgram(objective: objective, method: method).solve(market)
    guard let best = WelfareOracle.bestKey(market, objective) else {
      #expect(solution.status == .infeasible, "\(objective) \(method): brute force finds no valid placement")
      return
    }
    #expect(solution.status == .optimal, "\(objective) \(method): \(solution.notes)")
    let evaluation = Evaluation(market, solution.assignment)
    #expect(evaluation.isValid, "\(objective) \(method): \(evaluation.violations)")
    let key = WelfareOracle.key(evaluation, objective, maximumRank: WelfareOracle.maximumRank(market))
    #expect(WelfareOracle.isEquivalent(key, best), "\(objective) \(method): got \(key), brute force \(best)")
  }

  @Test(arguments: seeds)
  func glpkMatchesBruteForceOnEveryObjective(seed: UInt64) async throws {
    let market = welfareMarket(seed: seed)
    for objective in WelfareObjective.allCases { try await expectOptimal(market, objective, .glpk) }
  }

  /// Markets that are not networks: the automatic method tries the network relaxation
  /// first and keeps its optimum only when it meets every constraint.
  @Test(arguments: seeds)
  func automaticMatchesBruteForceOnEveryObjective(seed: UInt64) async throws {
    let market = welfareMarket(seed: seed)
    for objective in WelfareObjective.allCases { try await expectOptimal(market, objective, .automatic) }
  }

  @Test(arguments: seeds)
  func minCostFlowMatchesBruteForceOnEveryObjective(seed: UInt64) async throws {
    let market = networkMarket(seed: seed)
    #expect(market.welfareNetworkObstacles.isEmpty)
    for objective in WelfareObjective.allCases { try await expectOptimal(market, objective, .minCostFlow) }
  }

  /// Markets whose only quotas are capacities take the auction's warm start.
  @Test(arguments: seeds)
  func auctionStartedFlowMatchesBruteForce(seed: UInt64) async throws {
    let market = Fixtures.tinyMarket(seed: seed, applicants: 6, positions: 3, listLength: 3) { shape in
      shape.tieDensity = 0.3
      shape.scoreShare = seed.isMultiple(of: 2) ? 0.7 : 0
    }
    for objective in [WelfareObjective.rankSum, market.hasScores ? .scores : .generous] {
      try await expectOptimal(market, objective, .minCostFlow)
    }
  }

  @Test(arguments: 1...30)
  func auctionStartedFlowAgreesWithGLPKOnLargerMarkets(seed: Int) async throws {
    let market = Fixtures.tinyMarket(seed: UInt64(seed), applicants: 150, positions: 20, listLength: 5) { shape in
      shape.capacity = 1...9
      shape.tieDensity = 0.2
      shape.scoreShare = 0.8
    }
    for objective in [WelfareObjective.rankSum, .scores] {
      let flow = try await WelfareProgram(objective: objective, method: .minCostFlow).solve(market)
      let glpk = try await WelfareProgram(objective: objective, method: .glpk).solve(market)
      #expect(flow.status == .optimal && glpk.status == .optimal)
      let maximumRank = WelfareOracle.maximumRank(market)
      #expect(
        WelfareOracle.isEquivalent(
          WelfareOracle.key(Evaluation(market, flow.assignment), objective, maximumRank: maximumRank),
          WelfareOracle.key(Evaluation(market, glpk.assignment), objective, maximumRank: maximumRank)),
        "\(objective)")
    }
  }

  @Test(arguments: 1...60)
  func flowAndGLPKAgreeOnLargerNetworks(seed: Int) async throws {
    let market = networkMarket(seed: UInt64(seed), applicants: 60, positions: 12, listLength: 4)
    let maximumRank = WelfareOracle.maximumRank(market)
    for objective in WelfareObjective.allCases {
      let flow = try await WelfareProgram(objective: objective, method: .minCostFlow).solve(market)
      let glpk = try await WelfareProgram(objective: objective, method: .glpk).solve(market)
      #expect(flow.status == glpk.status, "\(objective): \(flow.notes) vs \(glpk.notes)")
      guard flow.status == .optimal else { continue }
      #expect(flow.method == "min-cost-flow" && glpk.method == "glpk")
      let flowEvaluation = Evaluation(market, flow.assignment)
      let glpkEvaluation = Evaluation(market, glpk.assignment)
      #expect(flowEvaluation.isValid && glpkEvaluation.isValid)
      #expect(
        WelfareOracle.isEquivalent(
          WelfareOracle.key(flowEvaluation, objective, maximumRank: maximumRank),
          WelfareOracle.key(glpkEvaluation, objective, maximumRank: maximumRank)), "\(objective)")
    }
  }

  /// A chain: applicant a_i ranks p_i first and p_(i+1) second, and b lists only p_0. Placing
  /// b moves every a_i one rank down: an augmenting path of cost k + 1, beyond the flow's
  /// first unplaced cost 2R + 1 = 5, so the flow must raise it to stay lexicographic.
  @Test(arguments: [3, 10, 40])
  func longAugmentingChainsStillPlaceTheMost(length k: Int) async throws {
    var applicants = (0..<k).map { i in
      Applicant(id: "a\(i)", preferences: PreferenceList(strict: ["p\(i)", "p\(i + 1)"]))
    }
    applicants.append(Applicant(id: "b", preferences: PreferenceList(strict: ["p0"])))
    let positions = (0...k).map { Position(id: "p\($0)", capacity: 1) }
    let market = Fixtures.market(Instance(applicants: applicants, positions: positions))
    for method in [WelfareProgram.Method.minCostFlow, .glpk] {
      let solution = try await WelfareProgram(objective: .rankSum, method: method).solve(market)
      let evaluation = Evaluation(market, solution.assignment)
      #expect(evaluation.matched == k + 1, "\(method)")
      #expect(evaluation.rankSum == 1 + 2 * k, "\(method)")
      if method == .minCostFlow && k + 1 > 5 {
        #expect(solution.notes.contains { $0.hasPrefix("unplaced cost raised") }, "\(solution.notes)")
      }
    }
  }

  /// A search stopped at once still reports a valid bound, from the network relaxation.
  @Test(arguments: seeds.prefix(150))
  func boundsOfStoppedSearchesHold(seed: UInt64) async throws {
    let market = welfareMarket(seed: seed)
    let solution = try await WelfareProgram(
      objective: .rankSum, method: .glpk
    ).solve(market, control: SolveControl(timeLimit: .nanoseconds(1)))
    guard let best = WelfareOracle.bestKey(market, .rankSum) else { return }
    // The first level stopped: its bound is on the number placed.
    guard solution.status == .feasible || solution.status == .timeLimit else { return }
    let bound = try #require(solution.bound, "\(solution.notes)")
    #expect(bound >= -best[0], "bound \(bound) below the optimum \(-best[0])")
    if let objective = solution.objective { #expect(objective <= bound) }
  }

  @Test func theScoresObjectiveNeedsScores() async {
    let market = Fixtures.tinyMarket(seed: 1)
    await #expect(throws: WelfareError.noScores) { try await WelfareProgram(objective: .scores).solve(market) }
  }

  @Test func crossingGroupsAreNotANetwork() async throws {
    let market = Fixtures.market(
      Fixtures.everyFeatureShape(applicants: 6, positions: 4, listLength: 2) { shape in
        shape.crossingGroups = 2
        shape.closableShare = 0
      }.instance(seed: 3))
    #expect(market.welfareNetworkObstacles.contains { $0.contains("cross") })
    await #expect(throws: WelfareError.self) {
      try await WelfareProgram(method: .minCostFlow).solve(market)
    }
  }
}
