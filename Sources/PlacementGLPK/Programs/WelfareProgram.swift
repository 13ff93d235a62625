import Foundation
import Placement

/// The welfare-optimal placement: the most applicants placed at the best total outcome,
/// with every quota of the market (capacities, minimums, closable positions, group and
/// type quotas), proven optimal or reported with a bound and gap.
///
/// ```swift
/// let solution = try await WelfareProgram(objective: .rankSum).solve(market)
/// print(solution.status, solution.objective ?? 0, solution.method ?? "")
/// ```
///
/// Each ``WelfareObjective`` is a sequence of levels optimised in order, each with the
/// earlier levels held at their optima, so no weights lose precision. When the market is
/// a network (see ``Placement/Market/welfareNetworkObstacles``) every level is a
/// min-cost-flow problem and ``MinCostFlow`` solves it exactly; otherwise GLPK's
/// branch-and-bound solves the integer programme of ``WelfareModel``, starting from the
/// deferred-acceptance placement when that is valid. `Solution.method` says which ran.
///
/// Properties:
/// - `objective` and `bound` are those of the last level reached; `notes` list every
///   level's value;
/// - status `optimal` means every level was proven optimal; `feasible` means the time
///   limit, the gap or cancellation stopped a level (its incumbent is returned);
/// - `infeasible` means no placement meets the minimums.
public struct WelfareProgram: Strategy {
  /// How the programme is solved.
  public enum Method: String, Sendable, CaseIterable {
    /// Min-cost flow when the market is a network, otherwise GLPK.
    case automatic
    /// Native min-cost flow; throws ``Placement/WelfareError/notANetwork(_:)`` when the
    /// market is not a network.
    case minCostFlow = "min-cost-flow"
    /// GLPK's branch-and-bound on the integer programme, whatever the market.
    case glpk
  }

  /// What is optimised; `nil` for ``Placement/WelfareObjective/standard(for:)``.
  public var objective: WelfareObjective?
  /// How the programme is solved.
  public var method: Method
  /// Time limit, gap, search settings and progress for GLPK (the time limit also bounds
  /// the flow path between levels).
  public var options: GLPKOptions
  /// Whether only weakly stable placements count: the programme gains the stability rows
  /// of ``MaxStableProgram`` (after removing pairs no stable placement uses), and GLPK
  /// solves it, starting from the better of ``StableApproximation`` and deferred
  /// acceptance. With rank-sum this is the rank-sum-optimal (egalitarian) placement
  /// among the largest stable ones.
  public var stable: Bool

  /// Creates the strategy.
  public init(
    objective: WelfareObjective? = nil, method: Method = .automatic, options: GLPKOptions = GLPKOptions(),
    stable: Bool = false
  ) {
    self.objective = objective
    self.method = method
    self.options = options
    self.stable = stable
  }

  /// `welfare`.
  public var name: String { "welfare" }

  /// Finds the welfare-optimal placement of `market`.
  ///
  /// - Throws: ``Placement/WelfareError`` when the objective or method does not fit the
  ///   market, ``GLPKError`` when GLPK fails, `CancellationError` when cancelled before any
  ///   placement was found.
  public func solve(_ market: Market) async throws -> Solution {
    let objective = objective ?? .standard(for: market)
    if objective == .scores && !market.hasScores { throw WelfareError.noScores }
    return try await solve(market, levels: objective.levels(for: market))
  }

  /// Optimises `levels` in order.
  private func solve(_ market: Market, levels: [WelfareLevel]) async throws -> Solution {
    let clock = ContinuousClock.now
    let obstacles = market.welfareNetworkObstacles + (stable ? ["stability constraints"] : [])
    if method == .minCostFlow && !obstacles.isEmpty { throw WelfareError.notANetwork(obstacles) }
    var solution: Solution
    if stable {
      solution = try await solveStable(market, levels: levels)
    } else if method != .glpk && obstacles.isEmpty {
      solution = try solveWithFlow(market, levels: levels)
    } else {
      var outcome = RelaxationOutcome.none
      if method == .automatic { outcome = try solveRelaxation(market, levels: levels) }
      if case .optimal(let relaxed) = outcome {
        solution = relaxed
      } else {
        var glpk = self
        glpk.options.timeLimit = options.timeLimit.map { max(.zero, $0 - (ContinuousClock.now - clock)) }
        var candidate: [Int32]?
        if case .repaired(let assignment) = outcome { candidate = assignment }
        solution = try await glpk.solveWithGLPK(market, levels: levels, candidate: candidate)
      }
    }
    solution.solveSeconds = (ContinuousClock.now - clock).seconds
    return solution
  }

