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
/// q that a likes at least as much as p, the second over the other applicants b that p
/// likes at least as much as a. Either a holds a position as good as p, or p is full of
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
    let incumbent = startValid ? model.values(of: start.assignment) : nil
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

  /// The programme: every quota, the stability rows, and the number placed maximised.
  static func program(for market: Market) -> LinearProgram {
    let level = WelfareLevel(name: "placed", sense: .maximize, weight: .one)
    var program = WelfareModel(market).program(for: level, holding: [])
    for e in 0..<market.pairCount {
      let a = Int(market.entryApplicant[e])
      let p = Int(market.entryPosition[e])
      let capacity = Double(market.positionCapacity[p])
      let applicantTier = market.entryApplicantTier[e]
      let positionTier = market.entryPositionTier[e]
      for f in market.entries(ofApplicant: a) where market.entryApplicantTier[f] <= applicantTier {
        program.appendTerm(column: f, coefficient: capacity)
      }
      for k in market.entries(ofPosition: p) {
        let f = Int(market.positionListEntry[k])
        if f != e && market.entryPositionTier[f] <= positionTier { program.appendTerm(column: f, coefficient: 1) }
      }
      program.closeRow(lower: capacity, upper: Double.infinity)
      program.rowNames.append("stable_a\(a)_p\(p)")
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
