import Placement
import PlacementTestSupport
import Testing

@Suite struct ExtendedSeatsTests {
  /// A tiny market with minimums: `complete` makes every applicant list every position
  /// (in a random order) and every position rank every applicant, with the minimums
  /// summing to at most the applicants and the applicants at most the seats.
  static func instance(seed: UInt64, complete: Bool) -> Instance {
    var random = SplitMix64(seed: seed)
    func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    let applicantCount = 3 + below(3)
    let positionCount = 2 + below(2)
    var ids = (0..<positionCount).map { "p\($0)" }
    let applicants = (0..<applicantCount).map { a -> Applicant in
      ids.shuffle(using: &random)
      let length = complete ? positionCount : below(positionCount + 1)
      return Applicant(id: "a\(a)", preferences: PreferenceList(strict: Array(ids.prefix(length))))
    }
    var capacities = (0..<positionCount).map { _ in 1 + below(3) }
    while capacities.reduce(0, +) < applicantCount { capacities[below(positionCount)] += 1 }
    var minimumsLeft = applicantCount
    let positions = (0..<positionCount).map { p -> Position in
      var names = (0..<applicantCount).map { "a\($0)" }
      names.shuffle(using: &random)
      let minimum = min(below(capacities[p] + 1), minimumsLeft)
      minimumsLeft -= minimum
      return Position(
        id: "p\(p)", capacity: capacities[p], minimum: minimum, closable: !complete && below(4) == 0,
        preferences: PreferenceList(strict: names))
    }
    return Instance(name: "esda-\(seed)", applicants: applicants, positions: positions)
  }

  /// The paper's guarantee: with complete lists, Σ minimums ≤ applicants ≤ seats, every
  /// minimum is met and every applicant placed.
  @Test(arguments: 1...2000)
  func completeListsMeetEveryMinimumAndPlaceEveryone(seed: UInt64) throws {
    let market = Fixtures.market(Self.instance(seed: seed, complete: true))
    let solution = try ExtendedSeatDeferredAcceptance().solve(market)
    let evaluation = Evaluation(market, solution.assignment)
    #expect(solution.status == .feasible, "seed \(seed): \(solution.notes)")
    #expect(evaluation.isValid, "seed \(seed): \(evaluation.violations)")
    #expect(evaluation.matched == market.applicantCount, "seed \(seed)")
  }

  /// Strategyproof for applicants: no applicant gets a position it prefers by listing any
  /// other ordered subset of positions, on markets with incomplete lists and closable
  /// positions too.
  @Test(arguments: 1...600)
  func noApplicantGainsByMisreporting(seed: UInt64) throws {
    let instance = Self.instance(seed: seed, complete: seed % 2 == 0)
    let truthful = try ExtendedSeatDeferredAcceptance().solve(Fixtures.market(instance)).assignment
    let ids = instance.positions.map(\.id)
    for a in instance.applicants.indices {
      let truth = instance.applicants[a].preferences.tiers.flatMap { $0 }
      let got = truthful[a] < 0 ? nil : ids[Int(truthful[a])]
      let gotRank = got.flatMap { truth.firstIndex(of: $0) } ?? truth.count
      for report in Self.orderedSubsets(of: ids) {
        var lying = instance
        lying.applicants[a].preferences = PreferenceList(strict: report)
        let outcome = try ExtendedSeatDeferredAcceptance().solve(Fixtures.market(lying)).assignment[a]
        let rank = outcome < 0 ? truth.count : (truth.firstIndex(of: ids[Int(outcome)]) ?? truth.count)
        #expect(rank >= gotRank, "seed \(seed): a\(a) lists \(report) and gets rank \(rank) over \(gotRank)")
      }
    }
  }

  /// Every ordered subset of `ids`.
  static func orderedSubsets(of ids: [String]) -> [[String]] {
    var result: [[String]] = [[]]
    func extend(_ prefix: [String]) {
      for id in ids where !prefix.contains(id) {
        result.append(prefix + [id])
        extend(prefix + [id])
      }
    }
    extend([])
    return result
  }

  /// Whatever the market, the placement keeps every quota but possibly minimums, and the
  /// status says whether it meets those.
  @Test(arguments: 1...1000)
  func quotasAlwaysHoldAndTheStatusTellsMinimums(seed: UInt64) throws {
    let market = Fixtures.market(
      Fixtures.everyFeatureShape(applicants: 8, positions: 4, listLength: 3) { $0.groups = 2 }.instance(seed: seed))
    let solution = try ExtendedSeatDeferredAcceptance().solve(market)
    let violations = Evaluation(market, solution.assignment).violations
    #expect(violations.allSatisfy { $0.contains("below its minimum") }, "seed \(seed): \(violations)")
    #expect((solution.status == .feasible) == violations.isEmpty, "seed \(seed): \(solution.notes)")
  }
}
