extension Market {
  /// Every way this market breaks the shape its algorithms rely on; empty for every market
  /// that ``init(compiling:)`` returns. Debug builds check it after each compilation
  /// (`assert`, so release builds never pay for it).
  ///
  /// Checked: the CSR offsets start at 0, never decrease and end at the array they index;
  /// every entry's applicant, position and tiers are in range, an applicant's entries are
  /// its own in tier order; the position lists hold each entry exactly once, under its own
  /// position; capacities are at least 1 and at least the minimum; group members are
  /// positions and groups are listed under each member.
  ///
  /// - Complexity: O(L + P + G + M) for L entries, P positions, G groups and M memberships.
  package func invariantViolations() -> [String] {
    var violations: [String] = []
    func csr(_ name: String, _ start: [Int32], count: Int, of total: Int) {
      guard start.count == count + 1, start.first == 0, start.last.map(Int.init) == total,
        zip(start, start.dropFirst()).allSatisfy({ $0 <= $1 })
      else { return violations.append("\(name): not offsets of \(count) lists over \(total) items") }
    }
    csr("applicant lists", applicantListStart, count: applicantCount, of: pairCount)
    csr("position lists", positionListStart, count: positionCount, of: positionListEntry.count)
    csr("groups of positions", positionGroupStart, count: positionCount, of: positionGroups.count)
    csr("positions of groups", groupPositionStart, count: groupCount, of: groupPositions.count)
    guard violations.isEmpty else { return violations }
    for array in [entryApplicant, entryApplicantTier, entryPositionTier, entryQuotaSlot] where array.count != pairCount
    {
      violations.append("an entry array has \(array.count) values for \(pairCount) entries")
    }
    guard violations.isEmpty else { return violations }
    for a in 0..<applicantCount {
      var tier: Int32 = 0
      for e in entries(ofApplicant: a) {
        if entryApplicant[e] != a { violations.append("entry \(e) is in applicant \(a)'s list but not its") }
        if !(0..<Int32(positionCount)).contains(entryPosition[e]) { violations.append("entry \(e): no such position") }
        if entryApplicantTier[e] < tier { violations.append("entry \(e): applicant \(a)'s tiers decrease") }
        tier = entryApplicantTier[e]
        if entryPositionTier[e] < 0 { violations.append("entry \(e): negative position tier") }
      }
    }
    var seen = [Bool](repeating: false, count: pairCount)
    for p in 0..<positionCount {
      for k in entries(ofPosition: p) {
        let e = Int(positionListEntry[k])
        guard (0..<pairCount).contains(e), !seen[e], entryPosition[e] == p else {
          violations.append("position \(p)'s list holds entry \(e), which is not its own or is listed twice")
          continue
        }
        seen[e] = true
      }
      if positionCapacity[p] < 1 || positionCapacity[p] < positionMinimum[p] {
        violations.append("position \(p): capacity \(positionCapacity[p]), minimum \(positionMinimum[p])")
      }
    }
    if let e = seen.firstIndex(of: false) { violations.append("entry \(e) is in no position's list") }
    for g in 0..<groupCount {
      for p in positions(ofGroup: g)
      where !(0..<Int32(positionCount)).contains(p) || !groups(ofPosition: Int(p)).contains(Int32(g)) {
        violations.append("group \(g) lists position \(p), which does not list it")
      }
    }
    return violations
  }
}
