import Placement

/// The placement of a changed market that keeps a strategy's guarantee and, among the
/// placements that do, changes the fewest earlier assignments: the integer-programme path
/// of `placement resolve`.
///
/// The guarantee's levels are optimised first, exactly as the strategy would (see
/// ``WelfareProgram``); then one more level maximises how many applicants keep their
/// earlier position, with the earlier levels held at their optima. So the result is as
/// good as a fresh solve by the strategy's own measure, and no placement that good changes
/// fewer assignments.
///
/// ```swift
/// let solution = try await FewestChanges(.maxStable).solve(market, from: previous)
/// ```
public struct FewestChanges: Sendable {
  /// What the new placement must keep.
  public enum Guarantee: Sendable, Hashable {
    /// Weakly stable (deferred acceptance's guarantee).
    case stable
    /// Weakly stable and as large as any stable placement (max-stable's).
    case maxStable
    /// Optimal for a welfare objective (welfare's); `nil` for its standard objective.
    case welfare(WelfareObjective?)
  }

  /// What the new placement must keep.
  public var guarantee: Guarantee
  /// Gap, search settings and log for GLPK.
  public var options: GLPKOptions

  /// Creates the programme.
  public init(_ guarantee: Guarantee, options: GLPKOptions = GLPKOptions()) {
    self.guarantee = guarantee
    self.options = options
  }

  /// The placement of `market` with the guarantee and the fewest changes from `previous`
  /// (each applicant's position index in `market`, or −1). Status and bound are those of
  /// the last level, "kept": `optimal` when every level is proven. For the stable
  /// guarantees the search starts from ``Placement/StableRepair``'s placement where that applies.
  ///
  /// - Throws: as ``WelfareProgram/solve(_:control:)`` does.
  public func solve(_ market: Market, from previous: [Int32], control: SolveControl = SolveControl()) async throws
    -> Solution
  {
    if let infeasible = market.lockedInfeasibility() { return try control.conclude(infeasible, by: "fewest changes") }
    let kept = WelfareLevel(name: "kept", sense: .maximize, weight: .kept(previous))
    let program: WelfareProgram
    let levels: [WelfareLevel]
    var starts: [[Int32]] = []
    switch guarantee {
    case .stable, .maxStable:
      program = WelfareProgram(method: .glpk, options: options, stable: true)
      levels = (guarantee == .stable ? [] : [WelfareLevel(name: "placed", sense: .maximize, weight: .one)]) + [kept]
      // The native repair's placement is stable and close to `previous`: a good incumbent.
      if StableRepair.obstacle(in: market) == nil {
        starts.append(try StableRepair().solve(market, from: previous, control: control).assignment)
      }
    case .welfare(let objective):
      program = WelfareProgram(objective: objective, options: options)
      levels = try NetworkWelfare(objective: objective).levels(for: market) + [kept]
    }
    return try control.conclude(
      try await program.solve(market, levels: levels, control: control, starts: starts), by: "fewest changes")
  }
}
