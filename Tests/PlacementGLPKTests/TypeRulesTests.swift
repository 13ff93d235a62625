import Foundation
import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

/// Type rules (a group's type quota, type minimums, shares) on tiny markets with every
/// other feature: each strategy that honours them agrees with brute force over
/// ``Evaluation``, which is what defines them.
@Suite struct TypeRulesTests {
  /// ``MinimumsDiagnosisTests/instance(seed:)`` with one to three random type rules on
  /// positions or groups: capacities, minimums and shares, alone or together.
  static func instance(seed: UInt64) -> Instance {
    var instance = MinimumsDiagnosisTests.instance(seed: seed)
    var random = SplitMix64(seed: seed &* 104_729)
    let types = ["u", "v"]
    let rules = 1 + Int(random.next() % 3)
    var taken = Set(instance.typeQuotas.map { "\($0.position ?? ""):\($0.type)" })
    for _ in 0..<rules {
      let type = types[Int(random.next() % 2)]
      var rule = TypeQuota(type: type)
      if !instance.groups.isEmpty, random.next() % 2 == 0 {
        rule.group = instance.groups[Int(random.next() % UInt64(instance.groups.count))].id
      } else {
        rule.position = instance.positions[Int(random.next() % UInt64(instance.positions.count))].id
      }
      let key = "\(rule.position ?? "g:" + (rule.group ?? "")):\(type)"
      guard taken.insert(key).inserted else { continue }
      switch random.next() % 5 {
      case 0: rule.capacity = Int(random.next() % 2)
      case 1: rule.minimum = 1 + Int(random.next() % 2)
      case 2: rule.maximumShare = [0.5, 0.6667, 0.34][Int(random.next() % 3)]
      case 3: rule.minimumShare = [0.5, 0.3333, 0.25][Int(random.next() % 3)]
      default:
        rule.minimum = 1
        rule.maximumShare = 0.5
      }
      instance.typeQuotas.append(rule)
    }
    return instance
  }

  static func market(seed: UInt64) -> Market { Fixtures.market(instance(seed: seed)) }

  @Test(arguments: 1...400)
  func welfareIsTheBruteForceOptimum(seed: UInt64) async throws {
    let market = Self.market(seed: seed)
    let best = WelfareOracle.bestKey(market, .rankSum)
    let solution = try await WelfareProgram(objective: .rankSum).solve(market)
    guard let best else {
      #expect(solution.status == .infeasible, "seed \(seed)")
      return
    }
    let evaluation = Evaluation(market, solution.assignment)
    #expect(solution.status == .optimal && evaluation.isValid, "seed \(seed): \(evaluation.violations)")
    let key = WelfareOracle.key(evaluation, .rankSum, maximumRank: WelfareOracle.maximumRank(market))
    #expect(WelfareOracle.isEquivalent(key, best), "seed \(seed): \(key) against \(best)")
  }

  @Test(arguments: 1...400)
  func fewestBlockingIsTheBruteForceMinimum(seed: UInt64) async throws {
    let market = Self.market(seed: seed)
    let fewest = BruteForce.fewestBlockingPairs(market)
    let solution = try await FewestBlockingPairsProgram().solve(market)
    guard let fewest else {
      #expect(solution.status == .infeasible, "seed \(seed)")
      return
    }
    let evaluation = Evaluation(market, solution.assignment)
    #expect(solution.status == .optimal && evaluation.isValid, "seed \(seed): \(evaluation.violations)")
    #expect(evaluation.blockingPairCount == fewest, "seed \(seed)")
    #expect(solution.objective == Double(fewest), "seed \(seed)")
  }

  @Test(arguments: 1...400)
  func maxStablePlacesTheLargestStable(seed: UInt64) async throws {
    let market = Self.market(seed: seed)
    let largest = BruteForce.stableAssignments(market).map { $0.count { $0 >= 0 } }.max()
    let solution = try await MaxStableProgram().solve(market)
    guard let largest else {
      #expect(solution.status == .infeasible, "seed \(seed)")
      return
    }
    let evaluation = Evaluation(market, solution.assignment)
    #expect(solution.status == .optimal && evaluation.isStable, "seed \(seed): \(evaluation.violations)")
    #expect(evaluation.matched == largest, "seed \(seed): \(evaluation.matched) placed, \(largest) possible")
  }

  @Test(arguments: 1...400)
  func diagnosisFindsTheLeastShortfall(seed: UInt64) async throws {
    let market = Self.market(seed: seed)
    let least = MinimumsDiagnosisTests.bruteForceShortfall(market)
    let diagnosis = try await MinimumsDiagnosis.diagnose(market)
    #expect(diagnosis.totalShortfall == least, "seed \(seed)")
    #expect((diagnosis.verdict == .feasible) == (least == 0), "seed \(seed)")
    guard let placement = diagnosis.placement else { return }
    // The shortfalls named are the placement's own, and add up to the total.
    let named = diagnosis.shortfalls.reduce(0) { $0 + $1.minimum - $1.reached }
    #expect(named == least, "seed \(seed): \(diagnosis.shortfalls)")
    let evaluation = Evaluation(market, placement)
    #expect(evaluation.violations.allSatisfy { $0.contains("below its minimum") }, "seed \(seed)")
  }

  @Test(arguments: 1...400)
  func stabilizedWelfareKeepsEveryRule(seed: UInt64) async throws {
    let market = Self.market(seed: seed)
    let solution = try await StabilizedWelfare().solve(market)
    let feasible = BruteForce.assignments(market).contains { Evaluation(market, $0, blockingPairLimit: 0).isValid }
    #expect((solution.status == .infeasible) == !feasible, "seed \(seed)")
    guard feasible else { return }
    let evaluation = Evaluation(market, solution.assignment)
    #expect(evaluation.isValid, "seed \(seed): \(evaluation.violations)")
    #expect(solution.objective == Double(evaluation.blockingPairCount), "seed \(seed)")
  }

  /// The rules bind: on many of the markets above they change the welfare optimum, the
  /// fewest blocking pairs, or whether the market is feasible at all.
  @Test func theRulesChangeTheAnswers() {
    var changed = 0
    var infeasible = 0
    for seed in UInt64(1)...400 {
      let with = Self.market(seed: seed)
      let without = MinimumsDiagnosisTests.market(seed: seed)
      let fewest = BruteForce.fewestBlockingPairs(with)
      if fewest == nil && BruteForce.fewestBlockingPairs(without) != nil { infeasible += 1 }
      if fewest != BruteForce.fewestBlockingPairs(without)
        || WelfareOracle.bestKey(with, .rankSum) != WelfareOracle.bestKey(without, .rankSum)
      {
        changed += 1
      }
    }
    #expect(changed > 100 && infeasible > 50, "\(changed) changed, \(infeasible) made infeasible")
  }

  /// Strategies that cannot honour type rules refuse them through the registry.
  @Test func nativeStrategiesRefuseTypeRules() {
    let market = Self.market(seed: 1)
    for name in ["deferred-acceptance", "stable-approx", "extended-seats"] {
      let entry = StrategyRegistry.all.entry(named: name)!
      #expect(entry.refusals(of: market).contains { $0.contains("type quotas") }, "\(name)")
    }
    for name in ["welfare", "max-stable", "fewest-blocking", "stabilized-welfare"] {
      #expect(StrategyRegistry.all.entry(named: name)!.refusals(of: market).isEmpty, "\(name)")
    }
  }
}
