/// A ``TypeQuota`` compiled for counting: one position's or one group's limits on one
/// applicant type, other than a position's plain upper count (a type-quota slot, which
/// strategies treat as seats of their own).
///
/// Shares are in ten-thousandths of the holder's placed applicants, so every test is
/// exact integer arithmetic.
package struct TypeRule: Sendable, Hashable {
  /// A share of 1, in the units shares are kept in.
  package static let wholeShare: Int32 = 10_000

  /// The position the rule holds at, or −1 at a group.
  package var position: Int32
  /// The group the rule holds at, or −1 at a position.
  package var group: Int32
  /// The applicant type it counts.
  package var type: Int32
  /// The most of the type, or `Int32.max`.
  package var capacity: Int32 = .max
  /// The fewest of the type.
  package var minimum: Int32 = 0
  /// The smallest share of the type, in ten-thousandths.
  package var minimumShare: Int32 = 0
  /// The largest share of the type, in ten-thousandths.
  package var maximumShare: Int32 = wholeShare

  /// Whether the rule limits anything.
  var hasLimits: Bool { hasUpperLimit || hasLowerLimit }
  /// Whether it caps the type: a capacity or a maximum share.
  package var hasUpperLimit: Bool { capacity < .max || maximumShare < Self.wholeShare }
  /// Whether it asks for the type: a minimum or a minimum share.
  package var hasLowerLimit: Bool { minimum > 0 || minimumShare > 0 }

  /// Whether `count` applicants of the type among `fill` placed keep the capacity and the
  /// maximum share.
  package func keepsUpperLimits(count: Int, fill: Int) -> Bool {
    count <= Int(capacity) && Int64(Self.wholeShare) * Int64(count) <= Int64(maximumShare) * Int64(fill)
  }

  /// The fewest applicants of the type that `fill` placed must include: the minimum, or
  /// the minimum share of `fill` rounded up, whichever is more.
  package func required(fill: Int) -> Int {
    let share = (Int64(minimumShare) * Int64(fill) + Int64(Self.wholeShare) - 1) / Int64(Self.wholeShare)
    return max(Int(minimum), Int(share))
  }

  /// Whether one more applicant of the type, the fill one larger with it, would break the
  /// capacity or the maximum share: the rule then refuses applicants of the type from
  /// outside its holder, as a full group does.
  package func isReached(count: Int, fill: Int) -> Bool {
    !keepsUpperLimits(count: count + 1, fill: fill + 1)
  }
}

extension Market {
  /// The type rules that hold at position `p` or at one of its groups (indices into
  /// ``typeRules``).
  package func typeRules(coveringPosition p: Int) -> ArraySlice<Int32> {
    guard !typeRuleCoverageStart.isEmpty else { return [] }
    return typeRuleCoverage[Int(typeRuleCoverageStart[p])..<Int(typeRuleCoverageStart[p + 1])]
  }

  /// The positions type rule `r` holds over: its position, or its group's positions.
  package func positions(ofTypeRule r: Int) -> [Int32] {
    let rule = typeRules[r]
    return rule.position >= 0 ? [rule.position] : Array(positions(ofGroup: Int(rule.group)))
  }

  /// The name of rule `r`'s holder: `position "p"` or `group "g"`.
  package func holderDescription(ofTypeRule r: Int) -> String {
    let rule = typeRules[r]
    return rule.position >= 0
      ? "position \(quoted(positionIDs[Int(rule.position)]))" : "group \(quoted(groupIDs[Int(rule.group)]))"
  }

  /// Per type rule, how many applicants of its type and how many in all `assignment`
  /// places under its holder (each placed applicant's position must be a valid index).
  package func typeRuleTallies(_ assignment: [Int32]) -> [(count: Int, fill: Int)] {
    var tallies = [(count: Int, fill: Int)](repeating: (0, 0), count: typeRules.count)
    guard !typeRules.isEmpty else { return tallies }
    for (a, p) in assignment.enumerated() where p >= 0 {
      for r32 in typeRules(coveringPosition: Int(p)) {
        let r = Int(r32)
        tallies[r].fill += 1
        if typeRules[r].type == applicantType[a] { tallies[r].count += 1 }
      }
    }
    return tallies
  }

  /// How many applicants of rule `r`'s type a holder with `fill` placed must take: none
  /// when it is a closable position that closed.
  package func requiredCount(ofTypeRule r: Int, fill: Int) -> Int {
    let rule = typeRules[r]
    if rule.position >= 0, fill == 0, positionClosable[Int(rule.position)] { return 0 }
    return rule.required(fill: fill)
  }

  /// Fills ``typeRuleCoverage`` from ``typeRules`` and the groups.
  mutating func indexTypeRules() {
    guard !typeRules.isEmpty else { return }
    var covering = [[Int32]](repeating: [], count: positionCount)
    for r in typeRules.indices {
      for p in positions(ofTypeRule: r) { covering[Int(p)].append(Int32(r)) }
    }
    typeRuleCoverageStart = [0]
    typeRuleCoverageStart.reserveCapacity(positionCount + 1)
    for rules in covering {
      typeRuleCoverage += rules
      typeRuleCoverageStart.append(Int32(typeRuleCoverage.count))
    }
  }
}

/// A type rule's limits in an operator's words.
enum TypeRuleText {
  /// `3`, `70%` or `3 and 70%`.
  static func upper(_ rule: TypeRule) -> String {
    limits(count: rule.capacity < .max ? rule.capacity : nil, share: rule.maximumShare, unless: TypeRule.wholeShare)
  }

  /// `3`, `30%` or `3 and 30%`.
  static func lower(_ rule: TypeRule) -> String {
    limits(count: rule.minimum > 0 ? rule.minimum : nil, share: rule.minimumShare, unless: 0)
  }

  private static func limits(count: Int32?, share: Int32, unless none: Int32) -> String {
    var parts: [String] = []
    if let count { parts.append(String(count)) }
    if share != none { parts.append(percent(share)) }
    return parts.joined(separator: " and ")
  }

  /// A share in ten-thousandths as a percentage: `70%`, `33.33%`.
  static func percent(_ share: Int32) -> String {
    let whole = share / 100
    let fraction = share % 100
    guard fraction != 0 else { return "\(whole)%" }
    return fraction % 10 == 0 ? "\(whole).\(fraction / 10)%" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
  }
}

extension Market {
  /// Each type rule's minimum or minimum share that `assignment` misses, counted in
  /// applicants of the rule's type.
  public func typeRuleShortfalls(in assignment: [Int32]) -> [MinimumShortfall] {
    zip(typeRules.indices, typeRuleTallies(assignment)).compactMap { r, tally in
      let required = requiredCount(ofTypeRule: r, fill: tally.fill)
      guard tally.count < required else { return nil }
      let rule = typeRules[r]
      return MinimumShortfall(
        name: rule.position >= 0 ? positionIDs[Int(rule.position)] : groupIDs[Int(rule.group)],
        isGroup: rule.position < 0, type: typeNames[Int(rule.type)], minimum: required, reached: tally.count)
    }
  }
}
