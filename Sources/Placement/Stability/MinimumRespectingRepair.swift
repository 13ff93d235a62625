/// Moves applicants along blocking pairs, one pair at a time, never taking an applicant
/// out of a position or group at its minimum: from a placement that meets every
/// constraint, a placement that still does, with fewer blocking pairs in practice.
///
/// A move takes applicant a from its position q (or from nowhere) to a position p it
/// prefers when p's side would take a, exactly as the instance format's blocking pair
/// says through p's own seats: p has a free seat (and a's type quota at p has room, and
/// every group of p that does not hold q has room), or p prefers a to its worst assignee
/// (to its worst assignee of a's type when that quota is full), who is then turned away.
/// The move is made only when q, and every group of q that does not hold p, stay at or
/// above their minimums (closable positions may close: a leaving the last one), no type
/// rule over p that a's type has reached refuses a, and every type rule over p and q
/// still holds afterwards.
/// Applicants turned away, and those who could now use q's freed seat, are reconsidered.
///
/// When no move remains, every blocking pair left either takes its applicant out of a
/// position or group at its minimum, would break a type rule, or runs through a full
/// group of p (the third case of the format's definition), which moves do not resolve. The moves are capped (the
/// dynamics are not known to end on every market); ``Result/capped`` says when the cap
/// ended them.
///
/// - Complexity: O(moves · (list length + holders of a position)) plus the
///   reconsiderations, each O(list length).
package struct MinimumRespectingRepair {
  /// What the repair returns.
  package struct Result {
    /// The placement after the moves.
    package var assignment: [Int32]
    /// How many moves were made.
    package var moves: Int
    /// Whether the move cap ended the repair before no move remained.
    package var capped: Bool
  }

  let market: Market
  private var assignment: [Int32]
  private var fill: [Int]
  private var slotFill: [Int]
  private var groupFill: [Int]
  /// The entry of each placed applicant, or −1.
  private var entryOf: [Int]
  /// The entries placed at each position.
  private var holders: [[Int]]
  /// Per type rule, the placed applicants of its type and in all under its holder.
  private var ruleCount: [Int]
  private var ruleFill: [Int]

  /// Prepares a repair of `start`, which must meet every constraint of `market`.
  package init(_ market: Market, start: [Int32]) {
    self.market = market
    assignment = start
    fill = [Int](repeating: 0, count: market.positionCount)
    slotFill = [Int](repeating: 0, count: market.quotaCapacity.count)
    groupFill = [Int](repeating: 0, count: market.groupCount)
    entryOf = [Int](repeating: -1, count: market.applicantCount)
    holders = [[Int]](repeating: [], count: market.positionCount)
    ruleCount = [Int](repeating: 0, count: market.typeRules.count)
    ruleFill = ruleCount
    for (a, p) in start.enumerated() where p >= 0 {
      guard let e = market.entry(applicant: a, position: Int(p)) else { continue }
      place(e)
    }
  }

  /// Runs the moves, at most `moveCap` of them, checking `shouldStop` every 1,024.
  package mutating func run(moveCap: Int, shouldStop: () -> Bool) -> Result {
    var queue = Array(0..<market.applicantCount)
    var queued = [Bool](repeating: true, count: market.applicantCount)
    var moves = 0
    while let a = queue.popLast() {
      queued[a] = false
      if moves >= moveCap || (moves % 1024 == 1023 && shouldStop()) {
        return Result(assignment: assignment, moves: moves, capped: true)
      }
      guard let (e, turnedAway) = bestMove(of: a) else { continue }
      let left = entryOf[a] >= 0 ? Int(market.entryPosition[entryOf[a]]) : -1
      if entryOf[a] >= 0 { remove(entryOf[a]) }
      if let turnedAway {
        let b = Int(market.entryApplicant[turnedAway])
        remove(turnedAway)
        if !queued[b] {
          queued[b] = true
          queue.append(b)
        }
      }
      place(e)
      moves += 1
      // A freed seat at `left` may now be worth moving to for those who prefer it.
      if left >= 0 {
        for k in market.entries(ofPosition: left) {
          let b = Int(market.entryApplicant[Int(market.positionListEntry[k])])
          if !queued[b] {
            queued[b] = true
            queue.append(b)
          }
        }
      }
    }
    return Result(assignment: assignment, moves: moves, capped: false)
  }

  /// The best position `a` may move to now, as an entry, with the entry it turns away.
  private func bestMove(of a: Int) -> (entry: Int, turnedAway: Int?)? {
    let current = entryOf[a]
    let currentTier = current >= 0 ? market.entryApplicantTier[current] : Int32.max
    let from = current >= 0 ? Int(market.entryPosition[current]) : -1
    for e in market.entries(ofApplicant: a) where market.entryApplicantTier[e] < currentTier {
      let p = Int(market.entryPosition[e])
      guard canLeave(from, towards: p), !typeRuleRefuses(a, at: p, from: from) else { continue }
      if let move = admission(of: e, leaving: from), keepsTypeRules(moving: a, from: from, to: p, turningAway: move) {
        return (e, move)
      }
    }
    return nil
  }

  /// Whether an applicant may leave `q` for `p`: q and its groups that do not hold p keep
  /// their minimums (a closable position may close instead).
  private func canLeave(_ q: Int, towards p: Int) -> Bool {
    guard q >= 0 else { return true }
    let after = fill[q] - 1
    let minimum = Int(market.positionMinimum[q])
    if after < minimum && !(market.positionClosable[q] && after == 0) { return false }
    for g in market.groups(ofPosition: q) where !market.groups(ofPosition: p).contains(g) {
      if groupFill[Int(g)] - 1 < Int(market.groupMinimum[Int(g)]) { return false }
    }
    return true
  }

  /// Whether p would take entry e's applicant through its own seats: `.some(nil)` into a
  /// free seat, `.some(f)` turning away entry f, `nil` not at all.
  private func admission(of e: Int, leaving q: Int) -> Int?? {
    let p = Int(market.entryPosition[e])
    if market.positionClosable[p], fill[p] == 0, market.positionMinimum[p] > 1 { return nil }
    let slot = Int(market.entryQuotaSlot[e])
    let slotFull = slot >= 0 && slotFill[slot] >= Int(market.quotaCapacity[slot])
    if fill[p] < Int(market.positionCapacity[p]) && !slotFull {
      // A free seat, when every group of p that does not already hold a has room.
      let groupsHaveRoom = market.groups(ofPosition: p).allSatisfy { g in
        (q >= 0 && market.groups(ofPosition: q).contains(g))
          || groupFill[Int(g)] < Int(market.groupCapacity[Int(g)])
      }
      return groupsHaveRoom ? .some(nil) : nil
    }
    // Full (or a's type full): the worst assignee, of a's type when that quota is full.
    var worst: Int?
    for f in holders[p] where !slotFull || Int(market.entryQuotaSlot[f]) == slot {
      if worst.map({ market.entryPositionTier[f] > market.entryPositionTier[$0] }) ?? true { worst = f }
    }
    guard let worst, market.entryPositionTier[e] < market.entryPositionTier[worst] else { return nil }
    return .some(worst)
  }

  private mutating func place(_ e: Int) {
    let a = Int(market.entryApplicant[e])
    let p = Int(market.entryPosition[e])
    assignment[a] = Int32(p)
    entryOf[a] = e
    fill[p] += 1
    holders[p].append(e)
    if market.entryQuotaSlot[e] >= 0 { slotFill[Int(market.entryQuotaSlot[e])] += 1 }
    for g in market.groups(ofPosition: p) { groupFill[Int(g)] += 1 }
    tallyTypeRules(of: a, at: p, by: 1)
  }

  private mutating func remove(_ e: Int) {
    let a = Int(market.entryApplicant[e])
    let p = Int(market.entryPosition[e])
    assignment[a] = -1
    entryOf[a] = -1
    fill[p] -= 1
    if let index = holders[p].firstIndex(of: e) { holders[p].swapAt(index, holders[p].count - 1) }
    holders[p].removeLast()
    if market.entryQuotaSlot[e] >= 0 { slotFill[Int(market.entryQuotaSlot[e])] -= 1 }
    for g in market.groups(ofPosition: p) { groupFill[Int(g)] -= 1 }
    tallyTypeRules(of: a, at: p, by: -1)
  }

  private mutating func tallyTypeRules(of a: Int, at p: Int, by change: Int) {
    for r in market.typeRules(coveringPosition: p) {
      ruleFill[Int(r)] += change
      if market.typeRules[Int(r)].type == market.applicantType[a] { ruleCount[Int(r)] += change }
    }
  }

  /// Whether a type rule over p that a's type has reached refuses a, as in the format's
  /// blocking pair: a is not under its holder now (at `from`).
  private func typeRuleRefuses(_ a: Int, at p: Int, from: Int) -> Bool {
    market.typeRules(coveringPosition: p).contains { r in
      let rule = market.typeRules[Int(r)]
      return rule.type == market.applicantType[a] && rule.hasUpperLimit
        && rule.isReached(count: ruleCount[Int(r)], fill: ruleFill[Int(r)])
        && (from < 0 || !market.typeRules(coveringPosition: from).contains(r))
    }
  }

  /// Whether every type rule over `from` and `to` still holds after a moves from `from`
  /// (or from nowhere) to `to`, and `turnedAway` (an entry at `to`) leaves.
  private func keepsTypeRules(moving a: Int, from: Int, to: Int, turningAway: Int?) -> Bool {
    guard !market.typeRules.isEmpty else { return true }
    let leaving = turningAway.map { Int(market.entryApplicant[$0]) }
    let touched = Set(market.typeRules(coveringPosition: to)).union(
      from >= 0 ? market.typeRules(coveringPosition: from) : [])
    return touched.allSatisfy { r32 in
      let r = Int(r32)
      let rule = market.typeRules[r]
      var count = ruleCount[r]
      var fill = ruleFill[r]
      func shift(_ b: Int, at position: Int, by change: Int) {
        guard position >= 0, market.typeRules(coveringPosition: position).contains(r32) else { return }
        fill += change
        if rule.type == market.applicantType[b] { count += change }
      }
      shift(a, at: from, by: -1)
      shift(a, at: to, by: 1)
      if let leaving { shift(leaving, at: to, by: -1) }
      return rule.keepsUpperLimits(count: count, fill: fill) && count >= market.requiredCount(ofTypeRule: r, fill: fill)
    }
  }
}
