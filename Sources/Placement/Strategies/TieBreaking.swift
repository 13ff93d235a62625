/// How deferred acceptance turns tied preferences into strict ones.
///
/// Any refinement of the ties gives a weakly stable result (ties never block), but
/// which one decides how many are placed and who gets what.
public enum TieBreaking: Sendable, Hashable {
  /// Tied entries keep the order they are listed in; an indifferent position ranks
  /// applicants by their order in the instance.
  case listed
  /// One seeded random order of applicants breaks every position's ties (single tie-breaking).
  case single(seed: UInt64)
  /// Each position breaks its ties by its own seeded random order (multiple tie-breaking).
  case multiple(seed: UInt64)

  /// The seed, when the rule is random.
  public var seed: UInt64? {
    switch self {
    case .listed: nil
    case .single(let seed), .multiple(let seed): seed
    }
  }
}

/// Strict preferences derived from a market's tiers by a ``TieBreaking`` rule.
struct StrictOrders {
  /// Each applicant's entries in proposal order (best first), as a CSR over the
  /// market's applicant lists; `nil` when that order is the entries' own order.
  var applicantOrder: [Int32]?
  /// For each entry, the applicant's strict rank key (smaller is better); empty when
  /// that key is the entry's own index (no applicant tie was shuffled).
  private var applicantKey: [Int32] = []
  /// For each entry, the position's strict rank key for the entry's applicant (smaller is better).
  var positionKey: [Int64]
  /// The random order of applicants under single tie-breaking; empty otherwise.
  private var permutation: [UInt32] = []
  private let rule: TieBreaking
  private let market: Market

  /// Refines the market's tiers by `rule`.
  ///
  /// A position without preferences that belongs to a group with preferences ranks
  /// applicants by the group's tiers first, as in student–project allocation.
  ///
  /// - Complexity: O(L) for L total list length, plus O(L log g) when positions sit in
  ///   groups that rank applicants.
  init(_ market: Market, _ rule: TieBreaking) {
    self.market = market
    self.rule = rule
    let entryCount = market.pairCount
    var generator = SplitMix64(seed: rule.seed ?? 0)

    // Applicant side: shuffle inside each tie when the rule is random.
    var order: [Int32]? = nil
    if rule.seed != nil, market.entryApplicantTier.indices.contains(where: { e in
      e + 1 < entryCount && market.entryApplicant[e] == market.entryApplicant[e + 1]
        && market.entryApplicantTier[e] == market.entryApplicantTier[e + 1]
    }) {
      var shuffled = (0..<Int32(entryCount)).map { $0 }
      applicantKey = shuffled
      var start = 0
      while start < entryCount {
        var end = start + 1
        while end < entryCount, market.entryApplicant[end] == market.entryApplicant[start],
          market.entryApplicantTier[end] == market.entryApplicantTier[start]
        {
          end += 1
        }
        if end - start > 1 { shuffled[start..<end].seededShuffle(using: &generator) }
        start = end
      }
      for (rank, e) in shuffled.enumerated() { applicantKey[Int(e)] = Int32(rank) }
      order = shuffled
    }
    applicantOrder = order
    positionKey = []

    // Position side: tier (or the group's tier for an indifferent position), then the rule.
    var positionKey = [Int64](repeating: 0, count: entryCount)
    if case .single = rule {
      permutation = (0..<UInt32(market.applicantCount)).map { $0 }
      permutation.seededShuffle(using: &generator)
    }
    // One sequential pass in entry order: the tier, then the rule's tie-breaker. Under
    // `listed` an indifferent position's list is in applicant order, so the applicant
    // index breaks its ties as listed; positions whose own preferences have ties are
    // corrected below with their list index.
    let rankingGroup = (0..<market.positionCount).map { p -> Int32 in
      market.positionHasPreferences[p]
        ? -1 : market.groups(ofPosition: p).first { market.groupHasPreferences[Int($0)] } ?? -1
    }
    for e in 0..<entryCount {
      let a = Int(market.entryApplicant[e])
      let g = rankingGroup[Int(market.entryPosition[e])]
      if g >= 0 {
        positionKey[e] = groupKey(Int(g), applicant: a)
        continue
      }
      let breaker: UInt32
      switch rule {
      case .listed: breaker = UInt32(a)
      case .single: breaker = permutation[a]
      case .multiple: breaker = UInt32(truncatingIfNeeded: generator.next())
      }
      positionKey[e] = Int64(market.entryPositionTier[e]) << 32 | Int64(breaker)
    }
    if case .listed = rule {
      for p in 0..<market.positionCount where market.positionHasPreferences[p] {
        let list = market.entries(ofPosition: p)
        let tied = list.dropFirst().contains { k in
          market.entryPositionTier[Int(market.positionListEntry[k])]
            == market.entryPositionTier[Int(market.positionListEntry[k - 1])]
        }
        guard tied else { continue }
        for (index, k) in list.enumerated() {
          let e = Int(market.positionListEntry[k])
          positionKey[e] = Int64(market.entryPositionTier[e]) << 32 | Int64(index)
        }
      }
    }
    self.positionKey = positionKey
  }

  /// The applicant's strict rank key of entry `e` (smaller is better).
  func applicantRank(_ e: Int) -> Int32 {
    applicantKey.isEmpty ? Int32(e) : applicantKey[e]
  }

  /// Group `g`'s strict rank key for applicant `a` (smaller is better): its tier, then
  /// the rule (listed: applicant order; single: the common random order; multiple: the
  /// group's own random order). Positions that follow the group use the same key, so
  /// group and position decisions never disagree.
  func groupKey(_ g: Int, applicant a: Int) -> Int64 {
    let breaker: UInt32
    switch rule {
    case .listed: breaker = UInt32(a)
    case .single: breaker = permutation[a]
    case .multiple(let seed):
      var mix = SplitMix64(seed: seed ^ (UInt64(g) << 32 | UInt64(a)) &* 0x9E37_79B9_7F4A_7C15)
      breaker = UInt32(truncatingIfNeeded: mix.next())
    }
    return Int64(market.groupTier(g, applicant: a)) << 32 | Int64(breaker)
  }
}
