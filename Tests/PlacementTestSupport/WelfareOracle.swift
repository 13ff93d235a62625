import Placement

/// The welfare optimum of a tiny market by brute force, defined from ``Evaluation`` alone
/// (independently of how strategies phrase their objectives).
public enum WelfareOracle {
  /// The lexicographic key of `evaluation` under `objective`: smaller is better.
  /// `maximumRank` pads rank profiles to a common length.
  public static func key(_ evaluation: Evaluation, _ objective: WelfareObjective, maximumRank: Int) -> [Double] {
    var profile = evaluation.rankProfile.map(Double.init)
    profile += repeatElement(0, count: max(0, maximumRank - profile.count))
    switch objective {
    case .rankSum: return [-Double(evaluation.matched), Double(evaluation.rankSum)]
    case .rankMaximal: return profile.map { -$0 }
    case .generous: return [-Double(evaluation.matched)] + profile.reversed()
    case .scores: return [-(evaluation.scoreTotal ?? 0)]
    }
  }

  /// The best key over every valid assignment (every weakly stable one when `stable` is
  /// set), or `nil` when there is none.
  public static func bestKey(_ market: Market, _ objective: WelfareObjective, stable: Bool = false) -> [Double]? {
    let maximumRank = maximumRank(market)
    var best: [Double]?
    for assignment in BruteForce.assignments(market) {
      let evaluation = Evaluation(market, assignment, blockingPairLimit: 0)
      guard evaluation.isValid, !stable || evaluation.isStable else { continue }
      let key = key(evaluation, objective, maximumRank: maximumRank)
      if best.map({ isBetter(key, than: $0) }) ?? true { best = key }
    }
    return best
  }

  /// The largest rank any acceptable pair has.
  public static func maximumRank(_ market: Market) -> Int {
    (0..<market.applicantCount).map { a in
      market.acceptablePositions(of: a).map { market.tier(ofApplicant: a, for: $0) ?? 0 }.max().map { $0 + 1 } ?? 0
    }.max() ?? 0
  }

  /// Whether neither key is better than the other, beyond rounding.
  public static func isEquivalent(_ key: [Double], _ other: [Double]) -> Bool {
    !isBetter(key, than: other) && !isBetter(other, than: key)
  }

  /// Whether `key` is lexicographically smaller than `other`, beyond rounding.
  public static func isBetter(_ key: [Double], than other: [Double]) -> Bool {
    for (x, y) in zip(key, other) where abs(x - y) > 1e-7 { return x < y }
    return false
  }
}
