import Foundation
import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

/// Locked and forbidden pairs on tiny random markets with every feature: every strategy
/// in the registry keeps each lock and never uses a forbidden pair, checked by
/// ``Evaluation``; the optimising strategies agree with brute force over the assignments
/// that keep the locks.
@Suite struct OverridesTests {
  /// A tiny market with one or two locked applicants (each at a random position it and the
  /// position accept) and one or two forbidden pairs; `features` adds ties, groups that
  /// rank, types with quotas and scores, or leaves the market plain.
  static func instance(seed: UInt64, features: Bool) -> Instance {
    var shape = RandomMarket(applicants: 6, positions: 3, listLength: 2)
    shape.capacity = 1...2
    shape.correlation = 0.3
    if features {
      shape = Fixtures.everyFeatureShape(applicants: 6, positions: 3, listLength: 2) {
        $0.minimumShare = 0.2
        $0.closableShare = 0.3
      }
    }
    var instance = shape.instance(seed: seed)
    let compiled = Fixtures.market(instance)
    var random = SplitMix64(seed: seed &* 31_337)
    var pairs: [MarketPair] = []
    for a in 0..<compiled.applicantCount {
      for p in compiled.acceptablePositions(of: a) { pairs.append(MarketPair(applicant: a, position: p)) }
    }
    guard !pairs.isEmpty else { return instance }
    var lockedApplicants = Set<Int>()
    for _ in 0..<(1 + Int(random.next() % 2)) {
      let pair = pairs[Int(random.next() % UInt64(pairs.count))]
      guard lockedApplicants.insert(pair.applicant).inserted else { continue }
      instance.locked.append(
        PairOverride(applicant: compiled.applicantIDs[pair.applicant], position: compiled.positionIDs[pair.position]))
    }
    for _ in 0..<(1 + Int(random.next() % 2)) {
      let pair = pairs[Int(random.next() % UInt64(pairs.count))]
      let override = PairOverride(
        applicant: compiled.applicantIDs[pair.applicant], position: compiled.positionIDs[pair.position])
      guard !instance.locked.contains(override), !instance.forbidden.contains(override) else { continue }
      instance.forbidden.append(override)
    }
    return instance
  }

  /// Whether `assignment` keeps every lock of `instance` and uses no forbidden pair, by id.
  static func honours(_ assignment: [Int32], _ market: Market, _ instance: Instance) -> Bool {
    let position = { (a: String) -> String? in
      guard let index = market.applicantIDs.firstIndex(of: a), assignment[index] >= 0 else { return nil }
      return market.positionIDs[Int(assignment[index])]
    }
    return instance.locked.allSatisfy { position($0.applicant) == $0.position }
      && instance.forbidden.allSatisfy { position($0.applicant) != $0.position }
  }

  @Test(arguments: 1...150)
  func everyStrategyKeepsLocksAndAvoidsForbiddenPairs(seed: UInt64) async throws {
    for features in [false, true] {
      let instance = Self.instance(seed: seed, features: features)
      let market = Fixtures.market(instance)
      let conflicts = market.lockConflicts
      for entry in StrategyRegistry.all.entries where entry.refusals(of: market).isEmpty {
        let arguments = try StrategyRegistry.all.arguments(for: entry.name, from: [])
        let solution = try await entry.make(arguments).solve(market, control: SolveControl())
        let evaluation = Evaluation(market, solution.assignment)
        let label = "seed \(seed) features \(features) \(entry.name)"
        if !conflicts.isEmpty {
          #expect(solution.status == .infeasible, "\(label): \(conflicts)")
          continue
        }
        guard solution.status == .optimal || solution.status == .feasible else { continue }
        let valid = evaluation.isValid
        let honoured = Self.honours(solution.assignment, market, instance)
        #expect(valid, "\(label): \(evaluation.violations)")
        #expect(honoured, "\(label): \(solution.assignment)")
      }
    }
  }

  @Test(arguments: 1...150)
  func optimaAgreeWithBruteForceOverLockedAssignments(seed: UInt64) async throws {
    let instance = Self.instance(seed: seed, features: seed % 2 == 0)
    let market = Fixtures.market(instance)
    let valid = BruteForce.assignments(market).filter { Evaluation(market, $0).isValid }
    let allHonour = valid.allSatisfy { Self.honours($0, market, instance) }
    #expect(allHonour, "seed \(seed)")

    let welfare = try await WelfareProgram(objective: .rankSum).solve(market)
    if let best = WelfareOracle.bestKey(market, .rankSum) {
      let key = WelfareOracle.key(
        Evaluation(market, welfare.assignment), .rankSum, maximumRank: WelfareOracle.maximumRank(market))
      #expect(welfare.status == .optimal && WelfareOracle.isEquivalent(key, best), "seed \(seed): \(key) vs \(best)")
    } else {
      #expect(welfare.status == .infeasible, "seed \(seed)")
    }

    let stable = valid.filter { Evaluation(market, $0).blockingPairCount == 0 }
    let maxStable = try await MaxStableProgram().solve(market)
    if let most = stable.map({ $0.filter { $0 >= 0 }.count }).max() {
      #expect(maxStable.status == .optimal, "seed \(seed): \(maxStable.notes)")
      #expect(Evaluation(market, maxStable.assignment).matched == most, "seed \(seed)")
    } else {
      #expect(maxStable.status != .optimal, "seed \(seed)")
    }
  }

  /// Stability with locks is the stability of the rest of the market: an assignment is
  /// stable exactly when it keeps every lock and, without the locked pairs, is stable in
  /// the market whose quotas gave the locked seats up.
  @Test(arguments: 1...200)
  func lockedStabilityIsTheRestOfTheMarketsStability(seed: UInt64) {
    var instance = Self.instance(seed: seed, features: false)
    instance.forbidden = []
    let market = Fixtures.market(instance)
    guard market.lockConflicts.isEmpty else { return }
    let released = market.releasingLocks()
    for assignment in BruteForce.assignments(market) {
      let keeps = market.lockedPairs.allSatisfy { assignment[$0.applicant] == Int32($0.position) }
      var rest = assignment
      for pair in market.lockedPairs { rest[pair.applicant] = -1 }
      let restStable = Evaluation(released, rest).isStable
      let stable = Evaluation(market, assignment).isStable
      #expect(stable == (keeps && restStable), "seed \(seed): \(assignment)")
    }
  }
}
