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

    func run() async throws {
      let target = try OutputTarget(output, notOver: [instance, result])
      let (model, market) = try Files.market(instance)
      let audit = try Files.audit(result, of: market)
      let page = SeasonReport(instance: model, market: market, assignment: audit.assignment).html
      try await target.write(Array(page.utf8))
      if output != "-" { report("wrote \(output)") }
    }
  }
}
