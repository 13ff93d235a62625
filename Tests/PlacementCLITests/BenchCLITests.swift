import CSV
import Foundation
import Placement
import PlacementBench
import PlacementTestSupport
import Testing

@Suite("placement bench: a sweep end to end, its shards merged")
struct BenchCLITests {
  static let strategies = "deferred-acceptance,max-stable:time-limit=30"
  static let instances = "gen:applicants=30,positions=8,ties=0.3,seed=1..2"

  private func sweep(_ folder: URL, _ extra: [String] = []) throws -> Run {
    try placementArguments(
      [
        "bench", "--strategies", Self.strategies, "--instances", Self.instances, "--repeat", "2", "--output",
        folder.path,
      ]
        + extra)
  }

  private func readRecords(_ folder: URL) throws -> [BenchRecord] {
    let data = try Data(contentsOf: folder.appendingPathComponent("runs.jsonl"))
    return try RecordFiles.records(jsonLines: data, name: folder.path)
  }

  @Test(
    "two strategies × two instances × two repeats: records, CSV, report, and a shard pair merged equal to the whole")
  func sweepShardAndMerge() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let whole = root.appendingPathComponent("whole")
    let run = try sweep(whole)
    #expect(run.status == 0, "\(run.standardError)")
    let records = try readRecords(whole)
    #expect(records.map(\.run) == Array(0..<8))
    #expect(Set(records.map(\.strategy)) == ["deferred-acceptance", "max-stable:time-limit=30"])
    #expect(Set(records.map(\.instance.source)).count == 2)
    #expect(records.map(\.repeat) == [1, 2, 1, 2, 1, 2, 1, 2])
    for record in records {
      #expect(record.status == "optimal", "\(record.failure ?? "")")
      #expect(record.matched != nil && record.blockingPairs == 0)
      #expect((record.solveSeconds ?? -1) >= 0 && (record.cpuSeconds ?? 0) > 0 && (record.peakBytes ?? 0) > 1 << 20)
      #expect(record.instance.applicants == 30 && record.instance.applicantTies > 0)
      #expect(record.versions.glpk.hasPrefix("5.") || record.versions.glpk.hasPrefix("4."))
      #expect(record.machine.cores >= 1)
    }
    // Max-stable places at least as many as deferred acceptance, on each instance.
    for instance in Set(records.map(\.instance.source)) {
      let placed = records.filter { $0.instance.source == instance }.map { ($0.strategy, $0.matched ?? 0) }
      let deferred = placed.filter { $0.0 == "deferred-acceptance" }.map(\.1).max() ?? 0
      #expect(placed.filter { $0.0 != "deferred-acceptance" }.allSatisfy { $0.1 >= deferred })
    }
    #expect(run.standardOutput.contains("| `deferred-acceptance` | 4 | 0 |"))
    #expect(
      run.standardOutput.contains(
        "| applicants=30,positions=8,ties=0.3,seed=2 | 30 | `max-stable:time-limit=30` | optimal |"))
    #expect(
      run.standardError.contains(
        "[8/8] max-stable:time-limit=30 on applicants=30,positions=8,ties=0.3,seed=2 (repeat 2): optimal"))

    let reader = try CSVReader(
      string: String(contentsOf: whole.appendingPathComponent("runs.csv"), encoding: .utf8), hasHeaderRow: true)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    let header = try #require(reader.headerRow)
    #expect(rows.count == 8 && rows.allSatisfy { $0.count == header.count })
    let matchedColumn = try #require(header.firstIndex(of: "matched"))
    #expect(rows.map { Int($0[matchedColumn]) } == records.map(\.matched))

    let html = try String(contentsOf: whole.appendingPathComponent("report.html"), encoding: .utf8)
    let figures = html.components(separatedBy: "<figure class=\"plot\">").dropFirst()
    #expect(figures.count == 3)
    #expect(
      figures.allSatisfy { $0.components(separatedBy: "</figure>")[0].components(separatedBy: "<svg").count == 2 })

    let first = root.appendingPathComponent("shard-1")
    let second = root.appendingPathComponent("shard-2")
    #expect(try sweep(first, ["--shard", "1/2"]).status == 0)
    #expect(try sweep(second, ["--shard", "2/2"]).status == 0)
    #expect(try readRecords(first).map(\.run) == [0, 2, 4, 6])
    let merged = root.appendingPathComponent("merged")
    let merge = try placement("bench", "merge", second.path, first.path, "--output", merged.path)
    #expect(merge.status == 0, "\(merge.standardError)")
    #expect(try readRecords(merged).map(\.outcome) == records.map(\.outcome))
    #expect(try readRecords(merged).allSatisfy { $0.sweep == records[0].sweep })

    // Merging again, with a shard already in, changes nothing.
    let again = try placement("bench", "merge", merged.path, first.path, "--output", merged.path)
    #expect(again.status == 0)
    #expect(try readRecords(merged).map(\.outcome) == records.map(\.outcome))
  }

  @Test("merging outputs of different sweeps is refused, and so are bad strategies, specs and shards")
  func refusals() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let one = root.appendingPathComponent("one")
    let other = root.appendingPathComponent("other")
    #expect(
      try placement(
        "bench", "--strategies", "deferred-acceptance", "--instances", "gen:applicants=5,seed=1", "--output", one.path
      ).status == 0)
    #expect(
      try placement(
        "bench", "--strategies", "deferred-acceptance", "--instances", "gen:applicants=5,seed=2", "--output", other.path
      ).status == 0)
    let mixed = try placement(
      "bench", "merge", one.path, other.path, "--output", root.appendingPathComponent("mixed").path)
    #expect(mixed.status == 2)
    #expect(mixed.standardError.contains("different sweeps"))
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("mixed").path))

    let unknown = try placement("bench", "--strategies", "nonesuch", "--instances", "gen:seed=1", "--output", one.path)
    #expect(unknown.status == 2 && unknown.standardError.contains("unknown strategy \"nonesuch\""))
    let badOption = try placement(
      "bench", "--strategies", "deferred-acceptance:gap=1", "--instances", "gen:seed=1", "--output", one.path)
    #expect(badOption.status == 2 && badOption.standardError.contains("deferred-acceptance:gap=1"))
    let badSpec = try placement(
      "bench", "--strategies", "deferred-acceptance", "--instances", "gen:applicants=-3", "--output", one.path)
    #expect(badSpec.status == 2 && badSpec.standardError.contains("gen:applicants=-3"))
    let badShard = try placement(
      "bench", "--strategies", "deferred-acceptance", "--instances", "gen:seed=1", "--shard", "3/2", "--output",
      one.path)
    #expect(badShard.status == 2 && badShard.standardError.contains("--shard 3/2"))
    // The refused runs above left the first sweep's output as it was.
    #expect(try readRecords(one).count == 1)
  }
}
