import Placement
import Synchronization

/// Several branch-and-bound searches of one programme, side by side, each on a thread of
/// its own (GLPK is single-threaded, so a second core otherwise sits idle). They differ
/// in how they pick the next node and share every incumbent through a
/// ``SharedIncumbent``. The first to prove the optimum or infeasibility, or to reach the
/// gap, stops the others, and their results combine into one.
///
/// Best projection finds better solutions early, and best local bound, given them, closes
/// the bound fastest; but each search runs slower beside the other (they share the memory
/// bus), so a race pays only where one search alone is slow to find or to prove (measured
/// in the README).
package enum SearchRace {
  /// The outcome of a race: the combined result, and what each search's body returned
  /// beside its result.
  package struct Outcome<Extra: Sendable>: Sendable {
    /// What each search's body returned beside its result, in the order of their options.
    package var extras: [Extra]
    /// The best solution of all, with the tightest bound of all.
    package var solution: LinearProgramSolution
    /// The entrant that ended the race by proving the optimum or infeasibility, or by
    /// reaching the gap; `nil` when the time limit or the caller stopped it.
    package var winner: Int?
  }

  /// The settings of `count` searches: `options`, then `options` with each other
  /// backtracking rule in turn (best local bound, best projection, depth first, breadth
  /// first). Only the first keeps the log, so that GLPK's output stays readable.
  package static func entrants(_ options: GLPKOptions, count: Int) -> [GLPKOptions] {
    let others = [GLPKOptions.Backtracking.bestLocalBound, .bestProjection, .depthFirst, .breadthFirst]
      .filter { $0 != options.backtracking }
    return [options]
      + others.prefix(max(0, count - 1)).map { backtracking in
        var entrant = options
        entrant.backtracking = backtracking
        entrant.log = nil
        return entrant
      }
  }

  /// Runs one search per element of `options` at once, each through `body(options,
  /// control, shared)` on a thread of its own (``GLPKThread``), where `body` calls
  /// ``GLPKSolver/solveOnThisThread(_:options:incumbent:control:stage:separator:heuristic:sharing:)``
  /// with `shared`. Each search has a child of `control` (the same deadline; one search
  /// can be stopped alone), and its progress is reported to `control`, combined with the
  /// others' latest.
  ///
  /// - Parameters:
  ///   - direction: the programme's objective sense.
  ///   - incumbent: the starting solution every search is given, with its objective.
  /// - Throws: the first ``GLPKError`` a search throws (the others are then stopped).
  package static func run<Extra: Sendable>(
    _ options: [GLPKOptions], control: SolveControl, direction: LinearProgram.Direction,
    incumbent: SharedIncumbent.Entry?,
    body:
      @escaping @Sendable (GLPKOptions, SolveControl, SharedIncumbent) throws(GLPKError) -> (
        LinearProgramSolution, Extra
      )
  ) async throws(GLPKError) -> Outcome<Extra> {
    precondition(!options.isEmpty, "a race needs a search")
    let shared = SharedIncumbent(direction: direction, start: incumbent)
    let progress = RaceProgress(direction: direction, count: options.count, forward: { control.report($0) })
    let controls: [SolveControl] = options.indices.map { index in
      guard control.reportsProgress else { return control.child(progress: nil) }
      return control.child(progress: { progress.report($0, from: index) })
    }
    let entrants = options
    let finish = FirstFinish()
    let results = await withTaskGroup(of: (Int, Result<(LinearProgramSolution, Extra), GLPKError>).self) { group in
      for (index, entrant) in entrants.enumerated() {
        group.addTask {
          let result = await GLPKThread.run(controls[index]) { control in
            let result = Result { () throws(GLPKError) in try body(entrant, control, shared) }
            // Stop the others from this thread, not from the awaiting task, which may wait
            // long for a cooperative thread when they are all busy.
            if endsRace(result) && finish.claim(index) {
              for other in controls.indices where other != index { controls[other].cancel() }
            }
            return result
          }
          return (index, result)
        }
      }
      var results = [Result<(LinearProgramSolution, Extra), GLPKError>?](repeating: nil, count: options.count)
      for await (index, result) in group { results[index] = result }
      return results.map { $0! }
    }
    var solutions: [LinearProgramSolution] = []
    var extras: [Extra] = []
    for result in results {
      let (solution, extra) = try result.get()
      solutions.append(solution)
      extras.append(extra)
    }
    let winner = finish.winner
    return Outcome(
      extras: extras, solution: combined(solutions, direction: direction, winner: winner), winner: winner)
  }

  /// Whether a search's result ends the race: a failure, a proof, or the gap reached.
  private static func endsRace<Extra>(_ result: Result<(LinearProgramSolution, Extra), GLPKError>) -> Bool {
    guard case .success(let (solution, _)) = result else { return true }
    return solution.stop == nil || solution.stop == .gapReached
  }

  /// One result from the racers' `results`: the winner's when it proved the optimum or
  /// infeasibility; otherwise the best solution of all with the tightest bound of all
  /// (each search's bound holds for the whole programme), `optimal` when that bound
  /// leaves nothing better, and the winner's stop (the gap) or else the first search's.
  /// Nodes and tightened bounds add up; the elapsed time is the longest.
  package static func combined(
    _ results: [LinearProgramSolution], direction: LinearProgram.Direction, winner: Int?
  ) -> LinearProgramSolution {
    let better = direction.prefers
    var solution: LinearProgramSolution
    if let winner, results[winner].stop == nil {
      solution = results[winner]
    } else {
      // The first of the best, and the tightest bound (each holds for the whole programme).
      solution = results.filter { $0.objective != nil }.min { better($0.objective!, $1.objective!) } ?? results[0]
      solution.bound = results.compactMap(\.bound).min { better($1, $0) }
      solution.stop = winner.map { results[$0].stop } ?? results[0].stop
      if let objective = solution.objective, let bound = solution.bound, !better(bound, objective) {
        solution.status = .optimal
        solution.bound = objective
        solution.stop = nil
      }
    }
    solution.nodes = results.map(\.nodes).reduce(0, +)
    solution.tightenedByReducedCost = results.map(\.tightenedByReducedCost).reduce(0, +)
    solution.elapsed = results.map(\.elapsed).max() ?? .zero
    return solution
  }
}

