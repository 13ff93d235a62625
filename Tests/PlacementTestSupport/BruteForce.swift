import Placement

/// Exhaustive search over every assignment of a tiny market, for checking strategies.
public enum BruteForce {
  /// Every assignment that respects mutual acceptability and upper quotas of positions
  /// (each applicant at one of its acceptable positions, or unassigned); validity of
  /// the rest is left to ``Evaluation``.
  ///
  /// - Complexity: O(∏ (list length + 1)); meant for a handful of applicants.
  public static func assignments(_ market: Market) -> [[Int32]] {
    let choices = (0..<market.applicantCount).map { a in
      [Int32(-1)] + market.acceptablePositions(of: a).map { Int32($0) }
    }
    var results: [[Int32]] = []
    var current = [Int32](repeating: -1, count: market.applicantCount)
    var load = [Int](repeating: 0, count: market.positionCount)
    func extend(_ a: Int) {
      if a == market.applicantCount {
        results.append(current)
        return
      }
      for p in choices[a] {
        if p >= 0 {
          guard load[Int(p)] < market.capacity(of: Int(p)) else { continue }
          load[Int(p)] += 1
        }
        current[a] = p
        extend(a + 1)
        if p >= 0 { load[Int(p)] -= 1 }
      }
      current[a] = -1
    }
    extend(0)
    return results
  }

  /// The fewest blocking pairs of any valid assignment (minimums included), or `nil` when
  /// no assignment is valid.
  public static func fewestBlockingPairs(_ market: Market) -> Int? {
    assignments(market).lazy.map { Evaluation(market, $0) }.filter(\.isValid).map(\.blockingPairCount).min()
  }

  /// Every valid assignment with no blocking pair.
  public static func stableAssignments(_ market: Market) -> [[Int32]] {
    assignments(market).filter { Evaluation(market, $0).isStable }
  }
}
