/// The welfare-optimal placement of a market that is a network, by min-cost flow: the most
/// applicants placed at the best total outcome under capacities, minimums, nested groups
/// and type quotas, exact and proven.
///
/// ```swift
/// let solution = try NetworkWelfare(objective: .rankSum).solve(market)
/// print(solution.status, solution.objectiveName ?? "", solution.objective ?? 0)
/// ```
///
/// Each ``WelfareObjective`` is a sequence of levels optimised in order, each with the
/// earlier levels held at their optima, so no weights lose precision. A market is a
/// network when no closable position has a minimum and its groups are laminar
/// (``Market/welfareNetworkObstacles``); `PlacementGLPK`'s `WelfareProgram` adds an
/// integer-programme method for the markets that are not.
///
/// Properties:
/// - status `optimal`: every level is optimal; `objective` and `bound` are the last
///   level's (``Solution/objectiveName``) and `notes` list every level's value;
/// - `feasible`: the control stopped a level, and the placement is the earlier levels'
///   optimum; `timeLimit`: stopped before the first level finished;
/// - `infeasible`: no placement meets the minimums.
///
/// - Complexity: O(N² M log(N C)) in the worst case for N nodes, M arcs and largest cost C
///   (cost scaling); near-linear in practice (see the README).
public struct NetworkWelfare: Strategy {
  /// What is optimised; `nil` for ``WelfareObjective/standard(for:)``.
  public var objective: WelfareObjective?

  /// Creates the strategy.
  public init(objective: WelfareObjective? = nil) {
    self.objective = objective
  }

  /// `welfare`.
  public var name: String { "welfare" }

  /// Finds the welfare-optimal placement of `market`, synchronously.
  ///
  /// - Throws: ``WelfareError`` when the market is not a network or the objective does not
  ///   fit it, `CancellationError` when cancelled before the first level finished.
  public func solve(_ market: Market, control: SolveControl = SolveControl()) throws -> Solution {
    let obstacles = market.welfareNetworkObstacles
    guard obstacles.isEmpty else { throw WelfareError.notANetwork(obstacles) }
    if let infeasible = market.lockedInfeasibility() { return try control.conclude(infeasible, by: name) }
    return try control.conclude(Self.flowSolution(market, levels: try levels(for: market), control: control), by: name)
  }

  /// The optimum of `levels` on a network-shaped `market` by min-cost flow, unconcluded.
  /// Locked pairs are constants of every level: the flow solves the rest of the market
  /// (``Market/releasingLocks()``), then the locks are put back and each level's value is
  /// reported with them.
  package static func flowSolution(_ market: Market, levels: [WelfareLevel], control: SolveControl) throws(WelfareError)
    -> Solution
  {
    let released = market.lockedPairs.isEmpty ? market : market.releasingLocks()
    var flow = WelfareFlow(released, shape: WelfareFlow.shape(for: levels))
    var solution = try flow.solve(levels, control: control)
    solution.method = "min-cost-flow"
    guard !market.lockedPairs.isEmpty, solution.status != .infeasible, solution.status != .timeLimit else {
      return solution
    }
    solution.assignment = market.addingLocks(to: solution.assignment)
    solution.notes = solution.notes.map { note in
      for level in levels where note.hasPrefix("\(level.name): ") {
        let rest = note.dropFirst(level.name.count + 2)
        guard let space = rest.firstIndex(of: " "), Double(rest[..<space]) != nil else { return note }
        let value = level.value(of: solution.assignment, in: market)
        return "\(level.name): \(level.weight == .score ? String(value) : String(Int(value)))\(rest[space...])"
      }
      return note
    }
    if let last = levels.last {
      let value = last.value(of: solution.assignment, in: market)
      if solution.objective != nil { solution.objective = value }
      if solution.status == .optimal { solution.bound = value }
    }
    return solution
  }

  /// The levels of the objective on `market`.
  ///
  /// - Throws: ``WelfareError/noScores`` for `scores` on a market without them.
  package func levels(for market: Market) throws(WelfareError) -> [WelfareLevel] {
    let objective = objective ?? .standard(for: market)
    if objective == .scores && !market.hasScores { throw .noScores }
    return objective.levels(for: market)
  }
}
