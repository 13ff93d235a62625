import Foundation
import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

/// Re-solving after changes: the native repair stays stable and moves only applicants in
/// blocking pairs; the fewest-changes programme keeps each guarantee and agrees with brute
/// force on the fewest changes.
@Suite struct ResolveTests {
  /// A tiny market, its deferred-acceptance placement, and the market after one or two
  /// applicants withdraw (by seed, sometimes a capacity cut or a newcomer as well).
  static func season(seed: UInt64, features: Bool = false) -> (before: Market, previous: [Int32], after: Market) {
    var shape = RandomMarket(applicants: 6, positions: 3, listLength: 2)
    shape.capacity = 1...2
    shape.correlation = 0.3
    if features {
      shape.tieDensity = 0.4
      shape.groups = 1
      shape.groupPreferences = true
    }
    let instance = shape.instance(seed: seed)
    let before = Fixtures.market(instance)
    let previous: [Int32]
    do {
      previous = try DeferredAcceptance().solve(before).assignment
    } catch {
      fatalError("\(error)")
    }
    var random = SplitMix64(seed: seed &* 7_919)
    var changes = SeasonChanges()
    for _ in 0..<(1 + Int(random.next() % 2)) {
      let id = instance.applicants[Int(random.next() % UInt64(instance.applicants.count))].id
      if !changes.withdrawn.contains(id) { changes.withdrawn.append(id) }
    }
    if random.next() % 3 == 0 {
      changes.added = [Applicant(id: "new", preferences: PreferenceList(strict: ["p1", "p0"]))]
    }
    if random.next() % 4 == 0 { changes.capacities = ["p0": 1] }
    do {
      return (before, previous, Fixtures.market(try instance.applying(changes)))
    } catch {
      fatalError("\(error)")
    }
  }

  /// `previous` (indices of `before`) as indices of `after`, by id.
  static func carried(_ previous: [Int32], from before: Market, to after: Market) -> [Int32] {
    after.applicantIDs.map { id in
      guard let a = before.applicantIDs.firstIndex(of: id), previous[a] >= 0,
        let p = after.positionIDs.firstIndex(of: before.positionIDs[Int(previous[a])])
      else { return -1 }
      return after.tier(ofApplicant: after.applicantIDs.firstIndex(of: id)!, for: p) == nil ? -1 : Int32(p)
    }
  }

  /// How many of `previous`'s placements `assignment` changes.
  static func changes(_ assignment: [Int32], from previous: [Int32]) -> Int {
    zip(assignment, previous).count { $0.1 >= 0 && $0.0 != $0.1 }
  }

  @Test(arguments: 1...300)
  func theRepairIsStableAndTheProgrammeChangesTheFewest(seed: UInt64) async throws {
    let features = seed % 2 == 0
    let (before, previous, after) = Self.season(seed: seed, features: features)
    let start = Self.carried(previous, from: before, to: after)
    let stable = BruteForce.stableAssignments(after)
    let fewest = stable.map { Self.changes($0, from: start) }.min()

    let repaired = try StableRepair().solve(after, from: start)
    let repairedStable = Evaluation(after, repaired.assignment).isStable
    #expect(repairedStable, "seed \(seed)")
    let repairedChanges = Self.changes(repaired.assignment, from: start)
    #expect(fewest.map { repairedChanges >= $0 } ?? false, "seed \(seed)")

    let programme = try await FewestChanges(.stable).solve(after, from: start)
    let programmeStable = Evaluation(after, programme.assignment).isStable
    #expect(programme.status == .optimal && programmeStable, "seed \(seed): \(programme.notes)")
    #expect(Self.changes(programme.assignment, from: start) == fewest, "seed \(seed)")
  }

