/// The rounds a proposing algorithm runs in a market with closable positions: a closable
/// position left with people but below its minimum is closed, and the algorithm runs
/// again without it, until none is (at most one extra round per closable position).
enum ClosingRounds {
  /// Runs `round` (given the positions closed so far) until no position needs closing,
  /// then checks minimums: the status is ``Solution/Status/infeasible`` when a position
  /// that cannot close, or a group, is left below its minimum, else `optimal`. Closures
  /// and unmet minimums are described in `notes`. `nil` when a round stopped early
  /// (returned `nil`).
  static func run(_ market: Market, notes: inout [String], round: ([Bool]) -> [Int32]?)
    -> (assignment: [Int32], status: Solution.Status)?
  {
    var closed = [Bool](repeating: false, count: market.positionCount)
    while true {
      guard let assignment = round(closed) else { return nil }
      var filled = [Int32](repeating: 0, count: market.positionCount)
      for p in assignment where p >= 0 { filled[Int(p)] += 1 }
      let toClose = (0..<market.positionCount).filter {
        market.positionClosable[$0] && filled[$0] > 0 && filled[$0] < market.positionMinimum[$0]
      }
      if !toClose.isEmpty {
        for p in toClose {
          closed[p] = true
          notes.append(
            "closed \(quoted(market.positionIDs[p])): \(filled[p]) below its minimum \(market.positionMinimum[p])")
        }
        continue
      }
      var status = Solution.Status.optimal
      for p in 0..<market.positionCount
      where !market.positionClosable[p] && filled[p] < market.positionMinimum[p] {
        status = .infeasible
        notes.append(
          "position \(quoted(market.positionIDs[p])) has \(filled[p]) below its minimum \(market.positionMinimum[p]); "
            + "no stable matching under this tie-breaking meets it")
      }
      var groupFilled = [Int32](repeating: 0, count: market.groupCount)
      for p in 0..<market.positionCount {
        for g in market.groups(ofPosition: p) { groupFilled[Int(g)] += filled[p] }
      }
      for g in 0..<market.groupCount where groupFilled[g] < market.groupMinimum[g] {
        status = .infeasible
        notes.append(
          "group \(quoted(market.groupIDs[g])) has \(groupFilled[g]) below its minimum \(market.groupMinimum[g])")
      }
      return (assignment, status)
    }
  }
}
