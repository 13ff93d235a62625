import Placement
import Testing

@testable import PlacementGLPK

/// A caller's node heuristic is asked at fractional nodes, and GLPK keeps what it offers.
@Suite struct NodeHeuristicTests {
  /// Solves `CutSeparatorTests.program` (LP optimum (0.5, 1), integer optimum (0, 1)) with
  /// a heuristic that always offers `offer`.
  private func solve(offering offer: [Double]) async throws -> (LinearProgramSolution, found: Int) {
    let (program, _, _) = CutSeparatorTests.program
    let outcome = await GLPKThread.run(SolveControl(timeLimit: .seconds(10))) { [program] control in
      Result { () throws(GLPKError) in
        let heuristic = NodeHeuristic { _ in offer }
        let solution = try GLPKSolver.solveOnThisThread(
          program, options: GLPKOptions(), incumbent: nil, control: control, stage: "test", heuristic: heuristic)
        return (solution, heuristic.found)
      }
    }
    return try outcome.get()
  }

  @Test func anOfferedSolutionBecomesTheIncumbent() async throws {
    let (solution, found) = try await solve(offering: [0, 1])
    #expect(found >= 1)
    #expect(solution.status == .optimal && solution.values == [0, 1])
  }

  /// An answer of the wrong length is dropped before GLPK reads it.
  @Test func anAnswerOfTheWrongLengthIsDropped() async throws {
    let (solution, found) = try await solve(offering: [1])
    #expect(found == 0)
    #expect(solution.status == .optimal && solution.objective == 2)
  }
}
