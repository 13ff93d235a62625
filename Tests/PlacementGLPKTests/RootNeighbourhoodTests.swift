import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// max-stable's root neighbourhood searches: around any point they offer only solutions
/// of the programme better than asked; around a largest stable placement's own point (its
/// pair columns fixed where they are 1, or its refusal columns where a smaller stable
/// placement agrees with it) they find one as large; asked to beat the optimum they find
/// nothing; and a stopped control stops them.
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
      program, near: point, fixing: .wholeNonZero(pairs), better: most - 1, options: options, control: SolveControl(),
      budget: .seconds(60), heuristic: nil)
    let values = try #require(found, "seed \(seed): nothing around the largest placement")
    #expect(program.violations(of: values, tolerance: 1e-6).isEmpty, "seed \(seed)")
    #expect(program.objectiveValue(of: values).rounded() == most, "seed \(seed)")
    let beyond = RootNeighbourhood.search(
      program, near: point, fixing: .wholeNonZero(pairs), better: most, options: options, control: SolveControl(),
      budget: .seconds(60), heuristic: nil)
    #expect(beyond == nil, "seed \(seed)")
    for other in stable.dropFirst() {
      let mixed = zip(point, model.values(of: other)).map { ($0 + $1) / 2 }
      let near = RootNeighbourhood.search(
        program, near: mixed, fixing: .wholeNonZero(pairs), better: -1, options: options, control: SolveControl(),
        budget: .seconds(60), heuristic: nil)
      if let near {
        #expect(program.violations(of: near, tolerance: 1e-6).isEmpty, "seed \(seed)")
        let placed = Evaluation(market, model.assignment(from: near))
        #expect(placed.isStable && placed.isValid, "seed \(seed)")
      }
    }
  }

  @Test(arguments: 1...200)
  func theAgreeingSearchFindsTheLargestFromASmallerPlacement(seed: UInt64) throws {
    let market = tiedMarket(seed: seed)
    let model = WelfareModel(market, stable: true)
    let program = MaxStableProgram.program(for: model)
    let stable = BruteForce.stableAssignments(market).sorted {
      Evaluation(market, $0).matched > Evaluation(market, $1).matched
    }
    guard let largest = stable.first else { return }
    let most = Evaluation(market, largest).matched
    let point = model.values(of: largest)
    let options = MaxStableProgram.defaultOptions
    for smaller in stable where Evaluation(market, smaller).matched < most {
      let start = model.values(of: smaller)
      let placed = Double(Evaluation(market, smaller).matched)
      let found = RootNeighbourhood.search(
        program, near: point, fixing: .agreeing(with: start), better: placed, options: options,
        control: SolveControl(), budget: .seconds(60), heuristic: nil)
      let values = try #require(found, "seed \(seed): nothing from a placement of \(Int(placed))")
      #expect(program.violations(of: values, tolerance: 1e-6).isEmpty, "seed \(seed)")
      #expect(program.objectiveValue(of: values).rounded() == Double(most), "seed \(seed)")
      let evaluation = Evaluation(market, model.assignment(from: values))
      #expect(evaluation.isStable && evaluation.isValid, "seed \(seed)")
      let beyond = RootNeighbourhood.search(
        program, near: point, fixing: .agreeing(with: start), better: Double(most), options: options,
        control: SolveControl(), budget: .seconds(60), heuristic: nil)
      #expect(beyond == nil, "seed \(seed)")
    }
  }

  @Test func aStoppedControlStopsTheSearch() throws {
    let market = tiedMarket(seed: 4)
    let model = WelfareModel(market, stable: true)
    let program = MaxStableProgram.program(for: model)
    let control = SolveControl()
    control.cancel()
    let zero = [Double](repeating: 0, count: program.columnCount)
    let empty = model.values(of: [Int32](repeating: -1, count: market.applicantCount))
    for fixing in [RootNeighbourhood.Fixing.wholeNonZero(0..<market.pairCount), .agreeing(with: empty)] {
      let found = RootNeighbourhood.search(
        program, near: zero, fixing: fixing, better: -1, options: MaxStableProgram.defaultOptions, control: control,
        budget: .seconds(60), heuristic: nil)
      #expect(found == nil)
    }
  }
}
