internal import CGLPK
internal import CGLPKShims
import Foundation
import Logging
import Placement
import Synchronization

/// The result of solving a ``LinearProgram``.
public struct LinearProgramSolution: Sendable, Hashable {
  /// `optimal`, `feasible` (an incumbent, optimality not proven), `infeasible` or
  /// `timeLimit` (stopped before any solution was found).
  public var status: Solution.Status
  /// The objective value, when a solution was found.
  public var objective: Double?
  /// The best proven bound on the objective (equal to it when optimal), when known.
  public var bound: Double?
  /// The value of each column, when a solution was found; empty otherwise.
  public var values: [Double]
  /// Branch-and-bound nodes explored.
  public var nodes: Int
  /// Why the search stopped early, if it did.
  public var stop: StopReason?
  /// Time from the start of the solve to its end, on the solving thread.
  public var elapsed: Duration = .zero
  /// Column bounds tightened at a node because the column's reduced cost left room for
  /// only so many whole units of movement if a solution is to beat the incumbent by a
  /// whole unit (whole objectives only; GLPK's own fixing is not counted).
  public var tightenedByReducedCost = 0
  /// When the root LP was solved and what it bounded, and when the returned solution was
  /// found (``SearchStatistics``; its nodes are ``nodes``).
  public var search = SearchStatistics()

  /// The relative gap between objective and bound, when both are known.
  public var gap: Double? {
    guard let objective, let bound else { return nil }
    return relativeGap(objective, bound)
  }
}

/// Solves linear and mixed-integer programmes with GLPK: the simplex method on the LP
/// relaxation, then branch-and-bound, with a time limit, a gap, cancellation, progress
/// and an optional starting incumbent.
///
/// ```swift
/// let solution = try await GLPKSolver().solve(program, control: SolveControl(timeLimit: .seconds(60)))
/// ```
public struct GLPKSolver: Sendable {
  /// Search settings and the log.
  public var options: GLPKOptions

  /// Creates a solver with `options`.
  public init(options: GLPKOptions = GLPKOptions()) {
    self.options = options
  }

  /// The version of the GLPK library linked in (`"5.0"`).
  public static var libraryVersion: String { String(cString: glp_version()) }

  /// Solves `program` on a thread of its own; the control's deadline or cancellation (the
  /// task's included) stops the search and returns the incumbent.
  ///
  /// - Parameter incumbent: a feasible solution (one value per column) handed to
  ///   branch-and-bound as its first incumbent.
  /// - Throws: ``GLPKError`` when the programme, the options or `incumbent` are malformed
  ///   (GLPK is not called), or GLPK fails.
  public func solve(
    _ program: LinearProgram, startingFrom incumbent: [Double]? = nil, control: SolveControl = SolveControl()
  ) async throws(GLPKError) -> LinearProgramSolution {
    let options = options
    let result = await GLPKThread.run(control) { control in
      Result { () throws(GLPKError) in
        try Self.solveOnThisThread(
          program, options: options, incumbent: incumbent, control: control, stage: "objective")
      }
    }
    return try result.get()
  }

  /// Writes `program` to `path` as CPLEX LP or free MPS, exactly as GLPK loads it, so
  /// other solvers can read the same model. A path ending in `.gz` is compressed.
  ///
  /// MPS has no objective sense and means "minimise", so a maximisation is written as the
  /// minimisation of the negated objective, and its name says so.
  ///
  /// - Throws: ``GLPKError`` when the programme is malformed or the file cannot be written.
  public static func write(_ program: LinearProgram, as format: ModelFormat, to path: String) async throws(GLPKError) {
    var written = program
    if format == .mps && program.direction == .maximize {
      written.direction = .minimize
      written.objective = program.objective.map { -$0 }
      written.objectiveConstant = -program.objectiveConstant
      written.name = String((program.name + " (objective negated: minimise this to maximise the original)").prefix(255))
    }
    let program = written
    let result = await GLPKThread.run(SolveControl()) { _ in
      Result { () throws(GLPKError) in
        try validate(program, options: GLPKOptions(), incumbent: nil)
        try GLPKProblem.withNew { problem throws(GLPKError) in
          try problem.load(program, named: true)
          try problem.write(format, to: path)
        }
      }
    }
    try result.get()
  }

