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
}