  /// The integer programme GLPK solves for level `level` (1-based) of the objective, with
  /// the earlier levels held at their optima (found first, by this strategy), for export.
  /// Network-shaped markets get the same programme: its LP relaxation is integral.
  ///
  /// - Throws: ``Placement/WelfareError`` as ``solve(_:)`` does; `levelOutOfRange` when the
  ///   objective has fewer levels; ``GLPKError`` when finding earlier optima fails.
  public func model(of market: Market, level: Int = 1) async throws -> LinearProgram {
    let objective = objective ?? .standard(for: market)
    if objective == .scores && !market.hasScores { throw WelfareError.noScores }
    let levels = objective.levels(for: market)
    guard (1...max(1, levels.count)).contains(level), !levels.isEmpty else {
      throw WelfareError.levelOutOfRange(level, levels: levels.count)
    }
    var held: [(level: WelfareLevel, value: Double)] = []
    if level > 1 {
      var earlier = self
      earlier.options.progress = nil
      let solution = try await earlier.solve(market, levels: Array(levels.prefix(level - 1)))
      guard solution.status == .optimal, Evaluation(market, solution.assignment, blockingPairLimit: 0).isValid else {
        throw WelfareError.earlierLevelsNotSolved(solution.notes.joined(separator: "; "))
      }
      held = levels.prefix(level - 1).map { ($0, $0.value(of: solution.assignment, in: market)) }
    }
    let model = stable ? WelfareModel(StablePairReduction(market).market, stable: true) : WelfareModel(market)
    var program = model.program(for: levels[level - 1], holding: held)
    program.name =
      "\(market.modelNamePrefix) welfare\(stable ? " stable" : "") \(objective.rawValue) level \(level) of "
      + "\(levels.count): \(levels[level - 1].sense == .maximize ? "maximise" : "minimise") \(levels[level - 1].name)"
    return program
  }

  /// A bound on level `level` of `levels` (with the earlier ones held at `held`) from the
  /// network relaxation, for a GLPK search stopped without one: the relaxation contains
  /// every placement of the market, so its optimum bounds the market's. Given for the
  /// first level, and for the rank-sum level with the number placed held; `nil` otherwise.
  static func relaxationBound(
    _ market: Market, levels: [WelfareLevel], level: Int, holding held: [(level: WelfareLevel, value: Double)]
  ) -> Double? {
    let relaxation = NetworkRelaxation(market)
    let target = levels[level]
    var flow: WelfareFlow
    switch (level, target.weight) {
    case (0, .one), (0, .rank), (0, .tier):
      flow = WelfareFlow(market, shape: .circulation, relaxation: relaxation)
    case (1, .rank) where held.count == 1 && held[0].level.weight == .one:
      flow = WelfareFlow(market, shape: .circulation, relaxation: relaxation, placed: Int32(held[0].value))
    default:
      return nil
    }
    let solution = flow.solve([target]) { Task.isCancelled }
    return solution.status == .optimal ? solution.objective : nil
  }

  /// Whether `assignment` is better than `other` on `levels`, compared in order.
  private func better(_ assignment: [Int32], than other: [Int32], levels: [WelfareLevel], market: Market) -> Bool {
    for level in levels {
      let mine = level.value(of: assignment, in: market)
      let theirs = level.value(of: other, in: market)
      if mine != theirs { return level.sense == .maximize ? mine > theirs : mine < theirs }
    }
    return false
  }

  /// When a flow solve on the calling task should stop: the task is cancelled or the time
  /// limit, counted from now, has passed.
  private func stopCondition() -> () -> Bool {
    let deadline = options.timeLimit.map { ContinuousClock.now + $0 }
    return { Task.isCancelled || deadline.map { ContinuousClock.now >= $0 } ?? false }
  }

