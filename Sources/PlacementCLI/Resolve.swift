import ArgumentParser
import Foundation
import Logging
import Placement
import PlacementGLPK

extension PlacementCommand {
  /// `placement resolve`: re-solves a season after people withdrew, joined, or posts changed,
  /// keeping the strategy's guarantee while changing as few earlier assignments as it can.
  struct Resolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Re-solve after changes, keeping the strategy's guarantee and as many earlier assignments as it can.",
      discussion: """
        The changes file is JSON with any of: {"withdrawn": [ids], "added": [applicants as in \
        the instance], "capacities": {"p3": 2}, "closed": [ids]}. Withdrawn applicants and \
        closed posts are removed from every list, ranking and override; added applicants join \
        the rankings of the posts they list, tied last.

        deferred-acceptance keeps the placement stable: the native method follows chains of \
        vacancies from the previous placement (every move fixes a blocking pair); glpk proves \
        the fewest changes. max-stable keeps it stable and as large as any stable placement, \
        welfare keeps the objective's optimum; both add the fewest changes as a last level \
        with GLPK. Who moved, and why, goes to stderr.
        """)

    /// What the new placement must keep.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
      case deferredAcceptance = "deferred-acceptance"
      case maxStable = "max-stable"
      case welfare
    }

    /// How it is found.
    enum Method: String, ExpressibleByArgument, CaseIterable {
      case auto, native, glpk
    }

    @Argument(help: "The instance file the previous result placed.")
    var instance: String

    @Option(help: "The previous result file.")
    var previous: String

    @Option(help: "The changes file (JSON).")
    var changes: String

    @Option(help: "The guarantee to keep: deferred-acceptance (stable), max-stable, welfare.")
    var strategy = Kind.deferredAcceptance

    @Option(
      help: ArgumentHelp(
        "native, glpk, or auto (native for deferred-acceptance where it applies).",
        discussion: "The native repair takes no minimums, closable positions or type rules."))
    var method = Method.auto

    @Option(help: "The welfare objective (welfare only; its default without).")
    var objective: WelfareObjective?

    @Option(name: .customLong("time-limit"), help: "Stop GLPK after this many seconds.")
    var timeLimit: Double?

    @Option(name: .shortAndLong, help: "Where to write the new result JSON; - for standard output.")
    var output: String?

    @Option(help: "Also write the changed instance here (what the new result places).")
    var writeInstance: String?

    @OptionGroup var verbosity: Verbosity

    func validate() throws {
      if objective != nil && strategy != .welfare {
        throw ValidationError("--objective goes with --strategy welfare")
      }
      if method == .native && strategy != .deferredAcceptance {
        throw ValidationError(
          "--method native goes with --strategy deferred-acceptance; \(strategy.rawValue) uses glpk")
      }
    }

    func run() async throws {
      let inputs = [instance, previous, changes]
      let target = try OutputTarget(output ?? "-", notOver: inputs)
      let instanceTarget = try writeInstance.map { try OutputTarget($0, notOver: inputs) }
      let log = verbosity.log()
      let (before, beforeMarket) = try Files.market(instance, log: log)
      let earlier = try Files.pairs(previous)
      let seasonChanges: SeasonChanges
      do {
        seasonChanges = try SeasonChanges(json: Data(InputFile.read(changes)))
      } catch let error as Placement.ValidationError {
        throw CLIError.invalid(changes, error)
      }
      let after: Instance
      let market: Market
      do {
        after = try before.applying(seasonChanges)
        market = try Market(compiling: after)
      } catch {
        throw CLIError.invalid(changes, error)
      }
      log.logger.debug(
        "applied \(changes): \(market.applicantCount) applicants, \(market.positionCount) positions remain")
      let start = earlier.assignment(in: market)
      let began = ContinuousClock.now
      let control = log.control(timeLimit: timeLimit.map(Duration.timeLimit(seconds:)))
      log.logger.debug("re-solving for \(strategy.rawValue) (method \(method.rawValue))")
      var (solution, method) = try await solve(market, from: start, control: control)
      log.line?.clear()
      if solution.solveSeconds == 0 { solution.solveSeconds = (ContinuousClock.now - began).seconds }
      let evaluation = Evaluation(market, solution.assignment)
      var parameters: [String: JSONValue] = [
        "previous": .string(previous), "changes": .string(changes), "guarantee": .string(strategy.rawValue),
      ]
      if let objective { parameters["objective"] = .string(objective.rawValue) }
      var written = solution
      written.method = method
      try await instanceTarget?.write(after.jsonBytes())
      try await target.write(
        written.resultJSON(
          market: market, strategy: "resolve", parameters: parameters, evaluation: evaluation, seed: control.seed))
      if !verbosity.quiet {
        let diff = PlacementDiff(
          earlier: earlier, before: beforeMarket, after: market, assignment: solution.assignment,
          changes: seasonChanges)
        diff.lines.forEach(report)
        Summary(market: market, solution: written, evaluation: evaluation)
          .lines(strategy: "resolve (\(strategy.rawValue), \(method))").forEach(report)
        report("changes: \(diff.changed) earlier assignments changed, \(diff.kept) kept")
        if let output { report("wrote \(output)") }
        if let writeInstance { report("wrote \(writeInstance)") }
      }
      if solution.status == .infeasible || solution.status == .timeLimit || !evaluation.isValid { throw ExitCode(1) }
    }

    /// The new placement and the method that found it.
    private func solve(_ market: Market, from start: [Int32], control: SolveControl) async throws -> (Solution, String)
    {
      let obstacle = StableRepair.obstacle(in: market)
      if method == .native, let obstacle {
        throw CLIError.badInput(instance, "the native repair does not take \(obstacle); use --method glpk")
      }
      let interrupt = Interrupt { control.cancel() }
      defer { interrupt.stop() }
      return try await CLIError.mappingSolveErrors(of: instance) {
        if strategy == .deferredAcceptance && method != .glpk && obstacle == nil {
          return (try StableRepair().solve(market, from: start, control: control), "native")
        }
        let guarantee: FewestChanges.Guarantee =
          switch strategy {
          case .deferredAcceptance: .stable
          case .maxStable: .maxStable
          case .welfare: .welfare(objective)
          }
        return (try await FewestChanges(guarantee).solve(market, from: start, control: control), "glpk")
      }
    }
  }
}
