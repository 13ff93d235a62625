import Foundation

/// What a strategy returns: an assignment and what is known about it.
public struct Solution: Sendable {
  /// What is known about the assignment; each status means the same for every strategy.
  /// A strategy that cannot run at all throws instead.
  public enum Status: String, Sendable, CaseIterable {
    /// The strategy's goal is met and proven. For a search (welfare, max-stable): no
    /// placement is better, or the placement meets a proven bound. For deferred
    /// acceptance: the proposing side's optimal stable matching of the strict preferences
    /// after tie-breaking (with random tie-breaking, that of the drawn order: weakly
    /// stable, but another order may place more). For the stable approximation: a weakly
    /// stable placement that meets its own upper bound (every applicant with a list, or
    /// every seat, placed), so no stable placement is larger.
    case optimal
    /// A valid placement whose goal is not proven: an approximation below its bound, or a
    /// search stopped early (``Solution/stop`` says why; ``Solution/bound`` is the best
    /// bound known).
    case feasible
    /// No placement meets the constraints the strategy enforces (minimums); the
    /// assignment, if any, shows the closest the strategy came.
    case infeasible
    /// The time limit was reached before any placement was found; the bound, when known,
    /// still holds.
    case timeLimit
  }

  /// The position index of each applicant, or −1 when unassigned.
  public var assignment: [Int32]
  /// What is known about the assignment.
  public var status: Status
  /// The strategy's objective value, when it has one (for a lexicographic objective, that
  /// of ``objectiveName``'s level).
  public var objective: Double?
  /// A proven bound on the objective, when known.
  public var bound: Double?
  /// What ``objective`` measures ("placed", "rank sum", "rank 3"), when there is one.
  public var objectiveName: String?
  /// Why the work stopped before proving its goal; `nil` when it ran to the end.
  public var stop: StopReason?
  /// Messages for the operator: why a status is what it is, what was relaxed.
  public var notes: [String]
  /// Wall-clock seconds the strategy spent.
  public var solveSeconds: Double
  /// How its branch-and-bound search went, for strategies that search.
  public var search: SearchStatistics?
  /// Which algorithm produced the assignment when a strategy has several (for welfare:
  /// `min-cost-flow` or `glpk`); `nil` otherwise.
  public var method: String?

  /// The relative gap between ``objective`` and ``bound``,
  /// `|objective − bound| / (|objective| + ε)` as GLPK computes it; 0 when optimal.
  public var gap: Double? {
    guard let objective, let bound else { return nil }
    return relativeGap(objective, bound)
  }

  /// Creates a solution.
  public init(
    assignment: [Int32], status: Status, objective: Double? = nil, bound: Double? = nil,
    objectiveName: String? = nil, stop: StopReason? = nil, notes: [String] = [], solveSeconds: Double = 0,
    method: String? = nil, search: SearchStatistics? = nil
  ) {
    self.assignment = assignment
    self.status = status
    self.objective = objective
    self.bound = bound
    self.objectiveName = objectiveName
    self.stop = stop
    self.notes = notes
    self.solveSeconds = solveSeconds
    self.method = method
    self.search = search
  }

  /// The solution of work that stopped for `reason` before it found any placement: every
  /// applicant unassigned, status ``Status/timeLimit``, with the best `bound` known.
  package static func stopped(
    _ reason: StopReason, applicants: Int, bound: Double? = nil, objectiveName: String? = nil, notes: [String] = []
  ) -> Solution {
    Solution(
      assignment: [Int32](repeating: -1, count: applicants), status: .timeLimit, bound: bound,
      objectiveName: objectiveName, stop: reason, notes: notes)
  }
}

extension Solution {
  /// One line for the log: `optimal, placed 2050 (bound 2100), by glpk, 2050 placed, 1.234 s`.
  var logLine: String {
    var line = status.rawValue
    if let stop { line += " (\(stop.rawValue))" }
    if let objective { line += ", \(objectiveName ?? "objective") \(objective.logText)" }
    if let bound, status != .optimal { line += " (bound \(bound.logText))" }
    if let method { line += ", by \(method)" }
    line += ", \(assignment.count { $0 >= 0 }) placed"
    return line + ", \(Duration.seconds(solveSeconds).logText)"
  }
}

extension Double {
  /// The value as a log writes it: whole values without a fraction, others to ten
  /// significant digits.
  package var logText: String {
    rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(format: "%.10g", self)
  }
}
