extension Market {
  /// Validates `instance` and compiles it into dense arrays.
  ///
  /// - Throws: ``ValidationError`` listing every problem found, each with its field path:
  ///   empty, duplicate or unknown ids, ids listed twice, quotas out of range, minimums
  ///   that no set of members could meet, duplicate type quotas or scores.
  /// - Complexity: O(n + m + L log g); see ``Market``.
  public init(compiling instance: Instance) throws(ValidationError) {
    var compiler = MarketCompiler(instance)
    let market = compiler.compile()
    guard compiler.issues.isEmpty else { throw compiler.issues.error }
    assert(market.invariantViolations().isEmpty, "compiled market: \(market.invariantViolations())")
    self = market
  }
}

extension Instance {
  /// The problems that keep this instance from compiling, each with its field path
  /// (at most ``ValidationError/keptIssueLimit`` of them); empty when the instance is valid.
  public func validationIssues() -> [ValidationIssue] {
    var compiler = MarketCompiler(self)
    _ = compiler.compile()
    return compiler.issues.kept
  }
}

/// Validates an instance and compiles it in one pass over its lists.
struct MarketCompiler {
  let instance: Instance
  var issues = IssueCollector()
  var warnings = IssueCollector()
  var market = Market()
  var positionIndex = IdentifierTable(ids: [])
  var applicantIndex = IdentifierTable(ids: [])
  var groupIndex = IdentifierTable(ids: [])
  private var typeIndex: [String: Int32] = [:]

  init(_ instance: Instance) {
    self.instance = instance
  }

  mutating func compile() -> Market {
    market.name = instance.name
    applicantIndex = indexIDs(instance.applicants.map(\.id), field: "applicants")
    positionIndex = indexIDs(instance.positions.map(\.id), field: "positions")
    groupIndex = indexIDs(instance.groups.map(\.id), field: "groups")
    market.applicantIDs = applicantIndex.ids
    market.positionIDs = positionIndex.ids
    market.groupIDs = groupIndex.ids
    let listed = instance.applicants.reduce(0) { $0 + $1.preferences.count }
    guard listed < Int(Int32.max) else {
      issues.append(ValidationIssue(.root.key("applicants"), "\(listed) pairs listed; at most \(Int32.max - 1) fit"))
      return market
    }
    compileTypes()
    compilePositionQuotas()
    compileGroups()
    compileLists()
    compileTypeQuotas()
    compileScores()
    warnAboutEmptyGroups()
    if issues.isEmpty { applyOverrides() }
    market.warnings = warnings.kept
    return market
  }

  // MARK: - Ids

  private mutating func indexIDs(_ ids: [String], field: String) -> IdentifierTable {
    var table = IdentifierTable(ids: ids)
    for (i, id) in ids.enumerated() {
      let path = FieldPath.root.key(field).index(i).key("id")
      if id.isEmpty {
        issues.append(ValidationIssue(path, "empty id"))
      } else if let first = table.insert(i) {
        issues.append(ValidationIssue(path, "duplicate id \(quoted(id)) (first at \(field)[\(first)])"))
      }
    }
    return table
  }

  private mutating func compileTypes() {
    market.applicantType.reserveCapacity(instance.applicants.count)
    for (a, applicant) in instance.applicants.enumerated() {
      guard let type = applicant.type else {
        market.applicantType.append(-1)
        continue
      }
      if type.isEmpty {
        issues.append(ValidationIssue(FieldPath.root.key("applicants").index(a).key("type"), "empty type"))
      }
      market.applicantType.append(internType(type))
    }
  }

  private mutating func internType(_ type: String) -> Int32 {
    if let index = typeIndex[type] { return index }
    let index = Int32(market.typeNames.count)
    typeIndex[type] = index
    market.typeNames.append(type)
    return index
  }

  // MARK: - Positions and groups

