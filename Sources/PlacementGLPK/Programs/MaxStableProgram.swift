import Foundation
import Placement

/// The largest weakly stable placement: as many applicants placed as any placement with no
/// blocking pair allows (with ties, deferred acceptance can place far fewer), proven
/// optimal by GLPK or reported with a bound and gap.
///
/// ```swift
/// let solution = try await MaxStableProgram(options: .init(timeLimit: .seconds(60))).solve(market)
/// ```
///
/// The programme is ``WelfareModel``'s (every quota, maximising the number placed) with one
/// stability row per acceptable pair (a, p), the weak-stability form of Kwanashie and
/// Manlove (2014): `c(p) · Σ x(a, q) + Σ x(b, p) ≥ c(p)`, the first sum over the positions
/// q that a likes at least as much as p, the second over the applicants b that p likes at
/// least as much as a, both sums kept in dummy variables (see `program(for:)`). Either a holds a position as good as p, or p is full of
/// applicants as good as a: exactly the instance format's conditions 1 and 2. The search
/// starts from deferred acceptance with single tie-breaking, which is stable.
///
/// This first version takes markets without groups, type quotas and closable positions
/// (conditions 3 and the type-quota part of 2 need more than one row per pair); it throws
/// ``MaxStableError/unsupported(_:)`` for the others.
public struct MaxStableProgram: Strategy {
  /// Time limit, gap, search settings and progress for GLPK.
  public var options: GLPKOptions

  /// Creates the strategy.
  public init(options: GLPKOptions = GLPKOptions()) {
    self.options = options
  }

  /// `max-stable`.
  public var name: String { "max-stable" }

  /// What this version cannot model in `market`; empty when it can.
  public static func unsupportedFeatures(of market: Market) -> [String] {
    var features: [String] = []
    if market.groupCount > 0 { features.append("groups") }
    if !market.quotaCapacity.isEmpty { features.append("type quotas") }
    if market.positionClosable.contains(true) { features.append("closable positions") }
    return features
  }

  /// Finds a largest weakly stable placement of `market`.
  ///
  /// - Throws: ``MaxStableError/unsupported(_:)`` for markets this version cannot model,
  ///   ``GLPKError`` when GLPK fails, `CancellationError` when cancelled before any
  ///   placement was found.
  public func solve(_ market: Market) async throws -> Solution {
    let clock = ContinuousClock.now
    let unsupported = Self.unsupportedFeatures(of: market)
    guard unsupported.isEmpty else { throw MaxStableError.unsupported(unsupported) }
    let program = Self.program(for: market)
    let model = WelfareModel(market)
    let start = DeferredAcceptance(tieBreaking: .single(seed: 1)).solve(market)
    let startValid = start.status != .infeasible && Evaluation(market, start.assignment).isStable
    let incumbent = startValid ? Self.completing(model.values(of: start.assignment), in: program) : nil
    let options = options
    let outcome = await SolveControl.run(timeLimit: options.timeLimit) { control in
      Result { () throws(GLPKError) in
        try GLPKSolver.solveOnThisThread(
          program, options: options, incumbent: incumbent, control: control, stage: "placed")
      }
    }
    let result = try outcome.get()
    if result.status == .timeLimit && Task.isCancelled { throw CancellationError() }
    let assignment =
      result.values.isEmpty
      ? [Int32](repeating: -1, count: market.applicantCount) : model.assignment(from: result.values)
    var notes = ["placed: \(result.objective.map { String(Int($0.rounded())) } ?? "none") (\(result.status.rawValue))"]
    if let stop = result.stop { notes.append("stopped: \(stop.rawValue)") }
    return Solution(
      assignment: assignment, status: result.status, objective: result.objective, bound: result.bound, notes: notes,
      solveSeconds: (ContinuousClock.now - clock).seconds, method: "glpk")
  }

  /// `values` of the placement columns, extended with the dummy columns' values: each
  /// dummy is the first term of its defining row (coefficient 1, the rest already known).
  static func completing(_ values: [Double], in program: LinearProgram) -> [Double] {
    var complete = values + [Double](repeating: 0, count: program.columnCount - values.count)
    for i in 0..<program.rowCount {
      let start = program.rowStart[i]
      let column = Int(program.rowColumn[start])
      guard column >= values.count, program.rowLower[i] == 0, program.rowUpper[i] == 0 else { continue }
      var rest = 0.0
      for k in (start + 1)..<program.rowStart[i + 1] {
        rest += program.rowValue[k] * complete[Int(program.rowColumn[k])]
      }
      complete[column] = -rest
    }
    return complete
  }

