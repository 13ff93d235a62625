/// Applicant-proposing deferred acceptance with position, group and type quotas.
///
/// Applicants propose down their strict lists; a position holds the best proposals
/// its quotas allow. A full type-quota slot or a full position replaces its worst
/// holder by a better proposer; a full group with preferences replaces its worst
/// holder, and a full group without preferences turns the proposer away.
///
/// Memory layout, for `DeferredAcceptance/applicants:1M` in `Benchmarks/`: proposals are
/// indexed by their place `k` in the flat proposal order (all lists end to end), and
/// one word per proposal holds the position, the position's tier and whether it starts
/// a new applicant's list. The heaps are the only record of who holds what, and a
/// holder is stored as (k, applicant), so a displaced applicant resumes at k + 1
/// without any per-applicant state.
struct ApplicantProposing {
  let market: Market
  let orders: StrictOrders

  /// The number of proposals made.
  private(set) var proposals = 0
  private var positionHeaps: RegionHeaps
  private var slotHeaps: RegionHeaps
  private var groupCount: [Int32]
  private let hasQuotas: Bool
  /// Per position, the key a proposal must beat: its worst holder's key when full,
  /// `Int64.max` when it has room, `Int64.min` when closed. Most proposals are turned
  /// away by this one compact array without touching the heaps.
  private var threshold: [Int64]
  /// Per proposal: position (bits 0–31), position's tier (32–62), first of its list (63).
  private let words: [UInt64]
  /// Applicants who may propose: next proposal (bits 0–30), just starting (31), applicant (32–63).
  private var free: [UInt64] = []
  /// The market entry of each proposal, or empty when proposal k is entry k.
  private let order: [Int32]

