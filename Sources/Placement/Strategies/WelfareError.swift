/// Why a welfare-optimal placement cannot be computed the way it was asked for.
public enum WelfareError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The min-cost-flow method was asked for, but the market is not a network; each string
  /// names one obstacle (a closable position with a minimum, groups that cross).
  case notANetwork([String])
  /// The `scores` objective was asked for, but the instance has no `scores`.
  case noScores
  /// A level was asked for that the objective does not have (levels count from 1).
  case levelOutOfRange(Int, levels: Int)
  /// The earlier levels of an objective could not be solved to optimality.
  case earlierLevelsNotSolved(String)
  /// The objective's costs leave the range where min-cost flow is exact (scores too
  /// large or too finely divided).
  case costsTooLarge

  /// A one-line explanation.
  public var description: String {
    switch self {
    case .notANetwork(let obstacles):
      "the market is not a network, so min-cost flow cannot solve it: "
        + obstacles.prefix(3).joined(separator: "; ") + (obstacles.count > 3 ? "; … \(obstacles.count - 3) more" : "")
    case .noScores:
      "the scores objective needs an instance with scores"
    case .levelOutOfRange(let level, let levels):
      "level \(level) does not exist: the objective has \(levels) level\(levels == 1 ? "" : "s") on this market"
    case .earlierLevelsNotSolved(let notes):
      "the earlier levels were not solved to optimality: \(notes)"
    case .costsTooLarge:
      "the objective's costs are too large for exact min-cost flow on a market this size (the largest cost "
        + "times the square of the network's node count must stay below 2^61): scale the scores down, "
        + "or solve with GLPK (welfare --method glpk), which works in doubles"
    }
  }
}

extension Market {
  /// Why the welfare programme of this market is not a min-cost-flow problem; empty when
  /// it is. It is one when no closable position has a minimum (closing needs a binary
  /// variable), there are no type rules (a group's type quota, a type minimum or a share),
  /// and groups are laminar (any two are disjoint or nested), so that positions, type
  /// quotas and groups form a tree of capacities under the sink.
  ///
  /// - Complexity: O(G + P · g log g) for g groups per position, plus the members of
  ///   groups compared.
  public var welfareNetworkObstacles: [String] {
    var obstacles: [String] = []
    for p in 0..<positionCount where positionClosable[p] && positionMinimum[p] > 0 {
      obstacles.append("position \(quoted(positionIDs[p])) is closable with minimum \(positionMinimum[p])")
    }
    var mark = [Int32](repeating: -1, count: positionCount)
    var reported = Set<[Int32]>()
    for p in 0..<positionCount where groups(ofPosition: p).count > 1 {
      let chain = groups(ofPosition: p).sorted { positions(ofGroup: Int($0)).count < positions(ofGroup: Int($1)).count }
      for (inner, outer) in zip(chain, chain.dropFirst()) {
        for q in positions(ofGroup: Int(outer)) { mark[Int(q)] = outer }
        if !positions(ofGroup: Int(inner)).allSatisfy({ mark[Int($0)] == outer }),
          reported.insert([inner, outer]).inserted
        {
          obstacles.append(
            "groups \(quoted(groupIDs[Int(inner)])) and \(quoted(groupIDs[Int(outer)])) cross (share position "
              + "\(quoted(positionIDs[p])) without one containing the other)")
        }
      }
    }
    for r in typeRules.indices {
      obstacles.append(
        "\(holderDescription(ofTypeRule: r)) has a rule for type \(quoted(typeNames[Int(typeRules[r].type)])) "
          + "that is not a flow constraint")
    }
    return obstacles
  }
}
