import ArgumentParser
import Foundation
import Placement
import PlacementBench

extension PlacementCommand {
  /// `placement bench`: sweeps of strategies over instances, and merging their shards.
  struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run strategies on instances, check every result, and write tables and a report.",
      subcommands: [BenchSweep.self, BenchMerge.self],
      defaultSubcommand: BenchSweep.self)
  }
}

/// Writes a sweep's files into `folder` (runs.jsonl, runs.csv, report.html, each
/// replaced whole) and prints its markdown table on standard output.
func writeSweepOutputs(_ records: [BenchRecord], to folder: String) async throws {
  do {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  } catch {
    throw CLIError.badInput(folder, "cannot create the output folder (\(error.localizedDescription))")
  }
  let files: [(String, [UInt8])] = [
    ("runs.jsonl", Array(try RecordFiles.jsonLines(records))), ("runs.csv", Array(try RecordFiles.csv(records))),
    ("report.html", Array(HTMLReport(records).html.utf8)),
  ]
  for (name, bytes) in files {
    try await OutputTarget((folder as NSString).appendingPathComponent(name), notOver: []).write(bytes)
  }
  print(MarkdownReport(records).text, terminator: "")
}
