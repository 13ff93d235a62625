/// A way of deciding who goes where in a compiled ``Market``.
///
/// Each strategy is a value holding its options; `solve` does not mutate it, so one value
/// can solve many markets, concurrently. ``StrategyRegistry`` names every strategy, its
/// options and the market features it takes.
public protocol Strategy: Sendable {
  /// The strategy's name in results and on the command line, in kebab-case; the name of
  /// its ``StrategyRegistry`` entry.
  var name: String { get }

  /// Decides an assignment for `market` under `control`: it stops when the control's
  /// deadline passes or it is cancelled (the awaiting task's cancellation included) and
  /// returns the best placement it has, as ``SolveControl/conclude(_:)`` says.
  ///
  /// - Throws: when the strategy cannot run on this market (not when the market has no
  ///   feasible assignment: that is ``Solution/Status/infeasible``), and
  ///   `CancellationError` when cancelled before any placement was found.
  func solve(_ market: Market, control: SolveControl) async throws -> Solution
}

extension Strategy {
  /// Decides an assignment for `market` within `timeLimit`, stopping when the task is
  /// cancelled; see ``solve(_:control:)``.
  public func solve(_ market: Market, timeLimit: Duration?) async throws -> Solution {
    try await solve(market, control: SolveControl(timeLimit: timeLimit))
  }
}