  /// Solves level after level by min-cost flow, on the calling task.
  private func solveWithFlow(_ market: Market, levels: [WelfareLevel]) throws -> Solution {
    var flow = WelfareFlow(market, shape: WelfareFlow.shape(for: levels))
    var solution = flow.solve(levels, shouldStop: stopCondition())
    if solution.status == .timeLimit && Task.isCancelled { throw CancellationError() }
    solution.method = "min-cost-flow"
    return solution
  }

  /// What the network relaxation gave.
  private enum RelaxationOutcome {
    /// Its optimum meets every constraint of the market, so it is the market's optimum.
    case optimal(Solution)
    /// Its optimum, repaired into a valid placement: a starting incumbent.
    case repaired([Int32])
    /// Nothing usable.
    case none
  }

  /// Solves the market's network relaxation (``Placement/NetworkRelaxation``: no closable
  /// minimums, crossing groups dropped) by min-cost flow; its optimum is the market's
  /// when it meets every dropped constraint.
  private func solveRelaxation(_ market: Market, levels: [WelfareLevel]) throws -> RelaxationOutcome {
    let relaxation = NetworkRelaxation(market)
    var flow = WelfareFlow(market, shape: WelfareFlow.shape(for: levels), relaxation: relaxation)
    var solution = flow.solve(levels, shouldStop: stopCondition())
    guard solution.status == .optimal else { return .none }
    guard Evaluation(market, solution.assignment, blockingPairLimit: 0).isValid else {
      return relaxation.repair(solution.assignment, in: market).map(RelaxationOutcome.repaired) ?? .none
    }
    solution.notes.append(
      "the network relaxation (no closable minimums, crossing groups dropped) meets every constraint, so its optimum "
        + "is optimal")
    solution.method = "min-cost-flow"
    return .optimal(solution)
  }

  /// Solves level after level with GLPK among the weakly stable placements.
  private func solveStable(_ market: Market, levels: [WelfareLevel]) async throws -> Solution {
    let reduction = StablePairReduction(market)
    let start = MaxStableProgram.stableStarts(for: market, within: reduction.market).min {
      better($0, than: $1, levels: levels, market: market)
    }
    let model = WelfareModel(reduction.market, stable: true)
    let options = options
    let outcome = await SolveControl.run(timeLimit: options.timeLimit) { control in
      Result { () throws(GLPKError) in
        try LevelRun(model: model, levels: levels, options: options, control: control, relaxationBound: { _, _ in nil })
          .run(startingFrom: start)
      }
    }
    var solution = try outcome.get()
    if solution.status == .timeLimit && Task.isCancelled { throw CancellationError() }
    solution.method = "glpk"
    solution.notes.insert(
      "stable placements only; preprocessing removed \(reduction.removedCount) of \(market.pairCount) pairs", at: 0)
    return solution
  }

  /// Solves level after level with GLPK on one thread of its own.
  ///
  /// The first incumbent is the better, level by level, of the deferred-acceptance
  /// placement and `candidate`, among those that are valid.
  private func solveWithGLPK(_ market: Market, levels: [WelfareLevel], candidate: [Int32]? = nil) async throws
    -> Solution
  {
    let model = WelfareModel(market)
    let deferred = DeferredAcceptance().solve(market)
    var starts = [candidate].compactMap { $0 }
    if deferred.status != .infeasible && Evaluation(market, deferred.assignment, blockingPairLimit: 0).isValid {
      starts.append(deferred.assignment)
    }
    let start = starts.min { better($0, than: $1, levels: levels, market: market) }
    let options = options
    let outcome = await SolveControl.run(timeLimit: options.timeLimit) { control in
      Result { () throws(GLPKError) in
        try LevelRun(
          model: model, levels: levels, options: options, control: control,
          relaxationBound: { Self.relaxationBound(market, levels: levels, level: $0, holding: $1) }
        )
        .run(startingFrom: start)
      }
    }
    var solution = try outcome.get()
    if solution.status == .timeLimit && Task.isCancelled { throw CancellationError() }
    solution.method = "glpk"
    return solution
  }
}