  private mutating func compilePositionQuotas() {
    let count = instance.positions.count
    market.positionCapacity.reserveCapacity(count)
    market.positionMinimum.reserveCapacity(count)
    market.positionGroupStart = [0]
    for (p, position) in instance.positions.enumerated() {
      let path = FieldPath.root.key("positions").index(p)
      checkQuota(capacity: position.capacity, minimum: position.minimum, at: path)
      market.positionCapacity.append(Int32(clamping: position.capacity))
      market.positionMinimum.append(Int32(clamping: position.minimum))
      market.positionClosable.append(position.closable)
      market.positionHasPreferences.append(position.preferences != nil)
      market.positionHasTies.append(position.preferences?.hasTies ?? false)
      var seen: [Int32] = []
      for (k, group) in position.groups.enumerated() {
        let groupPath = position.groups.count == 1 ? path.key("group") : path.key("group").index(k)
        guard let g = groupIndex.index(of: group) else {
          issues.append(ValidationIssue(groupPath, "unknown group \(quoted(group))"))
          continue
        }
        if seen.contains(g) {
          issues.append(ValidationIssue(groupPath, "group \(quoted(group)) listed twice"))
          continue
        }
        seen.append(g)
        market.positionGroups.append(g)
      }
      market.positionGroupStart.append(Int32(market.positionGroups.count))
    }
    market.groupPositionStart = countingSortStarts(market.positionGroups, buckets: instance.groups.count)
    market.groupPositions = [Int32](repeating: 0, count: market.positionGroups.count)
    var fill = market.groupPositionStart
    for p in 0..<count {
      for g in market.groups(ofPosition: p) {
        market.groupPositions[Int(fill[Int(g)])] = Int32(p)
        fill[Int(g)] += 1
      }
    }
  }

  private mutating func checkQuota(capacity: Int, minimum: Int, at path: FieldPath) {
    if capacity < 1 {
      issues.append(ValidationIssue(path.key("capacity"), "capacity \(capacity) must be at least 1"))
    } else if capacity > Instance.maximumQuota {
      issues.append(
        ValidationIssue(path.key("capacity"), "capacity \(capacity) is above the largest, \(Instance.maximumQuota)"))
    }
    if minimum < 0 {
      issues.append(ValidationIssue(path.key("minimum"), "minimum \(minimum) must not be negative"))
    } else if capacity >= 1, minimum > capacity {
      issues.append(ValidationIssue(path.key("minimum"), "minimum \(minimum) exceeds capacity \(capacity)"))
    }
  }

  private mutating func compileGroups() {
    market.groupRankStart = [0]
    for (g, group) in instance.groups.enumerated() {
      let path = FieldPath.root.key("groups").index(g)
      checkQuota(capacity: group.capacity, minimum: group.minimum, at: path)
      market.groupCapacity.append(Int32(clamping: group.capacity))
      market.groupMinimum.append(Int32(clamping: group.minimum))
      market.groupHasPreferences.append(group.preferences != nil)
      if let preferences = group.preferences {
        for key in resolveApplicantsSorted(preferences, at: path.key("preferences")) {
          market.groupRankApplicant.append(Int32(key >> 32))
          market.groupRankTier.append(Int32(preferences.tier(at: Int(key & 0xFFFF_FFFF))))
        }
      }
      market.groupRankStart.append(Int32(market.groupRankApplicant.count))
    }
  }

  /// Resolves the applicant ids of a position's or group's list, reporting unknown and
  /// repeated ones. Returns each listed applicant with its entry index in the list,
  /// packed as `applicant << 32 | index` and sorted, so callers can merge it with other
  /// applicant-ordered data instead of looking applicants up one by one.
  private mutating func resolveApplicantsSorted(_ list: PreferenceList, at path: FieldPath) -> [UInt64] {
    var keys: [UInt64] = []
    keys.reserveCapacity(list.count)
    for (i, id) in list.ids.enumerated() {
      guard let a = applicantIndex.index(of: id) else {
        issues.append(ValidationIssue(entryPath(list, i, path), "unknown applicant \(quoted(id))"))
        continue
      }
      keys.append(UInt64(a) << 32 | UInt64(i))
    }
    keys.sort()
    // Repeated applicants are now neighbours; keep the first listing of each.
    var kept = 0
    for k in keys.indices {
      if kept > 0, keys[kept - 1] >> 32 == keys[k] >> 32 {
        let i = Int(keys[k] & 0xFFFF_FFFF)
        let first = Int(keys[kept - 1] & 0xFFFF_FFFF)
        issues.append(
          ValidationIssue(
            entryPath(list, i, path),
            "applicant \(quoted(list.ids[i])) listed twice (first at \(entryPath(list, first, path)))"))
        continue
      }
      keys[kept] = keys[k]
      kept += 1
    }
    keys.removeSubrange(kept...)
    return keys
  }

