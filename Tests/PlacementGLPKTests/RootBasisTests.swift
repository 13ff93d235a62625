import Logging
import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// The root LP started from a basis at the starting placement (one-to-one max-stable
/// programmes): it reaches the same LP optimum as the presolver's start, and the search
/// from it the same largest stable placement, which on tiny markets is brute force's.
@Suite struct RootBasisTests {
  /// One-to-one markets with dense ties and short lists, where deferred acceptance falls
  /// short of the largest stable placement, so the search runs.
  static func oneToOne(seed: UInt64, applicants: Int) -> Market {
    Fixtures.tinyMarket(seed: seed, applicants: applicants, positions: applicants, listLength: 3) { shape in
      shape.capacity = 1...1
      shape.tieDensity = 0.7
      shape.correlation = 0
    }
  }

  @Test func oneToOneProgrammesStartAtThePlacementAndOthersDoNot() {
    let oneToOne = Self.oneToOne(seed: 1, applicants: 20)
    #expect(MaxStableProgram.program(for: WelfareModel(oneToOne, stable: true)).rootBasisColumns == oneToOne.pairCount)
    let manyToOne = tiedMarket(seed: 2)
    #expect(manyToOne.positionCapacity.contains { $0 > 1 })
    #expect(MaxStableProgram.program(for: WelfareModel(manyToOne, stable: true)).rootBasisColumns == 0)
  }

  @Test(arguments: 1...300)
  func placesAsManyAsBruteForceOnTinyOneToOneMarkets(seed: UInt64) async throws {
    let market = Self.oneToOne(seed: seed, applicants: 6)
    let largest = BruteForce.stableAssignments(market).map { Evaluation(market, $0).matched }.max()
    let solution = try await MaxStableProgram().solve(market)
    let evaluation = Evaluation(market, solution.assignment)
    #expect(evaluation.isValid && evaluation.isStable, "seed \(seed)")
    #expect(solution.status == .optimal, "seed \(seed)")
    #expect(evaluation.matched == largest, "seed \(seed)")
  }

  /// On markets of 150 where the root LP runs, both starts give the same LP optimum (the
  /// root bound) and the same number placed.
  @Test(arguments: 1...12)
  func bothStartsAgreeWhereTheLPRuns(seed: UInt64) async throws {
    let market = Self.oneToOne(seed: seed, applicants: 150)
    let model = WelfareModel(StablePairReduction(market).market, stable: true)
    let warm = MaxStableProgram.program(for: model)
    #expect(warm.rootBasisColumns > 0)
    var presolved = warm
    presolved.rootBasisColumns = 0
    let start = try #require(
      try MaxStableProgram.stableStarts(for: market, within: model.market, control: SolveControl()).first)
    let incumbent = model.values(of: start.assignment)
    var options = MaxStableProgram.defaultOptions
    options.cuts = []
    let logs = [RecordingLog(), RecordingLog()]
    let solutions = try zip([warm, presolved], logs).map { program, log in
      try GLPKSolver.solveOnThisThread(
        program, options: options, incumbent: incumbent, control: SolveControl(logger: log.logger(level: .debug)),
        stage: "placed")
    }
    let started = logs.map { $0.records.contains { $0.message == "placed: root LP starts at the starting solution" } }
    #expect(started == [true, false], "seed \(seed)")
    let bounds = solutions.map { $0.search.rootBound }
    let warmBound = try #require(bounds[0], "seed \(seed): no root LP (the start was optimal)")
    let presolvedBound = try #require(bounds[1])
    #expect(abs(warmBound - presolvedBound) < 1e-6, "seed \(seed): \(bounds)")
    #expect(solutions.map(\.status) == [.optimal, .optimal], "seed \(seed)")
    #expect(solutions[0].objective == solutions[1].objective, "seed \(seed)")
    let startPlaced = Double(start.assignment.count { $0 >= 0 })
    #expect(try #require(solutions[0].objective) >= startPlaced, "seed \(seed)")
  }
}
