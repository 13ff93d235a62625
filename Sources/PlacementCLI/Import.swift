import ArgumentParser
import Foundation
import Placement

extension GlasgowFormat: ExpressibleByArgument {}

extension PlacementCommand {
  /// `placement import`: turns an instance in a public layout into Placement's JSON.
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Turn an instance in a public text layout into an instance file (JSON).",
      discussion: """
        glasgow-hrt, glasgow-smti and glasgow-spa are the layouts of the Glasgow matching data \
        sets (docs/glasgow-formats.md): residents, men or students become applicants r1, m1, \
        s1 …; hospitals, women or projects become positions h1, w1, p1 …; lecturers become \
        groups l1 …. A problem is reported as FILE:LINE:COLUMN: message (exit 2); couples are \
        refused. `placement export-instance` writes the layouts back.
        """)

    @Option(help: "The layout: \(GlasgowFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: GlasgowFormat

    @Argument(help: "The file to read, or - for standard input.")
    var file: String

    @Option(help: "The instance's name (default: the file's name without its extension).")
    var name: String?

    @Option(name: .shortAndLong, help: "Where to write the instance JSON; - or none for standard output.")
    var output: String?

    func run() async throws {
      let target = try OutputTarget(output ?? "-", notOver: [file])
      let instance = try Files.instance(file, format: format, name: name)
      try await target.write(instance.jsonBytes())
      if let output {
        report("wrote \(output): \(instance.applicants.count) applicants, \(instance.positions.count) positions")
      }
    }
  }

  /// `placement export-instance`: writes an instance in a public text layout.
  struct ExportInstance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export-instance",
      abstract: "Write an instance in a public text layout (the Glasgow data sets').",
      discussion: """
        Agents are numbered from 1 in instance order. A feature the layout cannot express \
        (minimums, closable positions, type quotas, scores, groups outside glasgow-spa, a \
        capacity other than 1 in glasgow-smti) is refused by field path (exit 2); applicant \
        types and attributes, which do not change who may be placed where, are left out with \
        a note.
        """)

    @Argument(help: "The instance file (JSON).")
    var instance: String

    @Option(help: "The layout: \(GlasgowFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: GlasgowFormat

    @Option(name: .shortAndLong, help: "Where to write it; - or none for standard output.")
    var output: String?

    func run() async throws {
      let target = try OutputTarget(output ?? "-", notOver: [instance])
      let (model, _) = try Files.market(instance)
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
      if let output { report("wrote \(output)") }
    }
  }
}
