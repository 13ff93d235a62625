import Foundation
import Placement
import PlacementTestSupport
import Testing

/// `placement resolve` and `placement diff` on the bundled season: withdrawals leave
/// everywhere, the new result checks as stable against the changed instance, and every
/// move is reported.
@Suite struct ResolveCLITests {
  let season = Fixtures.instance("hoa-lac-internships-2026.json").path

  /// A solved season and a changes file withdrawing five placed students, closing a post
  /// and adding a student.
  func solvedSeason(in directory: URL) throws -> (result: String, changes: String, withdrawn: [String]) {
    let result = directory.appendingPathComponent("result.json").path
    let solve = try placement("solve", season, "--output", result, "--quiet")
    #expect(solve.status == 0, "\(solve.standardError)")
    let pairs = try ResultPairs(resultJSON: Data(contentsOf: URL(fileURLWithPath: result)))
    let placed = pairs.applicants.filter { pairs.positionOf[$0] != nil }
    let withdrawn = Array(placed.prefix(5))
    let closed = pairs.positionOf[placed[10]]!
    let changes = directory.appendingPathComponent("changes.json")
    let added = #"{"id": "newcomer", "preferences": ["ai-host-1-p1"]}"#
    let withdrawnList = withdrawn.map { "\"\($0)\"" }.joined(separator: ",")
    try Data(#"{"withdrawn": [\#(withdrawnList)], "closed": ["\#(closed)"], "added": [\#(added)]}"#.utf8)
      .write(to: changes)
    return (result, changes.path, withdrawn)
  }

  @Test(arguments: ["native", "glpk"])
  func resolvesStablyAndReportsWhoMoved(method: String) throws {
    let directory = try temporaryDirectory()
    let (result, changes, withdrawn) = try solvedSeason(in: directory)
    let next = directory.appendingPathComponent("next.json").path
    let changed = directory.appendingPathComponent("changed.json").path
    let run = try placement(
      "resolve", season, "--previous", result, "--changes", changes, "--method", method, "--time-limit", "20",
      "--output", next, "--write-instance", changed)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardError.contains("\(withdrawn[0]): "))
    #expect(run.standardError.contains("withdrawn"))
    #expect(run.standardError.contains("post closed"))
    #expect(run.standardError.contains("earlier assignments changed"))
    let check = try placement("check", changed, next, "--require-stable")
    #expect(check.status == 0, "\(check.standardError)")
    let changedInstance = try String(contentsOfFile: changed, encoding: .utf8)
    #expect(!changedInstance.contains("\"\(withdrawn[0])\""))
    #expect(changedInstance.contains("\"newcomer\""))

    let diff = try placement("diff", result, next, "--instance", changed)
    #expect(diff.status == 0, "\(diff.standardError)")
    #expect(diff.standardOutput.contains("\(withdrawn[0]): "))
    #expect(diff.standardOutput.contains("(rank "))
    #expect(diff.standardOutput.contains("kept the same post"))
  }

  @Test func aBadChangesFileNamesTheFieldAndWritesNothing() throws {
    let directory = try temporaryDirectory()
    let (result, _, _) = try solvedSeason(in: directory)
    let next = directory.appendingPathComponent("next.json").path
    for (text, message) in [
      (#"{"withdrawn": ["nobody"]}"#, #"withdrawn[0]: unknown applicant "nobody""#),
      (#"{"capacities": {"ai-host-1-p1": 0}}"#, "capacities.ai-host-1-p1: capacity 0 must be at least 1"),
      (#"{"withdrawn": "s0001"}"#, "withdrawn: expected an array"),
      (#"{"withdrawnn": []}"#, "withdrawnn: unknown field"),
    ] {
      let changes = directory.appendingPathComponent("changes.json")
      try Data(text.utf8).write(to: changes)
      let run = try placement("resolve", season, "--previous", result, "--changes", changes.path, "--output", next)
      #expect(run.status == 2)
      #expect(run.standardError.contains("\(changes.path): \(message)"), "\(run.standardError)")
      #expect(!FileManager.default.fileExists(atPath: next))
    }
  }
}