/// The levels of one welfare solve with GLPK, run synchronously on the solving thread.
private struct LevelRun {
  let model: WelfareModel
  let levels: [WelfareLevel]
  let options: GLPKOptions
  let control: SolveControl
  /// A bound from the network relaxation for a level (by index) given the held levels.
  let relaxationBound: (Int, [(level: WelfareLevel, value: Double)]) -> Double?

  /// Solves every level in one GLPK problem: each level appends the row holding the one
  /// before at its optimum and swaps the objective, so the simplex method restarts from
  /// the previous optimal basis and branch-and-bound from the previous optimum. With
  /// stability rows, their combs are separated during each search.
  func run(startingFrom start: [Int32]?) throws(GLPKError) -> Solution {
    if levels.isEmpty {
      return Solution(assignment: [Int32](repeating: -1, count: model.market.applicantCount), status: .optimal)
    }
    return try GLPKProblem.withNew { problem throws(GLPKError) in try run(in: problem, startingFrom: start) }
  }

  private func run(in problem: borrowing GLPKProblem, startingFrom start: [Int32]?) throws(GLPKError) -> Solution {
    let market = model.market
    var held: [(level: WelfareLevel, value: Double)] = []
    var incumbent = start.map(model.values(of:))
    var notes: [String] = []
    var loadedRows = 0
    for (index, level) in levels.enumerated() {
      let program = model.program(for: level, holding: held)
      if let values = incumbent, !program.violations(of: values).isEmpty { incumbent = nil }
      try GLPKSolver.validate(program, options: options, incumbent: incumbent)
      let freshlyLoaded = loadedRows == 0
      if freshlyLoaded {
        try problem.load(program)
      } else {
        try problem.appendRows(of: program, from: loadedRows)
        try problem.setObjective(of: program)
      }
      loadedRows = program.rowCount
      let levelStart = control.elapsed
      let separator = model.stabilityCombs?.separator()
      let result = try GLPKSolver.solveLoaded(
        problem, program, options: options, incumbent: incumbent, control: control, stage: level.name,
        presolve: freshlyLoaded, separator: separator)
      let seconds = String(format: "%.2f", (control.elapsed - levelStart).seconds)
      switch result.status {
      case .optimal:
        let value = result.objective ?? 0
        held.append((level, level.weight == .score ? value : value.rounded()))
        notes.append("\(level.name): \(format(value)) (optimal, \(result.nodes) nodes, \(seconds) s)")
        incumbent = result.values
        if held.count == levels.count {
          return Solution(
            assignment: model.assignment(from: result.values), status: .optimal, objective: value, bound: value,
            notes: notes)
        }
      case .infeasible:
        notes.append("\(level.name): no placement meets the minimums")
        return Solution(
          assignment: [Int32](repeating: -1, count: market.applicantCount), status: .infeasible, notes: notes)
      case .feasible, .timeLimit, .error:
        let reason = result.stop.map { " (\($0.rawValue))" } ?? ""
        // The tighter of GLPK's bound and the network relaxation's.
        var bound = result.bound
        if let relaxed = relaxationBound(index, held) {
          bound = bound.map { level.sense == .maximize ? min($0, relaxed) : max($0, relaxed) } ?? relaxed
        }
        // A level stopped early: its incumbent, or else the previous level's optimum.
        guard let values = result.status == .feasible ? result.values : incumbent else {
          notes.append("\(level.name): stopped before any placement was found\(reason)")
          return Solution(
            assignment: [Int32](repeating: -1, count: market.applicantCount), status: .timeLimit,
            bound: bound, notes: notes)
        }
        let objective = program.objectiveValue(of: values)
        let boundText = bound.map { format($0) } ?? "unknown"
        notes.append("\(level.name): \(format(objective)), bound \(boundText)\(reason), \(seconds) s")
        return Solution(
          assignment: model.assignment(from: values), status: .feasible, objective: objective, bound: bound,
          notes: notes)
      }
    }
    return Solution(assignment: [Int32](repeating: -1, count: market.applicantCount), status: .error, notes: notes)
  }

  private func format(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
