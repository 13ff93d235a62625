import Foundation
import Placement

/// The largest weakly stable placement: as many applicants placed as any placement with no
/// blocking pair allows (with ties, deferred acceptance can place far fewer), proven
/// optimal by GLPK or reported with a bound and gap.
///
/// ```swift
/// let solution = try await MaxStableProgram().solve(market, control: SolveControl(timeLimit: .seconds(60)))
/// ```
///
/// The programme is ``WelfareModel``'s (every quota, maximising the number placed) plus
/// the weak-stability row of every acceptable pair (see `StabilityRows`): the instance
/// format's definition, with type quotas, groups and closable positions. Before it is
/// built, `StablePairReduction` removes the pairs no stable placement uses, and the
/// search starts from ``Placement/StableApproximation``'s placement, which is stable and
/// within 3/2 of the optimum on capacity-only markets, grown by chains of moves that keep
/// it stable (`StableAugmentation`). Both steps can be turned off, for
/// comparisons. The stability rows include no-room rows (a position full of its tiers
/// 1…t seats nobody from a later tier); during the search comb inequalities
/// (`StabilityCombs`) are separated at every node where the LP optimum violates them,
/// every node's LP optimum is rounded to a stable placement (`StableRounding`), and
/// column bounds are tightened by reduced cost in whole units (the vertices are whole,
/// see ``LinearProgram/verticesAreWhole``). On request, several searches race on as many
/// cores (``searches``) and share placements. The README measures each of these.
///
/// A search stopped by the control reports the best bound it knows: GLPK's, or, before
/// the root LP is solved, the largest placement of the reduced market without stability
/// (min-cost flow).
public struct MaxStableProgram: Strategy {
  /// Gap, search settings and log for GLPK.
  public var options: GLPKOptions
  /// Whether pairs that no stable placement uses are removed first.
  public var preprocessing: Bool
  /// Whether the search starts from the stable approximation's placement (else from
  /// nothing).
  public var warmStart: Bool
  /// How many branch-and-bound searches race side by side, each on a thread of its own
  /// and sharing placements: the first with `options`, a second with best-local-bound
  /// backtracking, further ones with the other rules (at most ``maximumSearches``). The
  /// first to prove the optimum stops the others.
  public var searches: Int

  /// The options the strategy uses by default: every family of GLPK's cuts, which the
  /// weak LP relaxation of the stability rows needs, and best-projection backtracking,
  /// which finds better placements sooner than best-bound.
  public static var defaultOptions: GLPKOptions {
    var options = GLPKOptions()
    options.cuts = .all
    options.backtracking = .bestProjection
    return options
  }

  /// The most searches that can race: one per backtracking rule.
  public static let maximumSearches = GLPKOptions.Backtracking.allCases.count

  /// Creates the strategy; `searches` is clamped to 1…``maximumSearches``.
  public init(
    options: GLPKOptions = defaultOptions, preprocessing: Bool = true, warmStart: Bool = true,
    searches: Int = 1
  ) {
    self.options = options
    self.preprocessing = preprocessing
    self.warmStart = warmStart
    self.searches = min(max(searches, 1), Self.maximumSearches)
  }

  /// `max-stable`.
  public var name: String { "max-stable" }

