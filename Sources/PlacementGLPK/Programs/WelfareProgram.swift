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
/// When the market is a network (see ``Placement/Market/welfareNetworkObstacles``) this is
/// ``Placement/NetworkWelfare``: min-cost flow, exact. Otherwise, with the `automatic`
/// method, the network relaxation's optimum is taken when it meets every constraint, and
/// else GLPK's branch-and-bound solves the integer programme of ``WelfareModel``, level
/// by level, starting from the better of the repaired relaxation and deferred acceptance.
/// `Solution.method` says which ran.
///
/// Properties:
/// - `objective` and `bound` are those of the last level reached
///   (``Placement/Solution/objectiveName``); `notes` list every level's value;
/// - status `optimal` means every level was proven optimal; `feasible` means the control
///   or the gap stopped a level (its incumbent is returned, with the best bound known:
///   GLPK's, or the network relaxation's);
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
  /// Gap, search settings and log for GLPK.
  public var options: GLPKOptions
  /// Whether only weakly stable placements count: the programme gains the stability rows
  /// of ``MaxStableProgram`` (after removing pairs no stable placement uses), and GLPK
  /// solves it, starting from the better of ``Placement/StableApproximation`` and
  /// deferred acceptance. With rank-sum this is the rank-sum-optimal (egalitarian)
  /// placement among the largest stable ones.
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

  /// Finds the welfare-optimal placement of `market` under `control`.
  ///
  /// - Throws: ``Placement/WelfareError`` when the objective or method does not fit the
  ///   market, ``GLPKError`` when GLPK fails, `CancellationError` when cancelled before any
  ///   placement was found.
  public func solve(_ market: Market, control: SolveControl = SolveControl()) async throws -> Solution {
    if let infeasible = market.lockedInfeasibility() { return try control.conclude(infeasible, by: name) }
    let levels = try NetworkWelfare(objective: objective).levels(for: market)
    return try control.conclude(try await solve(market, levels: levels, control: control), by: name)
  }

  /// Optimises `levels` in order; `starts` are more placements to start from (the better
  /// of them and the usual starts, among the valid ones, is the first incumbent).
  package func solve(_ market: Market, levels: [WelfareLevel], control: SolveControl, starts: [[Int32]] = [])
    async throws -> Solution
  {
    let obstacles = market.welfareNetworkObstacles + (stable ? ["stability constraints"] : [])
    if method == .minCostFlow && !obstacles.isEmpty { throw WelfareError.notANetwork(obstacles) }
    if stable { return try await solveStable(market, levels: levels, control: control, starts: starts) }
    if method != .glpk && obstacles.isEmpty {
      return try NetworkWelfare.flowSolution(market, levels: levels, control: control)
    }
    var outcome = RelaxationOutcome.none
    // The relaxation's flow does not hold locks; with them, GLPK decides.
    if method == .automatic && market.lockedPairs.isEmpty {
      outcome = try solveRelaxation(market, levels: levels, control: control)
    }
    if case .optimal(let relaxed) = outcome { return relaxed }
    var candidates = starts
    if case .repaired(let assignment) = outcome { candidates.append(assignment) }
    return try await solveWithGLPK(market, levels: levels, candidates: candidates, control: control)
  }

  /// The integer programme GLPK solves for level `level` (1-based) of the objective, with
  /// the earlier levels held at their optima (found first, by this strategy), for export.
  /// Network-shaped markets get the same programme: its LP relaxation is integral.
  ///
  /// - Throws: ``Placement/WelfareError`` as ``solve(_:control:)`` does; `levelOutOfRange`
  ///   when the objective has fewer levels; ``GLPKError`` when finding earlier optima fails.
  public func model(of market: Market, level: Int = 1) async throws -> LinearProgram {
    let objective = objective ?? .standard(for: market)
    let levels = try NetworkWelfare(objective: objective).levels(for: market)
    guard (1...max(1, levels.count)).contains(level), !levels.isEmpty else {
      throw WelfareError.levelOutOfRange(level, levels: levels.count)
    }
    var held: [(level: WelfareLevel, value: Double)] = []
    if level > 1 {
      let solution = try await solve(market, levels: Array(levels.prefix(level - 1)), control: SolveControl())
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

  /// Whether `assignment` is better than `other` on `levels`, compared in order.
  private func better(_ assignment: [Int32], than other: [Int32], levels: [WelfareLevel], market: Market) -> Bool {
    for level in levels {
      let mine = level.value(of: assignment, in: market)
      let theirs = level.value(of: other, in: market)
      if mine != theirs { return level.sense == .maximize ? mine > theirs : mine < theirs }
    }
    return false
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
  private func solveRelaxation(_ market: Market, levels: [WelfareLevel], control: SolveControl) throws
    -> RelaxationOutcome
  {
    let relaxation = NetworkRelaxation(market)
    var flow = WelfareFlow(market, shape: WelfareFlow.shape(for: levels), relaxation: relaxation)
    var solution = try flow.solve(levels, control: control)
    guard solution.status == .optimal else { return .none }
    guard Evaluation(market, solution.assignment, blockingPairLimit: 0).isValid else {
      if let repaired = relaxation.repair(solution.assignment, in: market) { return .repaired(repaired) }
      // Crossing minimums: the dropped family's minimums, met by a second flow.
      return try market.crossingMinimumsPlacement(from: solution.assignment, control: control)
        .map(RelaxationOutcome.repaired) ?? .none
    }
    solution.notes.append(
      "the network relaxation (no closable minimums, crossing groups dropped) meets every constraint, so its optimum "
        + "is optimal")
    solution.method = "min-cost-flow"
    return .optimal(solution)
  }

  /// Solves level after level with GLPK among the weakly stable placements.
  private func solveStable(_ market: Market, levels: [WelfareLevel], control: SolveControl, starts: [[Int32]])
    async throws -> Solution
  {
    let reduction = StablePairReduction(market)
    let given = starts.filter { MaxStableProgram.isStableStart($0, of: market, within: reduction.market) }
    let start = try
      (MaxStableProgram.stableStarts(for: market, within: reduction.market, control: control)
      .map(\.assignment) + given).min {
        better($0, than: $1, levels: levels, market: market)
      }
    let model = WelfareModel(reduction.market, stable: true)
    let options = options
    let outcome = await GLPKThread.run(control) { control in
      Result { () throws(GLPKError) in
        // Stable placements are placements of the reduced market: its relaxation bounds them.
        try LevelRun(model: model, levels: levels, options: options, control: control, bounding: reduction.market)
          .run(startingFrom: start)
      }
    }
    var solution = try outcome.get()
    solution.method = "glpk"
    solution.notes.insert(
      "stable placements only; preprocessing removed \(reduction.removedCount) of \(market.pairCount) pairs", at: 0)
    return solution
  }

  /// Solves level after level with GLPK on one thread of its own.
  ///
  /// The first incumbent is the best, level by level, of the deferred-acceptance
  /// placement and `candidates`, among those that are valid.
  private func solveWithGLPK(
    _ market: Market, levels: [WelfareLevel], candidates: [[Int32]], control: SolveControl
  ) async throws -> Solution {
    let model = WelfareModel(market)
    let deferred = try DeferredAcceptance().solve(market, control: control)
    var starts =
      candidates
      + [deferred.assignment].filter { _ in
        deferred.status != .infeasible && deferred.status != .timeLimit
      }
    starts = starts.filter { Evaluation(market, $0, blockingPairLimit: 0).isValid }
    let start = starts.min { better($0, than: $1, levels: levels, market: market) }
    let options = options
    let outcome = await GLPKThread.run(control) { control in
      Result { () throws(GLPKError) in
        try LevelRun(model: model, levels: levels, options: options, control: control, bounding: market)
          .run(startingFrom: start)
      }
    }
    var solution = try outcome.get()
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
  /// The market whose network relaxation bounds every placement the programme allows.
  let bounding: Market

  /// The relaxation's bound on level `index` with `held` held (see
  /// ``Placement/NetworkRelaxation/bound(of:levels:level:holding:control:)``), under `control`.
  private func relaxationBound(_ index: Int, _ held: [(level: WelfareLevel, value: Double)], control: SolveControl)
    -> Double?
  {
    NetworkRelaxation.bound(of: bounding, levels: levels, level: index, holding: held, control: control)
  }

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
    // The rows already in `problem`; `nil` before the first level loads it (a programme
    // may have no rows at all, when every pair is fixed).
    var loadedRows: Int?
    for (index, level) in levels.enumerated() {
      // The level's bound, known before its search, so that a stop reports it at once.
      let levelBound = relaxationBound(index, held, control: control)
      let program = model.program(for: level, holding: held)
      if let values = incumbent, !program.violations(of: values).isEmpty { incumbent = nil }
      try GLPKSolver.validate(program, options: options, incumbent: incumbent)
      let freshlyLoaded = loadedRows == nil
      GLPKSolver.reportLoading(level.name, control: control)
      if let loadedRows {
        try problem.appendRows(of: program, from: loadedRows)
        try problem.setObjective(of: program)
      } else {
        try problem.load(program)
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
        let value = whole(result.objective ?? 0, level)
        held.append((level, value))
        notes.append("\(level.name): \(format(value)) (optimal, \(result.nodes) nodes, \(seconds) s)")
        incumbent = result.values
        if held.count == levels.count {
          return Solution(
            assignment: model.assignment(from: result.values), status: .optimal, objective: value, bound: value,
            objectiveName: level.name, notes: notes, search: result.search)
        }
      case .infeasible:
        notes.append("\(level.name): no placement meets the minimums")
        return Solution(
          assignment: [Int32](repeating: -1, count: market.applicantCount), status: .infeasible, notes: notes)
      case .feasible, .timeLimit:
        let reason = result.stop.map { " (\($0.rawValue))" } ?? ""
        // The tighter of GLPK's bound and the network relaxation's.
        var bound = result.bound
        // Found now, with a second of its own, when the control stopped it before the search.
        if let relaxed = levelBound ?? relaxationBound(index, held, control: control.grace(.seconds(1))) {
          bound = bound.map { level.sense == .maximize ? min($0, relaxed) : max($0, relaxed) } ?? relaxed
        }
        // A level stopped early: its incumbent, or else the previous level's optimum.
        guard let values = result.status == .feasible ? result.values : incumbent else {
          notes.append("\(level.name): stopped before any placement was found\(reason)")
          return .stopped(
            result.stop ?? .timeLimit, applicants: market.applicantCount, bound: bound, objectiveName: level.name,
            notes: notes)
        }
        let objective = whole(program.objectiveValue(of: values), level)
        let boundText = bound.map { format($0) } ?? "unknown"
        notes.append("\(level.name): \(format(objective)), bound \(boundText)\(reason), \(seconds) s")
        // The last level at its bound is proven, stopped or not.
        if index == levels.count - 1, let bound, level.sense == .maximize ? objective >= bound : objective <= bound {
          return Solution(
            assignment: model.assignment(from: values), status: .optimal, objective: objective, bound: objective,
            objectiveName: level.name, notes: notes, search: result.search)
        }
        return Solution(
          assignment: model.assignment(from: values), status: .feasible, objective: objective, bound: bound,
          objectiveName: level.name, stop: result.stop ?? .timeLimit, notes: notes, search: result.search)
      }
    }
    preconditionFailure("the last level returns")
  }

  /// A level's value without floating-point dust: every weight but scores is whole.
  private func whole(_ value: Double, _ level: WelfareLevel) -> Double {
    level.weight == .score ? value : value.rounded()
  }

  private func format(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