/// Which search ended the race first.
private final class FirstFinish: Sendable {
  private let first = Mutex<Int?>(nil)

  /// Records `index` as the winner unless another search was first; true when it won.
  func claim(_ index: Int) -> Bool {
    first.withLock { first in
      if first == nil { first = index }
      return first == index
    }
  }

  var winner: Int? { first.withLock { $0 } }
}

/// Combines the racers' progress into one report: the best incumbent and the tightest
/// bound of any, and the nodes of all. Reports go out one at a time.
private final class RaceProgress: Sendable {
  private let direction: LinearProgram.Direction
  private let forward: @Sendable (SolveProgress) -> Void
  private let latest: Mutex<[SolveProgress?]>

  init(direction: LinearProgram.Direction, count: Int, forward: @escaping @Sendable (SolveProgress) -> Void) {
    self.direction = direction
    self.forward = forward
    latest = Mutex(Array(repeating: nil, count: count))
  }

  func report(_ progress: SolveProgress, from index: Int) {
    latest.withLock { latest in
      latest[index] = progress
      let reports = latest.compactMap { $0 }
      let better = direction.prefers
      forward(
        SolveProgress(
          stage: progress.stage, incumbent: reports.compactMap(\.incumbent).min { better($0, $1) },
          bound: reports.compactMap(\.bound).min { better($1, $0) }, nodes: reports.map(\.nodes).reduce(0, +),
          activeNodes: reports.map(\.activeNodes).reduce(0, +), elapsed: reports.map(\.elapsed).max() ?? .zero))
    }
  }
}
