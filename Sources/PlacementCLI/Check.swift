import ArgumentParser
import Foundation
import Placement

extension PlacementCommand {
  /// `placement check`: evaluates a result file against its instance.
  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate a result against its instance and print the evaluation JSON.",
      discussion: """
        Evaluates the assignment independently and checks every claim of the result (instance name, \
        format and version, status, unassigned, metrics, objective, bound and gap), printing each \
        discrepancy by field path on stderr.

        Exit codes: 0 when the placement is valid and every claim holds; 1 when the placement \
        is invalid, a claim does not hold, or (with --require-stable) a pair blocks it; 2 when \
        a file cannot be read or the result does not fit the instance (unknown ids, an \
        applicant placed twice, not JSON).
        """)

    @Argument(help: "The instance file.")
    var instance: String

    @Argument(help: "The result file to check, or - for standard input.")
    var result: String

    @Flag(help: "Fail (exit 1) when any pair blocks the result.")
    var requireStable = false

    @Option(help: "The most blocking pairs to list.")
    var listLimit = 20

    @Option(
      help:
        "json (the evaluation document) or text (the season's facts for people: headline, ranks, fill, why each unplaced applicant is)."
    )
    var format = "json"

    @OptionGroup var verbosity: Verbosity

    func validate() throws {
      guard ["json", "text"].contains(format) else { throw ValidationError("--format takes json or text") }
    }

    func run() async throws {
      let log = verbosity.log()
      let (model, market) = try Files.market(instance, log: log)
      let audit: ResultAudit
      do {
        audit = try ResultAudit(market, resultJSON: InputFile.read(result), blockingPairLimit: listLimit)
      } catch let error as Placement.ValidationError {
        throw CLIError.invalid(result, error)
      }
      let evaluation = audit.evaluation
      var document: [String: JSONValue] = [
        "format": .string("placement-evaluation"),
        "version": .number(1),
        "instance": .string(market.name),
        "valid": .bool(evaluation.isValid),
        "claimsHold": .bool(audit.discrepancies.isEmpty),
        "discrepancies": .array(audit.discrepancies.map { .string($0.description) }),
        "stable": .bool(evaluation.isStable),
        "violations": .array(evaluation.violations.map(JSONValue.string)),
        "metrics": evaluation.metricsJSON(in: market),
        "blockingPairs": .array(
          evaluation.blockingPairs.map {
            .object([
              "applicant": .string(market.applicantIDs[$0.applicant]),
              "position": .string(market.positionIDs[$0.position]),
            ])
          }),
      ]
      document["groupFill"] = .object(
        Dictionary(
          uniqueKeysWithValues: market.groupIDs.enumerated().map { ($1, .number(Double(evaluation.groupFill[$0]))) }))
      document["typeFill"] = .object(
        Dictionary(
          uniqueKeysWithValues: market.typeNames.enumerated().map {
            (
              $1,
              .object([
                "placed": .number(Double(evaluation.typeFill[$0].placed)),
                "total": .number(Double(evaluation.typeFill[$0].total)),
              ])
            )
          }))
      if format == "text" {
        let facts = SeasonFacts(instance: model, market: market, assignment: audit.assignment, evaluation: evaluation)
        try await OutputTarget("-", notOver: []).write(Array((facts.lines.joined(separator: "\n") + "\n").utf8))
      } else {
        try await OutputTarget("-", notOver: []).write(JSONValue.object(document).jsonBytes())
      }
      for discrepancy in audit.discrepancies { report("\(result): \(discrepancy)") }
      let verdict =
        !evaluation.isValid ? "INVALID" : audit.discrepancies.isEmpty ? "valid" : "valid placement, FALSE CLAIMS"
      if !verbosity.quiet || !evaluation.isValid || !audit.discrepancies.isEmpty {
        report(
          "\(result): \(verdict), \(evaluation.matched) placed, \(evaluation.blockingPairCount) blocking pairs"
            + (audit.discrepancies.isEmpty ? "" : ", \(audit.discrepancies.count) discrepancies"))
      }
      if !evaluation.isValid || !audit.discrepancies.isEmpty || (requireStable && evaluation.blockingPairCount > 0) {
        throw ExitCode(1)
      }
    }
  }
}
