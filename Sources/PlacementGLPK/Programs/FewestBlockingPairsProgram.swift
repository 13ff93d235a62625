import Placement

/// A placement that meets every constraint, minimums included, with the fewest blocking
/// pairs, by GLPK's branch-and-bound: as stable as the minimums allow.
///
/// Blocking pairs are those of the instance format's one definition (weak stability: ties
/// never block), counted as ``Placement/Evaluation`` counts them. The model is the welfare
/// model with the weak-stability rows of max-stable made elastic: each acceptable pair's
/// row may be excused by a binary that the objective counts. When the minimums can be met
/// together with stability, the optimum is 0 and the placement is weakly stable; when the
/// minimums cannot be met at all, the status is `infeasible` (see ``MinimumsDiagnosis`` for
/// why). Closable positions open or close as the search decides. A time limit returns the
/// best placement found, `feasible`, with the bound.
///
/// Deferred acceptance answers first: when its placement meets every minimum it is
/// weakly stable, so optimal. Otherwise ``StabilizedWelfare``'s placement, which meets
/// every minimum, starts the search; with a time limit it gets at most half the time.
public struct FewestBlockingPairsProgram: Strategy {
  /// GLPK's search settings.
  public var options: GLPKOptions

  /// Creates the strategy.
  public init(options: GLPKOptions = MaxStableProgram.defaultOptions) {
    self.options = options
  }

  /// `fewest-blocking`.
  public var name: String { "fewest-blocking" }

  /// Finds a placement of `market` meeting every constraint with the fewest blocking pairs.
  ///
  /// - Throws: ``GLPKError`` when GLPK fails, `CancellationError` when cancelled before
  ///   any placement was found.
  public func solve(_ market: Market, control: SolveControl = SolveControl()) async throws -> Solution {
    if let infeasible = market.lockedInfeasibility() { return try control.conclude(infeasible, by: name) }
    // Deferred acceptance is weakly stable; when it also meets every minimum, it is optimal.
    if let start = try? DeferredAcceptance().solve(market, control: control), start.status == .optimal,
      Evaluation(market, start.assignment).isStable
    {
      return try control.conclude(
        Solution(
          assignment: start.assignment, status: .optimal, objective: 0, bound: 0, objectiveName: "blocking pairs",
          notes: ["deferred acceptance meets every minimum, so no pair need block"], method: "deferred-acceptance"),
        by: name)
    }
    let model = WelfareModel(market, stable: true, elastic: true)
    // A placement meeting every minimum starts the search: stabilized welfare's.
    var incumbent: [Double]?
    var notes: [String] = []
    // Its `optimal` and `feasible` placements meet every constraint; its objective counts
    // their blocking pairs.
    if let start = try? await StabilizedWelfare().solve(market, control: control.child(spending: 0.5)),
      start.status == .optimal || start.status == .feasible, let blocking = start.objective
    {
      incumbent = model.values(of: start.assignment)
      notes.append("started from stabilized-welfare: \(Int(blocking)) blocking pairs")
    }
    var program = model.constraints
    program.direction = .minimize
    for column in 0..<program.columnCount { program.objective[column] = 0 }
    for column in model.blockingColumns { program.objective[column] = 1 }
    program.objectiveIsWhole = true
    program.name = "\(market.name) fewest blocking pairs"
    var result = try await GLPKSolver(options: options).solve(program, startingFrom: incumbent, control: control)
    if result.status == .infeasible {
      notes.append("no placement meets every minimum")
    } else if let objective = result.objective {
      notes.append("blocking pairs: \(Int(objective.rounded())) (\(result.status.rawValue))")
      if let bound = result.bound { result.bound = max(0, (bound - 1e-6).rounded(.up)) }
    }
    let assignment =
      result.values.isEmpty
      ? [Int32](repeating: -1, count: market.applicantCount) : model.assignment(from: result.values)
    return try control.conclude(
      Solution(
        assignment: assignment, status: result.status, objective: result.objective, bound: result.bound,
        objectiveName: "blocking pairs", stop: result.stop, notes: notes, method: "glpk"), by: name)
  }
}
