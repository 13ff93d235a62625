import Foundation
import Placement
import PlacementTestSupport
import Testing

/// Reads `text` as an instance and returns the issue lines, or `[]` when it reads cleanly.
func readIssues(_ text: String) -> [String] {
  do {
    _ = try Instance(json: Data(text.utf8))
    return []
  } catch {
    return error.issues.map(\.description)
  }
}

/// Wraps members in a version-1 instance document.
func document(_ members: String) -> String {
  #"{"format":"placement-instance","version":1,"# + members + "}"
}

@Suite struct InstanceReaderTests {
  @Test func readsEveryFieldOfTheFormatExample() throws {
    let text = document(
      #"""
      "name": "hoa-lac-summer-2026",
      "applicants": [
        { "id": "s001", "preferences": ["p07", ["p02", "p11"], "p03"],
          "type": "hust", "attributes": { "gpa": 3.4, "note": "x" } }
      ],
      "positions": [
        { "id": "p07", "capacity": 3, "minimum": 1, "group": "fab-a",
          "preferences": [["s004", "s001"], "s019"] },
        { "id": "p02", "capacity": 1, "group": ["fab-a", "north"], "closable": true },
        { "id": "p11", "capacity": 1 }, { "id": "p03", "capacity": 2 }
      ],
      "groups": [ { "id": "fab-a", "capacity": 5, "minimum": 0 }, { "id": "north", "capacity": 9,
        "preferences": ["s001"] } ],
      "typeQuotas": [ { "position": "p07", "type": "hust", "capacity": 2 } ],
      "scores": [ { "applicant": "s001", "position": "p07", "value": 0.83 } ]
      """#)
    let instance = try Instance(json: Data(text.utf8))
    #expect(instance.name == "hoa-lac-summer-2026")
    #expect(instance.applicants[0].preferences.tiers == [["p07"], ["p02", "p11"], ["p03"]])
    #expect(instance.applicants[0].type == "hust")
    #expect(instance.applicants[0].attributes["gpa"] == .number(3.4))
    #expect(instance.positions[0].preferences?.tiers == [["s004", "s001"], ["s019"]])
    #expect(instance.positions[0].minimum == 1)
    #expect(instance.positions[1].groups == ["fab-a", "north"])
    #expect(instance.positions[1].closable)
    #expect(instance.groups[1].preferences?.ids == ["s001"])
    #expect(instance.typeQuotas == [TypeQuota(position: "p07", type: "hust", capacity: 2)])
    #expect(instance.scores == [Score(applicant: "s001", position: "p07", value: 0.83)])
  }

  @Test(arguments: [UInt64(1), 2, 3, 4])
  func writingThenReadingGivesTheSameInstance(seed: UInt64) throws {
    let shape = Fixtures.everyFeatureShape(applicants: 40, positions: 8, listLength: 4) {
      $0.groups = 3
      $0.groupPreferences = seed % 2 == 0
      $0.typeNames = ["a \"quoted\" type", "ü-type"]
    }
    let instance = shape.instance(seed: seed)
    let again = try Instance(json: Data(instance.jsonBytes()))
    #expect(again == instance)
  }

  @Test func typeRulesRoundTripThroughBothCoders() throws {
    var instance = Fixtures.everyFeatureShape(applicants: 10, positions: 4, listLength: 2).instance(seed: 3)
    instance.typeQuotas += [
      TypeQuota(group: instance.groups[0].id, type: "u", capacity: 3, minimum: 1, maximumShare: 0.7),
      TypeQuota(group: instance.groups[1].id, type: "v", minimumShare: 0.3333),
      TypeQuota(position: instance.positions[0].id, type: "v", minimum: 1, minimumShare: 0.25),
    ]
    let written = instance.jsonBytes()
    #expect(try Instance(json: Data(written)) == instance)
    #expect(try JSONDecoder().decode(Instance.self, from: Data(written)) == instance)
    #expect(try Instance(json: JSONEncoder().encode(instance)) == instance)
    let text = String(decoding: written, as: UTF8.self)
    #expect(
      text.contains(#"{"group":"\#(instance.groups[0].id)","type":"u","capacity":3,"minimum":1,"maximumShare":0.7}"#))
  }

  @Test func readsEscapesAndUnicode() throws {
    let text = document(
      #""name":"a\tb\n","applicants":[{"id":"s\u00e9\ud83d\ude00\/","preferences":["p\"1"]}],"positions":[{"id":"p\"1","capacity":1}]"#
    )
    let instance = try Instance(json: Data(text.utf8))
    #expect(instance.name == "a\tb\n")
    #expect(instance.applicants[0].id == "sé😀/")
    #expect(instance.positions[0].id == "p\"1")
  }

  @Test func reportsWrongJSONTypesWithTheirPaths() throws {
    let issues = readIssues(
      document(
        #""applicants":[{"id":7,"preferences":"p1"}],"positions":[{"id":"p1","capacity":"3","minimum":1.5,"closable":1}]"#
      ))
    #expect(
      issues == [
        "applicants[0].id: expected a string, found number 7",
        "applicants[0].preferences: expected an array, found string \"p1\"",
        "positions[0].capacity: expected an integer, found string \"3\"",
        "positions[0].minimum: expected an integer, found number 1.5",
        "positions[0].closable: expected true or false, found number 1",
      ])
  }

  @Test func reportsUnknownTopLevelAndNestedFields() throws {
    let issues = readIssues(
      document(
        #""applicants":[],"positions":[{"id":"p1","capacty":2,"capacity":1}],"extra":true"#))
    #expect(issues == ["positions[0].capacty: unknown field", "extra: unknown field"])
  }

  @Test func reportsWrongFormatAndVersion() throws {
    let issues = readIssues(#"{"format":"placement-result","version":2,"applicants":[],"positions":[]}"#)
    #expect(
      issues == [
        "format: expected \"placement-instance\", found \"placement-result\"",
        "version: unsupported version 2; this reader reads version 1",
      ])
  }

  @Test func reportsMissingAndDuplicateFields() throws {
    let issues = readIssues(
      #"{"format":"placement-instance","applicants":[{"id":"a","id":"b"}],"positions":[]}"#)
    #expect(
      issues == [
        "applicants[0].id: duplicate field",
        "applicants[0]: missing field \"preferences\"",
        "$: missing field \"version\"",
      ])
  }

  @Test func reportsTruncatedFilesWithLineAndColumn() throws {
    let text = #"{"format":"placement-instance","version":1,"applicants":[{"id":"a","preferences":["p1""#
    #expect(readIssues(text) == ["applicants[0]: unexpected end of file inside an array (line 1, column 87)"])
    #expect(
      readIssues(String(text.prefix(60))) == [
        "applicants[0]: unexpected end of file inside a string (line 1, column 61)"
      ])
  }

  @Test func reportsSyntaxErrors() throws {
    #expect(readIssues("") == ["$: unexpected end of file (line 1, column 1)"])
    #expect(readIssues("{\"format\" \"x\"}") == ["$: expected \":\", found \"\\\"\" (line 1, column 11)"])
    #expect(
      readIssues(document(#""applicants":[],"positions":[]"#) + "x")
        == ["$: unexpected \"x\" after the document (line 1, column 75)"])
    #expect(
      readIssues(document(#""applicants":[01],"positions":[]"#))
        == [
          "applicants[0]: expected an object, found a number",
          "applicants[0]: invalid number: leading zero (line 1, column 60)",
        ])
  }

  @Test func reportsEmptyTiesAndNonStringEntries() throws {
    let issues = readIssues(
      document(#""applicants":[{"id":"a","preferences":["p1",[],3,["p2",4]]}],"positions":[]"#))
    #expect(
      issues == [
        "applicants[0].preferences[1]: empty tie",
        "applicants[0].preferences[2]: expected an id or an array of tied ids, found number 3",
        "applicants[0].preferences[3][1]: expected a string, found number 4",
      ])
  }
}
