/// A way of deciding who goes where in a compiled ``Market``.
///
/// Each strategy is a value holding its options; `solve` does not mutate it, so one
/// value can solve many markets, concurrently.
public protocol Strategy: Sendable {
  /// The strategy's name in results and on the command line, in kebab-case.
  var name: String { get }

  /// Decides an assignment for `market`.
  ///
  /// - Throws: when the strategy cannot run on this market (not when the market has
  ///   no feasible assignment: that is ``Solution/Status/infeasible``), or when the
  ///   task is cancelled.
  func solve(_ market: Market) async throws -> Solution
}
