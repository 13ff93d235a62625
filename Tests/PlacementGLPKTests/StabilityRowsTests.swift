import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// The stability programme as a whole: every weakly stable placement, extended to every
/// helper column, satisfies every row and every comb (so neither can cut off an optimum),
/// and the rows that strengthen the relaxation do cut its optimum.
@Suite struct StabilityRowsTests {
  /// Capacities of 2–3 and many ties, so positions fill before their last tiers and
  /// combs of every size the capacities allow exist.
  @Test(arguments: 1...300)
  func everyStablePlacementSatisfiesEveryRowAndComb(seed: UInt64) throws {
    let market = StabilityCombsTests.market(seed: seed)
    let model = WelfareModel(market, stable: true)
    let program = MaxStableProgram.program(for: model)
    let combs = try #require(model.stabilityCombs)
    for assignment in BruteForce.stableAssignments(market) {
      let values = model.values(of: assignment)
      let broken = program.violations(of: values, tolerance: 1e-9)
      #expect(broken.isEmpty, "\(assignment) breaks \(broken)")
      let cuts = combs.violated(by: values, margin: 1e-9)
      #expect(cuts.isEmpty, "\(assignment) violates combs \(cuts.map(\.lower))")
    }
  }

  /// Every feature: groups, type quotas, minimums, closable positions.
  @Test(arguments: 1...300)
  func everyStablePlacementSatisfiesEveryRowWithEveryFeature(seed: UInt64) throws {
    let shape = stableFeatureShape(seed: seed, applicants: 6, scores: false)
    let market = Fixtures.market(shape.instance(seed: seed))
    let model = WelfareModel(market, stable: true)
    let program = MaxStableProgram.program(for: model)
    for assignment in BruteForce.stableAssignments(market) {
      let broken = program.violations(of: model.values(of: assignment), tolerance: 1e-9)
      #expect(broken.isEmpty, "\(assignment) breaks \(broken)")
    }
  }

  /// Without the no-room rows, the LP relaxation's optimum breaks one of them in at least
  /// 10 of 300 markets: they strengthen the relaxation.
  @Test func noRoomRowsCutTheRelaxationsOptimum() async throws {
    var cutMarkets = 0
    for seed in UInt64(1)...300 {
      let model = WelfareModel(StabilityCombsTests.market(seed: seed), stable: true)
      var relaxed = MaxStableProgram.program(for: model)
      relaxed.isInteger = [Bool](repeating: false, count: relaxed.columnCount)
      let noRoom = (0..<relaxed.rowCount).filter { relaxed.rowNames[$0].hasPrefix("noroom_") }
      guard !noRoom.isEmpty else { continue }
      var withoutNoRoom = relaxed
      for row in noRoom { withoutNoRoom.rowUpper[row] = .infinity }
      let solution = try await GLPKSolver().solve(withoutNoRoom)
      guard solution.status == .optimal else { continue }
      // The two programmes differ only in the no-room rows, so any violation is one of them.
      let cut = !relaxed.violations(of: solution.values).isEmpty
      if cut { cutMarkets += 1 }
    }
    #expect(cutMarkets >= 10, "the no-room rows cut the relaxation in \(cutMarkets) of 300 markets")
  }

  /// A one-to-one market, and the same market with a spare two-seat position nobody
  /// lists, which makes it many-to-one without changing its placements.
  static func oneToOneAndSpare(seed: UInt64, applicants: Int, listLength: Int = 3) -> (
    oneToOne: Market, spare: Market
  ) {
    var shape = RandomMarket(applicants: applicants, positions: applicants, listLength: listLength)
    shape.capacity = 1...1
    shape.tieDensity = 0.7
    shape.correlation = 0
    var instance = shape.instance(seed: seed)
    let oneToOne = Fixtures.market(instance)
    instance.positions.append(Position(id: "spare", capacity: 2))
    return (oneToOne, Fixtures.market(instance))
  }

