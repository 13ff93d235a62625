import Foundation
import Placement
import Testing

/// Reads and compiles `text`, returning every issue line.
func compileIssues(_ text: String) throws -> [String] {
  let instance = try Instance(json: Data(text.utf8))
  return instance.validationIssues().map(\.description)
}

@Suite struct ValidationTests {
  @Test func unknownIdsNameTheFieldAndValue() throws {
    let issues = try compileIssues(
      document(
        #"""
        "applicants":[{"id":"s1","preferences":["p1",["p2","p99"]]}],
        "positions":[{"id":"p1","capacity":1,"group":"nope","preferences":["s1","ghost"]},{"id":"p2","capacity":1}],
        "typeQuotas":[{"position":"p7","type":"x","capacity":1}],
        "scores":[{"applicant":"s9","position":"p1","value":1}]
        """#))
    #expect(
      issues == [
        "positions[0].group: unknown group \"nope\"",
        "applicants[0].preferences[1][1]: unknown position \"p99\"",
        "positions[0].preferences[1]: unknown applicant \"ghost\"",
        "typeQuotas[0].position: unknown position \"p7\"",
        "scores[0].applicant: unknown applicant \"s9\"",
      ])
  }

  @Test func duplicateAndEmptyIds() throws {
    let issues = try compileIssues(
      document(
        #"""
        "applicants":[{"id":"s1","preferences":[]},{"id":"s1","preferences":[]},{"id":"","preferences":[]}],
        "positions":[{"id":"p1","capacity":1},{"id":"p1","capacity":1}],
        "groups":[{"id":"g","capacity":1},{"id":"g","capacity":1}]
        """#))
    #expect(
      issues == [
        "applicants[1].id: duplicate id \"s1\" (first at applicants[0])",
        "applicants[2].id: empty id",
        "positions[1].id: duplicate id \"p1\" (first at positions[0])",
        "groups[1].id: duplicate id \"g\" (first at groups[0])",
      ])
  }

  @Test func idsListedTwice() throws {
    let issues = try compileIssues(
      document(
        #"""
        "applicants":[{"id":"s1","preferences":["p1",["p2","p1"]]}],
        "positions":[{"id":"p1","capacity":1,"preferences":["s1","s1"]},{"id":"p2","capacity":1}]
        """#))
    #expect(
      issues == [
        "applicants[0].preferences[1][1]: position \"p1\" listed twice (first at applicants[0].preferences[0])",
        "positions[0].preferences[1]: applicant \"s1\" listed twice (first at positions[0].preferences[0])",
      ])
  }

  @Test func quotasOutOfRange() throws {
    let issues = try compileIssues(
      document(
        #"""
        "applicants":[{"id":"s1","preferences":["p1","p2"]}],
        "positions":[{"id":"p1","capacity":0},{"id":"p2","capacity":2,"minimum":3,"closable":true},
                     {"id":"p3","capacity":2,"minimum":-1}],
        "groups":[{"id":"g","capacity":1,"minimum":2}],
        "typeQuotas":[{"position":"p1","type":"t","capacity":-1},{"position":"p1","type":"t","capacity":1}]
        """#))
    #expect(
      issues == [
        "positions[0].capacity: capacity 0 must be at least 1",
        "positions[1].minimum: minimum 3 exceeds capacity 2",
        "positions[2].minimum: minimum -1 must not be negative",
        "groups[0].minimum: minimum 2 exceeds capacity 1",
        "typeQuotas[0].capacity: capacity -1 must not be negative",
        "typeQuotas[1]: second quota for type \"t\" at position \"p1\"",
      ])
  }

  @Test func typeRulesNameTheirHolderAndLimits() throws {
    let issues = try compileIssues(
      document(
        #"""
        "applicants":[{"id":"s1","preferences":["p1"],"type":"t"}],
        "positions":[{"id":"p1","capacity":2,"group":"g"}],
        "groups":[{"id":"g","capacity":2}],
        "typeQuotas":[{"position":"p1","group":"g","type":"t","capacity":1},{"type":"t","minimum":1},
                      {"group":"nope","type":"t","capacity":1},{"group":"g","type":"t"},
                      {"group":"g","type":"t4","maximumShare":1.5,"minimumShare":0.33333},
                      {"group":"g","type":"t5","capacity":1,"minimum":2},
                      {"position":"p1","type":"t","maximumShare":0.3,"minimumShare":0.5},
                      {"group":"g","type":"t7","minimum":1},{"group":"g","type":"t7","maximumShare":0.7}]
        """#))
    #expect(
      issues == [
        "typeQuotas[0]: both \"position\" and \"group\"; a quota holds at one",
        "typeQuotas[1]: neither \"position\" nor \"group\"",
        "typeQuotas[2].group: unknown group \"nope\"",
        "typeQuotas[3]: no limit: give \"capacity\", \"minimum\", \"maximumShare\" or \"minimumShare\"",
        "typeQuotas[4].maximumShare: maximumShare 1.5 is not between 0 and 1",
        "typeQuotas[4].minimumShare: minimumShare 0.33333 has more than four decimal places",
        "typeQuotas[5].minimum: minimum 2 is above capacity 1",
        "typeQuotas[6].minimumShare: minimumShare 0.5 is above maximumShare 0.3",
        "typeQuotas[8]: second quota for type \"t7\" at group \"g\"",
      ])
  }

  /// Minimums no set of applicants could meet are not errors of the file: the market
  /// compiles, and its certificates say why the minimums cannot hold.
  @Test func minimumsNoMemberSetCouldMeetCompileWithCertificates() throws {
    let instance = try Instance(
      json: Data(
        document(
          #"""
          "applicants":[{"id":"s1","preferences":["p1","p2"]}],
          "positions":[{"id":"p1","capacity":2,"minimum":2,"group":"g"},{"id":"p2","capacity":1,"group":"g"}],
          "groups":[{"id":"g","capacity":5,"minimum":4},{"id":"empty","capacity":3,"minimum":1}]
          """#
        ).utf8))
    let market = try Market(compiling: instance)
    #expect(
      market.minimumsCertificates.map(\.description) == [
        #""p1" needs 2; only 1 applicants accept it"#,
        #""g" needs 4; only 1 applicants accept it"#,
        #""empty" needs 1; only 0 applicants accept it"#,
      ])
  }

  @Test func compilingThrowsEveryIssue() throws {
    let instance = try Instance(
      json: Data(document(#""applicants":[{"id":"s","preferences":["x","y"]}],"positions":[]"#).utf8))
    #expect(throws: ValidationError.self) { try Market(compiling: instance) }
    do {
      _ = try Market(compiling: instance)
    } catch {
      #expect(error.issues.count == 2)
    }
  }

  @Test func validInstancesCompileWithoutIssues() throws {
    let instance = RandomMarket.internshipSeasonInstance(seed: 5)
    #expect(instance.validationIssues().isEmpty)
  }
}