  /// Checks everything GLPK would abort on, before any GLPK call.
  package static func validate(_ program: LinearProgram, options: GLPKOptions, incumbent: [Double]?) throws(GLPKError) {
    let optionProblems = options.problems()
    guard optionProblems.isEmpty else { throw .invalidOption(optionProblems.joined(separator: "; ")) }
    let problems = program.problems()
    guard problems.isEmpty else { throw .invalidModel(problems) }
    guard program.rowCount < Int(Int32.max), program.columnCount < Int(Int32.max),
      program.rowColumn.count < Int(Int32.max)
    else {
      throw .tooLarge(rows: program.rowCount, columns: program.columnCount, nonzeros: program.rowColumn.count)
    }
    if let incumbent {
      let violations = program.violations(of: incumbent)
      guard violations.isEmpty else { throw .invalidModel(violations.map { "starting solution: \($0)" }) }
    }
  }

  /// Solves `program` synchronously on the calling thread: the GLPK problem is created,
  /// solved and deleted in this one call, as GLPK's per-thread environment requires.
  /// With `sharing`, the search trades incumbents with other searches of `program` through
  /// it (see ``SharedIncumbent``).
  package static func solveOnThisThread(
    _ program: LinearProgram, options: GLPKOptions, incumbent: [Double]?, control: SolveControl, stage: String,
    separator: CutSeparator? = nil, heuristic: NodeHeuristic? = nil, sharing: SharedIncumbent? = nil
  ) throws(GLPKError) -> LinearProgramSolution {
    try validate(program, options: options, incumbent: incumbent)
    reportLoading(stage, control: control)
    return try GLPKProblem.withNew { problem throws(GLPKError) in
      try problem.load(program)
      return try solveLoaded(
        problem, program, options: options, incumbent: incumbent, control: control, stage: stage, presolve: true,
        separator: separator, heuristic: heuristic, sharing: sharing)
    }
  }

  /// Tells the progress sink that the model of `stage` is being loaded into GLPK.
  package static func reportLoading(_ stage: String, control: SolveControl) {
    guard control.reportsProgress else { return }
    control.report(SolveProgress(stage: stage + " (loading the model)", elapsed: control.elapsed))
  }

