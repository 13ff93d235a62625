import Foundation

/// Extended-seat deferred acceptance (ESDA; Fragiadakis, Iwasaki, Troyan, Ueda and Yokoo,
/// "Strategyproof matching with minimum quotas", ACM TEAC 2016): a fast mechanism for
/// markets with minimums.
///
/// Each position's seats are split into *standard* seats, as many as its minimum, and
/// *extended* seats, the rest. Applicants propose down their lists, to a position's
/// standard seats before its extended ones; a position fills each kind by its own
/// ranking; and all extended seats together take at most B applicants, B = (applicants
/// with a list) − (the minimums of positions that cannot close), chosen by a master list:
/// the applicants in the instance's order. Holding B back keeps enough applicants for the
/// standard seats. A closable position has only extended seats, and closes (the
/// algorithm runs again without it) when it ends below its minimum.
///
/// Guarantees (the paper's, checked by the tests on random markets):
/// - every minimum is met, and every applicant placed, when every applicant accepts and is
///   accepted by every position, and the minimums sum to at most the applicants, who are
///   at most the seats;
/// - strategyproof for applicants: no applicant gets a better position by listing others;
/// - capacities, group capacities and type quotas always hold (a type quota is shared out
///   between standard and extended seats, standard first, so it may bind earlier than the
///   market's own).
///
/// Otherwise (lists that leave some position too few applicants, group minimums, which
/// have no standard seats) a minimum may be missed: the status is then `infeasible`, with
/// each missed minimum in the notes, and the placement is returned for inspection. Ties in
/// applicants' lists are broken in listed order; positions' ties by the listed order too.
/// The placement is not stable in general: an applicant may envy an extended-seat holder
/// whom the master list put first.
public struct ExtendedSeatDeferredAcceptance: Strategy {
  /// Creates the mechanism.
  public init() {}

  /// `extended-seats`.
  public var name: String { "extended-seats" }

  /// Runs ESDA on `market`.
  ///
  /// - Throws: `CancellationError` when `control` stops it.
  public func solve(_ market: Market, control: SolveControl = SolveControl()) throws(CancellationError) -> Solution {
    if let infeasible = market.lockedInfeasibility() { return try control.conclude(infeasible, by: name) }
    let split = ExtendedSeatMarket(market)
    let inner = try DeferredAcceptance(proposing: .applicants, tieBreaking: .listed).solve(
      split.market, control: control)
    guard inner.stop == nil else {
      return try control.conclude(
        .stopped(inner.stop ?? .timeLimit, applicants: market.applicantCount, notes: inner.notes), by: name)
    }
    let assignment = inner.assignment.map { $0 < 0 ? $0 : split.original[Int($0)] }
    var fill = [Int32](repeating: 0, count: market.positionCount)
    for p in assignment where p >= 0 { fill[Int(p)] += 1 }
    var notes = ["extended seats: at most \(split.extendedBudget) applicants, by the master list (instance order)"]
    notes += inner.notes.map(split.originalNames(in:))
    var status = inner.status == .infeasible ? Solution.Status.infeasible : .feasible
    for p in 0..<market.positionCount where !market.positionClosable[p] && fill[p] < market.positionMinimum[p] {
      status = .infeasible
      notes.append(
        "position \(quoted(market.positionIDs[p])) has \(fill[p]) below its minimum \(market.positionMinimum[p])")
    }
    if status == .infeasible, split.extendedBudget < 0 {
      notes.append("the minimums need more applicants than have a list")
    }
    return try control.conclude(Solution(assignment: assignment, status: status, notes: notes), by: name)
  }
}

/// A market whose positions are split into standard and extended seats, with every
/// extended seat in one group of capacity B ranked by the master list
/// (``ExtendedSeatDeferredAcceptance``).
struct ExtendedSeatMarket {
  /// The split market.
  let market: Market
  /// The market it splits.
  let source: Market
  /// The original position of each split position.
  let original: [Int32]
  /// How many applicants the extended seats take together (negative when the minimums
  /// exceed the applicants).
  let extendedBudget: Int

