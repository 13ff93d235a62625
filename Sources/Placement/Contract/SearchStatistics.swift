/// How a branch-and-bound search went, for comparing solvers and settings: when its root
/// LP was solved and what it bounded, how many nodes it created, and when it found the
/// placement it returned. Times count from the start of the solve (the control's clock).
public struct SearchStatistics: Sendable, Hashable {
  /// Seconds until the root LP relaxation was solved; `nil` when the search never solved
  /// it (a start already proven optimal, or a stop before).
  public var rootSeconds: Double?
  /// The root LP relaxation's objective: the first bound on the optimum.
  public var rootBound: Double?
  /// Branch-and-bound nodes created.
  public var nodes: Int
  /// Seconds until the returned placement was found: the warm start's time when the
  /// search never improved on it; `nil` when nothing was found.
  public var incumbentSeconds: Double?

  /// Creates statistics.
  public init(rootSeconds: Double? = nil, rootBound: Double? = nil, nodes: Int = 0, incumbentSeconds: Double? = nil) {
    self.rootSeconds = rootSeconds
    self.rootBound = rootBound
    self.nodes = nodes
    self.incumbentSeconds = incumbentSeconds
  }

  /// The `search` object of a result file; absent values are left out.
  public var json: JSONValue {
    var fields: [String: JSONValue] = ["nodes": .number(Double(nodes))]
    if let rootSeconds { fields["rootSeconds"] = .number(rootSeconds) }
    if let rootBound { fields["rootBound"] = .number(rootBound) }
    if let incumbentSeconds { fields["incumbentSeconds"] = .number(incumbentSeconds) }
    return .object(fields)
  }
}
