import Foundation
import Placement
import PlacementTestSupport
import Testing

/// Seeds for property tests: each runs on its own random tiny market.
let propertySeeds = Array(UInt64(1)...1000)

/// Whether applicant `a` weakly prefers `p` (−1 = unassigned) to `q` in `market`.
func weaklyPrefers(_ market: Market, _ a: Int, _ p: Int32, _ q: Int32) -> Bool {
  guard p >= 0 else { return q < 0 }
  guard q >= 0 else { return true }
  return market.tier(ofApplicant: a, for: Int(p))! <= market.tier(ofApplicant: a, for: Int(q))!
}

@Suite struct DeferredAcceptanceTests {
  @Test func textbookExampleGivesTheApplicantOptimalMatching() throws {
    // Three applicants, three positions, cyclic preferences: the applicant-optimal and
    // position-optimal stable matchings differ.
    let instance = try Instance(
      json: Data(
        document(
          #"""
          "applicants":[{"id":"a","preferences":["x","y","z"]},{"id":"b","preferences":["y","z","x"]},
                        {"id":"c","preferences":["z","x","y"]}],
          "positions":[{"id":"x","capacity":1,"preferences":["b","c","a"]},
                       {"id":"y","capacity":1,"preferences":["c","a","b"]},
                       {"id":"z","capacity":1,"preferences":["a","b","c"]}]
          """#
        ).utf8))
    let market = try Market(compiling: instance)
    #expect(try DeferredAcceptance(proposing: .applicants).solve(market).assignment == [0, 1, 2])
    #expect(try DeferredAcceptance(proposing: .positions).solve(market).assignment == [2, 0, 1])
  }

  @Test(arguments: propertySeeds)
  func resultsAreValidAndStableOnStrictMarkets(seed: UInt64) throws {
    let market = Fixtures.tinyMarket(seed: seed, applicants: 8, positions: 4)
    for proposer in DeferredAcceptance.Proposer.allCases {
      let evaluation = Evaluation(market, try DeferredAcceptance(proposing: proposer).solve(market).assignment)
      #expect(evaluation.isStable, "seed \(seed), \(proposer): \(evaluation.violations) \(evaluation.blockingPairs)")
    }
  }

  @Test(arguments: propertySeeds)
  func applicantProposingIsApplicantOptimalAndPositionProposingIsPositionOptimal(seed: UInt64) throws {
    let market = Fixtures.tinyMarket(seed: seed, applicants: 5, positions: 3)
    let best = try DeferredAcceptance(proposing: .applicants).solve(market).assignment
    let worst = try DeferredAcceptance(proposing: .positions).solve(market).assignment
    let stable = BruteForce.stableAssignments(market)
    #expect(stable.contains(best))
    #expect(stable.contains(worst))
    for matching in stable {
      for a in 0..<market.applicantCount {
        #expect(weaklyPrefers(market, a, best[a], matching[a]), "seed \(seed): applicant \(a)")
        // Position-optimal is applicant-pessimal among stable matchings (responsive preferences).
        #expect(weaklyPrefers(market, a, matching[a], worst[a]), "seed \(seed): applicant \(a)")
      }
    }
  }

  @Test(arguments: propertySeeds)
  func tieBreakingGivesWeaklyStableResultsWithTypeQuotas(seed: UInt64) throws {
    let market = Fixtures.tinyMarket(seed: seed, applicants: 9, positions: 4, listLength: 3) {
      $0.tieDensity = 0.4
      $0.capacity = 1...3
      $0.typeNames = ["x", "y"]
      $0.typeQuotaShare = 0.6
      $0.positionPreferences = seed % 3 != 0
    }
    let rules = TieBreaking.allCases
    for rule in rules {
      for proposer in DeferredAcceptance.Proposer.allCases {
        let assignment = try DeferredAcceptance(proposing: proposer, tieBreaking: rule).solve(
          market, control: SolveControl(seed: seed)
        ).assignment
        let evaluation = Evaluation(market, assignment)
        #expect(
          evaluation.isStable,
          "seed \(seed), \(proposer), \(rule): \(evaluation.violations) \(evaluation.blockingPairs)")
      }
    }
  }

  @Test(arguments: propertySeeds)
  func hostsRankingAcrossTheirPostsGiveStableResults(seed: UInt64) throws {
    // Student–project allocation: groups rank applicants and their posts follow the ranking.
    let market = Fixtures.tinyMarket(seed: seed, applicants: 10, positions: 5, listLength: 3) {
      $0.tieDensity = seed % 2 == 0 ? 0.3 : 0
      $0.capacity = 1...3
      $0.groups = 2
      $0.groupCapacityShare = 0.6
      $0.groupPreferences = true
      $0.typeNames = ["x", "y"]
      $0.typeQuotaShare = 0.3
    }
    for rule in TieBreaking.allCases {
      let assignment = try DeferredAcceptance(proposing: .applicants, tieBreaking: rule).solve(
        market, control: SolveControl(seed: seed)
      ).assignment
      let evaluation = Evaluation(market, assignment)
      #expect(evaluation.isStable, "seed \(seed), \(rule): \(evaluation.violations) \(evaluation.blockingPairs)")
    }
  }

  @Test(arguments: Array(propertySeeds.prefix(100)))
  func groupsWithoutPreferencesNeverOverfill(seed: UInt64) throws {
    let market = Fixtures.tinyMarket(seed: seed, applicants: 10, positions: 5, listLength: 3) {
      $0.capacity = 1...3
      $0.groups = 2
      $0.groupCapacityShare = 0.5
    }
    for proposer in DeferredAcceptance.Proposer.allCases {
      let evaluation = Evaluation(market, try DeferredAcceptance(proposing: proposer).solve(market).assignment)
      #expect(evaluation.isValid, "seed \(seed): \(evaluation.violations)")
    }
  }

  @Test func aSeedGivesTheSameResultAndSeedsDiffer() throws {
    let market = Fixtures.tinyMarket(seed: 99, applicants: 300, positions: 20, listLength: 5) {
      $0.tieDensity = 0.6
      $0.positionPreferences = false
    }
    let first = try DeferredAcceptance(tieBreaking: .multiple).solve(market, control: SolveControl(seed: 1)).assignment
    #expect(
      try DeferredAcceptance(tieBreaking: .multiple).solve(market, control: SolveControl(seed: 1)).assignment == first)
    #expect(
      try DeferredAcceptance(tieBreaking: .multiple).solve(market, control: SolveControl(seed: 2)).assignment != first)
    #expect(
      try DeferredAcceptance(tieBreaking: .single).solve(market, control: SolveControl(seed: 1)).assignment != first)
  }

  @Test func strictMarketsGiveOneResultWhateverTheTieBreakingRule() throws {
    let market = Fixtures.tinyMarket(seed: 5, applicants: 500, positions: 30, listLength: 6)
    let listed = try DeferredAcceptance().solve(market).assignment
    #expect(
      try DeferredAcceptance(tieBreaking: .single).solve(market, control: SolveControl(seed: 3)).assignment == listed)
    #expect(
      try DeferredAcceptance(tieBreaking: .multiple).solve(market, control: SolveControl(seed: 4)).assignment == listed)
  }

  @Test func closablePositionsBelowTheirMinimumClose() throws {
    // "lab" needs 2 interns but only a wants it most; it closes and a goes to "fab".
    let instance = try Instance(
      json: Data(
        document(
          #"""
          "applicants":[{"id":"a","preferences":["lab","fab"]},{"id":"b","preferences":["fab","lab"]}],
          "positions":[{"id":"lab","capacity":2,"minimum":2,"closable":true},{"id":"fab","capacity":2}]
          """#
        ).utf8))
    let market = try Market(compiling: instance)
    let solution = try DeferredAcceptance().solve(market)
    #expect(solution.assignment == [1, 1])
    #expect(solution.status == .optimal)
    #expect(solution.notes.first == "closed \"lab\": 1 below its minimum 2")
    #expect(Evaluation(market, solution.assignment).isStable)
  }

  @Test func unmetMinimumsMakeTheResultInfeasible() throws {
    let instance = try Instance(
      json: Data(
        document(
          #"""
          "applicants":[{"id":"a","preferences":["lab","fab"]},{"id":"b","preferences":["fab","lab"]}],
          "positions":[{"id":"lab","capacity":2,"minimum":2},{"id":"fab","capacity":2}]
          """#
        ).utf8))
    let market = try Market(compiling: instance)
    let solution = try DeferredAcceptance().solve(market)
    #expect(solution.status == .infeasible)
    #expect(!Evaluation(market, solution.assignment).isValid)
  }
}
