import Placement

/// Welfare's placement, then blocking pairs resolved one by one without breaking a
/// minimum: a fast placement that meets every constraint and is as stable as local moves
/// make it.
///
/// Welfare (most placed, then least rank sum) meets every minimum when any placement
/// does; ``MinimumRespectingRepair`` then moves applicants along blocking pairs, never
/// taking one out of a position or group at its minimum. Guarantees, checked by the tests:
/// the placement meets every constraint; each blocking pair left would take its applicant
/// out of a position or group at its minimum, would break a type rule, or runs through a
/// full group of the position (or the move cap was reached, which the notes say). It is `optimal` when no
/// pair blocks, else `feasible`; `fewest-blocking` proves how few blocking pairs the
/// minimums force, and starts from this placement.
public struct StabilizedWelfare: Strategy {
  /// GLPK's settings for welfare, where the market is not a network.
  public var options: GLPKOptions

  /// Creates the strategy.
  public init(options: GLPKOptions = GLPKOptions()) {
    self.options = options
  }

  /// `stabilized-welfare`.
  public var name: String { "stabilized-welfare" }

  /// The moves allowed per acceptable pair before the repair stops.
  static let movesPerPair = 50

  /// Finds welfare's placement of `market` and repairs it.
  ///
  /// - Throws: ``GLPKError`` when GLPK fails, `CancellationError` when cancelled before
  ///   any placement was found.
  public func solve(_ market: Market, control: SolveControl = SolveControl()) async throws -> Solution {
    let start = try await WelfareProgram(objective: .rankSum, options: options).solve(market, control: control)
    let started = Evaluation(market, start.assignment)
    guard start.status == .optimal || start.status == .feasible, started.isValid else {
      var stopped = start
      stopped.objective = nil
      stopped.bound = nil
      stopped.objectiveName = "blocking pairs"
      return try control.conclude(stopped, by: name)
    }
    var repair = MinimumRespectingRepair(market, start: start.assignment)
    let result = repair.run(moveCap: Self.movesPerPair * max(1, market.pairCount)) { control.shouldStop }
    let evaluation = Evaluation(market, result.assignment)
    var notes = [
      "welfare (rank-sum): \(started.blockingPairCount) blocking pairs; \(result.moves) moves: \(evaluation.blockingPairCount) left"
    ]
    if result.capped {
      notes.append("the repair stopped before every possible move was made")
    } else if evaluation.blockingPairCount > 0 {
      notes.append("each blocking pair left would break a minimum or a type rule, or runs through a full group")
    }
    return try control.conclude(
      Solution(
        assignment: result.assignment, status: evaluation.blockingPairCount == 0 ? .optimal : .feasible,
        objective: Double(evaluation.blockingPairCount), objectiveName: "blocking pairs",
        stop: result.capped ? control.stopReason : nil, notes: notes, method: start.method), by: name)
  }
}