  /// Solves `program`, already loaded into `problem` (and checked), from whatever basis
  /// `problem` holds: after rows were appended or the objective changed, the simplex
  /// method restarts from the previous optimum. With `presolve` (for a problem just
  /// loaded, whose basis is only a starting guess), the first attempt runs GLPK's LP
  /// presolver, which on the stability programmes cuts the root LP's iterations fourfold.
  static func solveLoaded(
    _ problem: borrowing GLPKProblem, _ program: LinearProgram, options: GLPKOptions, incumbent: [Double]?,
    control: SolveControl, stage: String, presolve: Bool = false, separator: CutSeparator? = nil,
    heuristic: NodeHeuristic? = nil, sharing: SharedIncumbent? = nil
  ) throws(GLPKError) -> LinearProgramSolution {
    control.logger.debug(
      "\(stage): model of \(program.rowCount) rows, \(program.columnCount) columns, \(program.rowColumn.count) nonzeros, loaded by \(control.elapsed.logText)"
    )
    let observer = SearchObserver(
      control: control, stage: stage, start: incumbent.map { roundedObjective(program.objectiveValue(of: $0), program) }
    )
    let logSink = (options.log ?? glpkOutput(to: control.logger)).map(LogSink.init)
    GLPKProblem.routeLog(logSink.map { (forwardLog, Unmanaged.passUnretained($0).toOpaque()) })
    defer { GLPKProblem.routeLog(nil) }
    let logOn = logSink != nil
    let tightening =
      program.objectiveTakesWholeValues
      ? ReducedCostTightening(objectiveStep: 1, wholeVertices: program.verticesAreWhole) : nil
    let exchange = sharing.map { IncumbentExchange(shared: $0, own: heuristic, program: program, incumbent: incumbent) }
    let nodeHeuristic = exchange?.heuristic ?? heuristic
    var solution = try withExtendedLifetime((observer, logSink, separator, nodeHeuristic, exchange, tightening)) {
      () throws(GLPKError) in
      do {
        var rootBound: Double?
        func early(_ stop: StopReason) -> LinearProgramSolution {
          let bound = rootBound.map { roundedBound($0, program) }
          guard let incumbent else {
            return LinearProgramSolution(
              status: .timeLimit, bound: bound, values: [], nodes: observer.nodes, stop: stop)
          }
          return LinearProgramSolution(
            status: .feasible, objective: roundedObjective(program.objectiveValue(of: incumbent), program),
            bound: bound,
            values: incumbent,
            nodes: observer.nodes, stop: stop)
        }
        // The simplex method has no callback: it runs in slices of a fixed number of
        // iterations (so results do not depend on timing), each resuming from the basis the
        // last one left, and the time limit is checked between slices (and by GLPK within
        // them). The presolved attempt runs as one call (the presolver cannot resume); when
        // it does not finish, or finds the problem infeasible, the slices below decide from
        // the basis. Cancellation or the deadline abandons any of these calls within about
        // 100 ms, and the problem with it (GLPK's own time limit leaves the presolver's
        // time uncounted).
        // See LinearProgram.rootBasisColumns: the presolver would discard this basis.
        var warm = false
        if presolve, program.rootBasisColumns > 0, let incumbent {
          warm = try problem.setBasis(at: incumbent, fixing: program.rootBasisColumns)
          if warm { control.logger.debug("\(stage): root LP starts at the starting solution") }
        }
        if presolve, !warm, !control.isCancelled, let milliseconds = control.glpkMilliseconds {
          guard
            let code = try problem.simplex(
              iterations: 50_000, timeLimitMilliseconds: milliseconds, presolve: true, log: logOn,
              stoppingWith: control)
          else { return early(control.stopReason ?? .cancelled) }
          if code != 0 { observer.reportRootLP() }
        }
        simplex: while true {
          if let reason = control.stopReason { return early(reason) }
          guard let milliseconds = control.glpkMilliseconds else { return early(.timeLimit) }
          let code = try problem.simplex(
            iterations: 2000, timeLimitMilliseconds: milliseconds, dantzig: warm, log: logOn, stoppingWith: control)
          switch code {
          case nil: return early(control.stopReason ?? .cancelled)
          case 0: break simplex
          case GLP_EITLIM:
            observer.reportRootLP()
            continue simplex
          case GLP_ETMLIM: return early(.timeLimit)
          case let code: throw .solverFailed(routine: "glp_simplex", code: code ?? 0)
          }
        }
        switch try problem.lpStatus {
        case GLP_OPT:
          rootBound = try problem.lpObjective
          observer.rootSeconds = control.elapsed.seconds
          observer.rootBound = rootBound
          control.logger.debug("\(stage): root LP bound \((rootBound ?? 0).logText) at \(control.elapsed.logText)")
        case GLP_NOFEAS, GLP_INFEAS:
          return LinearProgramSolution(status: .infeasible, values: [], nodes: 0)
        case let status: throw .solverFailed(routine: "glp_simplex (status)", code: status)
        }
        guard program.isInteger.contains(true) else {
          let objective = try problem.lpObjective
          return LinearProgramSolution(
            status: .optimal, objective: objective, bound: objective,
            values: try problem.lpValues(count: program.columnCount), nodes: 0)
        }
        if let reason = control.stopReason { return early(reason) }
        guard let milliseconds = control.glpkMilliseconds else { return early(.timeLimit) }
        // GLPK's arrays are 1-based: slot 0 of the starting solution is ignored.
        let start = incumbent.map { [0] + $0 }
        let code = try start.withOptionalPointer { start throws(GLPKError) in
          var search = cglpk_search(
            time_limit_ms: milliseconds, relative_gap: options.relativeGap,
            objective_tolerance: program.wholeObjectiveTolerance(relaxedBound: rootBound),
            branching: options.branching.glpkValue, backtracking: options.backtracking.glpkValue,
            cuts: options.cuts.rawValue, feasibility_pump: options.feasibilityPump ? 1 : 0,
            proximity_search: options.proximitySearch ? 1 : 0, heuristic: start,
            progress: observeNode, progress_context: Unmanaged.passUnretained(observer).toOpaque(),
            cut_generator: separator == nil ? nil : separateCuts,
            cut_context: separator.map { Unmanaged.passUnretained($0).toOpaque() },
            heuristic_generator: nodeHeuristic == nil ? nil : findHeuristicSolution,
            heuristic_context: nodeHeuristic.map { Unmanaged.passUnretained($0).toOpaque() },
            incumbent_observer: exchange == nil ? nil : observeIncumbent,
            incumbent_context: exchange.map { Unmanaged.passUnretained($0).toOpaque() },
            bounds_generator: tightening == nil ? nil : tightenByReducedCost,
            bounds_context: tightening.map { Unmanaged.passUnretained($0).toOpaque() })
          return try problem.branchAndBound(&search, log: logOn)
        }
        let stop: StopReason?
        switch code {
        case 0: stop = nil
        case GLP_ETMLIM: stop = control.stopReason ?? .timeLimit
        case GLP_ESTOP: stop = observer.stop ?? .cancelled
        case GLP_EMIPGAP: stop = .gapReached
        case GLP_ENOPFS: return LinearProgramSolution(status: .infeasible, values: [], nodes: observer.nodes)
        default: throw .solverFailed(routine: "glp_intopt", code: code)
        }
        switch try problem.mipStatus {
        case GLP_OPT where stop == nil:
          let objective = roundedObjective(try problem.mipObjective, program)
          return LinearProgramSolution(
            status: .optimal, objective: objective, bound: objective,
            values: try problem.mipValues(count: program.columnCount), nodes: observer.nodes)
        case GLP_OPT, GLP_FEAS:
          let objective = roundedObjective(try problem.mipObjective, program)
          let bound = roundedBound(observer.bound ?? rootBound ?? objective, program)
          return LinearProgramSolution(
            status: .feasible, objective: objective, bound: bound,
            values: try problem.mipValues(count: program.columnCount), nodes: observer.nodes, stop: stop)
        case GLP_NOFEAS:
          return LinearProgramSolution(status: .infeasible, values: [], nodes: observer.nodes)
        default:
          if let bound = observer.bound { rootBound = bound }
          return early(stop ?? .timeLimit)
        }
      }
    }
    solution.elapsed = control.elapsed
    solution.tightenedByReducedCost = tightening?.tightened ?? 0
    solution.search = observer.statistics(of: solution)
    control.logger.debug("\(stage): \(solution.logLine)")
    return solution
  }
}

