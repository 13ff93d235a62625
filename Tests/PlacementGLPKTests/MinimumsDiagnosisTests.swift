import Foundation
import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

@Suite struct MinimumsDiagnosisTests {
  /// A tiny market with every feature, whose minimums are then raised at random (up to
  /// capacity), so that about half the markets cannot meet them.
  static func market(seed: UInt64) -> Market { Fixtures.market(instance(seed: seed)) }

  /// The instance of ``market(seed:)``.
  static func instance(seed: UInt64) -> Instance {
    var instance = Fixtures.everyFeatureShape(applicants: 6, positions: 3, listLength: 2) {
      $0.groups = 2
      $0.crossingGroups = seed % 3 == 0 ? 1 : 0
      $0.groupMinimumShare = 0.5
    }.instance(seed: seed)
    var random = SplitMix64(seed: seed &* 7919)
    for p in instance.positions.indices where random.next() % 3 != 0 {
      instance.positions[p].minimum = Int(random.next() % UInt64(instance.positions[p].capacity + 1))
    }
    for g in instance.groups.indices where random.next() % 2 == 0 {
      instance.groups[g].minimum = Int(random.next() % UInt64(instance.groups[g].capacity + 1))
    }
    return instance
  }

  /// The least total shortfall over every assignment that meets every constraint but the
  /// minimums of non-closable positions, groups and type rules (a closable position still
  /// takes none or at least its minimum), each type rule short by the applicants of its
  /// type it lacks.
  static func bruteForceShortfall(_ market: Market) -> Int {
    var best = Int.max
    for assignment in BruteForce.assignments(market) {
      let evaluation = Evaluation(market, assignment)
      let others = evaluation.violations.filter { !$0.contains("below its minimum") }
      let closableOK = (0..<market.positionCount).allSatisfy { p in
        !market.positionClosable[p] || evaluation.positionFill[p] == 0
          || evaluation.positionFill[p] >= Int(market.positionMinimum[p])
      }
      guard others.isEmpty, closableOK else { continue }
      var short = 0
      for p in 0..<market.positionCount where !market.positionClosable[p] {
        short += max(0, Int(market.positionMinimum[p]) - evaluation.positionFill[p])
      }
      for g in 0..<market.groupCount { short += max(0, Int(market.groupMinimum[g]) - evaluation.groupFill[g]) }
      short += market.typeRuleShortfalls(in: assignment).reduce(0) { $0 + $1.minimum - $1.reached }
      best = min(best, short)
    }
    return best
  }

  /// Every certificate's arithmetic, re-derived from the market: the named minimums sum
  /// to `need`, and what reaches them counts to `available`, below it.
  static func rederive(_ certificate: MinimumsCertificate, in market: Market) -> Bool {
    let positions = certificate.names.compactMap { market.positionIDs.firstIndex(of: $0) }
    let groups = certificate.names.compactMap { market.groupIDs.firstIndex(of: $0) }
    guard certificate.available < certificate.need, positions.count + groups.count == certificate.names.count else {
      return false
    }
    var members = Set(positions)
    for g in groups { members.formUnion(market.positions(ofGroup: g).map { Int($0) }) }
    let acceptors = Set(
      members.flatMap { p in
        (0..<market.applicantCount).filter { market.acceptablePositions(of: $0).contains(p) }
      })
    switch certificate.limit {
    case .applicants:
      // `need` is at least the named minimums, and no placement that meets every minimum
      // under the named positions and groups places fewer there.
      let own =
        positions.reduce(0) { $0 + (market.positionClosable[$1] ? 0 : Int(market.positionMinimum[$1])) }
        + groups.reduce(0) { $0 + Int(market.groupMinimum[$1]) }
      let under = (0..<market.groupCount).filter {
        Set(market.positions(ofGroup: $0).map { Int($0) }).isSubset(of: members)
      }
      let fewest = BruteForce.assignments(market).compactMap { assignment -> Int? in
        var fill = [Int](repeating: 0, count: market.positionCount)
        for p in assignment where p >= 0 { fill[Int(p)] += 1 }
        let met =
          members.allSatisfy { market.positionClosable[$0] || fill[$0] >= Int(market.positionMinimum[$0]) }
          && under.allSatisfy { g in
            market.positions(ofGroup: g).reduce(0) { $0 + fill[Int($1)] } >= Int(market.groupMinimum[g])
          }
        return met ? members.reduce(0) { $0 + fill[$1] } : nil
      }.min()
      return own <= certificate.need && certificate.need <= (fewest ?? Int.max)
        && acceptors.count == certificate.available
    case .applicantsWithinTypeQuotas:
      return positions.count == 1 && Int(market.positionMinimum[positions[0]]) == certificate.need
        && certificate.available < acceptors.count
    case .seats:
      let seats = members.reduce(0) { total, p in
        total
          + min(
            market.capacity(of: p), (0..<market.applicantCount).count { market.acceptablePositions(of: $0).contains(p) }
          )
      }
      return groups.count == 1 && Int(market.groupMinimum[groups[0]]) == certificate.need
        && seats == certificate.available
    case .placeableAtOnce:
      // The named roots need at least their own minimums, and no assignment is valid.
      let own =
        positions.reduce(0) { $0 + (market.positionClosable[$1] ? 0 : Int(market.positionMinimum[$1])) }
        + groups.reduce(0) { $0 + Int(market.groupMinimum[$1]) }
      return own <= certificate.need
        && !BruteForce.assignments(market).contains { Evaluation(market, $0, blockingPairLimit: 0).isValid }
    case .groupCapacity:
      let need = members.reduce(0) { $0 + (market.positionClosable[$1] ? 0 : Int(market.positionMinimum[$1])) }
      return groups.count == 1 && need == certificate.need
        && Int(market.groupCapacity[groups[0]]) == certificate.available
    }
  }

