/// What a strategy returns: an assignment and what is known about it.
public struct Solution: Sendable {
  /// What is known about the assignment.
  public enum Status: String, Sendable, CaseIterable {
    /// The strategy's own goal is met exactly (for deferred acceptance: its stable matching).
    case optimal
    /// A valid assignment whose optimality is not proven.
    case feasible
    /// No assignment meets the constraints the strategy enforces; the assignment, if any,
    /// shows the closest the strategy came.
    case infeasible
    /// The time limit was reached before any assignment was found.
    case timeLimit
    /// The strategy failed.
    case error
  }

  /// The position index of each applicant, or −1 when unassigned.
  public var assignment: [Int32]
  /// What is known about the assignment.
  public var status: Status
  /// The strategy's objective value, when it has one.
  public var objective: Double?
  /// A proven bound on the objective, when known.
  public var bound: Double?
  /// Messages for the operator: why a status is what it is, what was relaxed.
  public var notes: [String]
  /// Wall-clock seconds the strategy spent.
  public var solveSeconds: Double
  /// Which algorithm produced the assignment when a strategy has several (for welfare:
  /// `min-cost-flow` or `glpk`); `nil` otherwise.
  public var method: String?

  /// The relative gap between ``objective`` and ``bound``,
  /// `|objective − bound| / (|objective| + ε)` as GLPK computes it; 0 when optimal.
  public var gap: Double? {
    guard let objective, let bound else { return nil }
    return abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
  }

  /// Creates a solution.
  public init(
    assignment: [Int32], status: Status, objective: Double? = nil, bound: Double? = nil,
    notes: [String] = [], solveSeconds: Double = 0, method: String? = nil
  ) {
    self.method = method
    self.assignment = assignment
    self.status = status
    self.objective = objective
    self.bound = bound
    self.notes = notes
    self.solveSeconds = solveSeconds
  }
}
