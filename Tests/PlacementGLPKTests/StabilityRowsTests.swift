import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// The stability programme as a whole: every weakly stable placement, extended to every
/// helper column, satisfies every row and every comb (so neither can cut off an optimum),
/// and the rows that strengthen the relaxation do cut its optimum.
@Suite struct StabilityRowsTests {
  /// Every row and column bound of `program` holds at `values`, to within `tolerance`;
  /// the names of those that do not.
  static func broken(_ program: LinearProgram, at values: [Double], tolerance: Double = 1e-9) -> [String] {
    var broken: [String] = []
    for column in 0..<program.columnCount
    where values[column] < program.columnLower[column] - tolerance
      || values[column] > program.columnUpper[column] + tolerance
    {
      broken.append("\(program.columnNames[column]) = \(values[column])")
    }
    for row in 0..<program.rowCount {
      var activity = 0.0
      for k in program.rowStart[row]..<program.rowStart[row + 1] {
        activity += program.rowValue[k] * values[Int(program.rowColumn[k])]
      }
      if activity < program.rowLower[row] - tolerance || activity > program.rowUpper[row] + tolerance {
        broken.append("\(program.rowNames[row]): \(activity)")
      }
    }
    return broken
  }

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
      let broken = Self.broken(program, at: values)
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
      let broken = Self.broken(program, at: model.values(of: assignment))
      #expect(broken.isEmpty, "\(assignment) breaks \(broken)")
    }
  }

  /// Without the no-room rows, the LP relaxation's optimum breaks one of them in at least
  /// 10 of 300 markets: they strengthen the relaxation.
  @Test func noRoomRowsCutTheRelaxationsOptimum() async throws {
    var cutMarkets = 0
    for seed in UInt64(1)...300 {
      let model = WelfareModel(StabilityCombsTests.market(seed: seed), stable: true)
      let program = MaxStableProgram.program(for: model)
      let noRoom = (0..<program.rowCount).filter { program.rowNames[$0].hasPrefix("noroom_") }
      guard !noRoom.isEmpty else { continue }
      var relaxed = LinearProgram(direction: program.direction)
      for column in 0..<program.columnCount {
        relaxed.addColumn(
          objective: program.objective[column], lower: program.columnLower[column], upper: program.columnUpper[column])
      }
      for row in 0..<program.rowCount where !noRoom.contains(row) {
        let terms = (program.rowStart[row]..<program.rowStart[row + 1]).map {
          (column: Int(program.rowColumn[$0]), coefficient: program.rowValue[$0])
        }
        relaxed.addRow(terms, lower: program.rowLower[row], upper: program.rowUpper[row])
      }
      let solution = try await GLPKSolver().solve(relaxed)
      guard solution.status == .optimal else { continue }
      let values = solution.values
      let cut = noRoom.contains { row in
        let activity = (program.rowStart[row]..<program.rowStart[row + 1]).reduce(0.0) {
          $0 + program.rowValue[$1] * values[Int(program.rowColumn[$1])]
        }
        return activity > program.rowUpper[row] + 1e-6
      }
      if cut { cutMarkets += 1 }
    }
    #expect(cutMarkets >= 10, "the no-room rows cut the relaxation in \(cutMarkets) of 300 markets")
  }
}
