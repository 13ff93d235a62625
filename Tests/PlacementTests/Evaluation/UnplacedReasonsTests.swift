import Foundation
import Placement
import PlacementTestSupport
import Testing

/// Why the unplaced are unplaced: one reason per position on their list, none of them a
/// free seat when the placement is stable, and each kind of reason in words.
@Suite struct UnplacedReasonsTests {
  @Test(arguments: 1...100)
  func aStablePlacementLeavesNoFreeSeatAsAReason(seed: UInt64) throws {
    var shape = RandomMarket(applicants: 30, positions: 6, listLength: 3)
    shape.capacity = 1...3
    shape.tieDensity = 0.3
    shape.groups = seed % 2 == 0 ? 2 : 0
    shape.groupPreferences = true
    shape.typeNames = ["a", "b"]
    shape.typeQuotaShare = 0.4
    let instance = shape.instance(seed: seed)
    let market = Fixtures.market(instance)
    let assignment = try DeferredAcceptance().solve(market).assignment
    #expect(Evaluation(market, assignment).isStable, "seed \(seed)")
    let reasons = UnplacedReasons(market, assignment, instance: instance)
    #expect(reasons.entries.count == assignment.count { $0 < 0 }, "seed \(seed)")
    for entry in reasons.entries {
      let a = try #require(market.applicantIDs.firstIndex(of: entry.applicant))
      let expected = max(1, instance.applicants[a].preferences.count)
      #expect(entry.reasons.count == expected, "seed \(seed): \(entry)")
      #expect(!entry.reasons.contains { $0.contains("free seat") }, "seed \(seed): \(entry)")
    }
  }

  @Test func eachKindOfReasonIsSaidInWords() throws {
    let json = """
      {"format": "placement-instance", "version": 1, "applicants": [
        {"id": "s1", "preferences": ["p1"]}, {"id": "s2", "preferences": ["p1"]},
        {"id": "s3", "preferences": ["p1", "p2", "p3", "p4", "p5"], "type": "hust"},
        {"id": "s4", "preferences": ["p4"], "type": "hust"}, {"id": "s5", "preferences": []}],
       "positions": [
        {"id": "p1", "capacity": 1, "preferences": ["s1", ["s2", "s3"]]},
        {"id": "p2", "capacity": 2, "minimum": 2, "closable": true, "preferences": ["s3"]},
        {"id": "p3", "capacity": 1, "preferences": ["s1"]},
        {"id": "p4", "capacity": 2, "preferences": ["s4", "s3"]},
        {"id": "p5", "capacity": 1, "preferences": ["s3"]}],
       "typeQuotas": [{"position": "p4", "type": "hust", "capacity": 1}],
       "forbidden": [{"applicant": "s3", "position": "p5"}]}
      """
    let instance = try Instance(json: Data(json.utf8))
    let market = Fixtures.market(instance)
    let id = { (name: String) in Int32(market.positionIDs.firstIndex(of: name)!) }
    let assignment: [Int32] = [id("p1"), -1, -1, id("p4"), -1]
    let reasons = UnplacedReasons(market, assignment, instance: instance)
    #expect(reasons.entries.map(\.applicant) == ["s2", "s3", "s5"])
    #expect(reasons.entries[0].reasons == ["p1 (choice 1): full (1) with 1 it ranks higher"])
    #expect(
      reasons.entries[1].reasons == [
        "p1 (choice 1): full (1) with 1 it ranks higher",
        "p2 (choice 2): closed (it did not reach its minimum of 2)",
        "p3 (choice 3): does not rank them",
        "p4 (choice 4): its \"hust\" quota is full (1) with 1 it ranks higher",
        "p5 (choice 5): forbidden (an override)",
      ])
    #expect(reasons.entries[2].reasons == ["listed no position"])
    let other = UnplacedReasons(market, [-1, id("p1"), -1, id("p4"), -1], instance: instance)
    #expect(
      other.entries[0].reasons == [
        "p1 (choice 1): full (1) though it ranks them above 1 of those it took (a blocking pair)"
      ])
    #expect(
      other.entries[1].reasons[0]
        == "p1 (choice 1): full (1) with 0 it ranks higher and 1 it ranks the same (a tie decided)")
  }
}
