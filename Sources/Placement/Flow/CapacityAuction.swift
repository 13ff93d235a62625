/// A forward auction for markets whose only quotas are position capacities (Bertsekas,
/// 1988; similar objects as in Bertsekas and Castañon, 1989): each unplaced applicant bids
/// for the position of best value net of its price, raising the price of the position's
/// cheapest seat by the margin over its second-best option plus ε, and may stay unplaced
/// at value 0.
///
/// It only warm-starts ``MinCostFlow``: its assignment and prices become a flow and
/// potentials that are ε-optimal, and one final phase of cost scaling finishes from
/// there, exactly, so the auction decides speed, never correctness. It runs one phase:
/// with applicants free to stay unplaced, prices raised in a coarse phase are never
/// lowered again and would drive applicants away in finer ones (that needs a reverse
/// auction). Values and ε are in the flow's scaled units.
///
/// - Complexity: O(L) per bid for list length L, plus O(log c) for capacity c; bids number
///   about 3 per applicant on 100k × 20 random markets with ε one rank.
struct CapacityAuction {
  /// Each applicant's position, or −1 when unplaced.
  private(set) var assignment: [Int32]
  /// The price of each position: that of its cheapest seat (0 while a seat was never bid for).
  private(set) var price: [Int64]

  private let market: Market
  private let value: [Int64]
  /// Seats of position p are `seatStart[p] ..< seatStart[p + 1]`, a min-heap on price.
  private var seatStart: [Int]
  private var seatPrice: [Int64]
  private var seatHolder: [Int32]

  /// Runs the auction on `market` where placing the applicant of entry `e` is worth
  /// `value[e]` (scaled) and staying unplaced 0, with bid increment at least `epsilon`;
  /// when `shouldStop` (asked before the first bid and every 65,536 after) returns true,
  /// bidding ends early and the
  /// seats stay as they are (still a valid start: every holder is within its lists).
  init(_ market: Market, value: [Int64], epsilon: Int64, shouldStop: () -> Bool) {
    self.market = market
    self.value = value
    assignment = [Int32](repeating: -1, count: market.applicantCount)
    price = [Int64](repeating: 0, count: market.positionCount)
    var seatStart = [Int](repeating: 0, count: market.positionCount + 1)
    for p in 0..<market.positionCount {
      seatStart[p + 1] = seatStart[p] + min(Int(market.positionCapacity[p]), market.entries(ofPosition: p).count)
    }
    self.seatStart = seatStart
    seatPrice = [Int64](repeating: 0, count: seatStart[market.positionCount])
    seatHolder = [Int32](repeating: -1, count: seatStart[market.positionCount])
    bid(max(1, epsilon), shouldStop: shouldStop)
    for p in 0..<market.positionCount where seatStart[p] < seatStart[p + 1] { price[p] = seatPrice[seatStart[p]] }
  }

  /// Applicants bid until each holds a seat or prefers to stay unplaced.
  private mutating func bid(_ epsilon: Int64, shouldStop: () -> Bool) {
    var queue = (0..<Int32(market.applicantCount)).filter { !market.entries(ofApplicant: Int($0)).isEmpty }
    var next = 0
    repeat {
      if shouldStop() { return }
    } while bid(epsilon, upTo: 65_536, queue: &queue, next: &next)
  }

  /// Lets up to `limit` applicants of `queue` from `next` on bid; false once none is left.
  /// (The caller's stop check stays outside this loop.)
  private mutating func bid(_ epsilon: Int64, upTo limit: Int, queue: inout [Int32], next: inout Int) -> Bool {
    for _ in 0..<limit {
      guard next < queue.count else { return false }
      let a = Int(queue[next])
      next += 1
      if next > 1 << 16 && next * 2 > queue.count {
        queue.removeFirst(next)
        next = 0
      }
      // Best and second-best net values; staying unplaced is worth 0.
      var best: Int64 = 0
      var second: Int64 = 0
      var bestPosition = -1
      for e in market.entries(ofApplicant: a) {
        let p = Int(market.entryPosition[e])
        guard seatStart[p] < seatStart[p + 1] else { continue }
        let net = value[e] - seatPrice[seatStart[p]]
        if net > best {
          second = best
          best = net
          bestPosition = p
        } else if net > second {
          second = net
        }
      }
      guard bestPosition >= 0 else { continue }
      let root = seatStart[bestPosition]
      let evicted = seatHolder[root]
      seatPrice[root] += best - second + epsilon
      seatHolder[root] = Int32(a)
      assignment[a] = Int32(bestPosition)
      siftDown(bestPosition)
      if evicted >= 0 {
        assignment[Int(evicted)] = -1
        queue.append(evicted)
      }
    }
    return true
  }

  /// Restores the min-heap of position `p`'s seats after its root's price rose.
  private mutating func siftDown(_ p: Int) {
    let start = seatStart[p]
    let count = seatStart[p + 1] - start
    var parent = 0
    let rootPrice = seatPrice[start]
    let rootHolder = seatHolder[start]
    while true {
      var child = 2 * parent + 1
      if child >= count { break }
      if child + 1 < count && seatPrice[start + child + 1] < seatPrice[start + child] { child += 1 }
      guard seatPrice[start + child] < rootPrice else { break }
      seatPrice[start + parent] = seatPrice[start + child]
      seatHolder[start + parent] = seatHolder[start + child]
      parent = child
    }
    seatPrice[start + parent] = rootPrice
    seatHolder[start + parent] = rootHolder
  }
}
