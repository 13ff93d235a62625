/// Makes a weakly stable placement larger by chains of moves that keep it weakly stable:
/// an unplaced applicant takes a seat from one of the worst holders of a position that
/// ranks it no lower, that holder takes a seat elsewhere the same way, and so on until
/// someone takes a free seat, one more applicant placed.
///
/// ```swift
/// let larger = StableAugmentation.augment(assignment, in: market)
/// ```
///
/// A move keeps the position's side stable because a position only ever trades a worst
/// holder for someone it ranks no lower, so every applicant it refused before it still
/// refuses. An applicant moved to a position it likes less is moved only when every
/// position it now likes more, and did not before, is full of holders it ranks no lower
/// than that applicant. Both facts only grow more true along a chain, so each chain is
/// checked against the placement before it.
///
/// Guarantees: on a market where ``applies(to:)`` holds, a weakly stable `assignment`
/// comes back weakly stable, valid, with every applicant it placed still placed and at
/// least as many placed; no chain is left that starts at an unplaced applicant (one
/// multi-source breadth-first search finds none). Max-stable uses it on its starting
/// placement and on every rounding of a node's LP optimum; what it gains there is
/// measured in the README.
///
/// - Complexity: O(L + s) per search, for L total list length and s the seats, plus
///   O(c) per move at a position of capacity c; each search carries out every chain it
///   finds that moves no applicant moved before in it, and searches repeat until one
///   finds none.
package enum StableAugmentation {
  /// Whether the moves keep placements stable in `market`: positions refuse only when
  /// full (no groups, type quotas, type rules or closable positions) and have no
  /// minimums.
  package static func applies(to market: Market) -> Bool {
    market.groupCount == 0 && market.quotaCapacity.isEmpty && market.typeRules.isEmpty
      && !market.positionClosable.contains(true) && !market.positionMinimum.contains { $0 > 0 }
  }

  /// `assignment` (a position per applicant, −1 for none) made larger by augmenting
  /// chains while any exists, or `assignment` itself when ``applies(to:)`` fails or it
  /// uses a pair `market` does not have.
  package static func augment(_ assignment: [Int32], in market: Market) -> [Int32] {
    guard applies(to: market), var state = Seating(assignment, in: market) else { return assignment }
    while state.augmentPhase() > 0 {}
    return state.assignment
  }
}

/// Who holds which seat, by entries, with the breadth-first search over chains.
private struct Seating {
  let market: Market
  /// The entry each applicant holds, or −1.
  var held: [Int32]
  /// Each position's seats, `seatStart[p] ..< seatStart[p] + capacity`: the entries
  /// holding them, the first `seated[p]` in use.
  var seats: [Int32]
  var seatStart: [Int]
  var seated: [Int32]
  /// Each position's tier of its worst holder (0 when it has none).
  var worst: [Int32]
  /// Per search: the entry by which an applicant's displacer takes its seat, and stamps
  /// of applicants reached, applicants moved and positions entered (equal to `round`
  /// when so).
  var displacer: [Int32]
  var reached: [Int32]
  var moved: [Int32]
  var entered: [Int32]
  var round: Int32 = 0

  init?(_ assignment: [Int32], in market: Market) {
    self.market = market
    held = [Int32](repeating: -1, count: market.applicantCount)
    seatStart = [Int](repeating: 0, count: market.positionCount + 1)
    for p in 0..<market.positionCount { seatStart[p + 1] = seatStart[p] + Int(market.positionCapacity[p]) }
    seats = [Int32](repeating: -1, count: seatStart[market.positionCount])
    seated = [Int32](repeating: 0, count: market.positionCount)
    worst = [Int32](repeating: 0, count: market.positionCount)
    for (a, p) in assignment.enumerated() where p >= 0 {
      guard let e = market.entry(applicant: a, position: Int(p)), seated[Int(p)] < market.positionCapacity[Int(p)]
      else { return nil }
      held[a] = Int32(e)
      seats[seatStart[Int(p)] + Int(seated[Int(p)])] = Int32(e)
      seated[Int(p)] += 1
      worst[Int(p)] = max(worst[Int(p)], market.entryPositionTier[e])
    }
    displacer = [Int32](repeating: -1, count: market.applicantCount)
    reached = [Int32](repeating: 0, count: market.applicantCount)
    moved = [Int32](repeating: 0, count: market.applicantCount)
    entered = [Int32](repeating: 0, count: market.positionCount)
  }

