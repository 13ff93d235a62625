extension Instance {
  /// This instance after `changes` (see ``SeasonChanges`` for what each field does).
  ///
  /// - Throws: ``ValidationError`` naming each change that does not fit the instance, by
  ///   its path in the changes (`withdrawn[2]: unknown applicant "s9"`): an unknown id, a
  ///   capacity below 1. The result is not validated; compile it.
  /// - Complexity: O(size of the instance).
  public func applying(_ changes: SeasonChanges) throws(ValidationError) -> Instance {
    var issues = IssueCollector()
    let applicantIDs = Set(applicants.map(\.id))
    let positionIDs = Set(positions.map(\.id))
    let groupIDs = Set(groups.map(\.id))
    for (i, id) in changes.withdrawn.enumerated() where !applicantIDs.contains(id) {
      issues.append(ValidationIssue(.root.key("withdrawn").index(i), "unknown applicant \(quoted(id))"))
    }
    for (i, id) in changes.closed.enumerated() where !positionIDs.contains(id) {
      issues.append(ValidationIssue(.root.key("closed").index(i), "unknown position \(quoted(id))"))
    }
    for (id, capacity) in changes.capacities.sorted(by: { $0.key < $1.key }) {
      let path = FieldPath.root.key("capacities").key(id)
      if !positionIDs.contains(id) && !groupIDs.contains(id) {
        issues.append(ValidationIssue(path, "unknown position or group \(quoted(id))"))
      } else if capacity < 1 {
        issues.append(ValidationIssue(path, "capacity \(capacity) must be at least 1; list the position under closed"))
      }
    }
    guard issues.isEmpty else { throw issues.error }

    let gone = Set(changes.withdrawn)
    let closed = Set(changes.closed)
    var changed = self
    changed.applicants = applicants.filter { !gone.contains($0.id) }
    for a in changed.applicants.indices where changed.applicants[a].preferences.ids.contains(where: closed.contains) {
      changed.applicants[a].preferences = changed.applicants[a].preferences.removing(closed)
    }
    changed.positions = positions.filter { !closed.contains($0.id) }
    for p in changed.positions.indices {
      changed.positions[p].preferences = changed.positions[p].preferences?.removing(gone)
      if let capacity = changes.capacities[changed.positions[p].id] { changed.positions[p].capacity = capacity }
    }
    for g in changed.groups.indices {
      changed.groups[g].preferences = changed.groups[g].preferences?.removing(gone)
      if let capacity = changes.capacities[changed.groups[g].id] { changed.groups[g].capacity = capacity }
    }
    changed.typeQuotas = typeQuotas.filter { $0.position.map { !closed.contains($0) } ?? true }
    let keepsPair = { (applicant: String, position: String) in !gone.contains(applicant) && !closed.contains(position) }
    changed.scores = scores.filter { keepsPair($0.applicant, $0.position) }
    changed.locked = locked.filter { keepsPair($0.applicant, $0.position) }
    changed.forbidden = forbidden.filter { keepsPair($0.applicant, $0.position) }
    changed.add(changes.added)
    return changed
  }

  /// Appends `newcomers`, and each to the bottom of every ranking position it lists that
  /// does not rank it yet (one tie per position).
  private mutating func add(_ newcomers: [Applicant]) {
    guard !newcomers.isEmpty else { return }
    applicants += newcomers
    var index: [String: Int] = [:]
    for (p, position) in positions.enumerated() { index[position.id] = p }
    var appended = [[String]](repeating: [], count: positions.count)
    for applicant in newcomers {
      for id in applicant.preferences.ids {
        guard let p = index[id], let ranking = positions[p].preferences, !ranking.ids.contains(applicant.id) else {
          continue
        }
        appended[p].append(applicant.id)
      }
    }
    for p in positions.indices where !appended[p].isEmpty {
      positions[p].preferences = PreferenceList(tiers: (positions[p].preferences?.tiers ?? []) + [appended[p]])
    }
  }
}

extension PreferenceList {
  /// The list without the ids in `removed`, its tiers otherwise kept.
  func removing(_ removed: Set<String>) -> PreferenceList {
    guard ids.contains(where: removed.contains) else { return self }
    return PreferenceList(tiers: tiers.map { $0.filter { !removed.contains($0) } }.filter { !$0.isEmpty })
  }
}
