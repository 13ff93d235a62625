import Logging

/// Re-stabilises an earlier placement after the market changed, moving as few applicants
/// as it can without a search: the native path of `placement resolve` for deferred
/// acceptance.
///
/// It starts from `previous` (applicants that left or lost their pair unplaced, locks put
/// back, any quota the changes overfill trimmed by removing the holders it ranks worst),
/// then resolves blocking pairs in rounds: each applicant with a blocking pair proposes to
/// its best one, and each position seats the best proposers it has free seats for, as a
/// vacancy chain would. Only a round in which no proposal fits a free seat displaces
/// anyone: each position then takes the best proposer it would, letting go whom its quotas
/// must (its worst holder, its type's worst, a ranking group's worst). Only applicants in
/// a blocking pair move, each to a position it prefers, and displaced applicants in turn.
///
/// Properties: the result is valid and weakly stable (no blocking pair, checked by
/// ``Evaluation``); status `feasible`, since the number of changes is small but not proven
/// the fewest (the integer programme of `PlacementGLPK` proves that). From a stable
/// placement of a market without ranking groups, after withdrawals only, every applicant
/// who moves gains (a group that ranks applicants may let one go for a better one at
/// another of its positions). For markets with
/// minimums, closable positions or type rules it throws: those need the integer programme.
/// Should the rounds not settle within their bound (possible in theory with ties or
/// ranking groups), it answers with deferred acceptance from scratch and says so.
///
/// - Complexity: O(R · (L + n)) for R rounds, L pairs and n applicants; R is about the
///   longest chain of moves.
public struct StableRepair: Sendable {
  /// Creates the repair.
  public init() {}

  /// Why this market needs the integer programme instead, or `nil` when the repair applies.
  public static func obstacle(in market: Market) -> String? {
    if market.positionMinimum.contains(where: { $0 > 0 }) || market.groupMinimum.contains(where: { $0 > 0 }) {
      return "minimums"
    }
    if market.positionClosable.contains(true) { return "closable positions" }
    if !market.typeRules.isEmpty { return "type rules" }
    return nil
  }

  /// A stable placement of `market` close to `previous` (each applicant's position index
  /// in `market`, or −1).
  ///
  /// - Throws: ``StrategyUsageError`` when ``obstacle(in:)`` names one; `CancellationError`
  ///   when `control` stops it.
  public func solve(_ market: Market, from previous: [Int32], control: SolveControl = SolveControl()) throws
    -> Solution
  {
    if let obstacle = Self.obstacle(in: market) {
      throw StrategyUsageError("the native repair does not take \(obstacle); use --method glpk")
    }
    if let infeasible = market.lockedInfeasibility() { return infeasible }
    var state = RepairState(market, previous)
    let roundLimit = 4 * market.applicantCount + 100
    var rounds = 0
    while rounds < roundLimit {
      if control.shouldStop { throw CancellationError() }
      let evaluation = Evaluation(market, state.assignment, blockingPairLimit: .max)
      control.logger.trace("repair: round \(rounds), \(evaluation.blockingPairCount) blocking pairs")
      if evaluation.blockingPairCount == 0 {
        control.logger.debug("repair: stable after \(rounds) rounds, \(control.elapsed.logText)")
        return Solution(
          assignment: state.assignment, status: .feasible,
          notes: ["stable: \(rounds) rounds of moves from the previous placement; not proven the fewest changes"])
      }
      state.move(along: evaluation.blockingPairs)
      rounds += 1
    }
    control.logger.debug("repair: not settled in \(roundLimit) rounds; deferred acceptance from scratch")
    var fallback = try DeferredAcceptance().solve(market, control: control)
    fallback.notes.insert("the repair did not settle in \(roundLimit) rounds; deferred acceptance from scratch", at: 0)
    if fallback.status == .optimal { fallback.status = .feasible }
    return fallback
  }
}

/// Who holds what during a repair, with the fills its quotas need.
private struct RepairState {
  let market: Market
  var assignment: [Int32]
  var holders: [[Int32]]
  var groupFill: [Int32]
  var slotFill: [Int32]

  init(_ market: Market, _ previous: [Int32]) {
    self.market = market
    assignment = (0..<market.applicantCount).map { a in
      let p = a < previous.count ? previous[a] : -1
      return p >= 0 && market.entry(applicant: a, position: Int(p)) != nil ? p : -1
    }
    assignment = market.addingLocks(to: assignment)
    holders = Array(repeating: [], count: market.positionCount)
    groupFill = Array(repeating: 0, count: market.groupCount)
    slotFill = Array(repeating: 0, count: market.quotaCapacity.count)
    for (a, p) in assignment.enumerated() where p >= 0 { seat(a, at: Int(p)) }
    trimOverfilledQuotas()
  }

  /// The entry of `a` at its position.
  private func entry(_ a: Int, _ p: Int) -> Int {
    market.entry(applicant: a, position: p) ?? -1
  }

  private mutating func seat(_ a: Int, at p: Int) {
    assignment[a] = Int32(p)
    holders[p].append(Int32(a))
    for g in market.groups(ofPosition: p) { groupFill[Int(g)] += 1 }
    let slot = market.entryQuotaSlot[entry(a, p)]
    if slot >= 0 { slotFill[Int(slot)] += 1 }
  }

