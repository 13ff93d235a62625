import Foundation
import Placement

/// A search of the root LP optimum's neighbourhood (a relaxation-induced neighbourhood
/// search): every column whose value at the root is a whole number other than 0 is fixed
/// there, and the programme left is solved on a thread of its own within a budget.
/// Fixing the zeros too leaves too little: on the 3,000-applicant SMTI market of the
/// README the neighbourhood of every whole value has no integral solution at all, while
/// that of the non-zero ones holds the optimum, found in under a second.
///
/// On one-to-one markets with dense ties the root bound of max-stable is usually the
/// optimum, yet deferred acceptance over the LP's pairs falls short of it and
/// branch-and-bound spends most of its time looking for a placement that meets it; the
/// neighbourhood holds one in most cases (measured in the README).
enum RootNeighbourhood {
  /// The most a search may spend: twice the time the solve took to reach it (the root LP's
  /// time, about what the neighbourhood's own search takes), at least `floorSeconds`, and
  /// at most `share` of the time left.
  static let share = 0.25
  static let floorSeconds = 5.0

  /// A solution of `program` near `values` (a node's LP optimum), or `nil` when the
  /// neighbourhood has none better than `objective` within its budget.
  static func search(
    _ program: LinearProgram, near values: [Double], fixing columns: Range<Int>, better objective: Double,
    options: GLPKOptions, control: SolveControl, heuristic: NodeHeuristic?
  ) -> [Double]? {
    var neighbourhood = program
    for column in columns {
      let whole = values[column].rounded()
      guard whole != 0, abs(values[column] - whole) < 1e-9, whole >= program.columnLower[column],
        whole <= program.columnUpper[column]
      else { continue }
      neighbourhood.columnLower[column] = whole
      neighbourhood.columnUpper[column] = whole
    }
    var budget = max(.seconds(floorSeconds), control.elapsed * 2)
    if let remaining = control.remaining { budget = min(budget, remaining * share) }
    let side = control.child(within: budget)
    let sub = neighbourhood
    nonisolated(unsafe) let subHeuristic = heuristic
    let result = GLPKThread.runAndWait {
      try? GLPKSolver.solveOnThisThread(
        sub, options: options, incumbent: nil, control: side, stage: "placed (root neighbourhood)",
        heuristic: subHeuristic)
    }
    guard let result, let found = result.objective, !result.values.isEmpty,
      program.direction == .maximize ? found > objective : found < objective
    else { return nil }
    return result.values
  }
}