  /// Finds a largest weakly stable placement of `market` under `control`.
  ///
  /// - Throws: ``GLPKError`` when GLPK fails, `CancellationError` when cancelled before
  ///   any placement was found.
  public func solve(_ market: Market, control: SolveControl = SolveControl()) async throws -> Solution {
    if let infeasible = market.lockedInfeasibility() { return try control.conclude(infeasible, by: name) }
    var notes: [String] = []
    let reduced = preprocessing ? StablePairReduction(market).market : market
    if preprocessing {
      notes.append("preprocessing removed \(market.pairCount - reduced.pairCount) of \(market.pairCount) pairs")
    }
    let model = WelfareModel(reduced, stable: true)
    let program = Self.program(for: model)
    let combs = model.stabilityCombs
    let continuous = Self.placementsCanBeContinuous(reduced)
    var incumbent: [Double]?
    // The largest placement of the reduced market, stable or not, bounds every stable one
    // (min-cost flow, a fraction of a second at 10,000 applicants). It and the start stay
    // on this task: beside the build they would hold a second thread of the cooperative
    // pool with blocking work.
    let matchingBound = Self.largestPlacement(of: reduced, control: control)
    if warmStart,
      let start = try Self.stableStarts(for: market, within: reduced, control: control, firstOnly: true).first
    {
      let placed = start.assignment.count { $0 >= 0 }
      notes.append("started from \(start.strategy): \(placed) placed")
      if let matchingBound, Double(placed) >= matchingBound {
        notes.append("the start places as many as any placement without stability (\(placed)), so it is optimal")
        return try control.conclude(
          Solution(
            assignment: start.assignment, status: .optimal, objective: Double(placed), bound: Double(placed),
            objectiveName: "placed", notes: notes, method: start.strategy,
            search: SearchStatistics(incumbentSeconds: control.elapsed.seconds)), by: name)
      }
      incumbent = model.values(of: start.assignment)
    }
    let entrants = SearchRace.entrants(options, count: searches)
    let race = try await SearchRace.run(
      entrants, control: control, direction: program.direction,
      incumbent: incumbent.map { SharedIncumbent.Entry(objective: program.objectiveValue(of: $0), values: $0) }
    ) { [incumbent] options, control, shared throws(GLPKError) in
      let separator = combs?.separator()
      let heuristic = StableRounding.heuristic(
        model: model, market: market, reduced: reduced, program: program, incumbent: incumbent,
        neighbourhood: (options, control))
      var result = try GLPKSolver.solveOnThisThread(
        program, options: options, incumbent: incumbent, control: control, stage: "placed", separator: separator,
        heuristic: heuristic, sharing: shared)
      if continuous, !result.values.isEmpty {
        result.values = try Self.integralPlacements(result.values, in: program, control: control)
      }
      return (result, SearchCounts(combs: separator?.added ?? 0, rounded: heuristic.found))
    }
    var result = race.solution
    if entrants.count > 1 {
      let rules = entrants.map { $0.backtracking.description }.joined(separator: ", ")
      notes.append(
        "searches racing: \(entrants.count) (\(rules)); "
          + (race.winner.map { "\(entrants[$0].backtracking.description) finished first" } ?? "none finished"))
    }
    if combs != nil { notes.append("comb cuts added: \(race.extras.map(\.combs).reduce(0, +))") }
    notes.append("better placements from rounding node LPs: \(race.extras.map(\.rounded).reduce(0, +))")
    notes.append("bounds tightened by reduced cost: \(result.tightenedByReducedCost)")
    if result.stop != nil, result.status != .infeasible {
      // Stopped: the largest placement without stability bounds it too (before the root LP,
      // it is the only bound), found now if the stop came before it was.
      let matching = matchingBound ?? Self.largestPlacement(of: reduced, control: control.grace(.seconds(1)))
      if let matching, result.bound.map({ matching < $0 }) ?? true {
        result.bound = matching
        notes.append("bound from the largest placement without stability: \(Int(matching))")
      }
      if let objective = result.objective, let bound = result.bound, objective >= bound {
        result.status = .optimal
        result.stop = nil
      }
    }
    let assignment =
      result.values.isEmpty
      ? [Int32](repeating: -1, count: market.applicantCount) : model.assignment(from: result.values)
    notes.append("placed: \(result.objective.map { String(Int($0.rounded())) } ?? "none") (\(result.status.rawValue))")
    if let stop = result.stop { notes.append("stopped: \(stop.rawValue)") }
    return try control.conclude(
      Solution(
        assignment: assignment, status: result.status, objective: result.objective, bound: result.bound,
        objectiveName: "placed", stop: result.stop, notes: notes, method: "glpk", search: result.search), by: name)
  }

  /// The most applicants any placement of `market` seats, stability aside, by min-cost
  /// flow on its network relaxation; `nil` when `control` stops it first or the market's
  /// minimums admit no placement.
  static func largestPlacement(of market: Market, control: SolveControl) -> Double? {
    let placed = WelfareLevel(name: "placed", sense: .maximize, weight: .one)
    return NetworkRelaxation.bound(of: market, levels: [placed], level: 0, holding: [], control: control)
  }

  /// What one search of the race did besides solving.
  private struct SearchCounts: Sendable {
    /// Comb cuts its separator added.
    var combs: Int
    /// Better placements its rounding heuristic found.
    var rounded: Int
  }

