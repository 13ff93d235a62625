extension Evaluation {
  /// Counts type-quota slots and finds blocking pairs, per the instance format's
  /// definition of weak stability.
  mutating func findBlockingPairs(
    _ market: Market, _ assignment: [Int32], _ heldEntry: [Int32], tallies: [(count: Int, fill: Int)], limit: Int
  ) {
    let slotCount = market.quotaCapacity.count
    var slotFill = [Int](repeating: 0, count: slotCount)
    var worstSlotTier = [Int32](repeating: -1, count: slotCount)
    var worstPositionTier = [Int32](repeating: -1, count: market.positionCount)
    var worstGroupTier = [Int32](repeating: -1, count: market.groupCount)
    for (a, e32) in heldEntry.enumerated() where e32 >= 0 {
      let e = Int(e32)
      let p = Int(market.entryPosition[e])
      let tier = market.entryPositionTier[e]
      worstPositionTier[p] = max(worstPositionTier[p], tier)
      let slot = Int(market.entryQuotaSlot[e])
      if slot >= 0 {
        slotFill[slot] += 1
        worstSlotTier[slot] = max(worstSlotTier[slot], tier)
      }
      for g in market.groups(ofPosition: p) where market.groupHasPreferences[Int(g)] {
        worstGroupTier[Int(g)] = max(worstGroupTier[Int(g)], market.groupTier(Int(g), applicant: a))
      }
    }
    for slot in 0..<slotCount where slotFill[slot] > Int(market.quotaCapacity[slot]) {
      violations.append(
        "position \(quoted(market.positionIDs[Int(market.quotaPosition[slot])])) takes \(slotFill[slot]) of type "
          + "\(quoted(market.typeNames[Int(market.quotaType[slot])])), above its quota \(market.quotaCapacity[slot])")
    }

    for a in 0..<market.applicantCount {
      let held = Int(heldEntry[a])
      let heldTier = held >= 0 ? market.entryApplicantTier[held] : Int32.max
      let heldPosition = held >= 0 ? Int(market.entryPosition[held]) : -1
      for f in market.entries(ofApplicant: a) where market.entryApplicantTier[f] < heldTier {
        let p = Int(market.entryPosition[f])
        if market.positionClosable[p], positionFill[p] == 0, market.positionMinimum[p] > 1 { continue }
        let tier = market.entryPositionTier[f]
        let slot = Int(market.entryQuotaSlot[f])
        let blocks: Bool
        if slot >= 0, slotFill[slot] >= Int(market.quotaCapacity[slot]) {
          blocks = slotFill[slot] > 0 && tier < worstSlotTier[slot]
        } else if positionFill[p] >= Int(market.positionCapacity[p]) {
          blocks = tier < worstPositionTier[p]
        } else {
          blocks = market.groups(ofPosition: p).allSatisfy { g32 in
            let g = Int(g32)
            guard groupFill[g] >= Int(market.groupCapacity[g]) else { return true }
            if heldPosition >= 0, market.groups(ofPosition: heldPosition).contains(g32) { return true }
            return market.groupHasPreferences[g] && market.groupTier(g, applicant: a) < worstGroupTier[g]
          }
        }
        if blocks, typeRuleRefuses(market, applicant: a, position: p, from: heldPosition, tallies: tallies) {
          continue
        }
        if blocks {
          blockingPairCount += 1
          if blockingPairs.count < limit { blockingPairs.append(BlockingPair(applicant: a, position: p)) }
        }
      }
    }
  }

  /// Whether a type rule over p that a's type has reached refuses a: a is not under the
  /// rule's holder now (at `from`), and one more of its type would break the rule.
  private func typeRuleRefuses(
    _ market: Market, applicant a: Int, position p: Int, from: Int, tallies: [(count: Int, fill: Int)]
  ) -> Bool {
    market.typeRules(coveringPosition: p).contains { r32 in
      let r = Int(r32)
      let rule = market.typeRules[r]
      guard rule.type == market.applicantType[a], rule.hasUpperLimit,
        rule.isReached(count: tallies[r].count, fill: tallies[r].fill)
      else { return false }
      return from < 0 || !market.typeRules(coveringPosition: from).contains(r32)
    }
  }
}
