/// Király's (2013) local approximation for the largest weakly stable matching with ties
/// on both sides, in its many-to-one form: applicants propose, ties are kept.
///
/// Each position is read as `capacity` copies of itself (Király's women), which makes the
/// rules below exactly the one-to-one algorithm's:
/// - An applicant proposes within the best tie left on its list, first to a position that
///   can take it without turning anyone away (a copy nobody has proposed to: Király's
///   *maiden*), else to any position of the tie.
/// - Its first pass down the list is as a *lad*. When every position has refused it, its
///   list is restored and it proposes again as a *bachelor*; refused again, it stays
///   unplaced.
/// - A position compares proposers by its own tier first. Within a tier it prefers a
///   bachelor to a lad, and a lad to an *uncertain* lad: one holding a seat while another
///   position of the same tie could still take it outright.
/// - A refusal strikes the position from the applicant's list for this pass. Being
///   displaced does not: a copy of the position may still take the applicant later
///   (it does when its holder is uncertain). Markets with groups strike on displacement
///   too, since a group can empty a seat and the copy reading no longer holds.
///
/// Keys are `tier << 2 | status` (status 0 bachelor, 1 lad, 2 uncertain lad; larger is
/// worse). Uncertainty only ever ends while a seat is held (positions fill up), so a
/// stored key can only be too pessimistic; a heap's top is refreshed before each use.
struct TieAwareProposing {
  let market: Market

  /// The number of proposals made.
  private(set) var proposals = 0
  private var positionHeaps: RegionHeaps
  /// Per position, what a proposal must beat: `Int64.max` while it has room, its top's
  /// stored key when full (never better than the holder's current key), `Int64.min` when
  /// closed. Most proposals are settled by this one compact array.
  private var threshold: [Int64]
  private var slotHeaps: RegionHeaps
  private var groupFill: [Int32]
  private let hasQuotas: Bool
  private let hasGroups: Bool
  /// Per entry: 0 open, 1 refused in the applicant's current pass, 2 refused for good (by
  /// a position full of better tiers, in a market where full positions stay full: no
  /// groups or type quotas; its worst tier only improves, so a bachelor would be refused
  /// too and the second pass skips it).
  private var refused: [UInt8]
  /// Whether refusals by tier are for good (see `refused`).
  private let refusalsLast: Bool
  private var isBachelor: [Bool]
  /// Applicants who may propose: the first entry of the tie to resume in (bits 0–31) and
  /// the applicant (32–63). Holders are known only to the heaps, which store the entry.
  private var free: [UInt64] = []
  /// Per entry, packed so a proposal reads one word: the position (bits 0–31); the
  /// position's tier of the applicant, or the group's tier when the position has no
  /// ranking of its own but belongs to a ranking group (bits 32–61); whether it is the
  /// last entry of the applicant's list (bit 62); whether the next entry is in the same
  /// tie of the applicant's list (bit 63).
  private let words: [UInt64]

