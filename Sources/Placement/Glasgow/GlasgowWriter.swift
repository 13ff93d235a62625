/// An instance in a Glasgow layout, with what the layout could not hold.
public struct GlasgowText: Sendable {
  /// The file's text.
  public var text: String
  /// What was left out because the layout has no place for it and it does not change
  /// who may be placed where (applicant types and attributes).
  public var omitted: [String]
}

extension Instance {
  /// The instance in `format`, agents numbered from 1 in instance order, a tie written
  /// `(a b)` and a tier of one without brackets, one space between words, one line per
  /// agent. Reading the text back with ``init(glasgow:format:name:)`` gives an instance
  /// with the same applicants, positions, lists and capacities (the ids renumbered).
  ///
  /// A position without a list of its own ranks everyone who lists it equally, and is
  /// written so. For `glasgow-spa`, each position must be in exactly one group (its
  /// lecturer) and rank by the group's list restricted to those who list it.
  ///
  /// - Throws: ``ValidationError`` naming, by field path, each feature the layout cannot
  ///   express: minimums, closable positions, type quotas, scores; groups (but in
  ///   `glasgow-spa`); a capacity other than 1 (`glasgow-smti`).
  public func glasgowText(_ format: GlasgowFormat) throws(ValidationError) -> GlasgowText {
    var issues = IssueCollector()
    let layout = quoted(format.rawValue)
    if !typeQuotas.isEmpty { issues.append(ValidationIssue(.root.key("typeQuotas"), "\(layout) has no type quotas")) }
    if !scores.isEmpty { issues.append(ValidationIssue(.root.key("scores"), "\(layout) has no scores")) }
    if format != .spa, !groups.isEmpty {
      issues.append(ValidationIssue(.root.key("groups"), "\(layout) has no groups (glasgow-spa has lecturers)"))
    }
    for (index, position) in positions.enumerated() {
      let path = FieldPath.root.key("positions").index(index)
      if position.minimum > 0 { issues.append(ValidationIssue(path.key("minimum"), "\(layout) has no minimums")) }
      if position.closable {
        issues.append(ValidationIssue(path.key("closable"), "\(layout) has no closable positions"))
      }
      if format == .smti, position.capacity != 1 {
        issues.append(
          ValidationIssue(
            path.key("capacity"), "capacity \(position.capacity): a woman takes one man (use glasgow-hrt)"))
      }
      if format == .spa, position.groups.count != 1 {
        issues.append(
          ValidationIssue(path.key("group"), "a project has exactly one lecturer, not \(position.groups.count) groups"))
      }
    }
    for (index, group) in groups.enumerated() where group.minimum > 0 {
      issues.append(ValidationIssue(.root.key("groups").index(index).key("minimum"), "\(layout) has no minimums"))
    }
    let applicantNumber = Dictionary(
      applicants.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { first, _ in first })
    let positionNumber = Dictionary(
      positions.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { first, _ in first })
    let groupNumber = Dictionary(groups.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { first, _ in first })
    // Who lists each position, in applicant order: a position's effective list keeps only them.
    var listers = [[Int]](repeating: [], count: positions.count)
    for (index, applicant) in applicants.enumerated() {
      for id in applicant.preferences.ids { if let p = positionNumber[id] { listers[p - 1].append(index + 1) } }
    }
    /// A list as numbers; no list ranks `members` (those who list the agent) equally.
    func ranking(_ list: PreferenceList?, among members: [Int]) -> [[Int]] {
      guard let list else { return members.isEmpty ? [] : [members] }
      return list.tiers.map { $0.compactMap { applicantNumber[$0] } }.filter { !$0.isEmpty }
    }
    func restricted(_ tiers: [[Int]], to members: [Int]) -> [[Int]] {
      let allowed = Set(members)
      return tiers.map { $0.filter(allowed.contains) }.filter { !$0.isEmpty }
    }
    var lecturerLists: [[[Int]]] = []
    if format == .spa {
      var groupListers = [Set<Int>](repeating: [], count: groups.count)
      for (index, position) in positions.enumerated() {
        if let group = position.groups.first.flatMap({ groupNumber[$0] }) {
          groupListers[group - 1].formUnion(listers[index])
        }
      }
      lecturerLists = groups.enumerated().map { ranking($1.preferences, among: groupListers[$0].sorted()) }
      for (index, position) in positions.enumerated() {
        guard position.groups.count == 1, let group = groupNumber[position.groups[0]] else { continue }
        let own = restricted(ranking(position.preferences, among: listers[index]), to: listers[index])
        if own != restricted(lecturerLists[group - 1], to: listers[index]) {
          issues.append(
            ValidationIssue(
              .root.key("positions").index(index).key("preferences"),
              "ranks applicants otherwise than its group \(quoted(position.groups[0])) does, which glasgow-spa cannot say"
            ))
        }
      }
    }
    if !issues.isEmpty { throw issues.error }

    func list(_ tiers: [[Int]]) -> String {
      tiers.map { $0.count == 1 ? " \($0[0])" : " (" + $0.map(String.init).joined(separator: " ") + ")" }.joined()
    }
    var text = ""
    let header: [Int] =
      format == .spa ? [applicants.count, positions.count, groups.count] : [applicants.count, positions.count]
    text += header.map(String.init).joined(separator: " ") + "\n"
    for (index, applicant) in applicants.enumerated() {
      let tiers = applicant.preferences.tiers.map { $0.compactMap { positionNumber[$0] } }.filter { !$0.isEmpty }
      text += "\(index + 1)" + list(tiers) + "\n"
    }
    for (index, position) in positions.enumerated() {
      switch format {
      case .hrt:
        text += "\(index + 1) \(position.capacity)" + list(ranking(position.preferences, among: listers[index])) + "\n"
      case .smti: text += "\(index + 1)" + list(ranking(position.preferences, among: listers[index])) + "\n"
      case .spa: text += "\(index + 1) \(position.capacity) \(groupNumber[position.groups[0]]!)\n"
      }
    }
    for (index, group) in groups.enumerated() where format == .spa {
      text += "\(index + 1) \(group.capacity)" + list(lecturerLists[index]) + "\n"
    }
    var omitted: [String] = []
    if applicants.contains(where: { $0.type != nil }) { omitted.append("applicant types") }
    if applicants.contains(where: { !$0.attributes.isEmpty }) { omitted.append("applicant attributes") }
    return GlasgowText(text: text, omitted: omitted)
  }
}
