import Foundation
import Placement
import PlacementTestSupport
import Testing

@testable import PlacementGLPK

/// Continuous placements: a point with the refusal binaries integral but placements
/// fractional is turned into a whole placement by re-solving with the binaries fixed.
@Suite struct IntegralPlacementsTests {
  @Test func aFractionalMixOfTwoStablePlacementsBecomesAWholeOne() async throws {
    // Two applicants, each indifferent between two one-seat positions that take either.
    let json = """
      {"format":"placement-instance","version":1,"name":"mix",
       "applicants":[{"id":"a0","preferences":[["p0","p1"]]},{"id":"a1","preferences":[["p0","p1"]]}],
       "positions":[{"id":"p0","capacity":1},{"id":"p1","capacity":1}]}
      """
    let market = try Market(compiling: Instance(json: Data(json.utf8)))
    let model = WelfareModel(market, stable: true)
    let program = MaxStableProgram.program(for: model)
    #expect(MaxStableProgram.placementsCanBeContinuous(market) && program.objectiveIsWhole && program.verticesAreWhole)
    let first = model.values(of: [0, 1])
    let second = model.values(of: [1, 0])
    let mix = zip(first, second).map { ($0 + $1) / 2 }
    #expect(program.violations(of: mix).isEmpty, "the mix is feasible for the relaxation")
    #expect(mix[0] == 0.5)
    let whole = await GLPKThread.run(SolveControl(timeLimit: .seconds(10))) { control in
      Result { () throws(GLPKError) in try MaxStableProgram.integralPlacements(mix, in: program, control: control) }
    }
    let values = try whole.get()
    #expect(values.prefix(market.pairCount).allSatisfy { $0 == 0 || $0 == 1 }, "\(values)")
    let evaluation = Evaluation(market, model.assignment(from: values))
    #expect(evaluation.matched == 2 && evaluation.isStable)
  }

  /// GLPK prunes a node unless its bound beats the incumbent by the tolerance times
  /// (1 + |incumbent|): under one unit at any objective a solution can have, and nearly
  /// one when the LP relaxation's optimum caps the objective.
  @Test func wholeObjectiveToleranceIsJustUnderOneUnit() throws {
    var program = LinearProgram(direction: .maximize)
    for _ in 0..<1_000 { program.addColumn(objective: 1, lower: 0, upper: 1, integer: false) }
    program.objectiveIsWhole = true
    let loose = program.wholeObjectiveTolerance()
    let tight = program.wholeObjectiveTolerance(relaxedBound: 40.5)
    #expect(loose * (1 + 1_000) < 1 && tight * (1 + 40.5) < 1)
    #expect(tight * (1 + 40) > 0.98)
    #expect(loose * (1 + 40) < 0.05)
    program.direction = .minimize
    #expect(program.wholeObjectiveTolerance(relaxedBound: 40.5) == loose, "a lower bound does not cap a minimum")
  }
}