  /// Prepares a run; positions marked `closed` take nobody.
  init(market: Market, closed: [Bool]) {
    self.market = market
    let capacities = market.positionCapacity.indices.map { p in
      closed[p] ? 0 : min(market.positionCapacity[p], market.positionListStart[p + 1] - market.positionListStart[p])
    }
    // Holders are removed from the middle of a heap only through type quotas and groups.
    let removes = !market.quotaCapacity.isEmpty || market.groupCount > 0
    positionHeaps = RegionHeaps(capacities: capacities, itemCount: market.pairCount, tracksItems: removes)
    threshold = capacities.map { $0 == 0 ? Int64.min : Int64.max }
    let slotCapacities = market.quotaCapacity.indices.map { slot in
      min(market.quotaCapacity[slot], capacities[Int(market.quotaPosition[slot])])
    }
    slotHeaps = RegionHeaps(
      capacities: slotCapacities, itemCount: slotCapacities.isEmpty ? 0 : market.pairCount, tracksItems: true)
    groupFill = [Int32](repeating: 0, count: market.groupCount)
    hasQuotas = !market.quotaCapacity.isEmpty
    hasGroups = market.groupCount > 0
    refused = [UInt8](repeating: 0, count: market.pairCount)
    refusalsLast = market.quotaCapacity.isEmpty && market.groupCount == 0
    isBachelor = [Bool](repeating: false, count: market.applicantCount)
    var positionTier = market.entryPositionTier
    for p in 0..<market.positionCount where !market.positionHasPreferences[p] {
      guard let g = market.groups(ofPosition: p).first(where: { market.groupHasPreferences[Int($0)] }) else { continue }
      for k in market.entries(ofPosition: p) {
        let e = Int(market.positionListEntry[k])
        positionTier[e] = min(market.groupTier(Int(g), applicant: Int(market.entryApplicant[e])), Int32.max >> 3)
      }
    }
    var words = [UInt64](repeating: 0, count: market.pairCount)
    for a in 0..<market.applicantCount {
      let list = market.entries(ofApplicant: a)
      for e in list {
        let last = e + 1 == list.upperBound
        let tiedWithNext = !last && market.entryApplicantTier[e + 1] == market.entryApplicantTier[e]
        words[e] =
          UInt64(UInt32(market.entryPosition[e])) | UInt64(UInt32(positionTier[e])) << 32 | (last ? 1 << 62 : 0)
          | (tiedWithNext ? 1 << 63 : 0)
      }
    }
    self.words = words
    free.reserveCapacity(market.applicantCount)
    for a in (0..<market.applicantCount).reversed() where !market.entries(ofApplicant: a).isEmpty {
      free.append(UInt64(market.applicantListStart[a]) | UInt64(a) << 32)
    }
  }

  /// Runs to completion and returns each applicant's position, or −1; `nil` when
  /// `shouldStop` (asked before the first free applicant and every 16,384 after) returned
  /// true.
  mutating func run(stoppingWhen shouldStop: () -> Bool) -> [Int32]? {
    repeat {
      if shouldStop() { return nil }
    } while proposeFromFreeApplicants(upTo: 16_384)
    return positionHeaps.ownerOfEachApplicant(market.applicantCount)
  }

  /// Lets up to `limit` applicants off the free stack propose; false once the stack is
  /// empty. (The caller's stop check stays outside this loop.)
  private mutating func proposeFromFreeApplicants(upTo limit: Int) -> Bool {
    for _ in 0..<limit {
      guard let next = free.popLast() else { return false }
      proposeUntilHeld(Int(next >> 32), from: Int(next & 0xFFFF_FFFF))
    }
    return true
  }

  /// Applicant `a` proposes, from the tie starting at entry `first`, until a position
  /// holds it or its second pass ends.
  private mutating func proposeUntilHeld(_ a: Int, from first: Int) {
    var start = first
    while true {
      let end = tieEnd(from: start)
      var outright = -1
      var other = -1
      for f in start..<end where refused[f] == 0 {
        if takesOutright(f) {
          outright = f
          break
        }
        if other < 0 { other = f }
      }
      guard outright >= 0 || other >= 0 else {
        guard words[end - 1] & 1 << 62 != 0 else {
          start = end
          continue
        }
        // The list is used up: a lad returns as a bachelor with its list restored.
        if isBachelor[a] { return }
        isBachelor[a] = true
        start = Int(market.applicantListStart[a])
        for f in start..<end where refused[f] == 1 { refused[f] = 0 }
        continue
      }
      proposals += 1
      let f = outright >= 0 ? outright : other
      let status: Int64 =
        isBachelor[a] ? 0 : outright >= 0 && hasOtherOutright(holding: f, start: start, end: end) ? 2 : 1
      let key = Int64(words[f] >> 32 & 0x3FFF_FFFF) << 2 | status
      if offer(f, of: a, key: key) { return }
      refused[f] = refusalsLast && threshold[Int(words[f] & 0xFFFF_FFFF)] >> 2 < key >> 2 ? 2 : 1
    }
  }

