import ArgumentParser
import Foundation
import Placement
import PlacementGLPK

extension PlacementCommand {
  /// `placement solve`: decides an assignment for an instance file.
  struct Solve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Solve an instance and write the result JSON.",
      discussion: "A short summary goes to stderr; the result goes to --output, or stdout without it.")

    /// The strategies the CLI offers.
    enum StrategyName: String, ExpressibleByArgument, CaseIterable {
      case deferredAcceptance = "deferred-acceptance"
      case stableApprox = "stable-approx"
      case welfare
      case maxStable = "max-stable"
    }

    /// The tie-breaking rules the CLI offers.
    enum TieBreakName: String, ExpressibleByArgument, CaseIterable {
      case listed, single, multiple
    }

    @Argument(help: "The instance file (JSON, instance format version 1).")
    var instance: String

    @Option(help: "The strategy.")
    var strategy: StrategyName = .deferredAcceptance

    @Option(help: "Deferred acceptance: which side proposes (default applicants).")
    var proposer: DeferredAcceptance.Proposer?

    @Option(
      name: .customLong("tie-break"),
      help: "Deferred acceptance: how ties are broken: listed order (default), or seeded single or multiple random.")
    var tieBreak: TieBreakName?

    @Option(help: "Deferred acceptance: the seed of random tie-breaking (default 1).")
    var seed: UInt64?

    @Option(
      help: ArgumentHelp(
        "Welfare: what to optimise (default scores when the instance has scores, else rank-sum).",
        discussion: "rank-sum: most placed, then least rank sum; rank-maximal: most first choices, then most "
          + "second, …; generous: most placed, then fewest at the worst rank, …; scores: most total score."))
    var objective: WelfareObjective?

    @Option(help: "Welfare: automatic (min-cost flow when the market is a network, else GLPK), min-cost-flow or glpk.")
    var method: WelfareProgram.Method?

    @Option(
      name: .customLong("time-limit"),
      help:
        "Welfare, max-stable: stop after this many seconds and return the best placement found, with its bound and gap."
    )
    var timeLimit: Double?

    @Option(
      help: "Welfare, max-stable: stop when the relative gap between placement and bound is at most this (e.g. 0.01).")
    var gap: Double?

    @Flag(help: "Welfare: only weakly stable placements count (adds the stability rows; solved by GLPK).")
    var stable = false

    @Flag(help: "Max-stable: keep every pair (skip removing pairs no stable placement uses).")
    var noPreprocessing = false

    @Flag(help: "Max-stable: start the search from nothing rather than from stable-approx's placement.")
    var noWarmStart = false

    @Option(
      help: ArgumentHelp(
        "Max-stable: branch-and-bound searches racing side by side, one thread each (1–4; default 1).",
        discussion: "The first backtracks by best projection, the second by best local bound, then depth first and "
          + "breadth first; they share placements, and the first to prove the optimum stops the others."))
    var searches: Int?

    @Option(name: .shortAndLong, help: "Where to write the result JSON (written atomically; never over the input).")
    var output: String?

    @Flag(help: "Print no summary on stderr.")
    var quiet = false

    @Flag(help: "Print how long each phase took (read, compile, solve, evaluate, write) on stderr.")
    var timings = false

    func validate() throws {
      let deferredOnly = [
        proposer.map { _ in "--proposer" }, tieBreak.map { _ in "--tie-break" }, seed.map { _ in "--seed" },
      ]
      let welfareOnly = [objective.map { _ in "--objective" }, method.map { _ in "--method" }]
      let searchOnly = [timeLimit.map { _ in "--time-limit" }, gap.map { _ in "--gap" }]
      if strategy != .deferredAcceptance, let flag = deferredOnly.compactMap({ $0 }).first {
        throw ValidationError("\(flag) applies to --strategy deferred-acceptance only")
      }
      if strategy != .welfare, let flag = (welfareOnly + [stable ? "--stable" : nil]).compactMap({ $0 }).first {
        throw ValidationError("\(flag) applies to --strategy welfare only")
      }
      if strategy != .maxStable, searches != nil {
        throw ValidationError("--searches applies to --strategy max-stable only")
      }
      if let searches, !(1...MaxStableProgram.maximumSearches).contains(searches) {
        throw ValidationError("--searches must be 1 to \(MaxStableProgram.maximumSearches), not \(searches)")
      }
      if strategy != .maxStable, noPreprocessing || noWarmStart {
        throw ValidationError(
          "\(noPreprocessing ? "--no-preprocessing" : "--no-warm-start") applies to --strategy max-stable only")
      }
      if strategy == .deferredAcceptance || strategy == .stableApprox, let flag = searchOnly.compactMap({ $0 }).first {
        throw ValidationError("\(flag) applies to --strategy welfare and max-stable only")
      }
      if let timeLimit, !(timeLimit > 0 && timeLimit <= 1e9) {
        throw ValidationError("--time-limit must be a positive number of seconds, not \(timeLimit)")
      }
      if let gap, !(gap >= 0 && gap.isFinite) { throw ValidationError("--gap must be a number ≥ 0, not \(gap)") }
    }

    func run() async throws {
      var clock = PhaseClock()
      let (_, market) = try Files.market(instance, clock: &clock)
      let outcome =
        switch strategy {
        case .deferredAcceptance: deferredAcceptance(market)
        case .stableApprox:
          Outcome(
            solution: StableApproximation().assign(market), parameters: [:], description: "stable-approx (Király)")
        case .welfare: try await welfare(market)
        case .maxStable: try await maxStable(market)
        }
      let solution = outcome.solution
      clock.lap("solve")
      let evaluation = Evaluation(market, solution.assignment)
      clock.lap("evaluate")
      let bytes = solution.resultJSON(
        market: market, strategy: strategy.rawValue, parameters: outcome.parameters, evaluation: evaluation)
      if let output {
        try Files.write(bytes, to: output, notOver: [instance])
      } else {
        Files.writeStandardOutput(bytes)
      }
      clock.lap("write")
      if timings { report(clock.summary) }
      if !quiet {
        Summary(market: market, solution: solution, evaluation: evaluation).lines(strategy: outcome.description)
          .forEach(report)
        if let output { report("wrote \(output)") }
      }
      if solution.status == .infeasible || solution.status == .timeLimit || !evaluation.isValid { throw ExitCode(1) }
    }

    /// A solution with the parameters that reproduce it and a one-line description.
    private struct Outcome {
      var solution: Solution
      var parameters: [String: JSONValue]
      var description: String
    }

    private func deferredAcceptance(_ market: Market) -> Outcome {
      let proposer = proposer ?? .applicants
      let tieBreak = tieBreak ?? .listed
      let seed = seed ?? 1
      let tieBreaking: TieBreaking =
        switch tieBreak {
        case .listed: .listed
        case .single: .single(seed: seed)
        case .multiple: .multiple(seed: seed)
        }
      let solution = DeferredAcceptance(proposing: proposer, tieBreaking: tieBreaking).assign(market)
      var parameters: [String: JSONValue] = [
        "proposer": .string(proposer.rawValue), "tieBreak": .string(tieBreak.rawValue),
      ]
      if tieBreak != .listed { parameters["seed"] = .number(Double(seed)) }
      return Outcome(
        solution: solution, parameters: parameters,
        description: "deferred-acceptance (\(proposer.rawValue) propose, ties \(tieBreak.rawValue))")
    }

    /// GLPK options from the flags, with the live progress line when stderr is a terminal.
    private func searchOptions() -> (GLPKOptions, ProgressLine?) {
      var options = strategy == .maxStable || stable ? MaxStableProgram.defaultOptions : GLPKOptions()
      options.timeLimit = timeLimit.map { .milliseconds(Int64(($0 * 1000).rounded(.up))) }
      options.relativeGap = gap ?? 0
      let line = !quiet && ProgressLine.isAvailable ? ProgressLine() : nil
      if let line { options.progress = { line.show($0) } }
      return (options, line)
    }

    /// Runs `strategy` so that Ctrl-C cancels it (it then returns the best placement found
    /// so far), mapping its errors to the CLI's.
    private func solveInterruptibly(_ strategy: some Strategy, _ market: Market, line: ProgressLine?) async throws
      -> Solution
    {
      defer { line?.clear() }
      do {
        let task = Task { try await strategy.solve(market) }
        let interrupt = Interrupt { task.cancel() }
        defer { interrupt.stop() }
        return try await task.value
      } catch is CancellationError {
        throw CLIError(message: "\(instance): interrupted before any placement was found", exitCode: 1)
      } catch let error as WelfareError {
        throw CLIError.badInput(instance, error.description)
      } catch let error as GLPKError {
        throw CLIError(message: "\(instance): \(error.description)", exitCode: 2)
      }
    }

    /// The limits of a search, for the result's parameters.
    private func limitParameters() -> [String: JSONValue] {
      var parameters: [String: JSONValue] = [:]
      if let timeLimit { parameters["timeLimit"] = .number(timeLimit) }
      if let gap { parameters["gap"] = .number(gap) }
      return parameters
    }

    private func welfare(_ market: Market) async throws -> Outcome {
      let objective = objective ?? .standard(for: market)
      let (options, line) = searchOptions()
      let program = WelfareProgram(objective: objective, method: method ?? .automatic, options: options, stable: stable)
      let solution = try await solveInterruptibly(program, market, line: line)
      var parameters = limitParameters()
      parameters["objective"] = .string(objective.rawValue)
      parameters["method"] = .string((method ?? .automatic).rawValue)
      if stable { parameters["stable"] = .bool(true) }
      return Outcome(
        solution: solution, parameters: parameters,
        description: "welfare (\(objective.rawValue)\(stable ? ", stable" : ""), \(solution.method ?? "no method"))")
    }

    private func maxStable(_ market: Market) async throws -> Outcome {
      let (options, line) = searchOptions()
      let program = MaxStableProgram(
        options: options, preprocessing: !noPreprocessing, warmStart: !noWarmStart,
        searches: searches ?? 1)
      let solution = try await solveInterruptibly(program, market, line: line)
      var parameters = limitParameters()
      parameters["preprocessing"] = .bool(!noPreprocessing)
      parameters["warmStart"] = .bool(!noWarmStart)
      parameters["searches"] = .number(Double(program.searches))
      return Outcome(solution: solution, parameters: parameters, description: "max-stable (glpk)")
    }
  }
}

extension DeferredAcceptance.Proposer: ExpressibleByArgument {}
extension WelfareObjective: ExpressibleByArgument {}
extension WelfareProgram.Method: ExpressibleByArgument {}
