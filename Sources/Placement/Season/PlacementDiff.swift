import Foundation

/// Who moved between two placements, by id: between which positions, and each one's rank
/// before and after. The placements may be of different versions of a market (after
/// withdrawals, additions, closures).
public struct PlacementDiff: Sendable {
  /// One applicant whose position differs.
  public struct Move: Sendable, Hashable {
    /// The applicant's id.
    public var applicant: String
    /// The position before, or `nil` when unplaced (or not yet in the market).
    public var from: String?
    /// The position after, or `nil` when unplaced (or gone from the market).
    public var to: String?
    /// The applicant's rank (1 = first choice) of `from`, when known.
    public var fromRank: Int?
    /// The applicant's rank of `to`, when known.
    public var toRank: Int?
    /// Why, in words: "withdrawn", "post closed", "added", "moved up", "moved down",
    /// "unplaced", "placed".
    public var reason: String
  }

  /// Every applicant whose position differs, in the order of the new placement's
  /// applicants, then those that left.
  public var moves: [Move]
  /// How many applicants hold the same position in both.
  public var kept: Int

  /// Compares `old` with `new` (applicant id → position id, unplaced applicants absent).
  ///
  /// - Parameters:
  ///   - applicants: every applicant id to report on, in order (the new market's, then
  ///     any that left).
  ///   - rank: an applicant's rank of a position (1 = first), when known.
  ///   - withdrawn: applicants who left; `closed`: positions that closed; `added`:
  ///     applicants who joined (each named as the reason when it applies).
  public init(
    old: [String: String], new: [String: String], applicants: [String],
    rank: (String, String) -> Int? = { _, _ in nil },
    withdrawn: Set<String> = [], closed: Set<String> = [], added: Set<String> = []
  ) {
    var moves: [Move] = []
    var kept = 0
    for id in applicants {
      let from = old[id]
      let to = new[id]
      guard from != to else {
        if from != nil { kept += 1 }
        continue
      }
      let fromRank = from.flatMap { rank(id, $0) }
      let toRank = to.flatMap { rank(id, $0) }
      let reason: String
      if withdrawn.contains(id) {
        reason = "withdrawn"
      } else if added.contains(id) {
        reason = "added"
      } else if let from, closed.contains(from) {
        reason = "post closed"
      } else if to == nil {
        reason = "unplaced"
      } else if from == nil {
        reason = "placed"
      } else if let fromRank, let toRank, toRank > fromRank {
        reason = "moved down"
      } else if let fromRank, let toRank, toRank == fromRank {
        reason = "moved to an equal choice"
      } else {
        reason = "moved up"
      }
      moves.append(Move(applicant: id, from: from, to: to, fromRank: fromRank, toRank: toRank, reason: reason))
    }
    self.moves = moves
    self.kept = kept
  }

  /// Compares an earlier result of `before` with `assignment`, a placement of `after`
  /// (`before` after `changes`): ranks from the markets, reasons from the changes.
  public init(earlier: ResultPairs, before: Market, after: Market, assignment: [Int32], changes: SeasonChanges) {
    var new: [String: String] = [:]
    for (a, p) in assignment.enumerated() where p >= 0 { new[after.applicantIDs[a]] = after.positionIDs[Int(p)] }
    let remaining = Set(after.applicantIDs)
    let left = earlier.applicants.filter { !remaining.contains($0) }
    let rankAfter = Self.ranks(in: after)
    let rankBefore = Self.ranks(in: before)
    self.init(
      old: earlier.positionOf, new: new, applicants: after.applicantIDs + left,
      rank: { rankAfter($0, $1) ?? rankBefore($0, $1) }, withdrawn: Set(changes.withdrawn),
      closed: Set(changes.closed), added: Set(changes.added.map(\.id)))
  }

  /// An applicant's rank (1 = first choice) of a position in `market`, by ids; `nil` when
  /// either is not in it or the pair is not acceptable.
  public static func ranks(in market: Market) -> (String, String) -> Int? {
    let applicants = Dictionary(market.applicantIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let positions = Dictionary(market.positionIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    return { applicant, position in
      guard let a = applicants[applicant], let p = positions[position] else { return nil }
      return market.tier(ofApplicant: a, for: p).map { $0 + 1 }
    }
  }

  /// How many applicants who stay lost or changed the position they held.
  public var changed: Int { moves.count { $0.from != nil && $0.reason != "withdrawn" } }

  /// One line per move: `s017: p07 (rank 2) → p03 (rank 1), moved up`.
  public var lines: [String] {
    moves.map { move in
      func place(_ id: String?, _ rank: Int?) -> String {
        guard let id else { return "unplaced" }
        return rank.map { "\(id) (rank \($0))" } ?? id
      }
      return "\(move.applicant): \(place(move.from, move.fromRank)) → \(place(move.to, move.toRank)), \(move.reason)"
    }
  }
}

/// The pairs of a result file by id, read without its instance: what an earlier placement
/// was, after the market has changed.
public struct ResultPairs: Sendable {
  /// Applicant id → position id, for every placed applicant.
  public var positionOf: [String: String]
  /// The applicant ids of the file, placed (in file order) then unassigned.
  public var applicants: [String]

  private struct File: Decodable {
    struct Pair: Decodable {
      var applicant: String
      var position: String
    }
    var format: String?
    var assignment: [Pair]
    var unassigned: [String]?
  }

  /// Reads the `assignment` and `unassigned` of a result file.
  ///
  /// - Throws: ``ValidationError`` naming the field when the file is not a placement
  ///   result or places an applicant twice.
  public init(resultJSON: Data) throws(ValidationError) {
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: resultJSON)
    } catch {
      throw ValidationError(issues: [ValidationIssue(.root, "not a placement result: \(error)")])
    }
    guard file.format == "placement-result" else {
      throw ValidationError(
        issues: [ValidationIssue(.root.key("format"), "expected \"placement-result\", found \(file.format ?? "none")")])
    }
    var positionOf: [String: String] = [:]
    for (i, pair) in file.assignment.enumerated() {
      guard positionOf.updateValue(pair.position, forKey: pair.applicant) == nil else {
        throw ValidationError(
          issues: [ValidationIssue(.root.key("assignment").index(i), "\(quoted(pair.applicant)) is placed twice")])
      }
    }
    self.positionOf = positionOf
    applicants = file.assignment.map(\.applicant) + (file.unassigned ?? [])
  }

  /// Each applicant of `market` at its position here, by index, or −1 (also when the
  /// position is gone or the pair is no longer acceptable).
  public func assignment(in market: Market) -> [Int32] {
    var positionIndex: [String: Int32] = [:]
    for (p, id) in market.positionIDs.enumerated() { positionIndex[id] = Int32(p) }
    return market.applicantIDs.enumerated().map { a, id in
      guard let position = positionOf[id], let p = positionIndex[position],
        market.tier(ofApplicant: a, for: Int(p)) != nil
      else { return -1 }
      return p
    }
  }
}
