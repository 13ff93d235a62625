/// What an assignment is worth, computed from the market alone, whatever strategy made it.
///
/// Every strategy's tests check their results through it: validity (mutual
/// acceptability and every quota), blocking pairs under the format's weak-stability
/// definition, and the profile operators compare strategies by.
///
/// ```swift
/// let evaluation = Evaluation(market, solution.assignment)
/// precondition(evaluation.isValid && evaluation.blockingPairCount == 0)
/// ```
///
/// - Complexity: O(L + n log g) for L total list length and n applicants.
public struct Evaluation: Sendable {
  /// A mutually acceptable pair that blocks the assignment.
  public struct BlockingPair: Sendable, Hashable {
    /// The applicant's index.
    public var applicant: Int
    /// The position's index.
    public var position: Int

    /// Creates a pair.
    public init(applicant: Int, position: Int) {
      self.applicant = applicant
      self.position = position
    }
  }

  /// Every way the assignment breaks the market's rules, one message each; empty when valid.
  public internal(set) var violations: [String] = []
  /// The number of blocking pairs.
  public internal(set) var blockingPairCount = 0
  /// The first blocking pairs found, at most the limit given at creation.
  public internal(set) var blockingPairs: [BlockingPair] = []
  /// The number of applicants placed.
  public internal(set) var matched = 0
  /// `rankProfile[k]` counts applicants placed at their (k+1)-th tier.
  public internal(set) var rankProfile: [Int] = []
  /// The sum of placed applicants' ranks (1 = first tier).
  public internal(set) var rankSum = 0
  /// The total score of the placed pairs, when the market has scores.
  public internal(set) var scoreTotal: Double?
  /// How many applicants each position takes.
  public internal(set) var positionFill: [Int] = []
  /// How many applicants each group takes.
  public internal(set) var groupFill: [Int] = []
  /// How many applicants of each type are placed, and how many there are.
  public internal(set) var typeFill: [(placed: Int, total: Int)] = []

  /// Per type rule of the market, the placed applicants of its type and in all under its
  /// holder.
  package internal(set) var typeRuleTallies: [(count: Int, fill: Int)] = []

  /// How many of ``violations`` are minimums missed (of positions, groups and type rules)
  /// or locked pairs not kept: what an `infeasible` result may show.
  public internal(set) var minimumsMissed = 0

  /// Whether the assignment meets every rule of the market but, perhaps, minimums.
  public var meetsEveryRuleButMinimums: Bool { violations.count == minimumsMissed }

  /// Whether the assignment meets every rule of the market.
  public var isValid: Bool { violations.isEmpty }
  /// Whether the assignment is valid and no pair blocks it.
  public var isStable: Bool { isValid && blockingPairCount == 0 }

  /// Evaluates `assignment` (each applicant's position index, or −1) in `market`.
  ///
  /// A closable position that takes nobody is closed: a pair with it blocks only when
  /// its minimum is at most 1, since one applicant alone could not reopen it.
  public init(_ market: Market, _ assignment: [Int32], blockingPairLimit: Int = 100) {
    guard assignment.count == market.applicantCount else {
      violations.append("assignment has \(assignment.count) applicants; the market has \(market.applicantCount)")
      return
    }
    let heldEntry = checkPairs(market, assignment)
    countFill(market, heldEntry)
    checkQuotas(market)
    typeRuleTallies = market.typeRuleTallies(heldEntry.indices.map { heldEntry[$0] >= 0 ? assignment[$0] : -1 })
    checkTypeRules(market, typeRuleTallies)
    findBlockingPairs(market, assignment, heldEntry, tallies: typeRuleTallies, limit: blockingPairLimit)
  }

