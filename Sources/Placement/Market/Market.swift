/// The compiled, immutable form of an ``Instance`` that every strategy runs on.
///
/// Applicants, positions, groups and types are dense 0-based indices. Each
/// applicant's list holds only mutually acceptable positions, in CSR form
/// (`applicantListStart[a] ..< applicantListStart[a + 1]`), and every entry of it
/// carries both sides' tiers, so no strategy needs a lookup table or a string.
/// Each position's list is the same pairs seen from the position's side.
///
/// ```swift
/// let market = try Market(compiling: instance)
/// let solution = try DeferredAcceptance().solve(market)
/// ```
///
/// - Complexity: building is O(n + m + L log g) for n applicants, m positions,
///   L total list length and g the longest group preference list.
public struct Market: Sendable {
  /// The instance's name.
  public internal(set) var name: String = ""
  /// Applicant ids by index.
  public internal(set) var applicantIDs: [String] = []
  /// Position ids by index.
  public internal(set) var positionIDs: [String] = []
  /// Group ids by index.
  public internal(set) var groupIDs: [String] = []
  /// Applicant type names by index.
  public internal(set) var typeNames: [String] = []
  /// What compiling found valid but likely a mistake, each with its field path: a type
  /// quota for a type no applicant has, a score for a pair that is not mutually
  /// acceptable, a group without positions (at most ``ValidationError/keptIssueLimit``).
  public internal(set) var warnings: [ValidationIssue] = []

  /// The instance's `locked` pairs, in instance order: each applicant's list holds only
  /// its locked position, which ranks it above every applicant that is not locked there
  /// (locked applicants in instance order), as do the position's groups; a locked
  /// position cannot close.
  public internal(set) var lockedPairs: [MarketPair] = []
  /// The instance's `forbidden` pairs that both sides listed, in instance order; they are
  /// not in the lists.
  public internal(set) var forbiddenPairs: [MarketPair] = []

  // MARK: Applicant lists (CSR over mutually acceptable pairs)

  /// Start of each applicant's entries; `applicantCount + 1` values.
  package internal(set) var applicantListStart: [Int32] = []
  /// The applicant of each entry.
  package internal(set) var entryApplicant: [Int32] = []
  /// The position of each entry.
  package internal(set) var entryPosition: [Int32] = []
  /// The applicant's tier (0 = best) of the entry's position.
  package internal(set) var entryApplicantTier: [Int32] = []
  /// The position's tier of the entry's applicant (0 when the position is indifferent).
  package internal(set) var entryPositionTier: [Int32] = []
  /// The type-quota slot that governs the entry's pair, or −1.
  package internal(set) var entryQuotaSlot: [Int32] = []
  /// The score of each entry, or empty when the instance has no scores.
  package internal(set) var entryScore: [Double] = []

  // MARK: Position lists (the same pairs, seen from positions)

  /// Start of each position's entries; `positionCount + 1` values.
  package internal(set) var positionListStart: [Int32] = []
  /// The applicant-side entry index of each position-side entry, in the position's order
  /// (its preferences when it has them, else applicant index order).
  package internal(set) var positionListEntry: [Int32] = []

  // MARK: Quotas

  /// Upper quota of each position.
  package internal(set) var positionCapacity: [Int32] = []
  /// Lower quota of each position.
  package internal(set) var positionMinimum: [Int32] = []
  /// Whether each position may close instead of meeting its minimum.
  package internal(set) var positionClosable: [Bool] = []
  /// Whether each position ranks applicants (if not, it is indifferent).
  package internal(set) var positionHasPreferences: [Bool] = []
  /// Whether each position's own ranking has ties.
  package internal(set) var positionHasTies: [Bool] = []
  /// Start of each position's groups; `positionCount + 1` values.
  package internal(set) var positionGroupStart: [Int32] = []
  /// The groups of each position.
  package internal(set) var positionGroups: [Int32] = []
  /// Start of each group's positions; `groupCount + 1` values.
  package internal(set) var groupPositionStart: [Int32] = []
  /// The positions of each group.
  package internal(set) var groupPositions: [Int32] = []
  /// Upper quota of each group.
  package internal(set) var groupCapacity: [Int32] = []
  /// Lower quota of each group.
  package internal(set) var groupMinimum: [Int32] = []
  /// Start of each group's ranked applicants; `groupCount + 1` values.
  package internal(set) var groupRankStart: [Int32] = []
  /// Ranked applicants of each group, sorted by applicant index.
  package internal(set) var groupRankApplicant: [Int32] = []
  /// The group's tier of each ranked applicant.
  package internal(set) var groupRankTier: [Int32] = []
  /// Whether each group ranks applicants.
  package internal(set) var groupHasPreferences: [Bool] = []
  /// Start of each position's type-quota slots; `positionCount + 1` values.
  package internal(set) var positionQuotaStart: [Int32] = []
  /// Type of each applicant, or −1.
  package internal(set) var applicantType: [Int32] = []
  /// Position, type and capacity of each type-quota slot.
  package internal(set) var quotaPosition: [Int32] = []
  package internal(set) var quotaType: [Int32] = []
  package internal(set) var quotaCapacity: [Int32] = []
  /// The type quotas that are not a position's plain upper count: group quotas, minimums
  /// and shares.
  package internal(set) var typeRules: [TypeRule] = []
  /// Start of each position's covering type rules; `positionCount + 1` values, or empty
  /// when there are no type rules.
  package internal(set) var typeRuleCoverageStart: [Int32] = []
  /// The type rules covering each position: held at it or at one of its groups.
  package internal(set) var typeRuleCoverage: [Int32] = []

