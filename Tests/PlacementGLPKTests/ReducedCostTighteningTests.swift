import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// Tightening by reduced cost against a whole step (`cglpk_search.objective_step`): at
/// each node, a whole column may move off its bound only as many units as its reduced
/// cost leaves room for beating the incumbent by one. Solved from poor starting
/// solutions, so that tightening starts at the root, programmes must keep their optima,
/// and the tightening must happen.
@Suite struct ReducedCostTighteningTests {
  /// Ten binaries and one integer in 0…3, three random rows; for maximisation
  /// `Σ a·x ≤ ½ Σ a`, for minimisation `Σ a·x ≥ ½ Σ a`, with whole objective coefficients.
  static func knapsack(seed: UInt64, direction: LinearProgram.Direction) -> LinearProgram {
    var random = SplitMix64(seed: seed)
    var program = LinearProgram(direction: direction)
    for column in 0..<11 {
      program.addColumn(
        objective: Double(Int.random(in: 1...9, using: &random)), upper: column == 10 ? 3 : 1, integer: true)
    }
    for _ in 0..<3 {
      let terms = (0..<11).map { (column: $0, coefficient: Double(Int.random(in: 0...9, using: &random))) }
      let half = terms.reduce(0) { $0 + $1.coefficient * program.columnUpper[$1.column] } / 2
      if direction == .maximize {
        program.addRow(terms, lower: -.infinity, upper: half.rounded(.down))
      } else {
        program.addRow(terms, lower: half.rounded(.up), upper: .infinity)
      }
    }
    return program
  }

  /// A feasible and far from optimal solution of `knapsack`: nothing when maximising,
  /// everything when minimising.
  static func poorStart(_ program: LinearProgram) -> [Double] {
    program.direction == .maximize ? [Double](repeating: 0, count: program.columnUpper.count) : program.columnUpper
  }

  /// The best objective over every integer point of `knapsack`'s box, by enumeration.
  static func bruteForceOptimum(_ program: LinearProgram) -> Double {
    var best: Double?
    for mask in 0..<(1 << 10) {
      for last in 0...3 {
        let point = (0..<10).map { Double((mask >> $0) & 1) } + [Double(last)]
        guard program.violations(of: point).isEmpty else { continue }
        let value = program.objectiveValue(of: point)
        best = best.map { program.direction == .maximize ? max($0, value) : min($0, value) } ?? value
      }
    }
    return best!
  }

  @Test(arguments: [LinearProgram.Direction.maximize, .minimize])
  func integerProgrammesKeepTheirBruteForceOptima(direction: LinearProgram.Direction) async throws {
    var tightened = 0
    for seed in UInt64(1)...150 {
      let program = Self.knapsack(seed: seed, direction: direction)
      let start = Self.poorStart(program)
      let solution = try await GLPKSolver().solve(program, startingFrom: start)
      #expect(solution.status == .optimal, "seed \(seed)")
      let optimum = Self.bruteForceOptimum(program)
      #expect(abs((solution.objective ?? .nan) - optimum) < 1e-6, "seed \(seed): \(optimum)")
      tightened += solution.tightenedByReducedCost
    }
    #expect(tightened >= 10, "\(tightened) bounds tightened")
  }

  /// Max-stable's programme has whole vertices, so its continuous columns (placements and
  /// prefix counts up to a capacity) are tightened too. Started from deferred acceptance
  /// with single tie-breaking, it must reach the optimum found without that (integer
  /// columns only), and tighten more.
  @Test func wholeVerticesKeepTheMaxStableOptimum() async throws {
    var tightened = (whole: 0, integerOnly: 0)
    for seed in UInt64(1)...20 {
      let market = Fixtures.tinyMarket(seed: seed, applicants: 100, positions: 8, listLength: 4) {
        $0.capacity = 1...20
        $0.tieDensity = 0.2
      }
      let model = WelfareModel(market, stable: true)
      var program = MaxStableProgram.program(for: model)
      #expect(program.verticesAreWhole)
      let start = model.values(of: try StableApproximation().solve(market).assignment)
      let whole = try await GLPKSolver(options: MaxStableProgram.defaultOptions).solve(program, startingFrom: start)
      program.verticesAreWhole = false
      let integerOnly = try await GLPKSolver(options: MaxStableProgram.defaultOptions).solve(
        program, startingFrom: start)
      #expect(whole.status == .optimal && integerOnly.status == .optimal, "seed \(seed)")
      #expect(whole.objective == integerOnly.objective, "seed \(seed)")
      tightened.whole += whole.tightenedByReducedCost
      tightened.integerOnly += integerOnly.tightenedByReducedCost
    }
    #expect(tightened.whole >= 50 && tightened.whole > tightened.integerOnly, "\(tightened)")
  }
}
