import CSV
import Foundation
import PlacementBench
import Testing

/// A record of a run, built by hand.
func record(
  _ run: Int, instance: String = "a.json", applicants: Int = 100, strategy: String = "deferred-acceptance",
  status: String = "optimal", matched: Int? = 10, blocking: Int? = 0, seconds: Double? = 0.01, sweep: String = "s1",
  runs: Int = 8
) -> BenchRecord {
  var record = BenchRecord(
    sweep: sweep, run: run, runs: runs, repeat: 1,
    instance: InstanceFacts(
      source: instance, name: instance, applicants: applicants, positions: 10, groups: 0, pairs: applicants * 3,
      seats: 20, applicantTies: 0.25, positionTies: 0, features: ["ties"]),
    strategy: strategy, status: status, versions: Versions(placement: "0.1.0", glpk: "5.0", swift: "6.3"),
    machine: Machine(cores: 2, model: "test", memoryBytes: 1 << 30, system: "Linux"))
  if status == BenchRecord.failed || status == BenchRecord.refused {
    record.failure = "because"
    return record
  }
  record.matched = matched
  record.blockingPairs = blocking
  record.solveSeconds = seconds
  record.rankProfile = matched.map { [$0 / 2, $0 - $0 / 2] }
  return record
}

@Suite("Sweep summaries, files, merges and reports")
struct SweepReportTests {
  @Test("the power law fitted to exact points gives back its exponent and factor")
  func powerLaw() throws {
    let records = [100, 1_000, 10_000].enumerated().map { index, size in
      record(index, instance: "n\(size)", applicants: size, seconds: 3e-6 * pow(Double(size), 1.5))
    }
    let row = try #require(SweepSummary(records).strategies.first)
    #expect(abs(try #require(row.exponent) - 1.5) < 1e-9)
    #expect(abs(try #require(row.factor) - 3e-6) < 1e-12)
    #expect(SweepSummary([record(0)]).strategies[0].exponent == nil)
  }