  /// The path of entry `i` of a preference list: `preferences[3]`, or `preferences[1][0]` in a tie.
  private func entryPath(_ list: PreferenceList, _ i: Int, _ path: FieldPath) -> FieldPath {
    let tier = list.tier(at: i)
    var first = i
    while first > 0, list.tier(at: first - 1) == tier { first -= 1 }
    var last = i
    while last + 1 < list.count, list.tier(at: last + 1) == tier { last += 1 }
    return first == last ? path.index(tier) : path.index(tier).index(i - first)
  }

  // MARK: - Lists

  private mutating func compileLists() {
    let applicantCount = instance.applicants.count
    let positionCount = instance.positions.count

    // Applicants' lists as written, resolved to indices.
    let totalLength = instance.applicants.reduce(0) { $0 + $1.preferences.count }
    var start: [Int32] = [0]
    start.reserveCapacity(applicantCount + 1)
    var entryApplicant: [Int32] = []
    var entryPosition: [Int32] = []
    var entryApplicantTier: [Int32] = []
    entryApplicant.reserveCapacity(totalLength)
    entryPosition.reserveCapacity(totalLength)
    entryApplicantTier.reserveCapacity(totalLength)
    var listedAt = [Int32](repeating: -1, count: positionCount)
    for (a, applicant) in instance.applicants.enumerated() {
      let list = applicant.preferences
      let first = entryPosition.count
      for (i, id) in list.ids.enumerated() {
        guard let p = positionIndex.index(of: id) else {
          let path = FieldPath.root.key("applicants").index(a).key("preferences")
          issues.append(ValidationIssue(entryPath(list, i, path), "unknown position \(quoted(id))"))
          continue
        }
        if listedAt[Int(p)] >= 0 {
          let path = FieldPath.root.key("applicants").index(a).key("preferences")
          issues.append(
            ValidationIssue(
              entryPath(list, i, path),
              "position \(quoted(id)) listed twice (first at \(entryPath(list, Int(listedAt[Int(p)]), path)))"))
          continue
        }
        listedAt[Int(p)] = Int32(i)
        entryApplicant.append(Int32(a))
        entryPosition.append(p)
        entryApplicantTier.append(Int32(list.tier(at: i)))
      }
      for k in first..<entryPosition.count { listedAt[Int(entryPosition[k])] = -1 }
      start.append(Int32(entryPosition.count))
    }

    // Entries grouped by position (a stable counting sort), each group in applicant order.
    var byPositionStart = countingSortStarts(entryPosition, buckets: positionCount)
    var byPosition = [Int32](repeating: 0, count: entryPosition.count)
    var byPositionApplicant: [Int32] = []
    let someRanked = instance.positions.contains { $0.preferences != nil }
    if someRanked { byPositionApplicant = [Int32](repeating: 0, count: entryPosition.count) }
    var fill = byPositionStart
    for e in entryPosition.indices {
      let p = Int(entryPosition[e])
      byPosition[Int(fill[p])] = Int32(e)
      if someRanked { byPositionApplicant[Int(fill[p])] = entryApplicant[e] }
      fill[p] += 1
    }

    // A ranked position's tier of each entry's applicant (−1 when it does not list the
    // applicant), and its bucket reordered by its preferences, unlisted entries last as
    // −1. Both sides are merged in applicant order, so no step looks anything up at random.
    var entryPositionTier = [Int32](repeating: 0, count: entryPosition.count)
    var someRemoved = false
    var matched: [Int32] = []
    for (p, position) in instance.positions.enumerated() {
      guard let preferences = position.preferences else { continue }
      let path = FieldPath.root.key("positions").index(p).key("preferences")
      let listed = resolveApplicantsSorted(preferences, at: path)
      matched.removeAll(keepingCapacity: true)
      matched.append(contentsOf: repeatElement(-1, count: preferences.count))
      let bucket = Int(byPositionStart[p])..<Int(byPositionStart[p + 1])
      var cursor = 0
      for k in bucket {
        let a = UInt64(UInt32(byPositionApplicant[k]))
        while cursor < listed.count, listed[cursor] >> 32 < a { cursor += 1 }
        let e = Int(byPosition[k])
        if cursor < listed.count, listed[cursor] >> 32 == a {
          let i = Int(listed[cursor] & 0xFFFF_FFFF)
          matched[i] = Int32(e)
          entryPositionTier[e] = Int32(preferences.tier(at: i))
        } else {
          entryPositionTier[e] = -1
          someRemoved = true
        }
      }
      var next = bucket.lowerBound
      for e in matched where e >= 0 {
        byPosition[next] = e
        next += 1
      }
      for k in next..<bucket.upperBound { byPosition[k] = -1 }
    }

    // Keep only mutually acceptable pairs, compacting in place.
    if someRemoved {
      var newIndex = [Int32](repeating: -1, count: entryPosition.count)
      var kept = 0
      let written = start
      for a in 0..<applicantCount {
        for e in Int(written[a])..<Int(written[a + 1]) where entryPositionTier[e] >= 0 {
          newIndex[e] = Int32(kept)
          entryApplicant[kept] = entryApplicant[e]
          entryPosition[kept] = entryPosition[e]
          entryApplicantTier[kept] = entryApplicantTier[e]
          entryPositionTier[kept] = entryPositionTier[e]
          kept += 1
        }
        start[a + 1] = Int32(kept)
      }
      entryApplicant.removeSubrange(kept...)
      entryPosition.removeSubrange(kept...)
      entryApplicantTier.removeSubrange(kept...)
      entryPositionTier.removeSubrange(kept...)
      var keptByPosition = 0
      for p in 0..<positionCount {
        let bucket = Int(byPositionStart[p])..<Int(byPositionStart[p + 1])
        byPositionStart[p] = Int32(keptByPosition)
        for k in bucket where byPosition[k] >= 0 && newIndex[Int(byPosition[k])] >= 0 {
          byPosition[keptByPosition] = newIndex[Int(byPosition[k])]
          keptByPosition += 1
        }
      }
      byPositionStart[positionCount] = Int32(keptByPosition)
      byPosition.removeSubrange(keptByPosition...)
    }

    market.applicantListStart = start
    market.entryApplicant = entryApplicant
    market.entryPosition = entryPosition
    market.entryApplicantTier = entryApplicantTier
    market.entryPositionTier = entryPositionTier
    market.positionListStart = byPositionStart
    market.positionListEntry = byPosition
  }

