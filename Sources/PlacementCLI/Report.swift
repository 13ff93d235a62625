import ArgumentParser
import Foundation
import Placement
import PlacementReport

extension PlacementCommand {
  /// `placement report`: the season report, one self-contained HTML page.
  struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the season report: one self-contained HTML page for the people a placement concerns.",
      discussion: """
        The headline (placed of total, first-choice share, blocking pairs, minimums met), the \
        rank distribution as a chart, fill per host or network, per university or origin and \
        per group, and why each unplaced person is unplaced, searchable. No network is needed \
        to view it; it prints on A4. `check --format text` gives the same facts in a terminal.
        """)

    @Argument(help: "The instance file (JSON).")
    var instance: String

    @Argument(help: "The result file (JSON) of that instance.")
    var result: String

    @Option(name: .shortAndLong, help: "Where to write the page; - for standard output.")
    var output: String

    @OptionGroup var verbosity: Verbosity

    func run() async throws {
      let target = try OutputTarget(output, notOver: [instance, result])
      let log = verbosity.log()
      let (model, market) = try Files.market(instance, log: log)
      let audit = try Files.audit(result, of: market)
      log.step("writing the report")
      let page = SeasonReport(instance: model, market: market, assignment: audit.assignment).html
      try await target.write(Array(page.utf8))
      log.done("wrote the report (\(Files.megabytes(page.utf8.count)))")
      if output != "-", !verbosity.quiet { report("wrote \(output)") }
    }
  }
}
