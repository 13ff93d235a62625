import Foundation
import Placement
import PlacementTestSupport
import Testing

/// The `locked` and `forbidden` fields: read, written and checked with their field paths.
@Suite struct OverridesFormatTests {
  static let members = #"""
    "applicants": [ { "id": "s1", "preferences": ["p1", "p2"] }, { "id": "s2", "preferences": ["p1"] } ],
    "positions": [ { "id": "p1", "capacity": 1, "preferences": ["s2", "s1"] }, { "id": "p2", "capacity": 1 } ]
    """#

  @Test func overridesRoundTripThroughBothCoders() throws {
    let text = document(
      Self.members
        + #", "locked": [{"applicant": "s1", "position": "p1"}], "forbidden": [{"applicant": "s2", "position": "p1"}]"#)
    let instance = try Instance(json: Data(text.utf8))
    #expect(instance.locked == [PairOverride(applicant: "s1", position: "p1")])
    #expect(instance.forbidden == [PairOverride(applicant: "s2", position: "p1")])
    #expect(try Instance(json: Data(instance.jsonBytes())) == instance)
    #expect(try JSONDecoder().decode(Instance.self, from: JSONEncoder().encode(instance)) == instance)
    let market = try Market(compiling: instance)
    // s1 holds p1 ahead of s2, whom p1 ranked first; s2 may not go to p1 at all.
    #expect(market.acceptablePositions(of: 0) == [0])
    #expect(market.acceptablePositions(of: 1) == [])
    #expect(Evaluation(market, [0, -1]).isStable)
    #expect(
      Evaluation(market, [1, -1]).violations.contains(#"applicant "s1" is locked to position "p1" but is at "p2""#))
    #expect(Evaluation(market, [0, 0]).violations.contains(#"applicant "s2" is at position "p1", a forbidden pair"#))
  }

  @Test func reportsEveryBadOverrideWithItsPath() throws {
    let issues = try Instance(
      json: Data(
        document(
          Self.members + #"""
            , "locked": [{"applicant": "s9", "position": "p1"}, {"applicant": "s2", "position": "p2"},
              {"applicant": "s1", "position": "p1"}, {"applicant": "s1", "position": "p2"}],
            "forbidden": [{"applicant": "s1", "position": "p1"}]
            """#
        ).utf8)
    ).validationIssues().map(\.description)
    #expect(
      readIssues(document(Self.members + #", "forbidden": [{"applicant": "s1"}]"#)) == [
        #"forbidden[0]: missing field "position""#
      ])
    #expect(
      issues == [
        "locked[0].applicant: unknown applicant \"s9\"",
        "locked[1]: \"s2\" does not list \"p2\"",
        "locked[3].applicant: \"s1\" is already locked to \"p1\"",
        "forbidden[0]: the pair is also locked",
      ])
  }

  @Test func locksBeyondAQuotaMakeEveryStrategyInfeasible() throws {
    let text = document(
      #"""
      "applicants": [ { "id": "s1", "preferences": ["p1"] }, { "id": "s2", "preferences": ["p1"] } ],
      "positions": [ { "id": "p1", "capacity": 1 } ],
      "locked": [{"applicant": "s1", "position": "p1"}, {"applicant": "s2", "position": "p1"}]
      """#)
    let market = try Market(compiling: Instance(json: Data(text.utf8)))
    #expect(market.lockConflicts == [#"locked: position "p1" holds 2 locked applicants, above its 1"#])
    let solution = try DeferredAcceptance().solve(market)
    #expect(solution.status == .infeasible && solution.notes == market.lockConflicts)
  }
}
