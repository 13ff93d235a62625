import Foundation
import Placement

/// The sweep as markdown: what `placement bench` prints, and what the README's benchmark
/// sections are pasted from.
public struct MarkdownReport: Sendable {
  let summary: SweepSummary
  let records: [BenchRecord]

  /// A report of `records` (one sweep's).
  public init(_ records: [BenchRecord]) {
    self.records = records.sorted { $0.run < $1.run }
    summary = SweepSummary(records)
  }

  /// The whole report: a line on the machine, the table by strategy, the table by
  /// instance, and the failures.
  public var text: String {
    var lines: [String] = []
    if let first = records.first {
      lines.append(
        "Sweep \(first.sweep): \(records.count) of \(first.runs) runs; \(first.machine.description); "
          + "Placement \(first.versions.placement), GLPK \(first.versions.glpk), Swift \(first.versions.swift).")
      lines.append("")
    }
    lines += strategyTable + [""] + familyTable
    if !searchTable.isEmpty { lines += [""] + searchTable }
    lines += [""] + instanceTable
    if !failureLines.isEmpty { lines += [""] + failureLines.map { "- " + $0 } }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One line per run without a checked result: which run, and why.
  public var failureLines: [String] {
    records.filter { !$0.succeeded }.map { record in
      "run \(record.run) (\(record.strategy) on \(record.instance.label), repeat \(record.repeat)): "
        + "\(record.status): \(record.failure ?? "")"
    }
  }

  /// One row per strategy: how close to the best known, how often proven, how fast, and
  /// how time grows with the applicants.
  public var strategyTable: [String] {
    var lines = [
      "| strategy | runs | failed | placed ÷ best | at best | ≥ 0.98 · best | proven optimal | mean time (s) | growth |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in summary.strategies {
      let failed = row.failed + row.refused
      let cells = [
        "`\(row.strategy)`", "\(row.runs)",
        failed == 0 ? "0" : "\(failed)" + (row.refused > 0 ? " (\(row.refused) refused)" : ""),
        Formatting.ratio(row.meanRatio), Formatting.percent(row.atBest), Formatting.percent(row.nearBest),
        Formatting.percent(row.proven), Formatting.seconds(row.meanSeconds), Formatting.exponent(row.exponent),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines
  }

  /// One row per strategy on each family of instances (the seeds of one generator spec,
  /// one folder's files of one size): placed and how often at the best known, how often
  /// proven, and solve times over every run.
  public var familyTable: [String] {
    var lines = [
      "| family | applicants | strategy | instances | no result | placed (mean) | placed ÷ best | at best | proven optimal | time (s), median [max] | end to end (s), median | peak memory, median |",
      "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in summary.families {
      let succeeded = row.succeeded
      let seconds = succeeded.compactMap(\.solveSeconds)
      let cells = [
        row.family, Formatting.count(row.applicants.rounded()), "`\(row.strategy)`", "\(row.cells.count)",
        "\(row.unchecked)",
        Formatting.decimal(row.meanMatched), Formatting.ratio(Statistics.mean(row.ratios)),
        Formatting.percent(row.atBest),
        Formatting.percent(row.proven),
        Formatting.seconds(Statistics.median(seconds))
          + (seconds.count > 1 ? " [\(Formatting.seconds(seconds.max()))]" : ""),
        Formatting.seconds(Statistics.median(succeeded.compactMap(\.wallSeconds))),
        Formatting.megabytes(Statistics.median(succeeded.compactMap(\.peakBytes).map(Double.init))),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines
  }

  /// One row per strategy on each family whose results state how their search went
  /// (branch-and-bound strategies): the median time to a proven optimum, when the root LP
  /// was solved and what it bounded, when the returned placement was found, and nodes.
  /// Empty when no result states it.
  public var searchTable: [String] {
    let rows = summary.families.filter { $0.succeeded.contains { $0.nodes != nil } }
    guard !rows.isEmpty else { return [] }
    var lines = [
      "| family | applicants | strategy | proven optimal | time to optimal (s), median [max] | root LP (s), median | root bound, median | placement found (s), median | nodes, median [max] |",
      "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows {
      let succeeded = row.succeeded
      let optimal = succeeded.filter { $0.status == Solution.Status.optimal.rawValue }.compactMap(\.solveSeconds)
      let nodes = succeeded.compactMap(\.nodes).map(Double.init)
      let cells = [
        row.family, Formatting.count(row.applicants.rounded()), "`\(row.strategy)`",
        "\(optimal.count) of \(succeeded.count)",
        Formatting.seconds(Statistics.median(optimal))
          + (optimal.count > 1 ? " [\(Formatting.seconds(optimal.max()))]" : ""),
        Formatting.seconds(Statistics.median(succeeded.compactMap(\.rootSeconds))),
        Formatting.decimal(Statistics.median(succeeded.compactMap(\.rootBound))),
        Formatting.seconds(Statistics.median(succeeded.compactMap(\.incumbentSeconds))),
        Formatting.count(Statistics.median(nodes)) + (nodes.count > 1 ? " [\(Formatting.count(nodes.max()))]" : ""),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines
  }

  /// One row per strategy on each instance: status, placed against the best known,
  /// blocking pairs, the objective and its gap, and the median times with their spread
  /// over the repeats.
  public var instanceTable: [String] {
    var lines = [
      "| instance | applicants | strategy | status | placed | best | blocking pairs | objective | gap | time (s), median [min–max] | end to end (s) | peak memory |",
      "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for cell in summary.cells {
      let seconds = cell.seconds
      let spread =
        seconds.count > 1 ? " [\(Formatting.seconds(seconds.min()))–\(Formatting.seconds(seconds.max()))]" : ""
      let blocking = Statistics.median(cell.succeeded.compactMap(\.blockingPairs).map(Double.init))
      let peak = Statistics.median(cell.succeeded.compactMap(\.peakBytes).map(Double.init))
      let cells = [
        cell.instance.label, "\(cell.instance.applicants)", "`\(cell.strategy)`", Self.statuses(cell.records),
        Formatting.count(cell.medianMatched), cell.best.map(String.init) ?? "—", Formatting.count(blocking),
        Self.objective(cell.succeeded.first), Formatting.percent(cell.succeeded.first?.gap),
        Formatting.seconds(cell.medianSeconds) + spread,
        Formatting.seconds(Statistics.median(cell.succeeded.compactMap(\.wallSeconds))), Formatting.megabytes(peak),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines
  }

  /// `rank sum 5123`, the objective as the result names it (of the first repeat).
  static func objective(_ record: BenchRecord?) -> String {
    guard let record, let value = record.objective else { return "—" }
    let number = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4g", value)
    return (record.objectiveName.map { $0 + " " } ?? "") + number
  }

  /// `optimal`, or `optimal ×2, feasible ×1` when repeats differ.
  static func statuses(_ records: [BenchRecord]) -> String {
    var order: [String] = []
    var counts: [String: Int] = [:]
    for record in records {
      if counts[record.status] == nil { order.append(record.status) }
      counts[record.status, default: 0] += 1
    }
    return order.count == 1 ? order[0] : order.map { "\($0) ×\(counts[$0]!)" }.joined(separator: ", ")
  }
}
