internal import CGLPKShims
import Synchronization

/// The best solution that any of several searches of one programme has found so far.
/// Each search hands it the solutions it finds (its heuristic's and GLPK's own) and,
/// at its next node, takes from it any that beats its own incumbent, so that every search
/// prunes against the best placement known to all of them.
package final class SharedIncumbent: Sendable {
  /// A solution and its objective value.
  package struct Entry: Sendable {
    package var objective: Double
    package var values: [Double]
  }

  private let direction: LinearProgram.Direction
  private let best: Mutex<Entry?>

  /// An empty pool for solutions of a programme optimised in `direction`, or one that
  /// starts with `start`.
  package init(direction: LinearProgram.Direction, start: Entry? = nil) {
    self.direction = direction
    best = Mutex(start)
  }

  /// Keeps `values` when its `objective` beats the best so far.
  package func offer(_ values: [Double], objective: Double) {
    best.withLock { best in
      if best.map({ direction.prefers(objective, over: $0.objective) }) ?? true {
        best = Entry(objective: objective, values: values)
      }
    }
  }

  /// The best solution so far when it beats `objective` (any, for `nil`).
  package func entry(beating objective: Double?) -> Entry? {
    best.withLock { best in
      guard let best, objective.map({ direction.prefers(best.objective, over: $0) }) ?? true else { return nil }
      return best
    }
  }
}

/// One search's side of a ``SharedIncumbent``: at each node, offers GLPK the pool's best
/// when it beats what this search knows, and otherwise the search's own heuristic's
/// solution, which it adds to the pool; GLPK's own new incumbents go to the pool too.
final class IncumbentExchange {
  private let shared: SharedIncumbent
  private let own: NodeHeuristic?
  private let program: LinearProgram
  /// The objective of the best solution this search has (as far as it was told).
  private var known: Double?
  /// The heuristic GLPK calls at each node.
  private(set) var heuristic: NodeHeuristic!

  init(shared: SharedIncumbent, own: NodeHeuristic?, program: LinearProgram, incumbent: [Double]?) {
    self.shared = shared
    self.own = own
    self.program = program
    known = incumbent.map { program.objectiveValue(of: $0) }
    heuristic = NodeHeuristic { [unowned self] values in self.solution(near: values) }
  }

  private func solution(near values: [Double]) -> [Double]? {
    if let pooled = shared.entry(beating: known) {
      known = pooled.objective
      return pooled.values
    }
    guard let found = own?.attempt(values) else { return nil }
    share(found, objective: program.objectiveValue(of: found))
    return found
  }

  /// Records a solution this search has (from its heuristic, or GLPK's own new
  /// incumbent) and hands it to the pool.
  fileprivate func share(_ values: [Double], objective: Double) {
    if known.map({ program.direction.prefers(objective, over: $0) }) ?? true { known = objective }
    shared.offer(values, objective: objective)
  }
}

/// GLPK's entry into an ``IncumbentExchange`` passed as context.
let observeIncumbent: cglpk_incumbent_function = { context, values, columns, objective in
  guard let context, let values else { return }
  Unmanaged<IncumbentExchange>.fromOpaque(context).takeUnretainedValue()
    .share(Array(UnsafeBufferPointer(start: values, count: Int(columns))), objective: objective)
}
