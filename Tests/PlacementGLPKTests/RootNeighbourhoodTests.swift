import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// max-stable's root neighbourhood search: around any point it offers only solutions of
/// the programme better than asked; around a largest stable placement's own point (its
/// pair columns fixed where they are 1) it finds one as large; asked to beat the optimum
/// it finds nothing; and a stopped control stops it.
@Suite struct RootNeighbourhoodTests {
  @Test(arguments: 1...200)
  func findsTheLargestAroundItsPointAndOnlySolutionsAroundAny(seed: UInt64) throws {
    let market = tiedMarket(seed: seed)
    let model = WelfareModel(market, stable: true)
    let program = MaxStableProgram.program(for: model)
    let stable = BruteForce.stableAssignments(market).sorted {
      Evaluation(market, $0).matched > Evaluation(market, $1).matched
    }
    guard let largest = stable.first else { return }
    let most = Double(Evaluation(market, largest).matched)
    let point = model.values(of: largest)
    let pairs = 0..<market.pairCount
    let options = MaxStableProgram.defaultOptions
    let found = RootNeighbourhood.search(
      program, near: point, fixing: pairs, better: most - 1, options: options, control: SolveControl(), heuristic: nil)
    let values = try #require(found, "seed \(seed): nothing around the largest placement")
    #expect(program.violations(of: values, tolerance: 1e-6).isEmpty, "seed \(seed)")
    #expect(program.objectiveValue(of: values).rounded() == most, "seed \(seed)")
    let beyond = RootNeighbourhood.search(
      program, near: point, fixing: pairs, better: most, options: options, control: SolveControl(), heuristic: nil)
    #expect(beyond == nil, "seed \(seed)")
    for other in stable.dropFirst() {
      let mixed = zip(point, model.values(of: other)).map { ($0 + $1) / 2 }
      let near = RootNeighbourhood.search(
        program, near: mixed, fixing: pairs, better: -1, options: options, control: SolveControl(), heuristic: nil)
      if let near {
        #expect(program.violations(of: near, tolerance: 1e-6).isEmpty, "seed \(seed)")
        let placed = Evaluation(market, model.assignment(from: near))
        #expect(placed.isStable && placed.isValid, "seed \(seed)")
      }
    }
  }

  @Test func aStoppedControlStopsTheSearch() throws {
    let market = tiedMarket(seed: 4)
    let model = WelfareModel(market, stable: true)
    let program = MaxStableProgram.program(for: model)
    let control = SolveControl()
    control.cancel()
    let found = RootNeighbourhood.search(
      program, near: [Double](repeating: 0, count: program.columnCount), fixing: 0..<market.pairCount, better: -1,
      options: MaxStableProgram.defaultOptions, control: control, heuristic: nil)
    #expect(found == nil)
  }
}