  /// Bucket starts (`buckets + 1` values) of a counting sort of `keys`.
  private func countingSortStarts(_ keys: [Int32], buckets: Int) -> [Int32] {
    var starts = [Int32](repeating: 0, count: buckets + 1)
    for key in keys { starts[Int(key) + 1] += 1 }
    for b in 0..<buckets { starts[b + 1] += starts[b] }
    return starts
  }

  // MARK: - Type quotas and scores

  private mutating func compileTypeQuotas() {
    var quotas: [(position: Int32, type: Int32, capacity: Int32)] = []
    var rules: [TypeRule] = []
    let applicantTypes = Int32(market.typeNames.count)
    var seen = Set<Int64>()
    for (q, quota) in instance.typeQuotas.enumerated() {
      let path = FieldPath.root.key("typeQuotas").index(q)
      guard let holder = typeQuotaHolder(quota, at: path) else { continue }
      if quota.type.isEmpty { issues.append(ValidationIssue(path.key("type"), "empty type")) }
      if !quota.type.isEmpty, (typeIndex[quota.type] ?? applicantTypes) >= applicantTypes {
        warnings.append(
          ValidationIssue(
            path.key("type"), "no applicant has type \(quoted(quota.type)), so this quota limits nobody"))
      }
      let limits = typeQuotaLimits(quota, at: path)
      let t = internType(quota.type)
      // Positions are 0..<positionCount, group g is positionCount + g.
      let key = (holder.position >= 0 ? Int64(holder.position) : Int64(market.positionCount) + Int64(holder.group))
      guard seen.insert(key << 32 | Int64(t)).inserted else {
        issues.append(
          ValidationIssue(path, "second quota for type \(quoted(quota.type)) at \(quota.holderDescription)"))
        continue
      }
      guard let limits else { continue }
      var rule = TypeRule(position: holder.position, group: holder.group, type: t)
      rule.minimum = limits.minimum
      rule.minimumShare = limits.minimumShare
      rule.maximumShare = limits.maximumShare
      if holder.position >= 0, let capacity = limits.capacity {
        quotas.append((holder.position, t, capacity))
      } else if let capacity = limits.capacity {
        rule.capacity = capacity
      }
      if rule.hasLimits { rules.append(rule) }
    }
    market.typeRules = rules
    market.indexTypeRules()
    // Slots are grouped by position so each position's slots form one range.
    quotas.sort { ($0.position, $0.type) < ($1.position, $1.type) }
    market.quotaPosition = quotas.map(\.position)
    market.quotaType = quotas.map(\.type)
    market.quotaCapacity = quotas.map(\.capacity)
    market.positionQuotaStart = countingSortStarts(market.quotaPosition, buckets: instance.positions.count)
    market.entryQuotaSlot = [Int32](repeating: -1, count: market.entryPosition.count)
    guard !quotas.isEmpty else { return }
    for e in market.entryPosition.indices {
      let t = market.applicantType[Int(market.entryApplicant[e])]
      guard t >= 0 else { continue }
      for slot in market.quotaSlots(ofPosition: Int(market.entryPosition[e])) where market.quotaType[slot] == t {
        market.entryQuotaSlot[e] = Int32(slot)
      }
    }
  }

