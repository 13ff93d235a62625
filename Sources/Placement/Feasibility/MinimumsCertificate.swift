/// A reason the minimums of a market cannot all be met, in numbers anyone can re-derive
/// from the instance: positions and groups whose combined minimum exceeds what can reach
/// them.
public struct MinimumsCertificate: Sendable, Hashable, CustomStringConvertible {
  /// What the minimum is measured against.
  public enum Limit: Sendable, Hashable {
    /// The applicants who accept (and are accepted by) at least one of the positions,
    /// each counted once (Hall's condition).
    case applicants
    /// The applicants of the first case, each type counted at most up to the positions'
    /// quotas for it.
    case applicantsWithinTypeQuotas
    /// The seats (capacities) of the group's positions.
    case seats
    /// The group's own capacity, against its positions' minimums.
    case groupCapacity
    /// The most applicants any placement seats at once within every capacity, type quota
    /// and the minimums of the groups not named (disjoint positions and groups of a
    /// family that crosses those groups).
    case placeableAtOnce
  }

  /// The ids of the positions and groups that need `need` between them.
  public var names: [String]
  /// Their combined minimum.
  public var need: Int
  /// What can reach them, by ``limit``; less than ``need``.
  public var available: Int
  /// What ``available`` counts.
  public var limit: Limit

  /// `"hydrogen-energy-centre" needs 100; only 90 applicants accept it`.
  public var description: String {
    let subject = names.map(quoted).joined(separator: names.count == 2 ? " and " : ", ")
    let them = names.count == 1 ? "it" : "any of them"
    return switch limit {
    case .applicants:
      "\(subject) need\(names.count == 1 ? "s" : "") \(need); only \(available) applicants accept \(them)"
    case .applicantsWithinTypeQuotas:
      "\(subject) need\(names.count == 1 ? "s" : "") \(need); the type quotas let in at most \(available) of the "
        + "applicants who accept \(them)"
    case .seats:
      "\(subject) needs \(need); its positions offer only \(available) seats"
    case .groupCapacity:
      "the positions of \(subject) need \(need) between them; the group holds at most \(available)"
    case .placeableAtOnce:
      "\(subject) need \(need) between them; at most \(available) applicants can be placed at once within the "
        + "capacities, type quotas and the other groups' minimums"
    }
  }
}

extension Market {
  /// Reasons the minimums cannot all be met that show in counts alone: a position or
  /// group whose minimum exceeds the applicants who accept it (within type quotas), a
  /// group whose minimum exceeds its positions' seats, a group whose positions' minimums
  /// exceed its capacity. Closable positions may close, so their minimums are left out.
  ///
  /// Empty does not mean feasible: minimums may still conflict through shared
  /// applicants or crossing groups, which only a search decides (see the GLPK module's
  /// `MinimumsDiagnosis`).
  ///
  /// - Complexity: O(P + G + L) for L acceptable pairs.
  public var minimumsCertificates: [MinimumsCertificate] {
    var certificates: [MinimumsCertificate] = []
    for p in 0..<positionCount where positionMinimum[p] > 0 && !positionClosable[p] {
      let need = Int(positionMinimum[p])
      let accepting = entries(ofPosition: p).count
      if need > accepting {
        certificates.append(
          MinimumsCertificate(names: [positionIDs[p]], need: need, available: accepting, limit: .applicants))
        continue
      }
      let within = acceptorsWithinTypeQuotas(of: p)
      if need > within {
        certificates.append(
          MinimumsCertificate(
            names: [positionIDs[p]], need: need, available: within, limit: .applicantsWithinTypeQuotas))
      }
    }
    for g in 0..<groupCount {
      let members = positions(ofGroup: g)
      let capacity = Int(groupCapacity[g])
      let memberMinimums = members.reduce(0) { $0 + (positionClosable[Int($1)] ? 0 : Int(positionMinimum[Int($1)])) }
      if memberMinimums > capacity {
        certificates.append(
          MinimumsCertificate(names: [groupIDs[g]], need: memberMinimums, available: capacity, limit: .groupCapacity))
      }
      let need = Int(groupMinimum[g])
      guard need > 0 else { continue }
      let seats = members.reduce(0) { $0 + min(Int(positionCapacity[Int($1)]), entries(ofPosition: Int($1)).count) }
      let accepting = acceptorCount(of: members.map { Int($0) })
      if need > accepting {
        certificates.append(
          MinimumsCertificate(names: [groupIDs[g]], need: need, available: accepting, limit: .applicants))
      } else if need > seats {
        certificates.append(MinimumsCertificate(names: [groupIDs[g]], need: need, available: seats, limit: .seats))
      }
    }
    return certificates
  }

  /// What each position and group needs placed under it for every minimum below it to
  /// hold: its own minimum, or its sub-networks' needs together when those are more
  /// (positions are `0..<positionCount`, group g is `positionCount + g`, as in
  /// ``minimumTreeParents``). Closable positions need nothing (they may close); groups
  /// left out of the tree, or without positions, need nothing here.
  package func minimumNeeds(parents parent: [Int]) -> (need: [Int], own: [Int]) {
    var need = [Int](repeating: 0, count: positionCount + groupCount)
    var below = need
    let innerFirst = (0..<groupCount).sorted { (positions(ofGroup: $0).count, $0) < (positions(ofGroup: $1).count, $1) }
    for v in Array(0..<positionCount) + innerFirst.map({ positionCount + $0 }) where parent[v] != -2 {
      let minimum =
        v < positionCount
        ? (positionClosable[v] ? 0 : Int(positionMinimum[v]))
        : (positions(ofGroup: v - positionCount).isEmpty ? 0 : Int(groupMinimum[v - positionCount]))
      need[v] = max(minimum, below[v])
      if parent[v] >= 0 { below[parent[v]] += need[v] }
    }
    return (need, zip(need, below).map { $0 - $1 })
  }