  init(_ market: Market) {
    let listed = (0..<market.applicantCount).count { !market.entries(ofApplicant: $0).isEmpty }
    var standardSeats = [Int](repeating: 0, count: market.positionCount)
    for p in 0..<market.positionCount where !market.positionClosable[p] {
      standardSeats[p] = Int(market.positionMinimum[p])
    }
    extendedBudget = listed - standardSeats.reduce(0, +)
    // Split positions: "s<p>" standard, "e<p>" extended, either absent when it has no seats
    // (no extended seats at all when the standard ones need every applicant).
    var original: [Int32] = []
    var standardID = [String?](repeating: nil, count: market.positionCount)
    var extendedID = [String?](repeating: nil, count: market.positionCount)
    var positions: [Position] = []
    let budgetGroup = "extended-seats"
    for p in 0..<market.positionCount {
      let groups = market.groups(ofPosition: p).map { "g\($0)" }
      let ranking = market.positionHasPreferences[p] ? PreferenceList(tiers: Self.tiers(of: p, in: market)) : nil
      let capacity = Int(market.positionCapacity[p])
      if standardSeats[p] > 0 {
        standardID[p] = "s\(p)"
        positions.append(Position(id: "s\(p)", capacity: standardSeats[p], groups: groups, preferences: ranking))
        original.append(Int32(p))
      }
      if capacity > standardSeats[p], extendedBudget > 0 {
        extendedID[p] = "e\(p)"
        let closable = market.positionClosable[p] && market.positionMinimum[p] > 0
        positions.append(
          Position(
            id: "e\(p)", capacity: capacity - standardSeats[p], minimum: closable ? Int(market.positionMinimum[p]) : 0,
            closable: closable, groups: groups + [budgetGroup], preferences: ranking))
        original.append(Int32(p))
      }
    }
    let typeName = { (t: Int32) in t < 0 ? nil : market.typeNames[Int(t)] }
    let applicants = (0..<market.applicantCount).map { a in
      // Strict: each position's standard seats, then its extended ones, in listed order.
      let list = market.entries(ofApplicant: a).flatMap { e in
        let p = Int(market.entryPosition[e])
        return [standardID[p], extendedID[p]].compactMap { $0 }
      }
      return Applicant(id: "a\(a)", preferences: PreferenceList(strict: list), type: typeName(market.applicantType[a]))
    }
    var groups = (0..<market.groupCount).map { g in
      Group(
        id: "g\(g)", capacity: Int(market.groupCapacity[g]), minimum: Int(market.groupMinimum[g]),
        preferences: market.groupHasPreferences[g] ? PreferenceList(tiers: Self.groupTiers(of: g, in: market)) : nil)
    }
    if extendedBudget > 0 {
      groups.append(
        Group(
          id: budgetGroup, capacity: extendedBudget,
          preferences: PreferenceList(strict: (0..<market.applicantCount).map { "a\($0)" })))
    }
    var typeQuotas: [TypeQuota] = []
    for q in market.quotaCapacity.indices {
      let p = Int(market.quotaPosition[q])
      let type = market.typeNames[Int(market.quotaType[q])]
      let standardShare = min(Int(market.quotaCapacity[q]), standardSeats[p])
      if let id = standardID[p] { typeQuotas.append(TypeQuota(position: id, type: type, capacity: standardShare)) }
      if let id = extendedID[p] {
        let rest = Int(market.quotaCapacity[q]) - (standardID[p] == nil ? 0 : standardShare)
        typeQuotas.append(TypeQuota(position: id, type: type, capacity: rest))
      }
    }
    // A locked applicant keeps its lock at the position's standard seats while they
    // last, then at its extended ones.
    var locksAt = [Int](repeating: 0, count: market.positionCount)
    let locked = market.lockedPairs.compactMap { pair -> PairOverride? in
      let p = pair.position
      locksAt[p] += 1
      let id = locksAt[p] <= standardSeats[p] ? standardID[p] : extendedID[p]
      return id.map { PairOverride(applicant: "a\(pair.applicant)", position: $0) }
    }
    let instance = Instance(
      name: market.name, applicants: applicants, positions: positions, groups: groups, typeQuotas: typeQuotas,
      locked: locked)
    do {
      self.market = try Market(compiling: instance)
    } catch {
      preconditionFailure("a split of a valid market is valid: \(error)")
    }
    self.original = original
    source = market
  }

  /// `note` with the split market's quoted ids replaced by the original market's.
  func originalNames(in note: String) -> String {
    guard note.contains("\"") else { return note }
    var text = note
    for (k, p) in original.enumerated() {
      text = text.replacingOccurrences(of: quoted(market.positionIDs[k]), with: quoted(source.positionIDs[Int(p)]))
    }
    for g in 0..<source.groupCount {
      text = text.replacingOccurrences(of: quoted("g\(g)"), with: quoted(source.groupIDs[g]))
    }
    return text
  }

  /// Position `p`'s ranking of applicants, tier by tier, by split ids.
  private static func tiers(of p: Int, in market: Market) -> [[String]] {
    market.entryTiers(ofPosition: p).map { $0.map { "a\(market.entryApplicant[$0])" } }
  }

  /// Group `g`'s ranking of applicants, tier by tier, by split ids.
  private static func groupTiers(of g: Int, in market: Market) -> [[String]] {
    let ranked = Int(market.groupRankStart[g])..<Int(market.groupRankStart[g + 1])
    var byTier: [Int32: [String]] = [:]
    for k in ranked { byTier[market.groupRankTier[k], default: []].append("a\(market.groupRankApplicant[k])") }
    return byTier.keys.sorted().map { byTier[$0]! }
  }
}
