import Foundation
import Placement
import PlacementBench
import PlacementTestSupport
import Testing

@Suite("placement import and export-instance: the Glasgow layouts from the command line")
struct GlasgowCLITests {
  static let hrt = "3 2\n1 1 2\n2 (1 2)\n3 1\n1 2 (2 3) 1\n2 1 1 2\n"

  @Test("a file goes Glasgow → JSON → Glasgow byte for byte, and the bench reads it directly")
  func roundTripAndBench() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = folder.appendingPathComponent("hrt.txt")
    try Self.hrt.write(to: text, atomically: true, encoding: .utf8)
    let json = folder.appendingPathComponent("hrt.json")
    let imported = try placement("import", "--format", "glasgow-hrt", text.path, "--output", json.path)
    #expect(imported.status == 0, "\(imported.standardError)")
    #expect(try Instance(json: Data(contentsOf: json)).name == "hrt")
    let exported = try placement("export-instance", json.path, "--format", "glasgow-hrt")
    #expect(exported.status == 0)
    #expect(exported.standardOutput == Self.hrt)

    let output = folder.appendingPathComponent("bench")
    let bench = try placement(
      "bench", "--strategies", "deferred-acceptance,max-stable", "--instances", "glasgow-hrt:\(text.path)", "--output",
      output.path)
    #expect(bench.status == 0, "\(bench.standardError)")
    let records = try RecordFiles.records(
      jsonLines: Data(contentsOf: output.appendingPathComponent("runs.jsonl")), name: "runs.jsonl")
    #expect(records.map(\.instance.source) == Array(repeating: "glasgow-hrt:\(text.path)", count: 2))
    #expect(records.allSatisfy { $0.matched == 3 && $0.blockingPairs == 0 })
  }

  @Test("a malformed file is reported as file:line:column, a layout's missing feature by field path")
  func errors() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.txt")
    try "3 2\n1 1 2\n2 (1 2\n3 1\n1 2 (2 3) 1\n2 1 1 2\n".write(to: bad, atomically: true, encoding: .utf8)
    let json = folder.appendingPathComponent("bad.json")
    let run = try placement("import", "--format", "glasgow-hrt", bad.path, "--output", json.path)
    #expect(run.status == 2)
    #expect(run.standardError == "\(bad.path):3:3: a tie opened here is not closed\n")
    #expect(!FileManager.default.fileExists(atPath: json.path))

    let season = Fixtures.instance("talent-networks-2030.json").path
    let refused = try placement("export-instance", season, "--format", "glasgow-hrt")
    #expect(refused.status == 2)
    #expect(refused.standardError.contains("\(season): groups: \"glasgow-hrt\" has no groups"))
    #expect(refused.standardOutput.isEmpty)
  }
}