  /// A set of positions and groups whose needs (``minimumNeeds(parents:)``) together
  /// exceed the applicants who accept any of their positions (Hall's condition fails), or
  /// `nil` when there is none.
  ///
  /// Each position and group is asked for the part of its need its sub-networks do not
  /// already claim; a maximum flow sends applicants to those parts, each applicant once,
  /// through any position it accepts beneath. The parts are all met exactly when no Hall
  /// violator exists, since capacities and type quotas are left out. When one is
  /// unmet, the holders reachable from the source in the residual network are a violator
  /// (the minimum cut's source side); it is named by its topmost members and then pruned
  /// while it stays one, so no named member can be dropped.
  ///
  /// - Complexity: one max flow by cost scaling on the pairs' network, plus a pruning pass
  ///   of O(members × their pairs) for at most 64 members.
  public var hallCertificate: MinimumsCertificate? {
    let parent = minimumTreeParents
    let (need, own) = minimumNeeds(parents: parent)
    let demand = own.reduce(0, +)
    guard demand > 0 else { return nil }
    let source = 0
    let sink = 1
    let holderNode = 2
    let applicantNode = holderNode + positionCount + groupCount
    var network = MinCostFlow(nodeCount: applicantNode + applicantCount)
    var costs: [Int64] = []
    let unbounded = Int32(clamping: demand)
    func add(_ tail: Int, _ head: Int, upper: Int32, cost: Int64 = 0) {
      network.addArc(from: tail, to: head, upper: upper)
      costs.append(cost)
    }
    for v in own.indices where own[v] > 0 {
      add(source, holderNode + v, upper: Int32(own[v]), cost: -1)
      if v >= positionCount {
        for p in positions(ofGroup: v - positionCount) { add(holderNode + v, holderNode + Int(p), upper: unbounded) }
      }
    }
    for e in 0..<pairCount {
      add(holderNode + Int(entryPosition[e]), applicantNode + Int(entryApplicant[e]), upper: unbounded)
    }
    for a in 0..<applicantCount where !entries(ofApplicant: a).isEmpty { add(applicantNode + a, sink, upper: 1) }
    let returnArc = costs.count
    add(sink, source, upper: unbounded)
    let placed: Int64
    do {
      placed = -(try network.minimize(costs: costs))
    } catch {
      preconditionFailure("the zero flow is feasible and costs are 0 and −1: \(error)")
    }
    guard placed < demand else { return nil }
    // Without the return arc, the residual network is that of the maximum flow.
    let reached = network.reachable(from: [source], avoiding: returnArc..<(returnArc + 1))
    let inCut = (0..<(positionCount + groupCount)).map { reached[holderNode + $0] && need[$0] > 0 }
    // The topmost members: in the cut, with no ancestor in it.
    var members = (0..<(positionCount + groupCount)).filter { v in
      guard inCut[v] else { return false }
      var up = parent[v]
      while up >= 0 {
        if inCut[up] { return false }
        up = parent[up]
      }
      return true
    }
    func positionsUnder(_ v: Int) -> [Int] {
      v < positionCount ? [v] : positions(ofGroup: v - positionCount).map { Int($0) }
    }
    func excess(_ set: [Int]) -> (need: Int, accepting: Int) {
      (set.reduce(0) { $0 + need[$1] }, acceptorCount(of: set.flatMap(positionsUnder)))
    }
    if members.count <= 64 {
      for v in members.sorted(by: { (need[$0], $0) < (need[$1], $1) }) {
        let rest = members.filter { $0 != v }
        let (restNeed, restAccepting) = excess(rest)
        if !rest.isEmpty && restNeed > restAccepting { members = rest }
      }
    }
    members.sort { (need[$1], $0) < (need[$0], $1) }
    let (total, accepting) = excess(members)
    precondition(total > accepting, "a minimum cut's source side violates Hall's condition")
    return MinimumsCertificate(
      names: members.map { $0 < positionCount ? positionIDs[$0] : groupIDs[$0 - positionCount] }, need: total,
      available: accepting, limit: .applicants)
  }

  /// The applicants who accept (and are accepted by) at least one of `positions`, each
  /// counted once.
  package func acceptorCount(of positions: [Int]) -> Int {
    var seen = Set<Int32>()
    for p in positions {
      for k in entries(ofPosition: p) { seen.insert(entryApplicant[Int(positionListEntry[k])]) }
    }
    return seen.count
  }

  /// The applicants who accept position `p`, each type counted at most up to the
  /// position's quota for it.
  private func acceptorsWithinTypeQuotas(of p: Int) -> Int {
    let slots = quotaSlots(ofPosition: p)
    guard !slots.isEmpty else { return entries(ofPosition: p).count }
    var perSlot = [Int](repeating: 0, count: slots.count)
    var unquoted = 0
    for k in entries(ofPosition: p) {
      let slot = Int(entryQuotaSlot[Int(positionListEntry[k])])
      if slot >= 0 { perSlot[slot - slots.lowerBound] += 1 } else { unquoted += 1 }
    }
    return unquoted + zip(slots, perSlot).reduce(0) { $0 + min(Int(quotaCapacity[$1.0]), $1.1) }
  }
}