  private mutating func unseat(_ a: Int) {
    let p = Int(assignment[a])
    guard p >= 0 else { return }
    let slot = market.entryQuotaSlot[entry(a, p)]
    if slot >= 0 { slotFill[Int(slot)] -= 1 }
    for g in market.groups(ofPosition: p) { groupFill[Int(g)] -= 1 }
    holders[p].removeAll { $0 == Int32(a) }
    assignment[a] = -1
  }

  /// The holder of `p` that `p` ranks worst (of `slot`'s type when given), latest index on ties.
  private func worst(at p: Int, slot: Int32 = -1) -> Int? {
    var worst: (tier: Int32, applicant: Int)?
    for h in holders[p] {
      let e = entry(Int(h), p)
      if slot >= 0 && market.entryQuotaSlot[e] != slot { continue }
      let tier = market.entryPositionTier[e]
      if worst == nil || (tier, Int(h)) > (worst!.tier, worst!.applicant) { worst = (tier, Int(h)) }
    }
    return worst?.applicant
  }

  /// The holder in group `g` that it ranks worst.
  private func worst(inGroup g: Int) -> Int? {
    var worst: (tier: Int32, applicant: Int)?
    for p in market.positions(ofGroup: g) {
      for h in holders[Int(p)] {
        let tier = market.groupTier(g, applicant: Int(h))
        if worst == nil || (tier, Int(h)) > (worst!.tier, worst!.applicant) { worst = (tier, Int(h)) }
      }
    }
    return worst?.applicant
  }

  private mutating func trimOverfilledQuotas() {
    for p in 0..<market.positionCount {
      while holders[p].count > Int(market.positionCapacity[p]), let w = worst(at: p) { unseat(w) }
    }
    for q in market.quotaCapacity.indices {
      let p = Int(market.quotaPosition[q])
      while slotFill[q] > market.quotaCapacity[q], let w = worst(at: p, slot: Int32(q)) { unseat(w) }
    }
    for g in 0..<market.groupCount {
      while groupFill[g] > market.groupCapacity[g], let w = worst(inGroup: g) { unseat(w) }
    }
  }

  /// Whom `p` must let go to take `a` now, or `nil` when it would not take `a` (the
  /// format's blocking conditions, read on the current fills).
  private func displaced(toTake a: Int, at p: Int) -> [Int]? {
    let e = entry(a, p)
    guard e >= 0, assignment[a] != Int32(p) else { return nil }
    let tier = market.entryPositionTier[e]
    let slot = market.entryQuotaSlot[e]
    func better(than w: Int) -> Bool { tier < market.entryPositionTier[entry(w, p)] }
    if slot >= 0 && slotFill[Int(slot)] >= market.quotaCapacity[Int(slot)] {
      guard let w = worst(at: p, slot: slot), better(than: w) else { return nil }
      return [w]
    }
    if holders[p].count >= Int(market.positionCapacity[p]) {
      guard let w = worst(at: p), better(than: w) else { return nil }
      return [w]
    }
    var out: [Int] = []
    let current = Int(assignment[a])
    for g32 in market.groups(ofPosition: p) where groupFill[Int(g32)] >= market.groupCapacity[Int(g32)] {
      let g = Int(g32)
      if current >= 0 && market.groups(ofPosition: current).contains(g32) { continue }
      guard market.groupHasPreferences[g], let w = worst(inGroup: g),
        market.groupTier(g, applicant: a) < market.groupTier(g, applicant: w)
      else { return nil }
      if !out.contains(w) { out.append(w) }
    }
    return out
  }

  /// One round: each applicant in `pairs` proposes to its best blocking position; each
  /// position takes the best proposers it has room for. Only when no proposal fits a free
  /// seat does a position displace a holder for the best proposer it would take, so chains
  /// of vacancies are followed before anyone loses a seat.
  mutating func move(along pairs: [Evaluation.BlockingPair]) {
    var best = [Int](repeating: -1, count: market.applicantCount)
    for pair in pairs {
      let a = pair.applicant
      let tier = market.tier(ofApplicant: a, for: pair.position) ?? .max
      if best[a] < 0 || tier < market.tier(ofApplicant: a, for: best[a]) ?? .max { best[a] = pair.position }
    }
    var proposers = [[Int]](repeating: [], count: market.positionCount)
    for a in best.indices where best[a] >= 0 { proposers[best[a]].append(a) }
    for p in proposers.indices {
      proposers[p].sort {
        (market.entryPositionTier[entry($0, p)], $0) < (market.entryPositionTier[entry($1, p)], $1)
      }
    }
    var movedIntoFreeSeat = false
    for p in 0..<market.positionCount {
      for a in proposers[p] where assignment[a] != Int32(p) {
        guard let out = displaced(toTake: a, at: p), out.isEmpty else { continue }
        unseat(a)
        seat(a, at: p)
        movedIntoFreeSeat = true
      }
    }
    guard !movedIntoFreeSeat else { return }
    for p in 0..<market.positionCount {
      for a in proposers[p] {
        guard let out = displaced(toTake: a, at: p) else { continue }
        for w in out { unseat(w) }
        unseat(a)
        seat(a, at: p)
        break
      }
    }
  }
}