  var assignment: [Int32] { held.map { $0 < 0 ? -1 : market.entryPosition[Int($0)] } }

  /// The position's tier of its worst holder, or `nil` when it has a free seat.
  func worstTier(_ p: Int) -> Int32? {
    seated[p] == market.positionCapacity[p] ? worst[p] : nil
  }

  /// Finds `worst[p]` again from p's holders.
  mutating func updateWorst(_ p: Int) {
    var tier: Int32 = 0
    for s in seatStart[p]..<seatStart[p] + Int(seated[p]) { tier = max(tier, market.entryPositionTier[Int(seats[s])]) }
    worst[p] = tier
  }

  /// Searches for chains from every unplaced applicant at once and carries out those it
  /// finds that share no applicant with one carried out before (positions are entered
  /// once a search); returns how many. Moves only make positions safer for the
  /// applicants already searched, so what the search found stays true.
  mutating func augmentPhase() -> Int {
    round += 1
    var queue: [Int32] = []
    for a in 0..<market.applicantCount where held[a] < 0 && !market.entries(ofApplicant: a).isEmpty {
      reached[a] = round
      queue.append(Int32(a))
    }
    var carried = 0
    var next = 0
    while next < queue.count {
      let u = Int(queue[next])
      next += 1
      guard moved[u] != round else { continue }
      let own = Int(held[u])
      let ownTier = own < 0 ? Int32.max : market.entryApplicantTier[own]
      // u may move down to the tier of the first position from its own tier on that would
      // then want it: one not full of holders it ranks no lower than u.
      var limit = Int32.max
      for e in market.entries(ofApplicant: u) where e != own && market.entryApplicantTier[e] >= ownTier {
        let q = Int(market.entryPosition[e])
        if let worst = worstTier(q), worst <= market.entryPositionTier[e] { continue }
        limit = market.entryApplicantTier[e]
        break
      }
      for e in market.entries(ofApplicant: u) where e != own {
        if market.entryApplicantTier[e] > limit { break }
        let p = Int(market.entryPosition[e])
        guard entered[p] != round else { continue }
        guard let worst = worstTier(p) else {
          if carryOut(Int32(e)) {
            carried += 1
            break
          }
          continue
        }
        guard market.entryPositionTier[e] <= worst else { continue }
        entered[p] = round
        for s in seatStart[p]..<seatStart[p] + Int(seated[p]) {
          let holder = Int(seats[s])
          let w = Int(market.entryApplicant[holder])
          guard market.entryPositionTier[holder] == worst, reached[w] != round else { continue }
          reached[w] = round
          displacer[w] = Int32(e)
          queue.append(Int32(w))
        }
      }
    }
    return carried
  }

  /// Seats the chain that ends with `last` taking a free seat, back to its unplaced start,
  /// unless it moves an applicant already moved this search (then `false`).
  mutating func carryOut(_ last: Int32) -> Bool {
    var e = last
    while true {
      let u = Int(market.entryApplicant[Int(e)])
      guard moved[u] != round else { return false }
      guard held[u] >= 0 else { break }
      e = displacer[u]
    }
    e = last
    let p = Int(market.entryPosition[Int(e)])
    seats[seatStart[p] + Int(seated[p])] = e
    seated[p] += 1
    updateWorst(p)
    while true {
      let u = Int(market.entryApplicant[Int(e)])
      moved[u] = round
      let old = held[u]
      held[u] = e
      guard old >= 0 else { return true }
      // u's displacer takes u's seat.
      let d = displacer[u]
      let q = Int(market.entryPosition[Int(old)])
      for s in seatStart[q]..<seatStart[q] + Int(seated[q]) where seats[s] == old { seats[s] = d }
      updateWorst(q)
      e = d
    }
  }
}