  @Test(arguments: 1...200)
  func maxStableAndWelfareKeepTheirOptimaWithTheFewestChanges(seed: UInt64) async throws {
    let (before, previous, after) = Self.season(seed: seed, features: seed % 2 == 1)
    let start = Self.carried(previous, from: before, to: after)
    let valid = BruteForce.assignments(after).filter { Evaluation(after, $0, blockingPairLimit: 0).isValid }

    let stable = valid.filter { Evaluation(after, $0).isStable }
    let most = stable.map { Evaluation(after, $0).matched }.max() ?? 0
    let fewestMaxStable = stable.filter { Evaluation(after, $0).matched == most }.map {
      Self.changes($0, from: start)
    }.min()
    let maxStable = try await FewestChanges(.maxStable).solve(after, from: start)
    let maxStableEvaluation = Evaluation(after, maxStable.assignment)
    #expect(maxStable.status == .optimal && maxStableEvaluation.isStable, "seed \(seed)")
    #expect(maxStableEvaluation.matched == most, "seed \(seed)")
    #expect(Self.changes(maxStable.assignment, from: start) == fewestMaxStable, "seed \(seed)")

    let maximumRank = WelfareOracle.maximumRank(after)
    let best = WelfareOracle.bestKey(after, .rankSum)
    let optimal = valid.filter { assignment in
      guard let best else { return false }
      let key = WelfareOracle.key(
        Evaluation(after, assignment, blockingPairLimit: 0), .rankSum, maximumRank: maximumRank)
      return WelfareOracle.isEquivalent(key, best)
    }
    let fewestWelfare = optimal.map { Self.changes($0, from: start) }.min()
    let welfare = try await FewestChanges(.welfare(.rankSum)).solve(after, from: start)
    let key = WelfareOracle.key(Evaluation(after, welfare.assignment), .rankSum, maximumRank: maximumRank)
    #expect(best.map { WelfareOracle.isEquivalent(key, $0) } ?? false, "seed \(seed)")
    #expect(Self.changes(welfare.assignment, from: start) == fewestWelfare, "seed \(seed)")
  }

  /// The deferred-acceptance placement of `instance` as indices of the market after 5% of
  /// its applicants (drawn by seed 11) withdraw, and that market.
  static func withdrawal(from instance: Instance) throws -> (start: [Int32], after: Market) {
    let before = Fixtures.market(instance)
    let previous = try DeferredAcceptance().solve(before).assignment
    var random = SplitMix64(seed: 11)
    var withdrawn: [String] = []
    while withdrawn.count < instance.applicants.count / 20 {
      let id = instance.applicants[Int(random.next() % UInt64(instance.applicants.count))].id
      if !withdrawn.contains(id) { withdrawn.append(id) }
    }
    let after = Fixtures.market(try instance.applying(SeasonChanges(withdrawn: withdrawn)))
    return (carried(previous, from: before, to: after), after)
  }

  /// After 5% of the students of a market without ranking groups withdraw, the repair
  /// moves only students who gain, and the programme moves no more than it.
  @Test func aFivePercentWithdrawalMovesOnlyStudentsWhoGain() async throws {
    var shape = RandomMarket(applicants: 400, positions: 60, listLength: 6)
    shape.tieDensity = 0.2
    let (start, after) = try Self.withdrawal(from: shape.instance(seed: 3))

    let repaired = try StableRepair().solve(after, from: start)
    #expect(Evaluation(after, repaired.assignment).isStable)
    var moved = 0
    for a in 0..<after.applicantCount where repaired.assignment[a] != start[a] {
      moved += 1
      let was = start[a] < 0 ? Int.max : after.tier(ofApplicant: a, for: Int(start[a]))!
      let now = repaired.assignment[a] < 0 ? Int.max : after.tier(ofApplicant: a, for: Int(repaired.assignment[a]))!
      #expect(now < was, "\(after.applicantIDs[a]) moved from tier \(was) to \(now)")
    }
    #expect(moved > 0)
    let programme = try await FewestChanges(.stable).solve(after, from: start)
    #expect(programme.status == .optimal && Evaluation(after, programme.assignment).isStable)
    #expect(Self.changes(programme.assignment, from: start) <= Self.changes(repaired.assignment, from: start))
  }

  /// On an internship season (ranking groups, type quotas, ties), after 5% withdraw, the
  /// repair and the programme stay valid and stable, and the programme changes no more of
  /// the earlier placements than the repair.
  @Test func aSeasonWithdrawalStaysStableWithTheFewestChanges() async throws {
    var season = RandomMarket.internshipSeason()
    season.applicants = 80
    season.positions = 12
    season.groups = 3
    let (start, after) = try Self.withdrawal(from: season.instance(seed: 3))

    let repaired = try StableRepair().solve(after, from: start)
    let repairedEvaluation = Evaluation(after, repaired.assignment)
    #expect(repairedEvaluation.isValid && repairedEvaluation.isStable)
    let programme = try await FewestChanges(.stable).solve(after, from: start)
    let programmeEvaluation = Evaluation(after, programme.assignment)
    #expect(programme.status == .optimal && programmeEvaluation.isValid && programmeEvaluation.isStable)
    let fewest = Self.changes(programme.assignment, from: start)
    #expect(fewest <= Self.changes(repaired.assignment, from: start))
  }
}