  // MARK: Sizes

  /// The number of applicants.
  public var applicantCount: Int { applicantIDs.count }
  /// The number of positions.
  public var positionCount: Int { positionIDs.count }
  /// The number of groups.
  public var groupCount: Int { groupIDs.count }
  /// The number of mutually acceptable applicant–position pairs.
  public var pairCount: Int { entryPosition.count }
  /// Whether the instance has scores.
  public var hasScores: Bool { !entryScore.isEmpty }

  /// The applicant-side entries of applicant `a`.
  package func entries(ofApplicant a: Int) -> Range<Int> {
    Int(applicantListStart[a])..<Int(applicantListStart[a + 1])
  }

  /// The position-side entries of position `p` (indices into `positionListEntry`).
  package func entries(ofPosition p: Int) -> Range<Int> {
    Int(positionListStart[p])..<Int(positionListStart[p + 1])
  }

  /// Position `p`'s entries (applicant-side indices) tier by tier, best first; one tier
  /// when the position is indifferent.
  package func entryTiers(ofPosition p: Int) -> [[Int]] {
    var tiers: [[Int]] = []
    var previous: Int32?
    for k in entries(ofPosition: p) {
      let e = Int(positionListEntry[k])
      if entryPositionTier[e] != previous { tiers.append([]) }
      tiers[tiers.count - 1].append(e)
      previous = entryPositionTier[e]
    }
    return tiers
  }

  /// Whether position `p` can refuse an applicant only by being full of better ones: no
  /// groups, no type quotas, not closable.
  package func refusesOnlyWhenFull(position p: Int) -> Bool {
    !positionClosable[p] && groups(ofPosition: p).isEmpty && quotaSlots(ofPosition: p).isEmpty
      && !typeRules(coveringPosition: p).contains { typeRules[Int($0)].hasUpperLimit }
  }

  /// The groups of position `p`.
  package func groups(ofPosition p: Int) -> ArraySlice<Int32> {
    positionGroups[Int(positionGroupStart[p])..<Int(positionGroupStart[p + 1])]
  }

  /// The type-quota slots of position `p`.
  package func quotaSlots(ofPosition p: Int) -> Range<Int> {
    Int(positionQuotaStart[p])..<Int(positionQuotaStart[p + 1])
  }

  /// The positions of group `g`.
  package func positions(ofGroup g: Int) -> ArraySlice<Int32> {
    groupPositions[Int(groupPositionStart[g])..<Int(groupPositionStart[g + 1])]
  }

  /// The group's tier of applicant `a`; applicants the group does not rank share the
  /// tier after the last, and every applicant has tier 0 in a group without preferences.
  package func groupTier(_ g: Int, applicant a: Int) -> Int32 {
    guard groupHasPreferences[g] else { return 0 }
    let start = Int(groupRankStart[g])
    let end = Int(groupRankStart[g + 1])
    var low = start
    var high = end
    while low < high {
      let middle = (low + high) / 2
      if groupRankApplicant[middle] < Int32(a) { low = middle + 1 } else { high = middle }
    }
    if low < end, groupRankApplicant[low] == Int32(a) { return groupRankTier[low] }
    return Int32.max
  }

  /// The entry of applicant `a` for position `p`, or `nil` when the pair is not acceptable.
  package func entry(applicant a: Int, position p: Int) -> Int? {
    entries(ofApplicant: a).first { entryPosition[$0] == Int32(p) }
  }
}

extension Market {
  /// The positions applicant `a` and they find mutually acceptable, best first.
  public func acceptablePositions(of a: Int) -> [Int] {
    entries(ofApplicant: a).map { Int(entryPosition[$0]) }
  }

  /// The tier (0 = best) applicant `a` gives position `p`, or `nil` when the pair is not acceptable.
  public func tier(ofApplicant a: Int, for p: Int) -> Int? {
    entry(applicant: a, position: p).map { Int(entryApplicantTier[$0]) }
  }

  /// The upper quota of position `p`.
  public func capacity(of p: Int) -> Int {
    Int(positionCapacity[p])
  }
}
