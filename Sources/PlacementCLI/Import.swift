import ArgumentParser
import Foundation
import Placement
import PlacementSheets

/// The layouts `import` reads and `export-instance` writes: the operator's CSV sheets or a
/// Glasgow text layout.
enum InstanceLayout: ExpressibleByArgument, Equatable {
  case csv
  case glasgow(GlasgowFormat)

  init?(argument: String) {
    if argument == "csv" {
      self = .csv
    } else if let format = GlasgowFormat(rawValue: argument) {
      self = .glasgow(format)
    } else {
      return nil
    }
  }

  static var allValueStrings: [String] { ["csv"] + GlasgowFormat.allCases.map(\.rawValue) }
}

extension PlacementCommand {
  /// `placement import`: turns an instance in a public layout into Placement's JSON.
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Turn spreadsheets (CSV) or a public text layout into an instance file (JSON).",
      discussion: """
        csv reads a folder of sheets (instances/templates and its README): applicants.csv \
        (or students.csv, experts.csv) and positions.csv (or posts.csv, networks.csv), with \
        groups.csv (or hosts.csv), rankings.csv, quotas.csv, scores.csv and overrides.csv \
        when the season has them. Separators `,`, `;` or tab, quoted cells and a byte-order \
        mark are read as spreadsheets write them; a problem is reported as \
        FILE:LINE:COLUMN: message (exit 2).

        glasgow-hrt, glasgow-smti and glasgow-spa are the layouts of the Glasgow matching data \
        sets (docs/glasgow-formats.md): residents, men or students become applicants r1, m1, \
        s1 …; hospitals, women or projects become positions h1, w1, p1 …; lecturers become \
        groups l1 …. A problem is reported as FILE:LINE:COLUMN: message (exit 2); couples are \
        refused. `placement export-instance` writes the layouts back.
        """)

    @Option(help: "The layout: \(InstanceLayout.allValueStrings.joined(separator: ", ")).")
    var format: InstanceLayout

    @Argument(help: "The file to read, or - for standard input; for csv, the folder of sheets.")
    var file: String

    @Option(help: "The instance's name (default: the file's name without its extension).")
    var name: String?

    @Option(name: .shortAndLong, help: "Where to write the instance JSON; - or none for standard output.")
    var output: String?

    @OptionGroup var verbosity: Verbosity

    func run() async throws {
      let target = try OutputTarget(output ?? "-", notOver: [file])
      let log = verbosity.log()
      let instance =
        switch format {
        case .csv: try SheetFiles.instance(folder: file, name: name, log: log)
        case .glasgow(let layout): try Files.instance(file, format: layout, name: name)
        }
      try await target.write(instance.jsonBytes())
      if let output, !verbosity.quiet {
        report("wrote \(output): \(instance.applicants.count) applicants, \(instance.positions.count) positions")
      }
    }
  }

  /// `placement export-instance`: writes an instance in a public text layout.
  struct ExportInstance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export-instance",
      abstract: "Write an instance as CSV sheets or in a public text layout (the Glasgow data sets').",
      discussion: """
        csv writes the sheets `import --format csv` reads into a folder (--output, required): \
        applicants.csv, positions.csv, and groups.csv, rankings.csv, quotas.csv, scores.csv, \
        overrides.csv when the instance has them.

        For the Glasgow layouts, agents are numbered from 1 in instance order. A feature the layout cannot express \
        (minimums, closable positions, type quotas, scores, groups outside glasgow-spa, a \
        capacity other than 1 in glasgow-smti) is refused by field path (exit 2); applicant \
        types and attributes, which do not change who may be placed where, are left out with \
        a note.
        """)

    @Argument(help: "The instance file (JSON).")
    var instance: String

    @Option(help: "The layout: \(InstanceLayout.allValueStrings.joined(separator: ", ")).")
    var format: InstanceLayout

    @Option(name: .shortAndLong, help: "Where to write it; - or none for standard output; for csv, a folder.")
    var output: String?

    @OptionGroup var verbosity: Verbosity

    func run() async throws {
      let log = verbosity.log()
      guard case .glasgow(let format) = format else {
        guard let output, output != "-" else { throw CLIError.badInput(instance, "csv needs --output FOLDER") }
        let (model, _) = try Files.market(instance, log: log)
        log.step("writing the sheets")
        let sheets = try InstanceSheets.sheets(of: model)
        try await SheetFiles.write(sheets, into: output, notOver: [instance])
        log.done("wrote \(sheets.count) sheets")
        if !verbosity.quiet { report("wrote \(output): \(sheets.map(\.name).joined(separator: ", "))") }
        return
      }
      let target = try OutputTarget(output ?? "-", notOver: [instance])
      let (model, _) = try Files.market(instance, log: log)
      let text: GlasgowText
      do {
        text = try model.glasgowText(format)
      } catch {
        throw CLIError.invalid(instance, error)
      }
      try await target.write(Array(text.text.utf8))
      if !text.omitted.isEmpty {
        report(
          "\(instance): not written (\(format.rawValue) has no place for them): \(text.omitted.joined(separator: ", "))"
        )
      }
      if let output, !verbosity.quiet { report("wrote \(output)") }
    }
  }
}
