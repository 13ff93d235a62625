/// Position-proposing deferred acceptance with position, group and type quotas.
///
/// Each position offers its seats down its strict list; an applicant holds the best
/// offer so far and rejects the rest. A position offers only while it and all its
/// groups have room; an applicant whose type quota at the position is taken by held
/// offers is passed over for now and offered first when that quota frees. Group
/// preferences play no part here.
struct PositionProposing {
  let market: Market
  let orders: StrictOrders
  /// Positions closed (taking nobody) in this run.
  let closed: [Bool]

  /// The entry each applicant holds, or −1.
  private(set) var held: [Int32]
  /// The number of offers made.
  private(set) var proposals = 0
  private var positionCount: [Int32]
  private var slotCount: [Int32]
  private var groupCount: [Int32]
  /// Per slot, entries passed over because the slot was full, best first.
  private var deferred: [[Int32]]
  private var deferredHead: [Int]
  private var queued: [Bool]
  private var queue: [Int32] = []

  init(market: Market, orders: StrictOrders, closed: [Bool]) {
    self.market = market
    self.orders = orders
    self.closed = closed
    held = [Int32](repeating: -1, count: market.applicantCount)
    positionCount = [Int32](repeating: 0, count: market.positionCount)
    slotCount = [Int32](repeating: 0, count: market.quotaCapacity.count)
    groupCount = [Int32](repeating: 0, count: market.groupCount)
    deferred = Array(repeating: [], count: market.quotaCapacity.count)
    deferredHead = Array(repeating: 0, count: market.quotaCapacity.count)
    queued = closed
  }

  /// Runs to completion and returns each applicant's position, or −1; `nil` when
  /// `shouldStop` (asked before the first position leaves the queue and every 1,024
  /// after) returned true.
  mutating func run(stoppingWhen shouldStop: () -> Bool) -> [Int32]? {
    // Each position's list sorted by its strict key (its own order already, unless ties were broken).
    var list = market.positionListEntry
    for p in 0..<market.positionCount {
      list[market.entries(ofPosition: p)].sort { orders.positionKey(Int($0)) < orders.positionKey(Int($1)) }
    }
    var next = market.positionListStart
    for p in (0..<market.positionCount).reversed() where !closed[p] { queue.append(Int32(p)) }
    repeat {
      if shouldStop() { return nil }
    } while offerFromQueuedPositions(upTo: 1_024, next: &next, list: list)
    return held.map { $0 < 0 ? -1 : market.entryPosition[Int($0)] }
  }

  /// Lets up to `limit` positions off the queue offer until full or out of list; false
  /// once the queue is empty. (The caller's stop check stays outside this loop.)
  private mutating func offerFromQueuedPositions(upTo limit: Int, next: inout [Int32], list: [Int32]) -> Bool {
    for _ in 0..<limit {
      guard let p32 = queue.popLast() else { return false }
      let p = Int(p32)
      queued[p] = false
      let end = Int(market.positionListStart[p + 1])
      while positionCount[p] < market.positionCapacity[p], groupsHaveRoom(p) {
        guard let e = nextCandidate(of: p, cursor: &next[p], end: end, list: list) else { break }
        proposals += 1
        offer(e, from: p)
      }
    }
    return true
  }

  /// The best entry `p` may offer now: a passed-over one whose slot has room, else the
  /// next on its list (passing over those whose slot is full).
  private mutating func nextCandidate(of p: Int, cursor: inout Int32, end: Int, list: [Int32]) -> Int? {
    var best: (slot: Int, entry: Int)?
    for slot in market.quotaSlots(ofPosition: p) where slotCount[slot] < market.quotaCapacity[slot] {
      guard deferredHead[slot] < deferred[slot].count else { continue }
      let e = Int(deferred[slot][deferredHead[slot]])
      if best.map({ orders.positionKey(e) < orders.positionKey($0.entry) }) ?? true { best = (slot, e) }
    }
    if let best {
      deferredHead[best.slot] += 1
      return best.entry
    }
    while Int(cursor) < end {
      let e = Int(list[Int(cursor)])
      cursor += 1
      let slot = Int(market.entryQuotaSlot[e])
      if slot >= 0, slotCount[slot] >= market.quotaCapacity[slot] {
        deferred[slot].append(Int32(e))
        continue
      }
      return e
    }
    return nil
  }

  private func groupsHaveRoom(_ p: Int) -> Bool {
    market.groups(ofPosition: p).allSatisfy { groupCount[Int($0)] < market.groupCapacity[Int($0)] }
  }

  /// Offers `e`'s position to `e`'s applicant, who keeps the better of it and what it holds.
  private mutating func offer(_ e: Int, from p: Int) {
    let a = Int(market.entryApplicant[e])
    let current = Int(held[a])
    if current >= 0, orders.applicantRank(current) < orders.applicantRank(e) { return }
    take(e, at: p, delta: 1)
    held[a] = Int32(e)
    if current >= 0 {
      let q = Int(market.entryPosition[current])
      take(current, at: q, delta: -1)
      requeue(q)
      for g in market.groups(ofPosition: q) {
        for r in market.positions(ofGroup: Int(g)) { requeue(Int(r)) }
      }
    }
  }

  private mutating func take(_ e: Int, at p: Int, delta: Int32) {
    positionCount[p] += delta
    let slot = Int(market.entryQuotaSlot[e])
    if slot >= 0 { slotCount[slot] += delta }
    for g in market.groups(ofPosition: p) { groupCount[Int(g)] += delta }
  }

  private mutating func requeue(_ p: Int) {
    guard !queued[p] else { return }
    queued[p] = true
    queue.append(Int32(p))
  }
}
