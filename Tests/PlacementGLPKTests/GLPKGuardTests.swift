import Foundation
import Placement
import Testing

@testable import PlacementGLPK

/// The C guard: GLPK's fatal errors become Swift errors and the process lives.
@Suite struct GLPKGuardTests {
  @Test func aDuplicateMatrixEntryIsTrappedAndGLPKWorksAfterwards() async throws {
    let control = SolveControl(timeLimit: nil)
    let outcome = await GLPKThread.run(SolveControl(timeLimit: nil)) { _ in
      Result { () throws(GLPKError) in
        try GLPKProblem.withNew { problem throws(GLPKError) in
          try problem.load(chvatalProgram(integer: false))
          // Entry 2 repeats (row 1, column 1): glp_load_matrix calls glp_error, which aborts.
          try problem.loadMatrixUnchecked(rows: [0, 1, 1], columns: [0, 1, 1], values: [0, 1, 2])
        }
      }
    }
    #expect(throws: GLPKError.self) { try outcome.get() }
    guard case .failure(.fatal(let message)) = outcome else {
      Issue.record("not trapped: \(outcome)")
      return
    }
    #expect(message.contains("duplicate indices not allowed"))
    // On the same kind of thread, GLPK builds a fresh environment and solves again.
    let again = try GLPKSolver.solveOnThisThread(
      chvatalProgram(integer: true), options: GLPKOptions(), incumbent: nil, control: control, stage: "test")
    #expect(again.objective == 13)
  }

  @Test func aColumnOutOfRangeIsTrapped() async {
    let outcome = await GLPKThread.run(SolveControl(timeLimit: nil)) { _ in
      Result { () throws(GLPKError) in
        try GLPKProblem.withNew { problem throws(GLPKError) in
          try problem.load(chvatalProgram(integer: false))
          try problem.loadMatrixUnchecked(rows: [0, 1], columns: [0, 9], values: [0, 1])
        }
      }
    }
    guard case .failure(.fatal(let message)) = outcome else {
      Issue.record("not trapped: \(outcome)")
      return
    }
    #expect(message.contains("column index out of range"))
  }

  @Test func theDisabledRelax4StubIsTrapped() async {
    let outcome = await GLPKThread.run(SolveControl(timeLimit: nil)) { _ in
      Result { () throws(GLPKError) in try callDisabledRelax4() }
    }
    guard case .failure(.fatal(let message)) = outcome else {
      Issue.record("not trapped: \(outcome)")
      return
    }
    #expect(message.contains("disabled"))
  }

  @Test func aProblemUsedAfterATrapIsAnErrorNotACrash() async {
    let outcome = await GLPKThread.run(SolveControl(timeLimit: nil)) { _ in
      Result { () throws(GLPKError) in
        try GLPKProblem.withNew { problem throws(GLPKError) in
          try problem.load(chvatalProgram(integer: false))
          _ = try? problem.loadMatrixUnchecked(rows: [0, 1, 1], columns: [0, 1, 1], values: [0, 1, 2])
          _ = try problem.simplex(timeLimitMilliseconds: .max, log: false)
        }
      }
    }
    guard case .failure(.fatal(let message)) = outcome else {
      Issue.record("not an error: \(outcome)")
      return
    }
    #expect(message.contains("freed"))
  }

  @Test func invalidOptionsAndStartingSolutionsAreRejectedBeforeGLPK() async {
    let options = GLPKOptions(relativeGap: .nan)
    await #expect(throws: GLPKError.self) {
      try await GLPKSolver(options: options).solve(chvatalProgram(integer: true))
    }
    await #expect(throws: GLPKError.self) {
      try await GLPKSolver().solve(chvatalProgram(integer: true), startingFrom: [3, 3, 3])
    }
  }
}