  @Test(arguments: 1...2000)
  func theVerdictAndTheShortfallAgreeWithBruteForce(seed: UInt64) async throws {
    let market = Self.market(seed: seed)
    let diagnosis = try await MinimumsDiagnosis.diagnose(market)
    let least = Self.bruteForceShortfall(market)
    #expect(diagnosis.verdict == (least == 0 ? .feasible : .infeasible), "seed \(seed)")
    #expect(diagnosis.totalShortfall == least, "seed \(seed)")
    #expect(diagnosis.shortfalls.reduce(0) { $0 + $1.minimum - $1.reached } == least, "seed \(seed)")
    for certificate in diagnosis.certificates {
      #expect(Self.rederive(certificate, in: market), "seed \(seed): \(certificate)")
    }
    if least == 0 {
      #expect(diagnosis.certificates.isEmpty)
      #expect(Evaluation(market, diagnosis.placement ?? []).isValid, "seed \(seed)")
    } else if let placement = diagnosis.placement {
      // The closest placement breaks only minimums.
      let others = Evaluation(market, placement).violations.filter { !$0.contains("below its minimum") }
      #expect(others.isEmpty, "seed \(seed): \(others)")
    }
  }

  /// The random markets above are not all of one kind: many cannot meet their minimums,
  /// and some of those have no certificate, so only the programme decides them.
  @Test func theTinyMarketsCoverEveryCase() {
    var infeasible = 0
    var withoutCertificate = 0
    for seed in UInt64(1)...2000 {
      let market = Self.market(seed: seed)
      guard Self.bruteForceShortfall(market) > 0 else { continue }
      infeasible += 1
      if market.minimumsCertificates.isEmpty { withoutCertificate += 1 }
    }
    #expect(
      infeasible > 300 && infeasible < 1700,
      "\(infeasible) of 2000 infeasible, \(withoutCertificate) without a certificate")
    #expect(withoutCertificate > 30, "\(withoutCertificate) infeasible without a certificate")
  }

  /// Without capacities, type quotas, closable positions or crossing groups in the way,
  /// a Hall violator exists exactly when the minimums cannot all be met, and the flow's
  /// minimum cut finds one.
  @Test(arguments: 1...2000)
  func theMinimumCutNamesAViolatorWheneverOneExists(seed: UInt64) {
    var instance = Self.instance(seed: seed)
    instance.typeQuotas = []
    for p in instance.positions.indices {
      instance.positions[p].capacity = instance.applicants.count
      instance.positions[p].closable = false
    }
    for g in instance.groups.indices {
      instance.groups[g].capacity = max(instance.groups[g].minimum, instance.applicants.count)
      // A group without positions is short by counts alone, not by Hall's condition.
      if !instance.positions.contains(where: { $0.groups.contains(instance.groups[g].id) }) {
        instance.groups[g].minimum = 0
      }
    }
    let market = Fixtures.market(instance)
    guard market.welfareNetworkObstacles.isEmpty else { return }
    let infeasible = Self.bruteForceShortfall(market) > 0
    let certificate = market.hallCertificate
    #expect((certificate != nil) == infeasible, "seed \(seed): \(certificate?.description ?? "none")")
    if let certificate {
      #expect(Self.rederive(certificate, in: market), "seed \(seed): \(certificate)")
    }
  }

  /// Counts alone prove infeasibility whenever they show it, and never on a feasible market.
  @Test(arguments: 1...2000)
  func certificatesAppearOnlyOnInfeasibleMarkets(seed: UInt64) {
    let market = Self.market(seed: seed)
    let certificates = market.minimumsCertificates
    if !certificates.isEmpty { #expect(Self.bruteForceShortfall(market) > 0, "seed \(seed)") }
    for certificate in certificates { #expect(Self.rederive(certificate, in: market), "seed \(seed): \(certificate)") }
  }

  /// Whatever the minimums, no strategy of the registry calls an invalid placement
  /// `optimal` or `feasible`: minimums that cannot be met end in `infeasible`.
  @Test(arguments: 1...300)
  func noStrategyPassesOffAPlacementThatMissesAMinimum(seed: UInt64) async throws {
    let market = Self.market(seed: seed)
    let registry = StrategyRegistry.all
    for entry in registry.entries where entry.refusals(of: market).isEmpty {
      let solution = try await entry.make(registry.arguments(for: entry.name, from: [])).solve(
        market, control: SolveControl())
      guard solution.status == .optimal || solution.status == .feasible else { continue }
      let evaluation = Evaluation(market, solution.assignment)
      #expect(evaluation.isValid, "seed \(seed), \(entry.name): \(evaluation.violations)")
    }
  }
}