  /// The position or group a type quota holds at, or `nil` (with an issue).
  private mutating func typeQuotaHolder(_ quota: TypeQuota, at path: FieldPath) -> (position: Int32, group: Int32)? {
    switch (quota.position, quota.group) {
    case (let position?, nil):
      guard let p = positionIndex.index(of: position) else {
        issues.append(ValidationIssue(path.key("position"), "unknown position \(quoted(position))"))
        return nil
      }
      return (Int32(p), -1)
    case (nil, let group?):
      guard let g = groupIndex.index(of: group) else {
        issues.append(ValidationIssue(path.key("group"), "unknown group \(quoted(group))"))
        return nil
      }
      return (-1, Int32(g))
    case (_?, _?):
      issues.append(ValidationIssue(path, "both \"position\" and \"group\"; a quota holds at one"))
      return nil
    case (nil, nil):
      issues.append(ValidationIssue(path, "neither \"position\" nor \"group\""))
      return nil
    }
  }

  /// A type quota's counts and shares (shares in ten-thousandths), or `nil` (with issues).
  private mutating func typeQuotaLimits(_ quota: TypeQuota, at path: FieldPath) -> (
    capacity: Int32?, minimum: Int32, minimumShare: Int32, maximumShare: Int32
  )? {
    var valid = true
    func count(_ value: Int?, _ field: String) -> Int32? {
      guard let value else { return nil }
      if value < 0 {
        issues.append(ValidationIssue(path.key(field), "\(field) \(value) must not be negative"))
        valid = false
      } else if value > Instance.maximumQuota {
        issues.append(
          ValidationIssue(path.key(field), "\(field) \(value) is above the largest, \(Instance.maximumQuota)"))
        valid = false
      }
      return Int32(clamping: value)
    }
    func share(_ value: Double?, _ field: String) -> Int32? {
      guard let value else { return nil }
      let scaled = value * Double(TypeRule.wholeShare)
      if !(0...1).contains(value) {
        issues.append(ValidationIssue(path.key(field), "\(field) \(value) is not between 0 and 1"))
        valid = false
      } else if abs(scaled - scaled.rounded()) > 1e-6 {
        issues.append(ValidationIssue(path.key(field), "\(field) \(value) has more than four decimal places"))
        valid = false
      }
      return Int32(scaled.rounded())
    }
    let capacity = count(quota.capacity, "capacity")
    let minimum = count(quota.minimum, "minimum")
    let maximumShare = share(quota.maximumShare, "maximumShare")
    let minimumShare = share(quota.minimumShare, "minimumShare")
    if capacity == nil && minimum == nil && maximumShare == nil && minimumShare == nil {
      issues.append(
        ValidationIssue(path, "no limit: give \"capacity\", \"minimum\", \"maximumShare\" or \"minimumShare\""))
      valid = false
    }
    if let capacity, let minimum, minimum > capacity {
      issues.append(ValidationIssue(path.key("minimum"), "minimum \(minimum) is above capacity \(capacity)"))
      valid = false
    }
    if let maximumShare, let minimumShare, minimumShare > maximumShare {
      issues.append(
        ValidationIssue(
          path.key("minimumShare"),
          "minimumShare \(quota.minimumShare ?? 0) is above maximumShare \(quota.maximumShare ?? 0)"))
      valid = false
    }
    guard valid else { return nil }
    return (capacity, minimum ?? 0, minimumShare ?? 0, maximumShare ?? TypeRule.wholeShare)
  }

