import CGLPKShims
import CGLPKTestShims
import Foundation
import Placement
import Testing

@testable import PlacementGLPK

/// Loads raw 1-based matrix entries into a 3 × 3 problem of the test's own, unchecked.
private func loadMatrixUnchecked(rows: [Int32], columns: [Int32], values: [Double]) throws(GLPKError) {
  let code = cglpk_test_load_matrix_unchecked(3, 3, Int32(rows.count - 1), rows, columns, values)
  if code == CGLPK_FATAL { throw .fatal(String(cString: cglpk_last_error())) }
}

/// Runs GLPK's disabled RELAX-IV entry under the guard.
private func callDisabledRelax4() throws(GLPKError) {
  if cglpk_test_call_disabled_relax4() == CGLPK_FATAL { throw .fatal(String(cString: cglpk_last_error())) }
}

/// The C guard: GLPK's fatal errors become Swift errors and the process lives.
@Suite struct GLPKGuardTests {
  @Test func aDuplicateMatrixEntryIsTrappedAndGLPKWorksAfterwards() async throws {
    let control = SolveControl(timeLimit: nil)
    let outcome = await GLPKThread.run(SolveControl(timeLimit: nil)) { _ in
      Result { () throws(GLPKError) in
        try GLPKProblem.withNew { problem throws(GLPKError) in
          try problem.load(chvatalProgram(integer: false))
          // Entry 2 repeats (row 1, column 1): glp_load_matrix calls glp_error, which aborts.
          try loadMatrixUnchecked(rows: [0, 1, 1], columns: [0, 1, 1], values: [0, 1, 2])
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
          try loadMatrixUnchecked(rows: [0, 1], columns: [0, 9], values: [0, 1])
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
          _ = try? loadMatrixUnchecked(rows: [0, 1, 1], columns: [0, 1, 1], values: [0, 1, 2])
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