  /// Prepares a run; positions marked `closed` take nobody.
  init(market: Market, orders: StrictOrders, closed: [Bool]) {
    self.market = market
    self.orders = orders
    // Arbitrary removals happen only through type quotas and ranking groups.
    let removes = !market.quotaCapacity.isEmpty || market.groupHasPreferences.contains(true)
    let capacities = market.positionCapacity.indices.map { p in
      // A heap never holds more than the applicants who find the position acceptable.
      closed[p] ? 0 : min(market.positionCapacity[p], market.positionListStart[p + 1] - market.positionListStart[p])
    }
    positionHeaps = RegionHeaps(capacities: capacities, itemCount: market.pairCount, tracksItems: removes)
    let quotaSlots = market.quotaCapacity.indices.map { slot in
      let p = Int(market.quotaPosition[slot])
      return min(market.quotaCapacity[slot], capacities[p])
    }
    slotHeaps = RegionHeaps(
      capacities: quotaSlots, itemCount: quotaSlots.isEmpty ? 0 : market.pairCount, tracksItems: true)
    groupCount = [Int32](repeating: 0, count: market.groupCount)
    hasQuotas = !market.quotaCapacity.isEmpty
    threshold = capacities.map { $0 == 0 ? Int64.min : Int64.max }

    var words = [UInt64](repeating: 0, count: market.pairCount)
    let order = orders.applicantOrder ?? []
    self.order = order
    for a in 0..<market.applicantCount {
      let list = market.entries(ofApplicant: a)
      for k in list {
        let e = order.isEmpty ? k : Int(order[k])
        words[k] =
          UInt64(UInt32(market.entryPosition[e])) | UInt64(UInt32(market.entryPositionTier[e])) << 32
          | (k == list.lowerBound ? 1 << 63 : 0)
      }
    }
    self.words = words
    free.reserveCapacity(market.applicantCount)
    for a in (0..<market.applicantCount).reversed() where !market.entries(ofApplicant: a).isEmpty {
      free.append(UInt64(market.applicantListStart[a]) | 1 << 31 | UInt64(a) << 32)
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

  /// Lets up to `limit` applicants off the free stack propose until held or out of list;
  /// false once the stack is empty. (The caller's stop check stays outside this loop, so
  /// that no opaque call sits in the hot path.)
  private mutating func proposeFromFreeApplicants(upTo limit: Int) -> Bool {
    let count = words.count
    for _ in 0..<limit {
      guard let next = free.popLast() else { return false }
      let a = Int(next >> 32)
      var k = Int(next & 0x7FFF_FFFF)
      var starting = next & 1 << 31 != 0
      while k < count {
        let word = words[k]
        // A resumed applicant stops where the next applicant's list starts.
        if word >> 63 != 0 && !starting { break }
        starting = false
        proposals += 1
        let tier = Int32(truncatingIfNeeded: (word >> 32) & 0x7FFF_FFFF)
        if propose(k, of: a, to: Int(word & 0xFFFF_FFFF), tier: tier) { break }
        k += 1
      }
    }
    return true
  }

  /// The market entry of proposal `k`.
  private func entry(_ k: Int) -> Int {
    order.isEmpty ? k : Int(order[k])
  }

  /// Whether position `p` takes proposal `k` of applicant `a`, displacing whom it must.
  private mutating func propose(_ k: Int, of a: Int, to p: Int, tier: Int32) -> Bool {
    let key = orders.positionKey(entry(k), applicant: a, tier: tier)
    // Not better than the worst holder of a full position: every path below would refuse.
    if key >= threshold[p] { return false }
    defer { refreshThreshold(p) }
    let slot = hasQuotas ? Int(market.entryQuotaSlot[entry(k)]) : -1
    if slot >= 0, slotHeaps.size[slot] >= slotHeaps.capacity(slot) {
      guard slotHeaps.size[slot] > 0, key < slotHeaps.topKey(slot) else { return false }
      let worst = slotHeaps.top(slot)
      positionHeaps.remove(worst.item, owner: p)
      slotHeaps.replaceTop(k, applicant: a, key: key, owner: slot)
      positionHeaps.insert(k, applicant: a, key: key, owner: p)
      resume(worst)
      return true
    }
    if positionHeaps.size[p] >= positionHeaps.capacity(p) {
      guard positionHeaps.size[p] > 0, key < positionHeaps.topKey(p) else { return false }
      let worst = positionHeaps.top(p)
      if hasQuotas {
        let worstSlot = Int(market.entryQuotaSlot[entry(worst.item)])
        if worstSlot >= 0 { slotHeaps.remove(worst.item, owner: worstSlot) }
      }
      positionHeaps.replaceTop(k, applicant: a, key: key, owner: p)
      if slot >= 0 { slotHeaps.insert(k, applicant: a, key: key, owner: slot) }
      resume(worst)
      return true
    }
    let groups = market.groups(ofPosition: p)
    if !groups.isEmpty {
      guard makeGroupRoom(for: a, in: groups) else { return false }
      for g in groups { groupCount[Int(g)] += 1 }
    }
    positionHeaps.insert(k, applicant: a, key: key, owner: p)
    if slot >= 0 { slotHeaps.insert(k, applicant: a, key: key, owner: slot) }
    return true
  }

  /// Frees a seat in every full group of `groups` for applicant `a` by evicting the
  /// group's worst holder, or returns `false` (evicting nobody) when some full group will
  /// not take `a`.
  private mutating func makeGroupRoom(for a: Int, in groups: ArraySlice<Int32>) -> Bool {
    var victims: [(item: Int, applicant: Int, position: Int)] = []
    for g32 in groups where groupCount[Int(g32)] >= market.groupCapacity[Int(g32)] {
      let g = Int(g32)
      guard market.groupHasPreferences[g], let worst = worstHolder(ofGroup: g),
        orders.groupKey(g, applicant: a) < orders.groupKey(g, applicant: worst.applicant)
      else { return false }
      if !victims.contains(where: { $0.item == worst.item }) { victims.append(worst) }
    }
    for victim in victims {
      positionHeaps.remove(victim.item, owner: victim.position)
      refreshThreshold(victim.position)
      let slot = hasQuotas ? Int(market.entryQuotaSlot[entry(victim.item)]) : -1
      if slot >= 0 { slotHeaps.remove(victim.item, owner: slot) }
      for g in market.groups(ofPosition: victim.position) { groupCount[Int(g)] -= 1 }
      resume((victim.item, victim.applicant))
    }
    return true
  }

  private mutating func refreshThreshold(_ p: Int) {
    let size = positionHeaps.size[p]
    let capacity = positionHeaps.capacity(p)
    threshold[p] = capacity == 0 ? Int64.min : size < capacity ? Int64.max : positionHeaps.topKey(p)
  }

  /// Lets a displaced holder propose again from its next choice.
  private mutating func resume(_ holder: (item: Int, applicant: Int)) {
    free.append(UInt64(holder.item + 1) | UInt64(holder.applicant) << 32)
  }

  /// The holder the group ranks worst.
  private func worstHolder(ofGroup g: Int) -> (item: Int, applicant: Int, position: Int)? {
    var worst: (item: Int, applicant: Int, position: Int)?
    var worstKey = Int64.min
    for p in market.positions(ofGroup: g) {
      for holder in positionHeaps.members(Int(p)) {
        let key = orders.groupKey(g, applicant: holder.applicant)
        if key > worstKey {
          worst = (holder.item, holder.applicant, Int(p))
          worstKey = key
        }
      }
    }
    return worst
  }
}
