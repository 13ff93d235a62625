/// Applicant-proposing deferred acceptance with position, group and type quotas.
///
/// Applicants propose down their strict lists; a position holds the best proposals
/// its quotas allow. A full type-quota slot or a full position replaces its worst
/// holder by a better proposer; a full group with preferences replaces its worst
/// holder, and a full group without preferences turns the proposer away.
struct ApplicantProposing {
  let market: Market
  let orders: StrictOrders
  /// Positions closed (taking nobody) in this run.
  let closed: [Bool]

  /// The entry each applicant holds, or −1.
  private(set) var held: [Int32]
  /// The number of proposals made.
  private(set) var proposals = 0
  private var positionHeaps: RegionHeaps
  private var slotHeaps: RegionHeaps
  private var groupCount: [Int32]
  /// Applicants with no place who may still propose.
  private var free: [Int32]

  init(market: Market, orders: StrictOrders, closed: [Bool]) {
    self.market = market
    self.orders = orders
    self.closed = closed
    held = [Int32](repeating: -1, count: market.applicantCount)
    // Arbitrary removals happen only through type quotas and ranking groups.
    let removes = !market.quotaCapacity.isEmpty || market.groupHasPreferences.contains(true)
    positionHeaps = RegionHeaps(
      capacities: market.positionCapacity, itemCount: market.pairCount, tracksItems: removes)
    slotHeaps = RegionHeaps(
      capacities: market.quotaCapacity, itemCount: market.quotaCapacity.isEmpty ? 0 : market.pairCount,
      tracksItems: true)
    groupCount = [Int32](repeating: 0, count: market.groupCount)
    free = (0..<Int32(market.applicantCount)).reversed()
  }

  /// Runs to completion and returns each applicant's position, or −1.
  mutating func run() -> [Int32] {
    var next = market.applicantListStart
    let order = orders.applicantOrder
    while let a32 = free.popLast() {
      let a = Int(a32)
      let end = Int(market.applicantListStart[a + 1])
      var cursor = Int(next[a])
      while cursor < end {
        let e = order == nil ? cursor : Int(order.unsafelyUnwrapped[cursor])
        cursor += 1
        let p = Int(market.entryPosition[e])
        if closed[p] { continue }
        proposals += 1
        if propose(e, to: p) {
          held[a] = Int32(e)
          break
        }
      }
      next[a] = Int32(cursor)
    }
    return held.map { $0 < 0 ? -1 : market.entryPosition[Int($0)] }
  }

  /// Whether position `p` takes entry `e`, displacing whom it must.
  private mutating func propose(_ e: Int, to p: Int) -> Bool {
    let key = orders.positionKey(e)
    let slot = Int(market.entryQuotaSlot[e])
    if slot >= 0, slotHeaps.size[slot] >= market.quotaCapacity[slot] {
      guard slotHeaps.size[slot] > 0, key < slotHeaps.topKey(slot) else { return false }
      let worst = slotHeaps.top(slot)
      positionHeaps.remove(worst, owner: p)
      slotHeaps.replaceTop(e, key: key, owner: slot)
      positionHeaps.insert(e, key: key, owner: p)
      release(worst)
      return true
    }
    if positionHeaps.size[p] >= market.positionCapacity[p] {
      guard key < positionHeaps.topKey(p) else { return false }
      let worst = positionHeaps.top(p)
      let worstSlot = Int(market.entryQuotaSlot[worst])
      if worstSlot >= 0 { slotHeaps.remove(worst, owner: worstSlot) }
      positionHeaps.replaceTop(e, key: key, owner: p)
      if slot >= 0 { slotHeaps.insert(e, key: key, owner: slot) }
      release(worst)
      return true
    }
    let groups = market.groups(ofPosition: p)
    if !groups.isEmpty {
      guard makeGroupRoom(for: e, in: groups) else { return false }
      for g in groups { groupCount[Int(g)] += 1 }
    }
    positionHeaps.insert(e, key: key, owner: p)
    if slot >= 0 { slotHeaps.insert(e, key: key, owner: slot) }
    return true
  }

  /// Frees a seat in every full group of `groups` for `e` by evicting the group's worst
  /// holder, or returns `false` (evicting nobody) when some full group will not take `e`.
  private mutating func makeGroupRoom(for e: Int, in groups: ArraySlice<Int32>) -> Bool {
    let a = Int(market.entryApplicant[e])
    var victims: [Int] = []
    for g32 in groups where groupCount[Int(g32)] >= market.groupCapacity[Int(g32)] {
      let g = Int(g32)
      guard market.groupHasPreferences[g], let worst = worstHolder(ofGroup: g),
        orders.groupKey(g, applicant: a) < orders.groupKey(g, applicant: Int(market.entryApplicant[worst]))
      else { return false }
      if !victims.contains(worst) { victims.append(worst) }
    }
    for victim in victims { evict(victim) }
    return true
  }

  /// Removes holder `e` from its position, its slot and its groups, and frees its applicant.
  private mutating func evict(_ e: Int) {
    let p = Int(market.entryPosition[e])
    positionHeaps.remove(e, owner: p)
    let slot = Int(market.entryQuotaSlot[e])
    if slot >= 0 { slotHeaps.remove(e, owner: slot) }
    for g in market.groups(ofPosition: p) { groupCount[Int(g)] -= 1 }
    release(e)
  }

  /// Frees the applicant of entry `e`, which no longer holds a place.
  private mutating func release(_ e: Int) {
    let a = market.entryApplicant[e]
    held[Int(a)] = -1
    free.append(a)
  }

  /// The holder the group ranks worst.
  private func worstHolder(ofGroup g: Int) -> Int? {
    var worst: Int?
    var worstKey = Int64.min
    for p in market.positions(ofGroup: g) {
      for e32 in positionHeaps.members(Int(p)) {
        let key = orders.groupKey(g, applicant: Int(market.entryApplicant[Int(e32)]))
        if key > worstKey {
          worst = Int(e32)
          worstKey = key
        }
      }
    }
    return worst
  }
}
