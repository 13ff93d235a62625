import ArgumentParser
import Foundation
import Placement

extension PlacementCommand {
  /// `placement solve`: decides an assignment for an instance file.
  struct Solve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Solve an instance and write the result JSON.",
      discussion: "A short summary goes to stderr; the result goes to --output, or stdout without it.")

    /// The strategies the CLI offers.
    enum StrategyName: String, ExpressibleByArgument, CaseIterable {
      case deferredAcceptance = "deferred-acceptance"
    }

    /// The tie-breaking rules the CLI offers.
    enum TieBreakName: String, ExpressibleByArgument, CaseIterable {
      case listed, single, multiple
    }

    @Argument(help: "The instance file (JSON, instance format version 1).")
    var instance: String

    @Option(help: "The strategy.")
    var strategy: StrategyName = .deferredAcceptance

    @Option(help: "Which side proposes in deferred acceptance.")
    var proposer: DeferredAcceptance.Proposer = .applicants

    @Option(
      name: .customLong("tie-break"),
      help: "How ties are broken: listed order, or seeded single or multiple random tie-breaking.")
    var tieBreak: TieBreakName = .listed

    @Option(help: "The seed of random tie-breaking.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Where to write the result JSON (written atomically; never over the input).")
    var output: String?

    @Flag(help: "Print no summary on stderr.")
    var quiet = false

    @Flag(help: "Print how long each phase took (read, compile, solve, evaluate, write) on stderr.")
    var timings = false

    func run() async throws {
      var clock = PhaseClock()
      let (_, market) = try Files.market(instance, clock: &clock)
      let tieBreaking: TieBreaking =
        switch tieBreak {
        case .listed: .listed
        case .single: .single(seed: seed)
        case .multiple: .multiple(seed: seed)
        }
      let algorithm = DeferredAcceptance(proposing: proposer, tieBreaking: tieBreaking)
      let solution = algorithm.assign(market)
      clock.lap("solve")
      let evaluation = Evaluation(market, solution.assignment)
      clock.lap("evaluate")
      var parameters: [String: JSONValue] = [
        "proposer": .string(proposer.rawValue), "tieBreak": .string(tieBreak.rawValue),
      ]
      if tieBreak != .listed { parameters["seed"] = .number(Double(seed)) }
      let bytes = solution.resultJSON(
        market: market, strategy: algorithm.name, parameters: parameters, evaluation: evaluation)
      if let output {
        try Files.write(bytes, to: output, notOver: [instance])
      } else {
        Files.writeStandardOutput(bytes)
      }
      clock.lap("write")
      if timings { report(clock.summary) }
      if !quiet {
        Summary(market: market, solution: solution, evaluation: evaluation).lines(
          strategy: "\(algorithm.name) (\(proposer.rawValue) propose, ties \(tieBreak.rawValue))"
        ).forEach(report)
        if let output { report("wrote \(output)") }
      }
      if solution.status == .infeasible || !evaluation.isValid { throw ExitCode(1) }
    }
  }
}

extension DeferredAcceptance.Proposer: ExpressibleByArgument {}
