import Foundation
import Placement
import PlacementTestSupport
import Testing

/// Input that is valid JSON only in part, or valid but extreme: each ends in a precise
/// issue, in bounded memory, and never in a crash.
@Suite struct HostileInputTests {
  /// The issues reading `bytes` as an instance gives, as text.
  func issues(_ bytes: [UInt8]) -> [String] {
    do {
      _ = try Instance(json: Data(bytes))
      return []
    } catch {
      return error.issues.map(\.description)
    }
  }

  func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func invalidUTF8IsAnErrorAtTheByteWhereItOccurs() {
    let start = bytes(#"{"format":"placement-instance","version":1,"applicants":[{"id":"a"#)
    let end = bytes(#"","preferences":["p"]}],"positions":[{"id":"p","capacity":1}]"#) + bytes("}")
    let column = start.count + 1
    for (sequence, message) in [
      ([0xFF], "invalid UTF-8: byte 0xFF (line 1, column \(column))"),
      ([0xC0, 0xAF], "invalid UTF-8: byte 0xC0 (line 1, column \(column))"),
      ([0xED, 0xA0, 0x80], "invalid UTF-8: byte 0xA0 in the sequence begun by 0xED (line 1, column \(column + 1))"),
      ([0xE2, 0x82], "invalid UTF-8: byte 0x22 in the sequence begun by 0xE2 (line 1, column \(column + 2))"),
      ([0x80], "invalid UTF-8: byte 0x80 (line 1, column \(column))"),
    ] as [([UInt8], String)] {
      #expect(issues(start + sequence + end) == ["applicants[0]: \(message)"])
    }
    // Valid multi-byte text (Vietnamese names, an emoji) is read as written.
    let name = "Nguyễn Thị Ánh 🎓"
    let instance = try? Instance(json: Data(start + bytes(name) + end))
    #expect(instance?.applicants.first?.id == "a" + name)
  }

  @Test func controlCharactersAndUnpairedSurrogatesInIdsAreErrors() {
    let nul = document(
      #""applicants":[{"id":"a\u0000b","preferences":["p\u0007"]}],"positions":[{"id":"p\u0007","capacity":1}]"#)
    #expect(
      issues(bytes(nul)) == [
        "applicants[0].id: a control character in an id (line 1, column 66); ids are printable text",
        "applicants[0].preferences[0]: a control character in an id (line 1, column 92); ids are printable text",
        "positions[0].id: a control character in an id (line 1, column 124); ids are printable text",
      ])
    let surrogate = document(#""applicants":[{"id":"a\ud800","preferences":[]}],"positions":[]"#)
    #expect(issues(bytes(surrogate)) == ["applicants[0]: unpaired surrogate in a \\u escape (line 1, column 66)"])
    // Short escapes too (the fuzzer found `\b` in a type slipping through, which the
    // writer then wrote as `\u0008` and the reader refused on the way back).
    for escape in ["b", "f", "n", "r", "t"] {
      let short = document(#""applicants":[{"id":"a","preferences":[],"type":"x\\#(escape)"}],"positions":[]"#)
      #expect(issues(bytes(short)).map { $0.prefix(48) } == ["applicants[0].type: a control character in an id"])
    }
    // A name is not an id: a tab in it is fine.
    let named = document(#""name":"season\t2026","applicants":[],"positions":[]"#)
    #expect(issues(bytes(named)).isEmpty)
  }

  @Test func aFileInAnotherUnicodeEncodingSaysSo() {
    let units = Array(document(#""applicants":[],"positions":[]"#).utf16)
    let utf16: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(issues(utf16) == ["$: the file is UTF-16, not UTF-8; save it as UTF-8"])
  }

  @Test func problemsBeyondTheLimitAreCountedNotKept() throws {
    let unknown = (0..<5000).map { #""q\#($0)""# }.joined(separator: ",")
    let text = document(#""applicants":[{"id":"a","preferences":[\#(unknown)]}],"positions":[]"#)
    let instance = try Instance(json: Data(text.utf8))
    #expect(throws: ValidationError.self) { try Market(compiling: instance) }
    do {
      _ = try Market(compiling: instance)
    } catch {
      #expect(error.issues.count == ValidationError.keptIssueLimit)
      #expect(error.omittedCount == 5000 - ValidationError.keptIssueLimit)
      #expect(error.description.hasSuffix("… and 4000 more problems"))
    }
  }

  @Test func aListLongerThanTheLimitIsRefusedAtTheEntryThatExceedsIt() {
    let entries = Array(repeating: #""p""#, count: Instance.maximumListLength + 5).joined(separator: ",")
    let text = document(#""applicants":[{"id":"a","preferences":[\#(entries)]}],"positions":[{"id":"p","capacity":1}]"#)
    #expect(
      issues(bytes(text)) == [
        "applicants[0].preferences[\(Instance.maximumListLength)]: a preference list may hold at most "
          + "\(Instance.maximumListLength) entries; this one holds more"
      ])
  }

  @Test func numbersBeyondWhatEveryStrategyComputesExactlyAreRefused() throws {
    var instance = Instance(
      applicants: [Applicant(id: "a", preferences: PreferenceList(strict: ["p", "q"]))],
      positions: [
        Position(id: "p", capacity: 1 << 62, groups: ["g"]), Position(id: "q", capacity: 1 << 62, groups: ["g"]),
      ],
      groups: [Group(id: "g", capacity: 1, minimum: 1)],
      scores: [
        Score(applicant: "a", position: "p", value: 1e19), Score(applicant: "a", position: "q", value: -1e308),
      ])
    #expect(
      instance.validationIssues().map(\.description) == [
        "positions[0].capacity: capacity 4611686018427387904 is above the largest, 2147483647",
        "positions[1].capacity: capacity 4611686018427387904 is above the largest, 2147483647",
        "scores[0].value: value 1e+19 is out of range: scores lie between −1000000000 and 1000000000",
        "scores[1].value: value -1e+308 is out of range: scores lie between −1000000000 and 1000000000",
      ])
    instance.positions[0].capacity = Instance.maximumQuota
    instance.positions[1].capacity = Instance.maximumQuota
    instance.groups[0].capacity = Instance.maximumQuota
    instance.scores[0].value = Instance.maximumScoreMagnitude
    instance.scores[1].value = -Instance.maximumScoreMagnitude
    let market = try Market(compiling: instance)
    let welfare = try NetworkWelfare(objective: .scores).solve(market)
    #expect(welfare.status == .optimal && welfare.objective == 1e9)
    #expect(Evaluation(market, welfare.assignment).isValid)
  }

  /// The flow multiplies costs by the square of its node count; scores that would leave
  /// 2^61 there are refused with a clear error, not an overflow.
  @Test func theFlowRefusesScoresBeyondItsExactRangeWithAClearError() throws {
    let count = 50_000
    let instance = Instance(
      applicants: (0..<count).map { Applicant(id: "a\($0)", preferences: PreferenceList(strict: ["p\($0 % 10)"])) },
      positions: (0..<10).map { Position(id: "p\($0)", capacity: 10) },
      scores: [Score(applicant: "a0", position: "p0", value: Instance.maximumScoreMagnitude)])
    let market = try Market(compiling: instance)
    #expect(throws: WelfareError.costsTooLarge) { try NetworkWelfare(objective: .scores).solve(market) }
    #expect(
      WelfareError.costsTooLarge.description.contains(
        "scale the scores down, or solve with GLPK (welfare --method glpk)"))
  }

  @Test func likelyTyposAreWarningsNotErrors() throws {
    let instance = Instance(
      applicants: [Applicant(id: "a", preferences: PreferenceList(strict: ["p"]), type: "hust")],
      positions: [Position(id: "p", capacity: 1), Position(id: "q", capacity: 1)],
      groups: [Group(id: "empty", capacity: 3)],
      typeQuotas: [TypeQuota(position: "p", type: "husst", capacity: 1)],
      scores: [Score(applicant: "a", position: "q", value: 2)])
    let market = try Market(compiling: instance)
    #expect(
      market.warnings.map(\.description) == [
        #"typeQuotas[0].type: no applicant has type "husst", so this quota limits nobody"#,
        #"scores[0]: "a" and "q" are not mutually acceptable, so this score is never used"#,
        #"groups[0]: no position names group "empty", so its quota limits nothing"#,
      ])
    #expect(try Market(compiling: Instance(applicants: [], positions: [])).warnings.isEmpty)
  }
}
