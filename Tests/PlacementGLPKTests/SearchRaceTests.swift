import Foundation
import Placement
import PlacementTestSupport
import Synchronization
import Testing

@testable import PlacementGLPK

/// Searches racing side by side (`SearchRace`): how their results combine, how they
/// trade incumbents, and that races keep the optima of programmes solved by enumeration
/// and of max-stable solved by one search.
@Suite struct SearchRaceTests {
  /// A result of one search stopped by the time limit: `objective` (if any) and `bound`.
  static func stopped(objective: Double?, bound: Double?, nodes: Int) -> LinearProgramSolution {
    LinearProgramSolution(
      status: objective == nil ? .timeLimit : .feasible, objective: objective, bound: bound,
      values: objective.map { [$0] } ?? [], nodes: nodes, stop: .timeLimit)
  }

  @Test(arguments: [LinearProgram.Direction.maximize, .minimize])
  func stoppedRacesKeepTheBestSolutionAndTheTightestBound(direction: LinearProgram.Direction) {
    var random = SplitMix64(seed: 7)
    var optimal = 0
    for _ in 0..<500 {
      // For maximisation every bound is at least every objective (the optimum lies between).
      let optimum = Double(Int.random(in: 10...20, using: &random))
      let sign: Double = direction == .maximize ? 1 : -1
      let results = (0..<Int.random(in: 1...4, using: &random)).map { _ in
        Self.stopped(
          objective: Bool.random(using: &random) ? optimum - sign * Double(Int.random(in: 0...3, using: &random)) : nil,
          bound: Bool.random(using: &random) ? optimum + sign * Double(Int.random(in: 0...3, using: &random)) : nil,
          nodes: Int.random(in: 0...9, using: &random))
      }
      let combined = SearchRace.combined(results, direction: direction, winner: nil)
      let objectives = results.compactMap(\.objective)
      let bounds = results.compactMap(\.bound)
      let best = direction == .maximize ? objectives.max() : objectives.min()
      let tightest = direction == .maximize ? bounds.min() : bounds.max()
      #expect(combined.objective == best)
      #expect(combined.values == (best.map { [$0] } ?? []))
      #expect(combined.nodes == results.map(\.nodes).reduce(0, +))
      if let best, let tightest, best == tightest {
        optimal += 1
        #expect(combined.status == .optimal && combined.bound == best && combined.stop == nil)
      } else {
        #expect(combined.bound == tightest)
        #expect(combined.status == (best == nil ? .timeLimit : .feasible) && combined.stop == .timeLimit)
      }
    }
    #expect(optimal >= 20, "\(optimal) races whose bound meets their best solution")
  }

  @Test func theWinnersProofOrGapEndsTheRace() throws {
    let loser = Self.stopped(objective: 8, bound: 12, nodes: 5)
    var proof = LinearProgramSolution(status: .optimal, objective: 10, bound: 10, values: [10], nodes: 3)
    proof.tightenedByReducedCost = 2
    let proven = SearchRace.combined([loser, proof], direction: .maximize, winner: 1)
    #expect(proven.status == .optimal && proven.objective == 10 && proven.bound == 10 && proven.stop == nil)
    #expect(proven.nodes == 8 && proven.tightenedByReducedCost == 2)
    let infeasible = LinearProgramSolution(status: .infeasible, values: [], nodes: 1)
    #expect(SearchRace.combined([infeasible, loser], direction: .maximize, winner: 0).status == .infeasible)
    let gap = LinearProgramSolution(
      status: .feasible, objective: 9, bound: 11, values: [9], nodes: 4, stop: .gapReached)
    let reached = SearchRace.combined([loser, gap], direction: .maximize, winner: 1)
    #expect(reached.status == .feasible && reached.objective == 9 && reached.bound == 11)
    #expect(reached.stop == .gapReached)
  }

  @Test func entrantsTryEveryBacktrackingRuleOnceAndOnlyTheFirstLogs() throws {
    var options = MaxStableProgram.defaultOptions
    options.log = { _ in }
    let entrants = SearchRace.entrants(options, count: 4)
    #expect(entrants.map(\.backtracking) == [.bestProjection, .bestLocalBound, .depthFirst, .breadthFirst])
    #expect(entrants.map { $0.log != nil } == [true, false, false, false])
    #expect(SearchRace.entrants(GLPKOptions(), count: 2).map(\.backtracking) == [.bestLocalBound, .bestProjection])
    #expect(SearchRace.entrants(options, count: 1).count == 1)
  }