/// GLPK's own output as `trace` lines of `logger`, when it logs them.
private func glpkOutput(to logger: Logger) -> (@Sendable (String) -> Void)? {
  guard logger.logLevel <= .trace else { return nil }
  let lines = GLPKOutputLines(logger)
  return { lines.append($0) }
}

/// Joins the pieces GLPK's terminal hook hands over (a line may come in several) into
/// whole lines for the log.
private final class GLPKOutputLines: Sendable {
  private let logger: Logger
  private let pending = Mutex("")

  init(_ logger: Logger) { self.logger = logger }

  func append(_ text: String) {
    let complete: [Substring] = pending.withLock { pending in
      pending += text
      guard let end = pending.lastIndex(of: "\n") else { return [] }
      let lines = pending[..<end].split(separator: "\n")
      pending = String(pending[pending.index(after: end)...])
      return lines
    }
    for line in complete where !line.allSatisfy(\.isWhitespace) { logger.trace("glpk: \(line)") }
  }
}

extension LinearProgramSolution {
  /// One line for the log: `optimal, objective 2050, 12 nodes, 1.234 s`.
  var logLine: String {
    var line = status.rawValue
    if let stop { line += " (\(stop.rawValue))" }
    if let objective { line += ", objective \(objective.logText)" }
    if let bound, status != .optimal { line += ", bound \(bound.logText)" }
    return line + ", \(nodes) nodes, \(elapsed.logText)"
  }
}

/// An objective value of a solution rounded to the nearest integer when the programme's
/// objective takes whole values there, so sums of whole weights print whole.
private func roundedObjective(_ objective: Double, _ program: LinearProgram) -> Double {
  program.objectiveTakesWholeValues ? objective.rounded() : objective
}

/// Tightens a bound to an integer when the optimum must be one.
private func roundedBound(_ bound: Double, _ program: LinearProgram) -> Double {
  guard program.objectiveTakesWholeValues else { return bound }
  let slack = 1e-6 * max(1, abs(bound))
  return program.direction == .maximize ? (bound + slack).rounded(.down) : (bound - slack).rounded(.up)
}

