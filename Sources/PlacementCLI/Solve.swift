import ArgumentParser
import Foundation
import Logging
import Placement
import PlacementBench
import PlacementGLPK

extension PlacementCommand {
  /// `placement solve`: decides an assignment for an instance file.
  struct Solve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Solve an instance and write the result JSON.",
      discussion: "A short summary goes to stderr; the result goes to --output, or stdout without it.\n\n"
        + "Strategies and their options (`placement strategies` adds the market features each takes):\n\n"
        + StrategyHelp.text(StrategyRegistry.all, features: false))

    @Argument(help: "The instance file (JSON, instance format version 1), or - for standard input.")
    var instance: String

    @Option(
      help: ArgumentHelp(
        "The strategy: \(StrategyRegistry.all.entries.map(\.name).joined(separator: ", ")).",
        discussion: "Its options follow; see the list below or `placement strategies`."))
    var strategy = StrategyEntry.deferredAcceptance.name

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp(
        "Where to write the result JSON; - for standard output.",
        discussion: "A file is replaced atomically, keeping its mode, and never the input; "
          + "a pipe, FIFO or device is written in place."))
    var output: String?

    @OptionGroup var verbosity: Verbosity

    @Flag(help: "Print how long each phase took (read, compile, solve, evaluate, write) on stderr.")
    var timings = false

    @Option(help: .hidden)
    var usageOutput: String?

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var strategyOptions: [String] = []

    func validate() throws {
      do {
        _ = try StrategyRegistry.all.arguments(for: strategy, from: strategyOptions)
      } catch {
        throw ValidationError(error.description)
      }
    }

    func run() async throws {
      let registry = StrategyRegistry.all
      let arguments = try registry.arguments(for: strategy, from: strategyOptions)
      // `validate()` checked the name.
      let entry = registry.entry(named: strategy)!
      let target = try OutputTarget(output ?? "-", notOver: [instance])
      let log = verbosity.log()
      var clock = PhaseClock()
      let (_, market) = try Files.market(instance, log: log, clock: &clock)
      for warning in market.warnings { report("\(instance): warning: \(warning)") }
      let refusals = entry.refusals(of: market)
      guard refusals.isEmpty else {
        throw CLIError.badInput(instance, "\(entry.name) cannot solve this market: \(refusals.joined(separator: "; "))")
      }
      let timeLimit = arguments.number(StrategyRegistry.timeLimit).map(Duration.timeLimit(seconds:))
      let seed = UInt64(arguments.number(StrategyRegistry.seed) ?? 1)
      let control = log.control(timeLimit: timeLimit, seed: seed)
      log.logger.debug("solving with \(entry.name), seed \(seed)")
      let solveStart = ContinuousClock.now
      var solution = try await solveInterruptibly(entry.make(arguments), market, control: control, line: log.line)
      let solveSeconds = (ContinuousClock.now - solveStart).seconds
      solution.notes += market.warnings.map { "warning: \($0)" }
      if solution.status == .infeasible, market.features.contains(.minimums) {
        solution.notes += await explainMinimums(market)
      }
      clock.lap("solve")
      let evaluation = Evaluation(market, solution.assignment)
      clock.lap("evaluate")
      let parameters = arguments.parameters(for: market)
      let bytes = solution.resultJSON(
        market: market, strategy: entry.name, parameters: parameters, evaluation: evaluation, seed: seed)
      try await target.write(bytes)
      clock.lap("write")
      log.logger.debug("wrote \(output ?? "the result to standard output") (\(Files.megabytes(bytes.count)))")
      if let usageOutput {
        let usage = RunUsage.current(solveSeconds: solveSeconds)
        try await OutputTarget(usageOutput, notOver: [instance]).write(Array(JSONEncoder().encode(usage)))
      }
      if timings { report(clock.summary) }
      if !verbosity.quiet {
        Summary(market: market, solution: solution, evaluation: evaluation)
          .lines(strategy: description(of: entry, parameters: parameters, solution: solution))
          .forEach(report)
        if let output { report("wrote \(output)") }
      }
      if solution.status == .infeasible || solution.status == .timeLimit || !evaluation.isValid { throw ExitCode(1) }
    }

    /// Why the minimums were not met, from ``MinimumsDiagnosis`` (ten seconds at most):
    /// whether any placement could meet them, and if not, why and by how much.
    private func explainMinimums(_ market: Market) async -> [String] {
      let control = SolveControl(timeLimit: .seconds(10))
      guard let diagnosis = try? await MinimumsDiagnosis.diagnose(market, control: control) else { return [] }
      if diagnosis.verdict == .feasible {
        return ["minimums: every minimum can be met, but not by this strategy (welfare meets them)"]
      }
      return diagnosis.lines.map { "minimums: \($0)" }
    }

    /// The strategy as the summary names it: its name, its choices, the flags that add
    /// constraints, and the method that ran (in place of the method option's choice).
    private func description(of entry: StrategyEntry, parameters: [String: JSONValue], solution: Solution) -> String {
      var details: [String] = []
      for option in entry.allOptions {
        switch (option.kind, parameters[option.parameter]) {
        case (.choice, .string(let value)) where !(option.name == "method" && solution.method != nil):
          details.append(value)
        case (.flag, .bool(true)) where !option.name.hasPrefix("no-"):
          details.append(option.name)
        default:
          continue
        }
      }
      if let method = solution.method { details.append(method) }
      return details.isEmpty ? entry.name : "\(entry.name) (\(details.joined(separator: ", ")))"
    }

    /// Runs `strategy` so that Ctrl-C cancels its control (it then returns the best
    /// placement found so far), mapping its errors to the CLI's.
    private func solveInterruptibly(
      _ strategy: any Strategy, _ market: Market, control: SolveControl, line: ProgressLine?
    ) async throws -> Solution {
      defer { line?.clear() }
      let interrupt = Interrupt { control.cancel() }
      defer { interrupt.stop() }
      return try await CLIError.mappingSolveErrors(of: instance) {
        try await strategy.solve(market, control: control)
      }
    }
  }
}

extension CLIError {
  /// Runs a solve of `instance`, mapping its errors to the CLI's: an interruption before
  /// any placement exits 1, an objective or method that does not fit and GLPK's failures
  /// exit 2.
  static func mappingSolveErrors<Value>(of instance: String, _ body: () async throws -> Value) async throws -> Value {
    do {
      return try await body()
    } catch is CancellationError {
      throw CLIError(message: "\(instance): interrupted before any placement was found", exitCode: 1)
    } catch let error as WelfareError {
      throw CLIError.badInput(instance, error.description)
    } catch let error as GLPKError {
      throw CLIError(message: "\(instance): \(error.description)", exitCode: 2)
    }
  }
}

extension WelfareObjective: ExpressibleByArgument {}