  /// Checks each pair is mutually acceptable; returns each applicant's entry, or −1.
  private mutating func checkPairs(_ market: Market, _ assignment: [Int32]) -> [Int32] {
    var heldEntry = [Int32](repeating: -1, count: market.applicantCount)
    for (a, p) in assignment.enumerated() where p != -1 {
      guard p >= 0, Int(p) < market.positionCount else {
        violations.append("applicant \(quoted(market.applicantIDs[a])) has no position \(p)")
        continue
      }
      guard let e = market.entry(applicant: a, position: Int(p)) else {
        if market.forbiddenPairs.contains(MarketPair(applicant: a, position: Int(p))) {
          violations.append(
            "applicant \(quoted(market.applicantIDs[a])) is at position \(quoted(market.positionIDs[Int(p)])), "
              + "a forbidden pair")
          continue
        }
        violations.append(
          "applicant \(quoted(market.applicantIDs[a])) and position \(quoted(market.positionIDs[Int(p)])) "
            + "are not mutually acceptable")
        continue
      }
      heldEntry[a] = Int32(e)
    }
    for pair in market.lockedPairs where assignment[pair.applicant] != Int32(pair.position) {
      let held = assignment[pair.applicant]
      let now =
        held >= 0 && Int(held) < market.positionCount ? "at \(quoted(market.positionIDs[Int(held)]))" : "unplaced"
      violations.append(
        "applicant \(quoted(market.applicantIDs[pair.applicant])) is locked to position "
          + "\(quoted(market.positionIDs[pair.position])) but is \(now)")
      minimumsMissed += 1
    }
    return heldEntry
  }

  private mutating func countFill(_ market: Market, _ heldEntry: [Int32]) {
    positionFill = [Int](repeating: 0, count: market.positionCount)
    groupFill = [Int](repeating: 0, count: market.groupCount)
    typeFill = Array(repeating: (0, 0), count: market.typeNames.count)
    var scoreTotal = 0.0
    for (a, e32) in heldEntry.enumerated() {
      let t = Int(market.applicantType[a])
      if t >= 0 { typeFill[t].total += 1 }
      guard e32 >= 0 else { continue }
      let e = Int(e32)
      let p = Int(market.entryPosition[e])
      matched += 1
      if t >= 0 { typeFill[t].placed += 1 }
      positionFill[p] += 1
      for g in market.groups(ofPosition: p) { groupFill[Int(g)] += 1 }
      let tier = Int(market.entryApplicantTier[e])
      if tier >= rankProfile.count { rankProfile += repeatElement(0, count: tier + 1 - rankProfile.count) }
      rankProfile[tier] += 1
      rankSum += tier + 1
      if market.hasScores { scoreTotal += market.entryScore[e] }
    }
    if market.hasScores { self.scoreTotal = scoreTotal }
  }

  private mutating func checkQuotas(_ market: Market) {
    for p in 0..<market.positionCount {
      let fill = positionFill[p]
      let id = quoted(market.positionIDs[p])
      if fill > Int(market.positionCapacity[p]) {
        violations.append("position \(id) takes \(fill), above its capacity \(market.positionCapacity[p])")
      }
      if fill < Int(market.positionMinimum[p]), !(market.positionClosable[p] && fill == 0) {
        violations.append("position \(id) takes \(fill), below its minimum \(market.positionMinimum[p])")
        minimumsMissed += 1
      }
    }
    for g in 0..<market.groupCount {
      let id = quoted(market.groupIDs[g])
      if groupFill[g] > Int(market.groupCapacity[g]) {
        violations.append("group \(id) takes \(groupFill[g]), above its capacity \(market.groupCapacity[g])")
      }
      if groupFill[g] < Int(market.groupMinimum[g]) {
        violations.append("group \(id) takes \(groupFill[g]), below its minimum \(market.groupMinimum[g])")
        minimumsMissed += 1
      }
    }
  }

  private mutating func checkTypeRules(_ market: Market, _ tallies: [(count: Int, fill: Int)]) {
    for (r, rule) in market.typeRules.enumerated() {
      let (count, fill) = tallies[r]
      let type = quoted(market.typeNames[Int(rule.type)])
      let holder = market.holderDescription(ofTypeRule: r)
      if !rule.keepsUpperLimits(count: count, fill: fill) {
        violations.append(
          "\(holder) takes \(count) of type \(type) among \(fill), above its quota \(TypeRuleText.upper(rule))")
      }
      let required = market.requiredCount(ofTypeRule: r, fill: fill)
      if count < required {
        violations.append(
          "\(holder) takes \(count) of type \(type) among \(fill), below its minimum \(TypeRuleText.lower(rule)) "
            + "(\(required) needed)")
        minimumsMissed += 1
      }
    }
  }
}