  private mutating func compileScores() {
    guard !instance.scores.isEmpty else { return }
    var valueOf: [Int64: Double] = [:]
    var scoreAt: [Int64: Int] = [:]
    valueOf.reserveCapacity(instance.scores.count)
    for (s, score) in instance.scores.enumerated() {
      let path = FieldPath.root.key("scores").index(s)
      let a = applicantIndex.index(of: score.applicant)
      let p = positionIndex.index(of: score.position)
      if a == nil {
        issues.append(ValidationIssue(path.key("applicant"), "unknown applicant \(quoted(score.applicant))"))
      }
      if p == nil {
        issues.append(ValidationIssue(path.key("position"), "unknown position \(quoted(score.position))"))
      }
      if !(abs(score.value) <= Instance.maximumScoreMagnitude) {
        issues.append(
          ValidationIssue(
            path.key("value"),
            "value \(score.value) is out of range: scores lie between −\(Int(Instance.maximumScoreMagnitude)) "
              + "and \(Int(Instance.maximumScoreMagnitude))"))
      }
      guard let a, let p else { continue }
      scoreAt[Int64(a) << 32 | Int64(p)] = s
      if valueOf.updateValue(score.value, forKey: Int64(a) << 32 | Int64(p)) != nil {
        issues.append(
          ValidationIssue(
            path, "second score for applicant \(quoted(score.applicant)) at position \(quoted(score.position))"))
      }
    }
    market.entryScore = market.entryPosition.indices.map { e in
      let key = Int64(market.entryApplicant[e]) << 32 | Int64(market.entryPosition[e])
      scoreAt[key] = nil
      return valueOf[key] ?? 0
    }
    for s in scoreAt.values.sorted() {
      let score = instance.scores[s]
      warnings.append(
        ValidationIssue(
          .root.key("scores").index(s),
          "\(quoted(score.applicant)) and \(quoted(score.position)) are not mutually acceptable, "
            + "so this score is never used"))
    }
  }

  // MARK: - Warnings

  private mutating func warnAboutEmptyGroups() {
    for (g, group) in instance.groups.enumerated() where market.positions(ofGroup: g).isEmpty && group.minimum == 0 {
      warnings.append(
        ValidationIssue(
          .root.key("groups").index(g), "no position names group \(quoted(group.id)), so its quota limits nothing"))
    }
  }

}