  /// The programme: every quota, the stability rows, and the number placed maximised.
  ///
  /// Dummy variables keep it linear in size, as in Delorme et al. (2019): `atLeast(a, t)`
  /// counts a's placements at its tiers 1…t and `filled(p, t)` p's placements of its tiers
  /// 1…t, each defined by one chained row (`atLeast(a, t) = atLeast(a, t − 1) + Σ x` over
  /// tier t). A stability row then reads `c(p) · atLeast(a, t_a) + filled(p, t_p) ≥ c(p)`.
  /// Counting a itself in `filled` is harmless: when a holds p the first term alone
  /// meets the row. Columns and rows total O(pairs); the direct form has O(pairs × list
  /// length) nonzeros.
  static func program(for market: Market) -> LinearProgram {
    let level = WelfareLevel(name: "placed", sense: .maximize, weight: .one)
    var program = WelfareModel(market).program(for: level, holding: [])
    // atLeast(a, t): the column for each applicant-side tier, in entry order.
    var atLeastColumn = [Int](repeating: -1, count: market.pairCount)
    for a in 0..<market.applicantCount {
      var previous = -1
      var previousTier: Int32 = -1
      for e in market.entries(ofApplicant: a) {
        let tier = market.entryApplicantTier[e]
        if tier != previousTier {
          let column = program.addColumn(objective: 0, lower: 0, upper: 1)
          program.columnNames.append("atleast_a\(a)_t\(tier + 1)")
          // atLeast(a, t) − atLeast(a, t − 1) − Σ x(a, tier t) = 0
          program.appendTerm(column: column, coefficient: 1)
          if previous >= 0 { program.appendTerm(column: previous, coefficient: -1) }
          for f in market.entries(ofApplicant: a) where market.entryApplicantTier[f] == tier {
            program.appendTerm(column: f, coefficient: -1)
          }
          program.closeRow(lower: 0, upper: 0)
          program.rowNames.append("atleast_a\(a)_t\(tier + 1)")
          previous = column
          previousTier = tier
        }
        atLeastColumn[e] = previous
      }
    }
    // filled(p, t): the column for each position-side tier, by entry.
    var filledColumn = [Int](repeating: -1, count: market.pairCount)
    for p in 0..<market.positionCount {
      let entries = market.entries(ofPosition: p).map { Int(market.positionListEntry[$0]) }
        .sorted { market.entryPositionTier[$0] < market.entryPositionTier[$1] }
      var previous = -1
      var index = 0
      while index < entries.count {
        let tier = market.entryPositionTier[entries[index]]
        var end = index
        while end < entries.count && market.entryPositionTier[entries[end]] == tier { end += 1 }
        let column = program.addColumn(objective: 0, lower: 0, upper: Double(market.positionCapacity[p]))
        program.columnNames.append("filled_p\(p)_t\(tier + 1)")
        program.appendTerm(column: column, coefficient: 1)
        if previous >= 0 { program.appendTerm(column: previous, coefficient: -1) }
        for f in entries[index..<end] { program.appendTerm(column: f, coefficient: -1) }
        program.closeRow(lower: 0, upper: 0)
        program.rowNames.append("filled_p\(p)_t\(tier + 1)")
        for f in entries[index..<end] { filledColumn[f] = column }
        previous = column
        index = end
      }
    }
    for e in 0..<market.pairCount {
      let capacity = Double(market.positionCapacity[Int(market.entryPosition[e])])
      program.appendTerm(column: atLeastColumn[e], coefficient: capacity)
      program.appendTerm(column: filledColumn[e], coefficient: 1)
      program.closeRow(lower: capacity, upper: Double.infinity)
      program.rowNames.append("stable_a\(market.entryApplicant[e])_p\(market.entryPosition[e])")
    }
    return program
  }
}

/// Why the maximum-stable programme cannot run on a market.
public enum MaxStableError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The market has features this version does not model yet.
  case unsupported([String])

  /// A one-line explanation.
  public var description: String {
    switch self {
    case .unsupported(let features):
      "max-stable does not model " + features.joined(separator: ", ") + " yet"
    }
  }
}