  /// One-to-one, the prefix counts are the refusal columns and the applicants' counts
  /// (three choices here) are written out: no `full` or `atleast` columns, no no-room
  /// rows and no combs, a smaller programme than the many-to-one rows (which the spare
  /// position forces). Its rows leave each pair's own placement out of the at-least side,
  /// so its LP bound is never above theirs and is below it where theirs is fractional: on
  /// these markets the one-to-one bound is always whole.
  @Test func oneToOneRowsAreTighterThanTheManyToOneRowsFromASmallerModel() async throws {
    var tighter = 0
    var fractional = [0, 0]
    for seed in UInt64(1)...150 {
      let (oneToOne, spare) = Self.oneToOneAndSpare(seed: seed, applicants: 40)
      let models = [oneToOne, spare].map { WelfareModel($0, stable: true) }
      let programs = models.map { MaxStableProgram.program(for: $0) }
      #expect(!programs[0].columnNames.contains { $0.hasPrefix("full_p") }, "seed \(seed)")
      #expect(!programs[0].columnNames.contains { $0.hasPrefix("atleast_") }, "seed \(seed)")
      #expect(!programs[0].rowNames.contains { $0.hasPrefix("noroom_") }, "seed \(seed)")
      #expect(models[0].stabilityCombs == nil, "seed \(seed)")
      #expect(programs[1].columnNames.contains { $0.hasPrefix("full_p") }, "seed \(seed)")
      #expect(programs[1].columnNames.contains { $0.hasPrefix("atleast_") }, "seed \(seed)")
      #expect(models[1].stabilityCombs != nil, "seed \(seed)")
      #expect(programs[0].rowCount < programs[1].rowCount, "seed \(seed)")
      #expect(programs[0].columnCount < programs[1].columnCount, "seed \(seed)")
      var bounds: [Double] = []
      for var program in programs {
        program.isInteger = [Bool](repeating: false, count: program.columnCount)
        bounds.append(try #require(try await GLPKSolver().solve(program).objective, "seed \(seed)"))
      }
      #expect(bounds[0] <= bounds[1] + 1e-6, "seed \(seed): \(bounds)")
      if bounds[0] < bounds[1] - 1e-6 { tighter += 1 }
      for (k, bound) in bounds.enumerated() where abs(bound - bound.rounded()) > 1e-6 { fractional[k] += 1 }
    }
    #expect(tighter >= 8, "tighter on \(tighter) of 150 markets")
    #expect(fractional[1] >= 8 && fractional[0] == 0, "fractional bounds: \(fractional)")
  }

  /// One-to-one, every stable placement satisfies every row and bound (rows without a
  /// pair's own placement on the at-least side, counts fixed at 1 and the rows they
  /// cover left out, forced pairs as bounds, no position rows, and with five choices the
  /// applicants' counts as columns and no applicant rows), and the programme's optimum
  /// is brute force's largest stable placement, as with the spare position.
  @Test(arguments: 1...200, [3, 5])
  func oneToOneRowsKeepEveryStablePlacementAndTheOptimum(seed: UInt64, listLength: Int) async throws {
    let (oneToOne, spare) = Self.oneToOneAndSpare(seed: seed, applicants: 6, listLength: listLength)
    let model = WelfareModel(oneToOne, stable: true)
    let program = MaxStableProgram.program(for: model)
    let stable = BruteForce.stableAssignments(oneToOne)
    for assignment in stable {
      let values = model.values(of: assignment)
      let broken = program.violations(of: values, tolerance: 1e-9)
      #expect(broken.isEmpty, "seed \(seed), \(listLength) choices: \(assignment) breaks \(broken)")
    }
    let largest = stable.map { Evaluation(oneToOne, $0).matched }.max()
    var options = MaxStableProgram.defaultOptions
    options.cuts = []
    for market in [oneToOne, spare] {
      let solution = try await MaxStableProgram(options: options, preprocessing: false, warmStart: false).solve(market)
      #expect(solution.status == .optimal, "seed \(seed)")
      #expect(Evaluation(market, solution.assignment).isStable, "seed \(seed)")
      #expect(solution.objective.map { Int($0) } == largest, "seed \(seed)")
    }
  }
}