/// Watches branch-and-bound from GLPK's callback: records the bound, decides when to stop
/// and throttles the control's progress reports. It never calls GLPK.
private final class SearchObserver {
  let control: SolveControl
  let stage: String
  /// The objective of the starting solution, if one was given.
  let start: Double?
  var bound: Double?
  var nodes = 0
  var stop: StopReason?
  private var lastReport: ContinuousClock.Instant?
  private var lastIncumbent: Double?
  private var loggedIncumbent: Double?

  /// When the root LP was solved, on the control's clock, and its objective.
  var rootSeconds: Double?
  var rootBound: Double?
  /// When the incumbent last changed (the start's, the time the search began).
  private var incumbentSeconds: Double?

  init(control: SolveControl, stage: String, start: Double?) {
    self.control = control
    self.stage = stage
    self.start = start
    loggedIncumbent = start
    if start != nil { incumbentSeconds = control.elapsed.seconds }
  }

  /// The search's statistics once it returned `solution`: an objective the last node
  /// report did not show was found after it, at the end.
  func statistics(of solution: LinearProgramSolution) -> SearchStatistics {
    var found = incumbentSeconds
    if let objective = solution.objective, objective != loggedIncumbent || found == nil {
      found = solution.elapsed.seconds
    }
    return SearchStatistics(
      rootSeconds: rootSeconds, rootBound: rootBound, nodes: solution.nodes,
      incumbentSeconds: solution.objective == nil ? nil : found)
  }

  /// Reports that the root LP is still being solved (no bound yet; the incumbent is the
  /// starting solution's, if any).
  func reportRootLP() {
    guard control.reportsProgress else { return }
    control.report(SolveProgress(stage: stage + " (root LP)", incumbent: start, elapsed: control.elapsed))
  }

  /// Returns true to stop the search.
  func observe(_ node: cglpk_progress) -> Bool {
    nodes = Int(node.total_nodes)
    // GLPK marks a node not yet solved (the root, at first) with ±DBL_MAX, no bound at all.
    if node.has_bound != 0 && abs(node.bound) < 1e300 { bound = node.bound }
    if node.has_incumbent != 0, node.incumbent != loggedIncumbent {
      loggedIncumbent = node.incumbent
      incumbentSeconds = control.elapsed.seconds
      control.logger.debug(
        "\(stage): incumbent \(node.incumbent.logText) at node \(nodes), bound \(bound?.logText ?? "none"), \(control.elapsed.logText)"
      )
    }
    if control.reportsProgress {
      let now = ContinuousClock.now
      let incumbent = node.has_incumbent != 0 ? node.incumbent : nil
      if incumbent != lastIncumbent || lastReport.map({ now - $0 >= control.progressInterval }) ?? true {
        lastReport = now
        lastIncumbent = incumbent
        control.report(
          SolveProgress(
            stage: stage, incumbent: incumbent, bound: bound, nodes: nodes, activeNodes: Int(node.active_nodes),
            elapsed: now - control.start))
      }
    }
    stop = control.stopReason
    return stop != nil
  }
}

private let observeNode: cglpk_progress_function = { context, node in
  guard let context, let node else { return 0 }
  return Unmanaged<SearchObserver>.fromOpaque(context).takeUnretainedValue().observe(node.pointee) ? 1 : 0
}

/// Holds the caller's log closure while GLPK's terminal hook forwards text to it.
private final class LogSink {
  let log: @Sendable (String) -> Void
  init(_ log: @escaping @Sendable (String) -> Void) { self.log = log }
}

private let forwardLog: cglpk_log_function = { context, text in
  guard let context, let text else { return }
  Unmanaged<LogSink>.fromOpaque(context).takeUnretainedValue().log(String(cString: text))
}

extension GLPKOptions.Branching {
  var glpkValue: Int32 {
    switch self {
    case .firstFractional: GLP_BR_FFV
    case .lastFractional: GLP_BR_LFV
    case .mostFractional: GLP_BR_MFV
    case .driebeckTomlin: GLP_BR_DTH
    case .hybridPseudocost: GLP_BR_PCH
    }
  }
}

extension GLPKOptions.Backtracking {
  var glpkValue: Int32 {
    switch self {
    case .depthFirst: GLP_BT_DFS
    case .breadthFirst: GLP_BT_BFS
    case .bestLocalBound: GLP_BT_BLB
    case .bestProjection: GLP_BT_BPH
    }
  }
}
