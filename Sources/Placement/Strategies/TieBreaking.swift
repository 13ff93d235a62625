/// How deferred acceptance turns tied preferences into strict ones.
///
/// Any refinement of the ties gives a weakly stable result (ties never block), but
/// which one decides how many are placed and who gets what.
public enum TieBreaking: String, Sendable, Hashable, CaseIterable {
  /// Tied entries keep the order they are listed in; an indifferent position ranks
  /// applicants by their order in the instance.
  case listed
  /// One random order of applicants, drawn from the control's seed, breaks every
  /// position's ties (single tie-breaking).
  case single
  /// Each position breaks its ties by its own random order, drawn from the control's seed
  /// (multiple tie-breaking).
  case multiple

  /// Whether the rule draws random orders.
  public var isRandom: Bool { self != .listed }
}

/// Strict preferences derived from a market's tiers by a ``TieBreaking`` rule.
///
/// Keys are computed on the fly from the entry's tier and applicant (a few integer
/// operations); only positions whose order needs more (a ranking group they follow,
/// or ties in their own list under `listed`) get a table of precomputed keys.
struct StrictOrders {
  /// Each applicant's entries in proposal order (best first), as a CSR over the
  /// market's applicant lists; `nil` when that order is the entries' own order.
  private(set) var applicantOrder: [Int32]?
  /// For each entry, the applicant's strict rank key (smaller is better); empty when
  /// that key is the entry's own index (no applicant tie was shuffled).
  private var applicantKey: [Int32] = []
  /// Precomputed position keys by entry, or empty when every key is computed on the fly.
  private var positionKeyTable: [Int64] = []
  /// Whether each position's keys come from `positionKeyTable`; empty when none do.
  private var positionUsesTable: [Bool] = []
  /// The random order of applicants under single tie-breaking; empty otherwise.
  private var permutation: [UInt32] = []
  private let rule: TieBreaking
  /// The seed of the random rules' orders.
  private let seed: UInt64
  private let market: Market

  /// Refines the market's tiers by `rule`.
  ///
  /// A position without preferences that belongs to a group with preferences ranks
  /// applicants by the group's tiers first, as in student–project allocation.
  ///
  /// - Complexity: O(n) for n applicants; O(L) more when applicants' lists have ties
  ///   under a random rule, and O(L log g) more when positions follow ranking groups.
  init(_ market: Market, _ rule: TieBreaking, seed: UInt64) {
    self.market = market
    self.rule = rule
    self.seed = seed
    var generator = SplitMix64(seed: rule.isRandom ? seed : 0)
    if rule == .single {
      permutation = (0..<UInt32(market.applicantCount)).map { $0 }
      permutation.seededShuffle(using: &generator)
    }
    if rule.isRandom { shuffleApplicantTies(&generator) }
    buildPositionKeyTable()
  }

  /// Ties broken towards the entries with larger `weights` (one per entry), on both
  /// sides: an applicant proposes first where its weight is largest within a tie, and a
  /// position prefers, within a tier, the applicants whose entries weigh more. Equal
  /// weights keep the listed order. Positions that follow a ranking group keep the
  /// group's order (as under ``TieBreaking/listed``).
  ///
  /// - Complexity: O(L log t) for L entries and ties of length t.
  init(_ market: Market, preferring weights: [Double]) {
    precondition(weights.count == market.pairCount, "one weight per entry")
    self.market = market
    self.rule = .listed
    seed = 0
    let heavierFirst = { (e: Int32, f: Int32) -> Bool in
      weights[Int(e)] > weights[Int(f)] || (weights[Int(e)] == weights[Int(f)] && e < f)
    }
    let entryCount = market.pairCount
    var order = (0..<Int32(entryCount)).map { $0 }
    Self.forEachApplicantTie(market) { order[$0].sort(by: heavierFirst) }
    applicantKey = [Int32](repeating: 0, count: entryCount)
    for (rank, e) in order.enumerated() { applicantKey[Int(e)] = Int32(rank) }
    applicantOrder = order
    var table = [Int64](repeating: 0, count: entryCount)
    for p in 0..<market.positionCount {
      if let g = rankingGroup(followedBy: p) {
        for (e, key) in groupKeys(ofPosition: p, group: g) { table[e] = key }
        continue
      }
      var entries = market.entries(ofPosition: p).map { market.positionListEntry[$0] }
      entries.sort { e, f in
        let (tierOfE, tierOfF) = (market.entryPositionTier[Int(e)], market.entryPositionTier[Int(f)])
        return tierOfE != tierOfF ? tierOfE < tierOfF : heavierFirst(e, f)
      }
      for (rank, e) in entries.enumerated() {
        table[Int(e)] = Int64(market.entryPositionTier[Int(e)]) << 32 | Int64(rank)
      }
    }
    positionKeyTable = table
    positionUsesTable = [Bool](repeating: true, count: market.positionCount)
  }

