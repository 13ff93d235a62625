import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// The comb inequalities are strong enough to cut the LP relaxation's optimum (that no
/// weakly stable placement violates one is `StabilityRowsTests`' check).
@Suite struct StabilityCombsTests {
  /// Seven applicants over three positions of capacity 2–3, many ties: enough rivals per
  /// position for combs of every size the capacities allow.
  static func market(seed: UInt64) -> Market {
    Fixtures.tinyMarket(seed: seed, applicants: 7, positions: 3, listLength: 3) { shape in
      shape.capacity = 2...3
      shape.tieDensity = 0.5
      shape.positionPreferences = !seed.isMultiple(of: 4)
      shape.minimumShare = seed.isMultiple(of: 3) ? 0.4 : 0
    }
  }

  /// Over 300 markets the LP relaxation's optimum breaks some comb, and every comb found is
  /// violated by that point: the separation is not vacuous.
  @Test func combsCutTheRelaxationsOptimum() async throws {
    var cutMarkets = 0
    for seed in UInt64(1)...300 {
      let market = Self.market(seed: seed)
      let model = WelfareModel(market, stable: true)
      var relaxed = MaxStableProgram.program(for: model)
      relaxed.isInteger = [Bool](repeating: false, count: relaxed.columnCount)
      let solution = try await GLPKSolver().solve(relaxed)
      guard solution.status == .optimal, let combs = model.stabilityCombs else { continue }
      let cuts = combs.violated(by: solution.values)
      for cut in cuts {
        let activity = cut.terms.reduce(0) { $0 + $1.coefficient * solution.values[$1.column] }
        #expect(activity < cut.lower - 0.05)
      }
      if !cuts.isEmpty { cutMarkets += 1 }
    }
    #expect(cutMarkets >= 10, "combs cut the relaxation in \(cutMarkets) of 300 markets")
  }
}
