extension Market {
  /// The market without its locked pairs: the locked applicants keep their indices but no
  /// list, and each quota over a locked pair (position, group, type-quota slot) gives up
  /// the seats and the part of its minimum that the locks fill. A placement of this market
  /// plus the locks is a placement of `self`, with the same quotas met; the reverse holds
  /// too, so an optimum here is one there. Type rules are kept as they are, so this is
  /// exact only for markets without them (the min-cost-flow welfare's).
  ///
  /// - Complexity: O(L) for L pairs.
  package func releasingLocks() -> Market {
    var kept = [Bool](repeating: true, count: pairCount)
    var released = self
    for pair in lockedPairs {
      for e in entries(ofApplicant: pair.applicant) { kept[e] = false }
      let p = pair.position
      released.positionCapacity[p] -= 1
      released.positionMinimum[p] = max(0, released.positionMinimum[p] - 1)
      for g in groups(ofPosition: p) {
        released.groupCapacity[Int(g)] -= 1
        released.groupMinimum[Int(g)] = max(0, released.groupMinimum[Int(g)] - 1)
      }
      if let e = entry(applicant: pair.applicant, position: p), entryQuotaSlot[e] >= 0 {
        released.quotaCapacity[Int(entryQuotaSlot[e])] -= 1
      }
    }
    released = released.keepingPairs(kept)
    released.lockedPairs = []
    return released
  }

  /// `assignment` with every locked applicant at its locked position.
  package func addingLocks(to assignment: [Int32]) -> [Int32] {
    var assignment = assignment
    for pair in lockedPairs { assignment[pair.applicant] = Int32(pair.position) }
    return assignment
  }
}