  @Test func theSharedIncumbentKeepsTheBestInEitherDirection() throws {
    let highest = SharedIncumbent(direction: .maximize)
    #expect(highest.entry(beating: nil) == nil)
    highest.offer([1], objective: 5)
    highest.offer([2], objective: 3)
    #expect(highest.entry(beating: nil)?.values == [1])
    #expect(highest.entry(beating: 4)?.objective == 5 && highest.entry(beating: 5) == nil)
    let lowest = SharedIncumbent(direction: .minimize, start: .init(objective: 5, values: [1]))
    lowest.offer([2], objective: 3)
    lowest.offer([3], objective: 4)
    #expect(
      lowest.entry(beating: nil)?.values == [2] && lowest.entry(beating: 3) == nil && lowest.entry(beating: 4) != nil)
  }

  /// A search takes the pool's solution when it beats its own incumbent, else offers GLPK
  /// its own heuristic's and hands that to the pool.
  @Test func aSearchTakesBetterSolutionsFromThePoolAndGivesItsOwn() throws {
    var program = LinearProgram(direction: .maximize)
    for _ in 0..<2 { program.addColumn(objective: 1, upper: 1, integer: true) }
    let shared = SharedIncumbent(direction: .maximize, start: .init(objective: 1, values: [1, 0]))
    var offers = [[0.0, 1.0], [1.0, 1.0]]
    let own = NodeHeuristic { _ in offers.isEmpty ? nil : offers.removeFirst() }
    let exchange = IncumbentExchange(shared: shared, own: own, program: program, incumbent: [0, 0])
    let heuristic = try #require(exchange.heuristic)
    #expect(heuristic.attempt([0.5, 0.5]) == [1, 0])  // the pool's 1 beats the search's 0
    #expect(heuristic.attempt([0.5, 0.5]) == [0, 1])  // its own, no better than the pool's
    #expect(shared.entry(beating: nil)?.values == [1, 0])
    #expect(heuristic.attempt([0.5, 0.5]) == [1, 1])
    #expect(shared.entry(beating: nil)?.values == [1, 1] && own.found == 2)
  }

  /// Every incumbent GLPK's own search finds (no heuristic here) is in the pool by the
  /// time progress reports it, so that the other searches can prune against it.
  @Test(arguments: [LinearProgram.Direction.maximize, .minimize])
  func glpksOwnIncumbentsReachThePool(direction: LinearProgram.Direction) async throws {
    var reports = 0
    for seed in UInt64(1)...10 {
      let program = ReducedCostTighteningTests.knapsack(seed: seed, direction: direction)
      let start = ReducedCostTighteningTests.poorStart(program)
      let shared = SharedIncumbent(
        direction: direction, start: .init(objective: program.objectiveValue(of: start), values: start))
      let seen = Seen()
      let control = SolveControl(progress: { progress in
        guard let incumbent = progress.incumbent else { return }
        seen.record(incumbent, pooled: shared.entry(beating: nil)?.objective)
      })
      let solved = await GLPKThread.run(control) { control in
        Result { () throws(GLPKError) in
          try GLPKSolver.solveOnThisThread(
            program, options: GLPKOptions(), incumbent: start, control: control, stage: "objective", sharing: shared)
        }
      }
      let solution = try solved.get()
      #expect(solution.status == .optimal, "seed \(seed)")
      let pooled = try #require(shared.entry(beating: nil), "seed \(seed)")
      #expect(program.objectiveValue(of: pooled.values) == pooled.objective, "seed \(seed)")
      let (incumbents, missing) = seen.summary
      #expect(missing.isEmpty, "seed \(seed): reported but not pooled: \(missing)")
      reports += incumbents
    }
    #expect(reports >= 20, "\(reports) incumbents reported")
  }

  /// The incumbents progress reported, and those the pool did not hold at the time.
  final class Seen: Sendable {
    private let state = Mutex<(reports: Int, missing: [Double])>((0, []))

    func record(_ incumbent: Double, pooled: Double?) {
      state.withLock { state in
        state.reports += 1
        if pooled != incumbent { state.missing.append(incumbent) }
      }
    }

    var summary: (reports: Int, missing: [Double]) { state.withLock { $0 } }
  }

  /// The first search to prove the optimum stops the others at once, and its proof is the
  /// race's result.
  @Test func aProofStopsTheOtherSearches() async throws {
    let entrants = SearchRace.entrants(GLPKOptions(), count: 3)
    let proven = Moment()
    let race = try await SearchRace.run(entrants, control: SolveControl(), direction: .maximize, incumbent: nil) {
      options, control, _ throws(GLPKError) in
      if options.backtracking == entrants[1].backtracking {
        proven.mark()
        return (LinearProgramSolution(status: .optimal, objective: 7, bound: 7, values: [7], nodes: 1), false)
      }
      // The others search until stopped, or give up 5 s after the proof. (Under load the
      // prover's thread may start long after theirs: tasks wait for cooperative threads.)
      while !control.isCancelled && (proven.instant.map { .now - $0 < .seconds(5) } ?? true) {
        Thread.sleep(forTimeInterval: 0.001)
      }
      return (Self.stopped(objective: 5, bound: 9, nodes: 2), control.isCancelled)
    }
    #expect(race.winner == 1 && race.extras == [true, false, true])
    #expect(race.solution.status == .optimal && race.solution.objective == 7 && race.solution.nodes == 5)
  }

  /// When something happened, once it has.
  final class Moment: Sendable {
    private let moment = Mutex<ContinuousClock.Instant?>(nil)

    func mark() { moment.withLock { $0 = $0 ?? .now } }

    var instant: ContinuousClock.Instant? { moment.withLock { $0 } }
  }

  /// Two to four searches racing on knapsacks (`ReducedCostTighteningTests.knapsack`) from
  /// a poor start, sharing incumbents, reach the optimum found by enumeration.
  @Test(arguments: [LinearProgram.Direction.maximize, .minimize])
  func racesKeepTheBruteForceOptima(direction: LinearProgram.Direction) async throws {
    for seed in UInt64(1)...40 {
      let program = ReducedCostTighteningTests.knapsack(seed: seed, direction: direction)
      let start = ReducedCostTighteningTests.poorStart(program)
      let entrants = SearchRace.entrants(GLPKOptions(), count: 2 + Int(seed % 3))
      let race = try await SearchRace.run(
        entrants, control: SolveControl(), direction: direction,
        incumbent: .init(objective: program.objectiveValue(of: start), values: start)
      ) { options, control, shared throws(GLPKError) in
        let solution = try GLPKSolver.solveOnThisThread(
          program, options: options, incumbent: start, control: control, stage: "objective", sharing: shared)
        return (solution, ())
      }
      let optimum = ReducedCostTighteningTests.bruteForceOptimum(program)
      #expect(race.solution.status == .optimal, "seed \(seed)")
      #expect(abs((race.solution.objective ?? .nan) - optimum) < 1e-6, "seed \(seed): \(optimum)")
      #expect(program.violations(of: race.solution.values).isEmpty, "seed \(seed)")
      #expect(race.winner != nil && race.extras.count == entrants.count, "seed \(seed)")
    }
  }

  /// Max-stable with one, two and four searches: the same optimum, and a note that names
  /// the racers (on the markets where the stable start does not already meet the flow's
  /// bound, which most of them are).
  @Test func maxStableRacesPlaceAsManyAsOneSearch() async throws {
    var raced = 0
    for seed in UInt64(1)...12 {
      let market = Fixtures.tinyMarket(seed: seed, applicants: 100, positions: 20, listLength: 4) {
        $0.capacity = 1...8
        $0.tieDensity = 0.2
      }
      let alone = try await MaxStableProgram(searches: 1).solve(market)
      #expect(alone.status == .optimal && !alone.notes.contains { $0.hasPrefix("searches racing") })
      for searches in [2, 4] {
        let race = try await MaxStableProgram(searches: searches).solve(market)
        #expect(race.status == .optimal && race.objective == alone.objective, "seed \(seed), \(searches) searches")
        if race.method == "glpk" {
          raced += 1
          #expect(
            race.notes.contains { $0.hasPrefix("searches racing: \(searches) (best projection, best local bound") })
        }
        let evaluation = Evaluation(market, race.assignment)
        #expect(evaluation.isValid && evaluation.isStable && Double(evaluation.matched) == race.objective)
      }
    }
    #expect(raced >= 12, "only \(raced) of 24 races searched")
  }
}
