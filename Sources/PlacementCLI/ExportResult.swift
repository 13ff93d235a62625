import ArgumentParser
import Foundation
import Placement
import PlacementSheets

extension PlacementCommand {
  /// `placement export-result`: a result as the sheets an office hands out.
  struct ExportResult: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export-result",
      abstract: "Write a result as CSV: everyone's placement and one roster per host.",
      discussion: """
        Writes FOLDER/placement.csv (applicant, type, position, host, rank; unplaced \
        applicants with the last three empty) and FOLDER/rosters/HOST.csv for each group (each \
        position when there are no groups): position, applicant, type, rank.
        """)

    @Argument(help: "The instance file (JSON).")
    var instance: String

    @Argument(help: "The result file (JSON) of that instance.")
    var result: String

    @Option(help: "The layout: csv.")
    var format: String = "csv"

    @Option(name: .shortAndLong, help: "The folder to write into (created when missing).")
    var output: String

    @OptionGroup var verbosity: Verbosity

    func validate() throws {
      guard format == "csv" else { throw ValidationError("--format takes csv") }
    }

    func run() async throws {
      let log = verbosity.log()
      let (model, market) = try Files.market(instance, log: log)
      let audit = try Files.audit(result, of: market)
      let inputs = [instance, result]
      try await SheetFiles.write(
        [("placement.csv", try ResultSheets.placement(model, market, audit.assignment))], into: output, notOver: inputs)
      let rosters = try ResultSheets.rosters(model, market, audit.assignment)
      try await SheetFiles.write(rosters, into: (output as NSString).appendingPathComponent("rosters"), notOver: inputs)
      if !verbosity.quiet { report("wrote \(output): placement.csv and \(rosters.count) rosters") }
    }
  }
}
