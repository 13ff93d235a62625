import Foundation
import Placement
import Testing

@testable import PlacementGLPK

/// A caller's separator is asked at fractional nodes and its cuts bind the search.
@Suite struct CutSeparatorTests {
  /// max x + 2y, 2x + 2y ≤ 3, x and y binary: the LP optimum (0.5, 1) is fractional and
  /// the integer optimum is y = 1 (objective 2).
  static let program: (program: LinearProgram, x: Int, y: Int) = {
    var program = LinearProgram(direction: .maximize)
    let x = program.addColumn(objective: 1, upper: 1, integer: true)
    let y = program.addColumn(objective: 2, upper: 1, integer: true)
    program.addRow([(x, 2), (y, 2)], lower: -.infinity, upper: 3)
    return (program, x, y)
  }()

  @Test func cutsFromTheSeparatorBindTheSearch() async throws {
    // A separator that answers "y ≤ 0" (as −y ≥ 0) must leave x = 1, objective 1: only
    // the cut can bring that about.
    let (program, _, y) = Self.program
    let outcome = await GLPKThread.run(SolveControl(timeLimit: .seconds(10))) { [program] control in
      Result { () throws(GLPKError) in
        let separator = CutSeparator { values in
          values[y] > 1e-6 ? [Cut(terms: [(y, -1)], lower: 0)] : []
        }
        let solution = try GLPKSolver.solveOnThisThread(
          program, options: GLPKOptions(), incumbent: nil, control: control, stage: "test", separator: separator)
        return (solution, separator.added)
      }
    }
    let (solution, added) = try outcome.get()
    #expect(solution.status == .optimal)
    #expect(solution.objective == 1)
    #expect(solution.values == [1, 0])
    #expect(added >= 1)
  }

  /// Stopped by the time limit while the root is still being cut, the search reports the
  /// root LP's bound (GLPK marks the unsolved root with DBL_MAX, which is not a bound).
  @Test func aSearchStoppedDuringTheRootsCutsReportsTheRootBound() async throws {
    let (program, x, y) = Self.program
    let outcome = await GLPKThread.run(SolveControl(timeLimit: .seconds(1))) { [program] control in
      Result { () throws(GLPKError) in
        // x + y ≤ 1 cuts the LP optimum (0.5, 1); the separator is slow on purpose.
        let separator = CutSeparator { values in
          Thread.sleep(forTimeInterval: 1.5)
          return values[x] + values[y] > 1 + 1e-6 ? [Cut(terms: [(x, -1), (y, -1)], lower: -1)] : []
        }
        return try GLPKSolver.solveOnThisThread(
          program, options: GLPKOptions(), incumbent: [1, 0], control: control, stage: "test", separator: separator)
      }
    }
    let solution = try outcome.get()
    #expect(solution.status == .feasible)
    #expect(solution.objective == 1)
    #expect(solution.bound == 2, "the root LP's 2.5, rounded down for a whole objective")
  }

  @Test func withoutASeparatorTheSameSearchFindsTheIntegerOptimum() async throws {
    let solution = try await GLPKSolver().solve(Self.program.program)
    #expect(solution.objective == 2)
  }
}