  /// Calls `body` with each run of two or more entries that one applicant ties, in
  /// entry order.
  private static func forEachApplicantTie(_ market: Market, _ body: (Range<Int>) -> Void) {
    var start = 0
    while start < market.pairCount {
      var end = start + 1
      while end < market.pairCount, market.entryApplicant[end] == market.entryApplicant[start],
        market.entryApplicantTier[end] == market.entryApplicantTier[start]
      {
        end += 1
      }
      if end - start > 1 { body(start..<end) }
      start = end
    }
  }

  /// Shuffles each applicant's tied entries, when there are any.
  private mutating func shuffleApplicantTies(_ generator: inout SplitMix64) {
    let entryCount = market.pairCount
    var shuffled: [Int32] = []
    Self.forEachApplicantTie(market) { tie in
      if shuffled.isEmpty { shuffled = (0..<Int32(entryCount)).map { $0 } }
      shuffled[tie].seededShuffle(using: &generator)
    }
    guard !shuffled.isEmpty else { return }
    applicantKey = [Int32](repeating: 0, count: entryCount)
    for (rank, e) in shuffled.enumerated() { applicantKey[Int(e)] = Int32(rank) }
    applicantOrder = shuffled
  }

  /// Precomputes keys for positions that follow a ranking group, and under `listed`
  /// for positions whose own lists have ties (broken by list index).
  private mutating func buildPositionKeyTable() {
    var table: [Int64] = []
    for p in 0..<market.positionCount {
      var keys: [(entry: Int, key: Int64)] = []
      if let g = rankingGroup(followedBy: p) {
        keys = groupKeys(ofPosition: p, group: g)
      } else if case .listed = rule, market.positionHasTies[p] {
        keys = market.entries(ofPosition: p).enumerated().map { index, k in
          let e = Int(market.positionListEntry[k])
          return (e, Int64(market.entryPositionTier[e]) << 32 | Int64(index))
        }
      }
      guard !keys.isEmpty else { continue }
      if table.isEmpty {
        table = [Int64](repeating: 0, count: market.pairCount)
        positionUsesTable = [Bool](repeating: false, count: market.positionCount)
      }
      positionUsesTable[p] = true
      for (e, key) in keys { table[e] = key }
    }
    positionKeyTable = table
  }

  /// The keys of position `p`'s entries by entry, in ranking group `g`'s order.
  private func groupKeys(ofPosition p: Int, group g: Int) -> [(entry: Int, key: Int64)] {
    market.entries(ofPosition: p).map { k in
      let e = Int(market.positionListEntry[k])
      return (e, groupKey(g, applicant: Int(market.entryApplicant[e])))
    }
  }

  /// The ranking group whose order position `p` follows, when it has no preferences of
  /// its own and belongs to a group that has.
  private func rankingGroup(followedBy p: Int) -> Int? {
    guard !market.positionHasPreferences[p] else { return nil }
    return market.groups(ofPosition: p).first(where: { market.groupHasPreferences[Int($0)] }).map(Int.init)
  }

  /// The position's strict rank key of entry `e`'s applicant (smaller is better): the
  /// position's tier, then the rule's tie-breaker. Under `listed` an indifferent
  /// position's list is in applicant order, so the applicant index breaks ties as listed.
  @inline(__always)
  func positionKey(_ e: Int) -> Int64 {
    positionKey(e, applicant: Int(market.entryApplicant[e]))
  }

  /// ``positionKey(_:)`` when the caller knows the entry's applicant `a`.
  @inline(__always)
  func positionKey(_ e: Int, applicant a: Int) -> Int64 {
    positionKey(e, applicant: a, tier: market.entryPositionTier[e])
  }

  /// ``positionKey(_:)`` when the caller knows the entry's applicant `a` and the
  /// position's `tier` of it.
  @inline(__always)
  func positionKey(_ e: Int, applicant a: Int, tier: Int32) -> Int64 {
    if !positionUsesTable.isEmpty, positionUsesTable[Int(market.entryPosition[e])] {
      return positionKeyTable[e]
    }
    let breaker: UInt64
    switch rule {
    case .listed: breaker = UInt64(a)
    case .single: breaker = UInt64(permutation[a])
    case .multiple:
      var mix = SplitMix64(seed: seed ^ UInt64(e) &* 0xD6E8_FEB8_6659_FD93)
      breaker = mix.next() & 0xFFFF_FFFF
    }
    return Int64(tier) << 32 | Int64(breaker)
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
    case .multiple:
      var mix = SplitMix64(seed: seed ^ (UInt64(g) << 32 | UInt64(a)) &* 0x9E37_79B9_7F4A_7C15)
      breaker = UInt32(truncatingIfNeeded: mix.next())
    }
    return Int64(market.groupTier(g, applicant: a)) << 32 | Int64(breaker)
  }
}
