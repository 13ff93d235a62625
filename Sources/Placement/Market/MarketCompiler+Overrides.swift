extension MarketCompiler {
  /// Checks the instance's `locked` and `forbidden` pairs and applies them to the compiled
  /// lists: a forbidden pair leaves both lists; a locked applicant keeps only its locked
  /// position, which (with each of its groups) ranks its locked applicants first, in
  /// instance order, above everyone else's tiers moved down; a position with a lock
  /// cannot close. Every strategy and ``Evaluation`` then see a promise as a pair that is
  /// never displaced and never blocks, and stability is that of the rest of the market.
  ///
  /// - Complexity: O(L + R) for L pairs and R ranked group entries.
  mutating func applyOverrides() {
    guard !instance.locked.isEmpty || !instance.forbidden.isEmpty else { return }
    let locked = resolve(instance.locked, field: "locked")
    let forbidden = resolve(instance.forbidden, field: "forbidden")
    var lockedPosition = [Int32](repeating: -1, count: market.applicantCount)
    var lockedPairs: [MarketPair] = []
    for (i, pair) in locked {
      let path = FieldPath.root.key("locked").index(i)
      guard lockedPosition[pair.applicant] < 0 else {
        let first = market.positionIDs[Int(lockedPosition[pair.applicant])]
        issues.append(
          ValidationIssue(
            path.key("applicant"),
            "\(quoted(market.applicantIDs[pair.applicant])) is already locked to \(quoted(first))"))
        continue
      }
      guard market.entry(applicant: pair.applicant, position: pair.position) != nil else {
        issues.append(ValidationIssue(path, notAcceptable(pair)))
        continue
      }
      lockedPosition[pair.applicant] = Int32(pair.position)
      lockedPairs.append(pair)
    }
    var kept = [Bool](repeating: true, count: market.pairCount)
    var forbiddenPairs: [MarketPair] = []
    for (i, pair) in forbidden {
      let path = FieldPath.root.key("forbidden").index(i)
      if lockedPosition[pair.applicant] == Int32(pair.position) {
        issues.append(ValidationIssue(path, "the pair is also locked"))
        continue
      }
      guard let e = market.entry(applicant: pair.applicant, position: pair.position) else {
        warnings.append(ValidationIssue(path, "\(notAcceptable(pair)), so forbidding it changes nothing"))
        continue
      }
      if kept[e] { forbiddenPairs.append(pair) }
      kept[e] = false
    }
    guard issues.isEmpty else { return }
    for a in 0..<market.applicantCount where lockedPosition[a] >= 0 {
      for e in market.entries(ofApplicant: a) where market.entryPosition[e] != lockedPosition[a] { kept[e] = false }
    }
    market = market.keepingPairs(kept)
    market.forbiddenPairs = forbiddenPairs
    market.lockedPairs = lockedPairs
    rankLockedFirst(lockedPairs)
  }

  /// The pairs of `overrides` whose ids are known, with their index in the list; an issue
  /// for each unknown id.
  private mutating func resolve(_ overrides: [PairOverride], field: String) -> [(Int, MarketPair)] {
    var pairs: [(Int, MarketPair)] = []
    for (i, pair) in overrides.enumerated() {
      let path = FieldPath.root.key(field).index(i)
      let a = applicantIndex.index(of: pair.applicant)
      let p = positionIndex.index(of: pair.position)
      if a == nil {
        issues.append(ValidationIssue(path.key("applicant"), "unknown applicant \(quoted(pair.applicant))"))
      }
      if p == nil { issues.append(ValidationIssue(path.key("position"), "unknown position \(quoted(pair.position))")) }
      if let a, let p { pairs.append((i, MarketPair(applicant: Int(a), position: Int(p)))) }
    }
    return pairs
  }

  /// Why `pair` is not mutually acceptable.
  private func notAcceptable(_ pair: MarketPair) -> String {
    let applicant = instance.applicants[pair.applicant]
    let position = instance.positions[pair.position]
    if !applicant.preferences.ids.contains(position.id) {
      return "\(quoted(applicant.id)) does not list \(quoted(position.id))"
    }
    return "\(quoted(position.id)) does not rank \(quoted(applicant.id))"
  }

  /// Moves each position's and each group's locked applicants to the top of its ranking.
  private mutating func rankLockedFirst(_ lockedPairs: [MarketPair]) {
    var lockedAt = [[Int32]](repeating: [], count: market.positionCount)
    for pair in lockedPairs { lockedAt[pair.position].append(Int32(pair.applicant)) }
    var newListEntry = market.positionListEntry
    for p in 0..<market.positionCount where !lockedAt[p].isEmpty {
      let shift = Int32(lockedAt[p].count)
      var first: [Int32] = []
      var rest: [Int32] = []
      var restTiers = Set<Int32>()
      for k in market.entries(ofPosition: p) {
        let e = Int(market.positionListEntry[k])
        if let order = lockedAt[p].firstIndex(of: market.entryApplicant[e]) {
          market.entryPositionTier[e] = Int32(order)
          first.append(Int32(e))
        } else {
          market.entryPositionTier[e] += shift
          restTiers.insert(market.entryPositionTier[e])
          rest.append(Int32(e))
        }
      }
      first.sort { market.entryPositionTier[Int($0)] < market.entryPositionTier[Int($1)] }
      let start = Int(market.positionListStart[p])
      newListEntry.replaceSubrange(start..<(start + first.count + rest.count), with: first + rest)
      market.positionHasTies[p] = market.positionHasTies[p] || restTiers.count < rest.count
      market.positionHasPreferences[p] = true
      market.positionClosable[p] = false
    }
    market.positionListEntry = newListEntry
    rankLockedFirstInGroups(lockedAt)
  }

  /// Gives each group with a locked member a ranking with those applicants first, in
  /// member order, above its own tiers (a group without a ranking gets one of them only).
  private mutating func rankLockedFirstInGroups(_ lockedAt: [[Int32]]) {
    var rankStart: [Int32] = [0]
    var rankApplicant: [Int32] = []
    var rankTier: [Int32] = []
    for g in 0..<market.groupCount {
      let own = Int(market.groupRankStart[g])..<Int(market.groupRankStart[g + 1])
      var locked: [Int32] = []
      for p in market.positions(ofGroup: g) { locked += lockedAt[Int(p)] }
      if locked.isEmpty {
        rankApplicant += market.groupRankApplicant[own]
        rankTier += market.groupRankTier[own]
      } else {
        let shift = Int32(locked.count)
        var ranked: [(applicant: Int32, tier: Int32)] = locked.enumerated().map { ($0.element, Int32($0.offset)) }
        let isLocked = Set(locked)
        for i in own where !isLocked.contains(market.groupRankApplicant[i]) {
          ranked.append((market.groupRankApplicant[i], market.groupRankTier[i] + shift))
        }
        ranked.sort { $0.applicant < $1.applicant }
        rankApplicant += ranked.map(\.applicant)
        rankTier += ranked.map(\.tier)
        market.groupHasPreferences[g] = true
      }
      rankStart.append(Int32(rankApplicant.count))
    }
    market.groupRankStart = rankStart
    market.groupRankApplicant = rankApplicant
    market.groupRankTier = rankTier
  }
}