  /// The end of the tie that holds entry `entry`.
  private func tieEnd(from entry: Int) -> Int {
    var end = entry
    while words[end] >> 63 != 0 { end += 1 }
    return end + 1
  }

  /// The start of the tie that holds entry `entry`.
  private func tieStart(of entry: Int) -> Int {
    var start = entry
    while start > 0 && words[start - 1] >> 63 != 0 { start -= 1 }
    return start
  }

  /// Whether entry `f`'s position has a seat, a type-quota place and a place in each of
  /// its groups for the entry's applicant.
  private func takesOutright(_ f: Int) -> Bool {
    let p = Int(words[f] & 0xFFFF_FFFF)
    guard threshold[p] == Int64.max else { return false }
    if hasQuotas {
      let slot = Int(market.entryQuotaSlot[f])
      if slot >= 0, slotHeaps.size[slot] >= slotHeaps.capacity(slot) { return false }
    }
    if hasGroups {
      for g in market.groups(ofPosition: p) where groupFill[Int(g)] >= market.groupCapacity[Int(g)] { return false }
    }
    return true
  }

  /// Whether a lad holding or taking entry `h`, in the tie `start ..< end`, has another
  /// unrefused position there that would take it outright (which makes it uncertain).
  private func hasOtherOutright(holding h: Int, start: Int, end: Int) -> Bool {
    for f in start..<end where f != h && refused[f] == 0 && takesOutright(f) { return true }
    return false
  }

  /// Whether the applicant holding entry `h` is an uncertain lad now.
  private func isUncertain(holding h: Int) -> Bool {
    let a = Int(market.entryApplicant[h])
    guard !isBachelor[a] else { return false }
    return hasOtherOutright(holding: h, start: tieStart(of: h), end: tieEnd(from: h))
  }

  /// Brings the top of position `p`'s heap up to date: a holder stored as uncertain that
  /// no longer is gets its better key, until the top's key is current.
  private mutating func refreshPositionTop(_ p: Int) {
    while positionHeaps.topKey(p) & 3 == 2 {
      let top = positionHeaps.top(p)
      if isUncertain(holding: top.item) { return }
      positionHeaps.replaceTop(top.item, applicant: top.applicant, key: positionHeaps.topKey(p) - 1, owner: p)
      refreshThreshold(p)
    }
  }

  private mutating func refreshThreshold(_ p: Int) {
    let capacity = positionHeaps.capacity(p)
    threshold[p] =
      capacity == 0 ? Int64.min : positionHeaps.size[p] < capacity ? Int64.max : positionHeaps.topKey(p)
  }

  /// ``refreshPositionTop(_:)`` for type-quota slot `slot`.
  private mutating func refreshSlotTop(_ slot: Int) {
    while slotHeaps.topKey(slot) & 3 == 2 {
      let top = slotHeaps.top(slot)
      if isUncertain(holding: top.item) { return }
      slotHeaps.replaceTop(top.item, applicant: top.applicant, key: slotHeaps.topKey(slot) - 1, owner: slot)
    }
  }