  /// Starting placements for a programme over `reduced` (`market` after preprocessing):
  /// stable-approx's and deferred acceptance's with single tie-breaking, in that order,
  /// each grown by `StableAugmentation` where it applies and kept when it is valid, stable
  /// and uses only pairs of `reduced` (a stable one always should); with `firstOnly`, only
  /// the first kept (the second is not run). Empty when a market's minimums defeat both.
  ///
  /// - Throws: `CancellationError` when `control` is cancelled while they run.
  static func stableStarts(
    for market: Market, within reduced: Market, control: SolveControl, firstOnly: Bool = false
  ) throws(CancellationError) -> [(strategy: String, assignment: [Int32])] {
    var starts: [(strategy: String, assignment: [Int32])] = []
    func keep(_ solution: Solution, of strategy: String) {
      guard solution.status != .infeasible && solution.status != .timeLimit else { return }
      let assignment = StableAugmentation.augment(solution.assignment, in: market)
      if isStableStart(assignment, of: market, within: reduced) { starts.append((strategy, assignment)) }
    }
    let approximation = StableApproximation()
    keep(try approximation.solve(market, control: control), of: approximation.name)
    if firstOnly, !starts.isEmpty { return starts }
    let deferred = DeferredAcceptance(tieBreaking: .single)
    keep(try deferred.solve(market, control: control), of: deferred.name)
    return starts
  }

  /// Whether `assignment` is a valid, stable placement of `market` using only the pairs of
  /// `reduced`, so the stable programme can start from it.
  static func isStableStart(_ assignment: [Int32], of market: Market, within reduced: Market) -> Bool {
    let evaluation = Evaluation(market, assignment)
    return evaluation.isValid && evaluation.isStable
      && assignment.enumerated().allSatisfy { a, p in p < 0 || reduced.entry(applicant: a, position: Int(p)) != nil }
  }

  /// The programme GLPK solves for `market` (after preprocessing when it is on), for
  /// export: every quota, the stability rows, and the number placed maximised.
  public func model(of market: Market) -> LinearProgram {
    var program = Self.program(
      for: WelfareModel(preprocessing ? StablePairReduction(market).market : market, stable: true))
    program.name = "\(market.modelNamePrefix) max-stable: maximise placed"
    return program
  }

  /// The programme of `model` (which has the stability rows): the number placed maximised.
  ///
  /// Where `placementsCanBeContinuous(_:)` holds, only the refusal columns stay binary:
  /// once they are fixed, what is left constrains nested prefixes of each applicant's
  /// list and of each position's list, two laminar families over the pairs of a
  /// bipartite graph, whose matrix is totally unimodular, so every vertex places whole
  /// applicants. Branching then decides which positions are full of whom, not who goes
  /// where.
  static func program(for model: WelfareModel) -> LinearProgram {
    var program = model.program(for: WelfareLevel(name: "placed", sense: .maximize, weight: .one), holding: [])
    if placementsCanBeContinuous(model.market) {
      for e in 0..<model.market.pairCount { program.isInteger[e] = false }
      // Whole at every vertex GLPK accepts, so it may prune by whole units and tighten any
      // column's bounds by reduced cost.
      program.objectiveIsWhole = true
      program.verticesAreWhole = true
    }
    // One-to-one, the presolver removes little and the search for feasibility is long, so
    // the root LP starts at the starting placement (the README measures both starts).
    if model.market.isOneToOne { program.rootBasisColumns = model.market.pairCount }
    return program
  }

  /// Whether every row besides the stability ones is a bound on a prefix of one
  /// applicant's or one position's list: no groups, type quotas, type rules or closable
  /// positions.
  static func placementsCanBeContinuous(_ market: Market) -> Bool {
    market.groupCount == 0 && market.quotaCapacity.isEmpty && market.typeRules.isEmpty
      && !market.positionClosable.contains(true)
  }

  /// `values` with whole placements. Cuts can leave an optimal point with the binaries
  /// integral but placements fractional; then the binaries are fixed and the LP solved
  /// again without cuts, whose vertex is integral (total unimodularity) and no worse.
  static func integralPlacements(_ values: [Double], in program: LinearProgram, control: SolveControl)
    throws(GLPKError) -> [Double]
  {
    let fractional = values.indices.contains { !program.isInteger[$0] && abs(values[$0] - values[$0].rounded()) > 1e-6 }
    guard fractional else { return values }
    var fixed = program
    for column in 0..<program.columnCount where program.isInteger[column] {
      fixed.columnLower[column] = values[column].rounded()
      fixed.columnUpper[column] = values[column].rounded()
      fixed.isInteger[column] = false
    }
    let polished = try GLPKSolver.solveOnThisThread(
      fixed, options: GLPKOptions(), incumbent: nil, control: control, stage: "whole placements")
    return polished.status == .optimal ? polished.values : values
  }
}
