/// A feature of a market that strategies treat differently; ``StrategyRegistry`` says,
/// per strategy, which it honours, ignores or refuses.
public enum MarketFeature: String, Sendable, Hashable, CaseIterable, Comparable {
  /// Ties in some applicant's or position's preferences.
  case ties
  /// Groups of positions with shared quotas.
  case groups
  /// Groups that rank applicants for all their positions.
  case groupPreferences = "group-preferences"
  /// Per-position quotas by applicant type.
  case typeQuotas = "type-quotas"
  /// Type quotas beyond a position's upper count: a group's, minimums, shares.
  case typeRules = "type-rules"
  /// Minimums on positions or groups.
  case minimums
  /// Positions that may close when below their minimum, and have one.
  case closableMinimums = "closable-minimums"
  /// Groups that overlap without one containing the other.
  case crossingGroups = "crossing-groups"
  /// Scores on acceptable pairs.
  case scores

  /// Declaration order.
  public static func < (lhs: MarketFeature, rhs: MarketFeature) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// How a strategy treats a ``MarketFeature``.
public enum FeatureSupport: Sendable, Hashable {
  /// Honoured: the strategy's guarantees hold with it.
  case honoured
  /// Allowed, with the caveat given (what the strategy does with it).
  case limited(String)
  /// The strategy cannot run on a market with it, for the reason given.
  case refused(String)
}

extension Market {
  /// The features this market has.
  ///
  /// - Complexity: O(L + P + G), plus the group comparisons of
  ///   ``welfareNetworkObstacles``.
  public var features: Set<MarketFeature> {
    var features = Set<MarketFeature>()
    let applicantTies = (0..<applicantCount).contains { a in
      let entries = self.entries(ofApplicant: a)
      return entries.count > 1
        && zip(entries, entries.dropFirst()).contains { entryApplicantTier[$0] == entryApplicantTier[$1] }
    }
    if applicantTies || positionHasTies.contains(true) { features.insert(.ties) }
    if groupCount > 0 { features.insert(.groups) }
    if groupHasPreferences.contains(true) { features.insert(.groupPreferences) }
    if !quotaCapacity.isEmpty { features.insert(.typeQuotas) }
    if !typeRules.isEmpty { features.insert(.typeRules) }
    if positionMinimum.contains(where: { $0 > 0 }) || groupMinimum.contains(where: { $0 > 0 }) {
      features.insert(.minimums)
    }
    let closable = (0..<positionCount).count { positionClosable[$0] && positionMinimum[$0] > 0 }
    if closable > 0 { features.insert(.closableMinimums) }
    if welfareNetworkObstacles.count > closable + typeRules.count { features.insert(.crossingGroups) }
    if hasScores { features.insert(.scores) }
    return features
  }
}
