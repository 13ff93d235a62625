extension Market {
  /// The quotas that the locked pairs alone exceed, one line each ("position "p7" holds 3
  /// locked applicants, above its capacity 2"): no placement keeps every lock then, and
  /// every strategy answers `infeasible` with these lines. Empty when the locks fit every
  /// upper count; shares and minimums are left to the strategies that enforce them.
  ///
  /// - Complexity: O(k · d) for k locked pairs and d groups and type rules per position.
  public var lockConflicts: [String] {
    guard !lockedPairs.isEmpty else { return [] }
    var positionLocks = [Int](repeating: 0, count: positionCount)
    var groupLocks = [Int](repeating: 0, count: groupCount)
    var slotLocks = [Int](repeating: 0, count: quotaCapacity.count)
    var ruleLocks = [Int](repeating: 0, count: typeRules.count)
    for pair in lockedPairs {
      let p = pair.position
      positionLocks[p] += 1
      for g in groups(ofPosition: p) { groupLocks[Int(g)] += 1 }
      if let e = entry(applicant: pair.applicant, position: p), entryQuotaSlot[e] >= 0 {
        slotLocks[Int(entryQuotaSlot[e])] += 1
      }
      for r in typeRules(coveringPosition: p) where typeRules[Int(r)].type == applicantType[pair.applicant] {
        ruleLocks[Int(r)] += 1
      }
    }
    var lines: [String] = []
    func check(_ count: Int, _ limit: Int32, _ holder: String, _ what: String) {
      guard count > Int(limit) else { return }
      lines.append("\(holder) holds \(count) locked \(what), above its \(limit)")
    }
    for p in 0..<positionCount {
      check(positionLocks[p], positionCapacity[p], "position \(quoted(positionIDs[p]))", "applicants")
    }
    for g in 0..<groupCount { check(groupLocks[g], groupCapacity[g], "group \(quoted(groupIDs[g]))", "applicants") }
    for q in slotLocks.indices {
      let type = quoted(typeNames[Int(quotaType[q])])
      check(slotLocks[q], quotaCapacity[q], "position \(quoted(positionIDs[Int(quotaPosition[q])]))", "of type \(type)")
    }
    for (r, rule) in typeRules.enumerated() {
      check(
        ruleLocks[r], rule.capacity, holderDescription(ofTypeRule: r), "of type \(quoted(typeNames[Int(rule.type)]))")
    }
    return lines.map { "locked: \($0)" }
  }

  /// The answer of a strategy to a market whose locks exceed a quota
  /// (``lockConflicts``): `infeasible`, with the locked pairs placed and the reasons in
  /// the notes; `nil` when the locks fit.
  package func lockedInfeasibility() -> Solution? {
    let conflicts = lockConflicts
    guard !conflicts.isEmpty else { return nil }
    var assignment = [Int32](repeating: -1, count: applicantCount)
    for pair in lockedPairs { assignment[pair.applicant] = Int32(pair.position) }
    return Solution(assignment: assignment, status: .infeasible, notes: conflicts)
  }
}