  @Test("the best known is the most placed by a stable result; failures count as no result")
  func bestKnown() throws {
    let records = [
      record(0, strategy: "deferred-acceptance", matched: 8),
      record(1, strategy: "max-stable", matched: 10),
      record(2, strategy: "welfare", matched: 12, blocking: 3),
      record(3, strategy: "broken", status: BenchRecord.failed),
      record(4, instance: "b.json", strategy: "welfare", matched: 5, blocking: 2),
    ]
    let summary = SweepSummary(records)
    #expect(summary.cells.map(\.best) == [10, 10, 10, 10, 5])
    let rows = Dictionary(uniqueKeysWithValues: summary.strategies.map { ($0.strategy, $0) })
    #expect(rows["deferred-acceptance"]?.meanRatio == 0.8)
    #expect(rows["deferred-acceptance"]?.atBest == 0)
    #expect(rows["max-stable"]?.atBest == 1)
    #expect(rows["welfare"]?.meanRatio == (1.2 + 1) / 2)
    #expect(rows["broken"]?.failed == 1 && rows["broken"]?.meanRatio == nil)
    #expect(MarkdownReport(records).text.contains("- run 3 (broken on a.json, repeat 1): failed: because"))
    // a.json and b.json are one family (one folder, one size); welfare's mean ratio there is (1.2 + 1) / 2.
    let welfare = try #require(summary.families.first { $0.strategy == "welfare" })
    #expect(welfare.family == "./ · 100 applicants" && welfare.cells.count == 2 && welfare.meanMatched == 8.5)
    #expect(
      MarkdownReport(records).familyTable.contains {
        $0.hasPrefix("| ./ · 100 applicants | 100 | `welfare` | 2 | 0 | 8.5 | 1.1000 | 100.0% |")
      }, "\(MarkdownReport(records).familyTable)")
  }

  @Test("records read back from JSON lines as written; the CSV has one row per record, quoted where needed")
  func files() throws {
    var tricky = record(1, instance: "gen:applicants=10,seed=1")
    tricky.failure = "a \"quoted\", comma\nand a newline"
    let records = [record(0), tricky]
    let lines = try RecordFiles.jsonLines(records)
    #expect(try RecordFiles.records(jsonLines: lines, name: "runs.jsonl") == records)
    #expect(throws: BenchError.self) { try RecordFiles.records(jsonLines: Data("{}\n".utf8), name: "x") }
    let reader = try CSVReader(
      string: String(decoding: try RecordFiles.csv(records), as: UTF8.self), hasHeaderRow: true)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    let header = try #require(reader.headerRow)
    #expect(rows.count == 2)
    #expect(rows.allSatisfy { $0.count == header.count })
    #expect(rows[1][header.firstIndex(of: "failure")!] == tricky.failure)
    #expect(rows[1][header.firstIndex(of: "instance")!] == "gen:applicants=10,seed=1")
    #expect(rows[0][header.firstIndex(of: "rankProfile")!] == "5 5")
  }

  @Test("merging is idempotent, joins shards into the whole, and refuses mixed sweeps")
  func merge() throws {
    let whole = (0..<8).map { record($0, instance: $0 < 4 ? "a.json" : "b.json") }
    let first = whole.filter { $0.run % 2 == 0 }
    let second = whole.filter { $0.run % 2 == 1 }
    #expect(try SweepMerge([("1", second), ("2", first)]).records == whole)
    #expect(try SweepMerge([("1", whole), ("2", whole), ("3", first)]).records == whole)
    let partial = try SweepMerge([("1", first)])
    #expect(partial.missingRuns == [1, 3, 5, 7])
    let other = [record(0, sweep: "s2")]
    #expect(throws: BenchError.self) { try SweepMerge([("1", first), ("2", other)]) }
  }

  @Test("the search table shows branch-and-bound's statistics per family, and only when results state them")
  func searchTable() throws {
    var records = (0..<3).map {
      record($0, instance: "gen:seed=\($0 + 1)", strategy: "max-stable", seconds: Double($0 + 1))
    }
    #expect(MarkdownReport(records).searchTable.isEmpty)
    for index in records.indices {
      records[index].rootSeconds = 0.5 * Double(index + 1)
      records[index].rootBound = 10.25
      records[index].nodes = [1, 7, 3][index]
      records[index].incumbentSeconds = Double(index + 1)
    }
    records[2].status = "feasible"
    let table = MarkdownReport(records).searchTable
    #expect(table.count == 3, "\(table)")
    #expect(table[0].hasPrefix("| family | applicants | strategy | proven optimal | time to optimal (s)"))
    #expect(table[2].contains("| `max-stable` | 2 of 3 |"), "\(table[2])")
    #expect(table[2].contains("| 3 [7] |"), "\(table[2])")
    #expect(MarkdownReport(records).text.contains(table[2]))
  }

  @Test("the report holds one plot per figure, and escapes what it shows")
  func report() throws {
    let records = [
      record(0, applicants: 100, strategy: "a<b>", seconds: 0.01),
      record(1, instance: "b.json", applicants: 1_000, strategy: "a<b>", seconds: 0.1),
      record(2, strategy: "c&d", matched: 9),
      record(3, instance: "b.json", applicants: 1_000, strategy: "c&d", status: BenchRecord.failed),
    ]
    let html = HTMLReport(records).html
    let figures = html.components(separatedBy: "<figure class=\"plot\">").dropFirst()
    #expect(figures.count == 3)
    for figure in figures {
      let body = try #require(figure.components(separatedBy: "</figure>").first)
      #expect(body.components(separatedBy: "<svg").count - 1 == 1)
    }
    #expect(!html.contains("a<b>") && html.contains("a&lt;b&gt;") && html.contains("c&amp;d"))
    #expect(!html.contains("src=") && !html.contains("href="), "the page loads nothing")
  }
}
