internal import CGLPKShims

/// Turns branch-and-bound nodes' LP optima into integer solutions: GLPK hands it a
/// node's LP optimum each time it solves the node's LP (first, and again after each round
/// of cuts) and keeps what it returns when that beats the incumbent.
///
/// `find` is called with the value of every column, on the solving thread; it must not
/// call GLPK, and what it returns must satisfy every row and bound of the programme and
/// be integral where the programme says so (GLPK checks only the integrality).
package final class NodeHeuristic {
  /// The solution for a node whose LP optimum is the argument, or `nil`.
  package let find: ([Double]) -> [Double]?
  // The last answer, owned here so that it stays put while GLPK reads it.
  private let answer = OwnedBuffer<Double>()
  /// Solutions returned so far.
  package private(set) var found = 0

  package init(find: @escaping ([Double]) -> [Double]?) {
    self.find = find
  }

  /// The solution for a node whose LP optimum is `values`, or `nil` (also for one of the
  /// wrong length, which GLPK would read past); counted in ``found``.
  func attempt(_ values: [Double]) -> [Double]? {
    guard let solution = find(values), solution.count == values.count else { return nil }
    found += 1
    return solution
  }

  /// ``attempt(_:)`` for GLPK: the solution in memory that stays put until the next call.
  fileprivate func solution(near values: UnsafeBufferPointer<Double>) -> UnsafePointer<Double>? {
    attempt(Array(values)).map(answer.holding)
  }
}

/// GLPK's entry into a ``NodeHeuristic`` passed as context.
let findHeuristicSolution: cglpk_heuristic_function = { context, values, columns in
  guard let context, let values else { return nil }
  return Unmanaged<NodeHeuristic>.fromOpaque(context).takeUnretainedValue()
    .solution(near: UnsafeBufferPointer(start: values, count: Int(columns)))
}
