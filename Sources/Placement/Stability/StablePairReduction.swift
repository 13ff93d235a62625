/// Removes applicant–position pairs that no weakly stable placement uses, so that an
/// integer programme over the rest is smaller and tighter (Irving and Manlove 2009;
/// Delorme et al. 2019, 2021).
///
/// Two rules, repeated until neither removes anything:
/// - **Applicant guarantee.** If position p takes applicant a's proposal whatever happens
///   (p ranks at most `capacity(p)` of its remaining applicants, a included, at least
///   as high as a), then every stable placement gives a a position a likes at least as
///   much as p, or (a, p) would block. a's worse positions go.
/// - **Position guarantee.** If at least `capacity(p)` applicants in p's top tiers (up
///   to tier t) have p alone in the best tie of their remaining lists, then every
///   stable placement fills p with applicants of tier t or better, or one of them would
///   block. p's applicants of worse tiers go.
///
/// Only positions whose refusals the rules can reason about take part: no groups, no
/// type quota for the applicant's type, no type rule with an upper limit, not closable. The stability rows of the pairs
/// kept still rule out every removed pair as a blocking pair (each removal rests on kept
/// pairs' rows), so a programme over the reduced market has exactly the original
/// market's stable placements.
package struct StablePairReduction: Sendable {
  /// Whether each entry of the original market is kept.
  package let kept: [Bool]
  /// The market with only the kept pairs; applicant and position indices unchanged.
  package let market: Market
  /// The number of pairs removed.
  package var removedCount: Int { kept.count - market.pairCount }

  /// Reduces `market`.
  ///
  /// - Complexity: O(L) per round for L pairs; rounds repeat while pairs are removed.
  package init(_ market: Market) {
    var kept = [Bool](repeating: true, count: market.pairCount)
    let applicantRule = (0..<market.pairCount).map { e in
      let p = Int(market.entryPosition[e])
      return !market.positionClosable[p] && market.groups(ofPosition: p).isEmpty && market.entryQuotaSlot[e] < 0
        && !market.typeRules(coveringPosition: p).contains { market.typeRules[Int($0)].hasUpperLimit }
    }
    let positionRule = (0..<market.positionCount).map { market.refusesOnlyWhenFull(position: $0) }
    // Where each position-side index's tier ends, so the rounds walk tiers as ranges of
    // `positionListEntry` (building them as arrays every round took a third of the time).
    var tierEnd = [Int](repeating: 0, count: market.pairCount)
    for p in 0..<market.positionCount {
      let list = market.entries(ofPosition: p)
      var start = list.lowerBound
      while start < list.upperBound {
        let tier = market.entryPositionTier[Int(market.positionListEntry[start])]
        var end = start + 1
        while end < list.upperBound && market.entryPositionTier[Int(market.positionListEntry[end])] == tier { end += 1 }
        for k in start..<end { tierEnd[k] = end }
        start = end
      }
    }
    var atLeastAsGood = [Int32](repeating: 0, count: market.pairCount)
    var soleBest = [Bool](repeating: false, count: market.pairCount)
    var changed = true
    while changed {
      changed = false
      // Kept applicants at or above each position-side entry's tier, per position.
      for p in 0..<market.positionCount {
        var count: Int32 = 0
        var start = market.entries(ofPosition: p).lowerBound
        while start < market.entries(ofPosition: p).upperBound {
          let tier = start..<tierEnd[start]
          for k in tier where kept[Int(market.positionListEntry[k])] { count += 1 }
          for k in tier { atLeastAsGood[Int(market.positionListEntry[k])] = count }
          start = tier.upperBound
        }
      }
      for a in 0..<market.applicantCount {
        let list = market.entries(ofApplicant: a)
        guard
          let guaranteed = list.first(where: { e in
            kept[e] && applicantRule[e]
              && atLeastAsGood[e] <= market.positionCapacity[Int(market.entryPosition[e])]
          })
        else { continue }
        let tier = market.entryApplicantTier[guaranteed]
        for e in list where kept[e] && market.entryApplicantTier[e] > tier {
          kept[e] = false
          changed = true
        }
      }
      // Applicants whose remaining best tie holds one position only: that entry.
      for a in 0..<market.applicantCount {
        let list = market.entries(ofApplicant: a)
        guard let first = list.first(where: { kept[$0] }) else { continue }
        let second = list[(first + 1)...].first { kept[$0] }
        soleBest[first] = second.map { market.entryApplicantTier[$0] != market.entryApplicantTier[first] } ?? true
      }
      for p in 0..<market.positionCount where positionRule[p] {
        var count: Int32 = 0
        var full = false
        var start = market.entries(ofPosition: p).lowerBound
        while start < market.entries(ofPosition: p).upperBound {
          let tier = start..<tierEnd[start]
          for k in tier {
            let e = Int(market.positionListEntry[k])
            if full {
              if kept[e] {
                kept[e] = false
                changed = true
              }
            } else if kept[e] && soleBest[e] {
              count += 1
            }
          }
          full = full || count >= market.positionCapacity[p]
          start = tier.upperBound
        }
      }
    }
    self.kept = kept
    self.market = market.keepingPairs(kept)
  }
}
