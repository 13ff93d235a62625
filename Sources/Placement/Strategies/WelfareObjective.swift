/// What a welfare-optimal placement optimises. Each objective is lexicographic: a sequence
/// of levels, each optimised exactly with the earlier levels held at their optima.
///
/// A placed applicant's rank is the position of its tier in its list (1 = first choice; a
/// tie shares its rank); R is the largest rank in the market.
public enum WelfareObjective: String, Sendable, CaseIterable {
  /// Place as many applicants as possible, then minimise the sum of their ranks.
  case rankSum = "rank-sum"
  /// Place as many at rank 1 as possible, then as many at rank 2, …, up to rank R
  /// (Irving, Kavitha, Mehlhorn, Michail and Paluch, 2006).
  case rankMaximal = "rank-maximal"
  /// Place as many applicants as possible, then as few at rank R as possible, then at
  /// R − 1, … (generous maximum matching; Irving, 2003).
  case generous
  /// Maximise the total of the instance's `scores` (a pair without a score is worth 0).
  case scores

  /// The objective used when none is named: `scores` when the market has scores,
  /// otherwise `rankSum`.
  public static func standard(for market: Market) -> WelfareObjective {
    market.hasScores ? .scores : .rankSum
  }

  /// The levels of this objective on `market`, optimised in order.
  package func levels(for market: Market) -> [WelfareLevel] {
    var maximumRank: Int32 = 0
    for tier in market.entryApplicantTier { maximumRank = max(maximumRank, tier + 1) }
    switch self {
    case .rankSum:
      return [
        WelfareLevel(name: "placed", sense: .maximize, weight: .one),
        WelfareLevel(name: "rank sum", sense: .minimize, weight: .rank),
      ]
    case .rankMaximal:
      return (0..<maximumRank).map { tier in
        WelfareLevel(name: "rank \(tier + 1)", sense: .maximize, weight: .tier(tier))
      }
    case .generous:
      // With the number placed fixed, the count at rank 1 follows from the others.
      return [WelfareLevel(name: "placed", sense: .maximize, weight: .one)]
        + stride(from: maximumRank - 1, to: 0, by: -1).map { tier in
          WelfareLevel(name: "rank \(tier + 1)", sense: .minimize, weight: .tier(tier))
        }
    case .scores:
      return [WelfareLevel(name: "score", sense: .maximize, weight: .score)]
    }
  }
}

/// One level of a lexicographic welfare objective: a weight on each acceptable pair,
/// maximised or minimised.
package struct WelfareLevel: Sendable, Hashable {
  /// Whether the level's total is maximised or minimised.
  package enum Sense: Sendable, Hashable {
    /// Larger is better.
    case maximize
    /// Smaller is better.
    case minimize
  }

  /// What a placed pair contributes.
  package enum Weight: Sendable, Hashable {
    /// 1 per placed applicant.
    case one
    /// The applicant's rank of the position.
    case rank
    /// 1 when the applicant's rank of the position is `tier + 1`, else 0.
    case tier(Int32)
    /// The pair's score (0 without one).
    case score
    /// 1 when the applicant holds the position in this earlier placement (each
    /// applicant's position index, or −1), else 0: keeping a placement.
    case kept([Int32])
  }

  /// A short name for reports and progress ("placed", "rank sum", "rank 2", "score").
  package var name: String
  /// Whether the total is maximised or minimised.
  package var sense: Sense
  /// What each placed pair contributes.
  package var weight: Weight

  /// Creates a level.
  package init(name: String, sense: Sense, weight: Weight) {
    self.name = name
    self.sense = sense
    self.weight = weight
  }

  /// The contribution of entry `e` of `market` when it is placed.
  package func weight(ofEntry e: Int, in market: Market) -> Double {
    switch weight {
    case .one: 1
    case .rank: Double(market.entryApplicantTier[e] + 1)
    case .tier(let tier): market.entryApplicantTier[e] == tier ? 1 : 0
    case .score: market.hasScores ? market.entryScore[e] : 0
    case .kept(let earlier): earlier[Int(market.entryApplicant[e])] == market.entryPosition[e] ? 1 : 0
    }
  }

  /// This level's total for `assignment`.
  package func value(of assignment: [Int32], in market: Market) -> Double {
    var total = 0.0
    for (a, p) in assignment.enumerated() where p >= 0 {
      if let e = market.entry(applicant: a, position: Int(p)) { total += weight(ofEntry: e, in: market) }
    }
    return total
  }
}
