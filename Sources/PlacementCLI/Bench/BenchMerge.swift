import ArgumentParser
import Foundation
import PlacementBench

/// `placement bench merge`: joins the outputs of a sweep's shards.
struct BenchMerge: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Join the outputs of one sweep's shards into one output.",
    discussion: """
      Reads runs.jsonl from each folder and writes runs.jsonl, runs.csv and report.html to \
      --output, printing the markdown table. Merging is idempotent (a run held twice is kept \
      once, from the first folder given) and refuses folders of different sweeps (exit 2). \
      The output may be one of the inputs.
      """)

  @Argument(help: "Output folders of `placement bench` (shards of one sweep).")
  var folders: [String]

  @Option(name: .shortAndLong, help: "The folder to write the merged output to.")
  var output: String

  func run() async throws {
    var inputs: [(name: String, records: [BenchRecord])] = []
    for folder in folders {
      let path = (folder as NSString).appendingPathComponent("runs.jsonl")
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError.badInput(path, "cannot be read (is \(folder) an output folder of placement bench?)")
      }
      do {
        inputs.append((path, try RecordFiles.records(jsonLines: data, name: path)))
      } catch {
        throw CLIError(message: error.description, exitCode: 2)
      }
    }
    let merge: SweepMerge
    do {
      merge = try SweepMerge(inputs)
    } catch {
      throw CLIError(message: error.description, exitCode: 2)
    }
    try await writeSweepOutputs(merge.records, to: output)
    if !merge.missingRuns.isEmpty {
      let shown = merge.missingRuns.prefix(20).map(String.init).joined(separator: ", ")
      report(
        "merged \(merge.records.count) runs; \(merge.missingRuns.count) runs of the sweep are in no input: \(shown)"
          + (merge.missingRuns.count > 20 ? ", …" : ""))
    } else {
      report("merged \(merge.records.count) runs into \(output)")
    }
  }
}
