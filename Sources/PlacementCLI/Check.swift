import ArgumentParser
import Foundation
import Placement

extension PlacementCommand {
  /// `placement check`: evaluates a result file against its instance.
  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate a result against its instance and print the evaluation JSON.",
      discussion: "Exits 1 when the result is invalid, or with --require-stable when a pair blocks it.")

    @Argument(help: "The instance file.")
    var instance: String

    @Argument(help: "The result file to check.")
    var result: String

    @Flag(help: "Fail (exit 1) when any pair blocks the result.")
    var requireStable = false

    @Option(help: "The most blocking pairs to list.")
    var listLimit = 20

    func run() async throws {
      let (_, market) = try Files.market(instance)
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: result))
      } catch {
        throw CLIError.badInput(result, "cannot read: \(error.localizedDescription)")
      }
      let assignment: [Int32]
      do {
        assignment = try market.assignment(fromResultJSON: data)
      } catch {
        throw CLIError.invalid(result, error)
      }
      let evaluation = Evaluation(market, assignment, blockingPairLimit: listLimit)
      var document: [String: JSONValue] = [
        "format": .string("placement-evaluation"),
        "version": .number(1),
        "instance": .string(market.name),
        "valid": .bool(evaluation.isValid),
        "stable": .bool(evaluation.isStable),
        "violations": .array(evaluation.violations.map(JSONValue.string)),
        "metrics": evaluation.metricsJSON,
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
      Files.writeStandardOutput(JSONValue.object(document).jsonBytes())
      report(
        "\(result): \(evaluation.isValid ? "valid" : "INVALID"), \(evaluation.matched) placed, "
          + "\(evaluation.blockingPairCount) blocking pairs")
      if !evaluation.isValid || (requireStable && evaluation.blockingPairCount > 0) { throw ExitCode(1) }
    }
  }
}
