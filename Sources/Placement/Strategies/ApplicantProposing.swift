/// Applicant-proposing deferred acceptance with position, group and type quotas.
///
/// Applicants propose down their strict lists; a position holds the best proposals
/// its quotas allow. A full type-quota slot or a full position replaces its worst
/// holder by a better proposer; a full group with preferences replaces its worst
/// holder, and a full group without preferences turns the proposer away.
///
/// The heaps are the only record of who holds what: an applicant's state is its cursor
/// alone, so displacing one touches nothing of it until it proposes again.
struct ApplicantProposing {
  let market: Market
  let orders: StrictOrders
  /// Positions closed (taking nobody) in this run.
  let closed: [Bool]

  /// The number of proposals made.
  private(set) var proposals = 0
  private var positionHeaps: RegionHeaps
  private var slotHeaps: RegionHeaps
  private var groupCount: [Int32]
  private let hasQuotas: Bool
  /// Each entry's position (low half) and the position's tier of it (high half), so a
  /// resumed applicant's next proposal reads one word.
  private let entryPairs: [UInt64]
  /// Applicants with no place who may still propose.
  private var free: [Int32]

  init(market: Market, orders: StrictOrders, closed: [Bool]) {
    self.market = market
    self.orders = orders
    self.closed = closed
    // Arbitrary removals happen only through type quotas and ranking groups.
    let removes = !market.quotaCapacity.isEmpty || market.groupHasPreferences.contains(true)
    positionHeaps = RegionHeaps(
      capacities: market.positionCapacity, itemCount: market.pairCount, tracksItems: removes)
    slotHeaps = RegionHeaps(
      capacities: market.quotaCapacity, itemCount: market.quotaCapacity.isEmpty ? 0 : market.pairCount,
      tracksItems: true)
    groupCount = [Int32](repeating: 0, count: market.groupCount)
    hasQuotas = !market.quotaCapacity.isEmpty
    entryPairs = zip(market.entryPosition, market.entryPositionTier).map { position, tier in
      UInt64(UInt32(position)) | UInt64(UInt32(bitPattern: tier)) << 32
    }
    free = (0..<Int32(market.applicantCount)).reversed()
  }

  /// Runs to completion and returns each applicant's position, or −1.
  mutating func run() -> [Int32] {
    // Each applicant's next entry (low half) and list end (high half) in one word, so
    // resuming a displaced applicant costs one memory access, not two.
    var cursors = (0..<market.applicantCount).map { a in
      UInt64(UInt32(market.applicantListStart[a])) | UInt64(UInt32(market.applicantListStart[a + 1])) << 32
    }
    let order = orders.applicantOrder
    while let a32 = free.popLast() {
      let a = Int(a32)
      let state = cursors[a]
      let end = Int(state >> 32)
      var cursor = Int(state & 0xFFFF_FFFF)
      while cursor < end {
        let e = order == nil ? cursor : Int(order.unsafelyUnwrapped[cursor])
        cursor += 1
        let pair = entryPairs[e]
        let p = Int(pair & 0xFFFF_FFFF)
        if closed[p] { continue }
        proposals += 1
        if propose(e, of: a, to: p, tier: Int32(truncatingIfNeeded: pair >> 32)) { break }
      }
      cursors[a] = UInt64(cursor) | UInt64(end) << 32
    }
    var assignment = [Int32](repeating: -1, count: market.applicantCount)
    for p in 0..<market.positionCount {
      for holder in positionHeaps.members(p) { assignment[holder.applicant] = Int32(p) }
    }
    return assignment
  }

  /// Whether position `p` takes entry `e`, displacing whom it must.
  private mutating func propose(_ e: Int, of a: Int, to p: Int, tier: Int32) -> Bool {
    let key = orders.positionKey(e, applicant: a, tier: tier)
    let slot = hasQuotas ? Int(market.entryQuotaSlot[e]) : -1
    if slot >= 0, slotHeaps.size[slot] >= market.quotaCapacity[slot] {
      guard slotHeaps.size[slot] > 0, key < slotHeaps.topKey(slot) else { return false }
      let worst = slotHeaps.top(slot)
      positionHeaps.remove(worst.entry, owner: p)
      slotHeaps.replaceTop(e, applicant: a, key: key, owner: slot)
      positionHeaps.insert(e, applicant: a, key: key, owner: p)
      free.append(Int32(worst.applicant))
      return true
    }
    if positionHeaps.size[p] >= market.positionCapacity[p] {
      guard key < positionHeaps.topKey(p) else { return false }
      let worst = positionHeaps.top(p)
      if hasQuotas {
        let worstSlot = Int(market.entryQuotaSlot[worst.entry])
        if worstSlot >= 0 { slotHeaps.remove(worst.entry, owner: worstSlot) }
      }
      positionHeaps.replaceTop(e, applicant: a, key: key, owner: p)
      if slot >= 0 { slotHeaps.insert(e, applicant: a, key: key, owner: slot) }
      free.append(Int32(worst.applicant))
      return true
    }
    let groups = market.groups(ofPosition: p)
    if !groups.isEmpty {
      guard makeGroupRoom(for: a, in: groups) else { return false }
      for g in groups { groupCount[Int(g)] += 1 }
    }
    positionHeaps.insert(e, applicant: a, key: key, owner: p)
    if slot >= 0 { slotHeaps.insert(e, applicant: a, key: key, owner: slot) }
    return true
  }

  /// Frees a seat in every full group of `groups` for applicant `a` by evicting the
  /// group's worst holder, or returns `false` (evicting nobody) when some full group will
  /// not take `a`.
  private mutating func makeGroupRoom(for a: Int, in groups: ArraySlice<Int32>) -> Bool {
    var victims: [(entry: Int, applicant: Int)] = []
    for g32 in groups where groupCount[Int(g32)] >= market.groupCapacity[Int(g32)] {
      let g = Int(g32)
      guard market.groupHasPreferences[g], let worst = worstHolder(ofGroup: g),
        orders.groupKey(g, applicant: a) < orders.groupKey(g, applicant: worst.applicant)
      else { return false }
      if !victims.contains(where: { $0.entry == worst.entry }) { victims.append(worst) }
    }
    for victim in victims { evict(victim) }
    return true
  }

  /// Removes a holder from its position, its slot and its groups, and frees its applicant.
  private mutating func evict(_ holder: (entry: Int, applicant: Int)) {
    let p = Int(market.entryPosition[holder.entry])
    positionHeaps.remove(holder.entry, owner: p)
    let slot = hasQuotas ? Int(market.entryQuotaSlot[holder.entry]) : -1
    if slot >= 0 { slotHeaps.remove(holder.entry, owner: slot) }
    for g in market.groups(ofPosition: p) { groupCount[Int(g)] -= 1 }
    free.append(Int32(holder.applicant))
  }

  /// The holder the group ranks worst.
  private func worstHolder(ofGroup g: Int) -> (entry: Int, applicant: Int)? {
    var worst: (entry: Int, applicant: Int)?
    var worstKey = Int64.min
    for p in market.positions(ofGroup: g) {
      for holder in positionHeaps.members(Int(p)) {
        let key = orders.groupKey(g, applicant: holder.applicant)
        if key > worstKey {
          worst = holder
          worstKey = key
        }
      }
    }
    return worst
  }
}
