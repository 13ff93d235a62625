extension Market {
  /// The same market with only the pairs whose entry is marked in `kept`: same
  /// applicants, positions, groups and quotas, same tiers (so ranks are unchanged).
  ///
  /// - Complexity: O(L) for L pairs.
  package func keepingPairs(_ kept: [Bool]) -> Market {
    var reduced = self
    var newIndex = [Int32](repeating: -1, count: pairCount)
    var next: Int32 = 0
    reduced.applicantListStart = [0]
    reduced.applicantListStart.reserveCapacity(applicantCount + 1)
    for a in 0..<applicantCount {
      for e in entries(ofApplicant: a) where kept[e] {
        newIndex[e] = next
        next += 1
      }
      reduced.applicantListStart.append(next)
    }
    func filtered<T>(_ values: [T]) -> [T] {
      var result: [T] = []
      result.reserveCapacity(Int(next))
      for e in 0..<pairCount where kept[e] { result.append(values[e]) }
      return result
    }
    reduced.entryApplicant = filtered(entryApplicant)
    reduced.entryPosition = filtered(entryPosition)
    reduced.entryApplicantTier = filtered(entryApplicantTier)
    reduced.entryPositionTier = filtered(entryPositionTier)
    reduced.entryQuotaSlot = filtered(entryQuotaSlot)
    if hasScores { reduced.entryScore = filtered(entryScore) }
    reduced.positionListStart = [0]
    reduced.positionListStart.reserveCapacity(positionCount + 1)
    reduced.positionListEntry = []
    reduced.positionListEntry.reserveCapacity(Int(next))
    for p in 0..<positionCount {
      for k in entries(ofPosition: p) where newIndex[Int(positionListEntry[k])] >= 0 {
        reduced.positionListEntry.append(newIndex[Int(positionListEntry[k])])
      }
      reduced.positionListStart.append(Int32(reduced.positionListEntry.count))
    }
    return reduced
  }
}