  /// Whether entry `f`'s position takes applicant `a` with `key`, displacing whom it must.
  private mutating func offer(_ f: Int, of a: Int, key: Int64) -> Bool {
    let p = Int(words[f] & 0xFFFF_FFFF)
    // Without type quotas a full position compares with its top alone.
    if !hasQuotas && key >= threshold[p] { return false }
    defer { refreshThreshold(p) }
    let slot = hasQuotas ? Int(market.entryQuotaSlot[f]) : -1
    if slot >= 0, slotHeaps.size[slot] >= slotHeaps.capacity(slot) {
      // A stored key is never better than the holder's current one, so a proposer that
      // does not beat it is refused without a refresh.
      guard slotHeaps.size[slot] > 0, key < slotHeaps.topKey(slot) else { return false }
      refreshSlotTop(slot)
      guard key < slotHeaps.topKey(slot) else { return false }
      let worst = slotHeaps.top(slot)
      positionHeaps.remove(worst.item, owner: p)
      slotHeaps.replaceTop(f, applicant: a, key: key, owner: slot)
      positionHeaps.insert(f, applicant: a, key: key, owner: p)
      displace(worst.item, applicant: worst.applicant)
      return true
    }
    if positionHeaps.size[p] >= positionHeaps.capacity(p) {
      guard positionHeaps.size[p] > 0, key < positionHeaps.topKey(p) else { return false }
      refreshPositionTop(p)
      guard key < positionHeaps.topKey(p) else { return false }
      let worst = positionHeaps.top(p)
      if hasQuotas {
        let worstSlot = Int(market.entryQuotaSlot[worst.item])
        if worstSlot >= 0 { slotHeaps.remove(worst.item, owner: worstSlot) }
      }
      positionHeaps.replaceTop(f, applicant: a, key: key, owner: p)
      if slot >= 0 { slotHeaps.insert(f, applicant: a, key: key, owner: slot) }
      displace(worst.item, applicant: worst.applicant)
      return true
    }
    let groups = market.groups(ofPosition: p)
    if !groups.isEmpty {
      guard makeGroupRoom(for: a, status: key & 3, in: groups) else { return false }
      for g in groups { groupFill[Int(g)] += 1 }
    }
    positionHeaps.insert(f, applicant: a, key: key, owner: p)
    if slot >= 0 { slotHeaps.insert(f, applicant: a, key: key, owner: slot) }
    return true
  }

  /// Frees a seat in every full group of `groups` for applicant `a` by displacing the
  /// group's worst holder, or returns `false` (displacing nobody) when some full group
  /// will not take `a`. Within a group tier, status decides as at positions.
  private mutating func makeGroupRoom(for a: Int, status: Int64, in groups: ArraySlice<Int32>) -> Bool {
    var victims: [Int] = []
    for g32 in groups where groupFill[Int(g32)] >= market.groupCapacity[Int(g32)] {
      let g = Int(g32)
      guard market.groupHasPreferences[g], let worst = worstHolder(ofGroup: g),
        groupKey(g, applicant: a, status: status) < worst.key
      else { return false }
      if !victims.contains(worst.entry) { victims.append(worst.entry) }
    }
    for victim in victims {
      let p = Int(market.entryPosition[victim])
      positionHeaps.remove(victim, owner: p)
      refreshThreshold(p)
      let slot = hasQuotas ? Int(market.entryQuotaSlot[victim]) : -1
      if slot >= 0 { slotHeaps.remove(victim, owner: slot) }
      for g in market.groups(ofPosition: p) { groupFill[Int(g)] -= 1 }
      displace(victim, applicant: Int(market.entryApplicant[victim]))
    }
    return true
  }

  private func groupKey(_ g: Int, applicant a: Int, status: Int64) -> Int64 {
    let tier = market.groupTier(g, applicant: a)
    return (tier == Int32.max ? Int64(Int32.max) : Int64(tier)) << 2 | status
  }

  /// The holder the group ranks worst, by group tier and current status.
  private func worstHolder(ofGroup g: Int) -> (entry: Int, key: Int64)? {
    var worst: (entry: Int, key: Int64)?
    for p in market.positions(ofGroup: g) {
      for holder in positionHeaps.members(Int(p)) {
        let status: Int64 = isBachelor[holder.applicant] ? 0 : isUncertain(holding: holder.item) ? 2 : 1
        let key = groupKey(g, applicant: holder.applicant, status: status)
        if worst == nil || key > worst!.key { worst = (holder.item, key) }
      }
    }
    return worst
  }

  /// Frees the applicant of entry `h` to propose again. In a market with groups the
  /// position is struck from its list for this pass.
  private mutating func displace(_ h: Int, applicant b: Int) {
    if hasGroups { refused[h] = 1 }
    free.append(UInt64(tieStart(of: h)) | UInt64(b) << 32)
  }
}
