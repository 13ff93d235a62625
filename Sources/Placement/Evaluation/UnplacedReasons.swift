/// Why each unplaced applicant is unplaced, in words an office can read out: for every
/// position on their list, what kept them out of it.
///
/// A position on the list is: closed (it did not reach its minimum and did not run); full
/// with people it ranks higher (or as high: a tie decided against them; or lower, which
/// only a placement with blocking pairs does); full by a type
/// quota (`the "hust" quota`) or its group's shared capacity (`host "h1"`) with people
/// ranked higher; forbidden (an override); not ranking them; or open with a free seat,
/// which only a type rule or a strategy that does not promise stability leaves. The
/// reasons read the placement as given; they do not re-solve.
public struct UnplacedReasons: Sendable {
  /// The reasons of one unplaced applicant.
  public struct Entry: Sendable, Hashable {
    /// The applicant's id.
    public var applicant: String
    /// One reason per position on their list, in their order: `p7 (choice 1): full with
    /// 3 it ranks higher`.
    public var reasons: [String]
  }

  /// Every unplaced applicant, in instance order.
  public var entries: [Entry]

  /// The reasons for `assignment` (each applicant's position index, or −1) in `market`;
  /// `instance` (the one `market` was compiled from) adds the positions the applicant
  /// listed that were dropped from their list (forbidden, or not ranking them).
  ///
  /// - Complexity: O(L) for L acceptable pairs, plus the unplaced applicants' lists times
  ///   the holders they are compared with.
  public init(_ market: Market, _ assignment: [Int32], instance: Instance? = nil) {
    let evaluation = Evaluation(market, assignment, blockingPairLimit: 0)
    var holders = [[Int32]](repeating: [], count: market.positionCount)
    var slotFill = [Int32](repeating: 0, count: market.quotaCapacity.count)
    for (a, p) in assignment.enumerated() where p >= 0 {
      holders[Int(p)].append(Int32(a))
      if let e = market.entry(applicant: a, position: Int(p)), market.entryQuotaSlot[e] >= 0 {
        slotFill[Int(market.entryQuotaSlot[e])] += 1
      }
    }
    let forbidden = Set(market.forbiddenPairs.map { "\($0.applicant) \($0.position)" })
    var positionIndex: [String: Int] = [:]
    for (p, id) in market.positionIDs.enumerated() { positionIndex[id] = p }
    var entries: [Entry] = []
    for a in 0..<market.applicantCount where assignment[a] < 0 {
      var reasons: [String] = []
      let listed = instance.map { $0.applicants[a].preferences.tiers } ?? []
      let acceptable = Set(market.entries(ofApplicant: a).map { Int(market.entryPosition[$0]) })
      if instance != nil {
        for (rank, tier) in listed.enumerated() {
          for id in tier {
            guard let p = positionIndex[id] else { continue }
            let label = "\(id) (choice \(rank + 1))"
            if let e = market.entry(applicant: a, position: p) {
              reasons.append("\(label): \(Self.reason(a, e, market, evaluation, holders, slotFill))")
            } else if forbidden.contains("\(a) \(p)") {
              reasons.append("\(label): forbidden (an override)")
            } else if !acceptable.contains(p) {
              reasons.append("\(label): does not rank them")
            }
          }
        }
      } else {
        for e in market.entries(ofApplicant: a) {
          let p = Int(market.entryPosition[e])
          let label = "\(market.positionIDs[p]) (choice \(market.entryApplicantTier[e] + 1))"
          reasons.append("\(label): \(Self.reason(a, e, market, evaluation, holders, slotFill))")
        }
      }
      if reasons.isEmpty { reasons = ["listed no position"] }
      entries.append(Entry(applicant: market.applicantIDs[a], reasons: reasons))
    }
    self.entries = entries
  }

  /// What kept applicant `a` out of the position of entry `e`.
  private static func reason(
    _ a: Int, _ e: Int, _ market: Market, _ evaluation: Evaluation, _ holders: [[Int32]], _ slotFill: [Int32]
  ) -> String {
    let p = Int(market.entryPosition[e])
    func compared(_ others: [Int32], tierOf: (Int) -> Int32, mine: Int32) -> String {
      let higher = others.count { tierOf(Int($0)) < mine }
      let lower = others.count { tierOf(Int($0)) > mine }
      if lower > 0 { return "though it ranks them above \(lower) of those it took (a blocking pair)" }
      if higher == others.count { return "with \(others.count) it ranks higher" }
      return "with \(higher) it ranks higher and \(others.count - higher) it ranks the same (a tie decided)"
    }
    // A position that ranks no one is ranked by its group's ranking, when it has one.
    let ranker =
      market.positionHasPreferences[p]
      ? nil : market.groups(ofPosition: p).first { market.groupHasPreferences[Int($0)] }
    func positionTier(_ h: Int) -> Int32 {
      if let ranker { return market.groupTier(Int(ranker), applicant: h) }
      return market.entry(applicant: h, position: p).map { market.entryPositionTier[$0] } ?? .max
    }
    let tier = ranker.map { market.groupTier(Int($0), applicant: a) } ?? market.entryPositionTier[e]
    let ranks = market.positionHasPreferences[p] || ranker != nil
    if market.positionClosable[p] && holders[p].isEmpty && market.positionMinimum[p] > 0 {
      return "closed (it did not reach its minimum of \(market.positionMinimum[p]))"
    }
    if holders[p].count >= Int(market.positionCapacity[p]) {
      guard ranks else { return "full (\(holders[p].count); it ranks no one)" }
      return "full (\(holders[p].count)) \(compared(holders[p], tierOf: positionTier, mine: tier))"
    }
    let slot = Int(market.entryQuotaSlot[e])
    if slot >= 0 && slotFill[slot] >= market.quotaCapacity[slot] {
      let type = market.typeNames[Int(market.quotaType[slot])]
      let inSlot = holders[p].filter { h in
        market.entry(applicant: Int(h), position: p).map { Int(market.entryQuotaSlot[$0]) == slot } ?? false
      }
      return "its \(quoted(type)) quota is full (\(inSlot.count)) \(compared(inSlot, tierOf: positionTier, mine: tier))"
    }
    for g32 in market.groups(ofPosition: p) where evaluation.groupFill[Int(g32)] >= market.groupCapacity[Int(g32)] {
      let g = Int(g32)
      let members = market.positions(ofGroup: g).flatMap { holders[Int($0)] }
      let text = compared(
        members, tierOf: { market.groupTier(g, applicant: $0) }, mine: market.groupTier(g, applicant: a))
      return "\(quoted(market.groupIDs[g])) is full (\(members.count)) \(text)"
    }
    return "has a free seat left to them (a blocking pair, or a type rule)"
  }
}
