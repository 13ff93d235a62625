import Foundation
import Placement

/// Searches of the root LP optimum's neighbourhood: some columns are fixed where the LP
/// optimum has them, and the programme left is solved on a thread of its own within a
/// budget. Max-stable searches the first kind of ``Fixing`` once, then the second from
/// each better placement for as long as that improves on it.
///
/// On one-to-one markets with dense ties the root bound of max-stable is usually the
/// optimum, yet deferred acceptance over the LP's pairs falls short of it and
/// branch-and-bound spends most of its time looking for a placement that meets it; the
/// neighbourhoods hold one in most cases (measured in the README).
enum RootNeighbourhood {
  /// Which columns a search fixes, and where.
  enum Fixing {
    /// Every column of the range whose LP value is a whole number other than 0, at that
    /// value (a relaxation-induced neighbourhood). Fixing the zeros too leaves too little:
    /// on the 3,000-applicant SMTI market of the README the neighbourhood of every whole
    /// value has no integral solution at all, while that of the non-zero ones holds the
    /// optimum, found in under a second.
    case wholeNonZero(Range<Int>)
    /// Every integer column whose LP value equals its value in this solution of the
    /// programme, at that value (Danna, Rothberg and Le Pape's RINS); the search starts
    /// from that solution. In max-stable only the refusal columns are integer, so this
    /// keeps which positions are full where the LP and the placement agree and lets every
    /// placement move; it reaches the root bound where the first kind stops short, as with
    /// five choices (measured in the README).
    case agreeing(with: [Double])

    /// The search's stage in the log and in progress reports.
    var stage: String {
      switch self {
      case .wholeNonZero: "placed (root neighbourhood)"
      case .agreeing: "placed (neighbourhood agreeing with the placement)"
      }
    }
  }

  /// The most a search may spend: `budget(at:)`, and at most `share` of the time left
  /// when it starts.
  static let share = 0.25
  static let floorSeconds = 5.0

  /// The budget of each search from a node reached at `control`'s elapsed time: twice that
  /// time (at the root, the root LP's, about what a neighbourhood's own search takes), at
  /// least `floorSeconds`. Searches run one after another share one budget each, so that
  /// their total grows with their number, not geometrically.
  static func budget(at control: SolveControl) -> Duration {
    max(.seconds(floorSeconds), control.elapsed * 2)
  }

  /// The largest shortfall of the best placement below the bound at which max-stable
  /// searches the ``Fixing/agreeing(with:)`` neighbourhood in a market that is not
  /// one-to-one. In one-to-one markets the root bound is about the optimum, and the search
  /// runs at any shortfall; in hospital–resident markets the root bound is well above the
  /// optimum, where a search from far below it costs seconds and finds no more than the
  /// rounding does (the README measures both).
  static let agreeingShortfall = 2.0

  /// How long the solve must have run when it reaches the node for max-stable to search the
  /// ``Fixing/agreeing(with:)`` neighbourhood. A search costs about a root LP; where the
  /// root LP is quick, so are the main search's cut rounds, which with the rounding close
  /// a small gap sooner than the search would (the README measures both sides).
  static let agreeingAfter = Duration.seconds(1)

  /// A solution of `program` near `values` (a node's LP optimum), or `nil` when the
  /// neighbourhood has none better than `objective` within `budget` (see `share`).
  static func search(
    _ program: LinearProgram, near values: [Double], fixing: Fixing, better objective: Double,
    options: GLPKOptions, control: SolveControl, budget: Duration, heuristic: NodeHeuristic?
  ) -> [Double]? {
    var neighbourhood = program
    var start: [Double]?
    func fix(_ column: Int, at value: Double) {
      guard value >= program.columnLower[column], value <= program.columnUpper[column] else { return }
      neighbourhood.columnLower[column] = value
      neighbourhood.columnUpper[column] = value
    }
    switch fixing {
    case .wholeNonZero(let columns):
      for column in columns {
        let whole = values[column].rounded()
        if whole != 0, abs(values[column] - whole) < 1e-9 { fix(column, at: whole) }
      }
    case .agreeing(let solution):
      for column in 0..<program.columnCount where program.isInteger[column] {
        let whole = solution[column].rounded()
        if abs(values[column] - whole) < 1e-9 { fix(column, at: whole) }
      }
      start = solution
    }
    var budget = budget
    if let remaining = control.remaining { budget = min(budget, remaining * share) }
    let side = control.child(within: budget)
    let sub = neighbourhood
    let subStart = start
    let stage = fixing.stage
    nonisolated(unsafe) let subHeuristic = heuristic
    let result = GLPKThread.runAndWait {
      try? GLPKSolver.solveOnThisThread(
        sub, options: options, incumbent: subStart, control: side, stage: stage,
        heuristic: subHeuristic)
    }
    guard let result, let found = result.objective, !result.values.isEmpty,
      program.direction == .maximize ? found > objective : found < objective
    else { return nil }
    return result.values
  }
}
