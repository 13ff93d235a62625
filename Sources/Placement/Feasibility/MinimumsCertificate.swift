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

  /// Checks Hall's condition for a set of positions: whether their minimums together
  /// exceed the applicants who accept any of them. Returns the certificate when they do.
  ///
  /// - Complexity: O(pairs of the positions).
  public func hallViolation(among positions: [Int]) -> MinimumsCertificate? {
    let open = positions.filter { positionMinimum[$0] > 0 && !positionClosable[$0] }
    guard !open.isEmpty else { return nil }
    let need = open.reduce(0) { $0 + Int(positionMinimum[$1]) }
    let accepting = acceptorCount(of: open)
    guard need > accepting else { return nil }
    return MinimumsCertificate(
      names: open.map { positionIDs[$0] }, need: need, available: accepting, limit: .applicants)
  }

  /// The applicants who accept (and are accepted by) at least one of `positions`, each
  /// counted once.
  private func acceptorCount(of positions: [Int]) -> Int {
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
