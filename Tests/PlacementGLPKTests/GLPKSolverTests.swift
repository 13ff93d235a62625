import Placement
import PlacementGLPK
import Testing

/// max 5x + 4y + 3z s.t. 2x + 3y + z ≤ 5, 4x + y + 2z ≤ 11, 3x + 4y + 2z ≤ 8, x, y, z ≥ 0
/// (Chvátal, Linear Programming, 1983, ch. 2): LP optimum 13 at (2, 0, 1).
func chvatalProgram(integer: Bool) -> LinearProgram {
  var program = LinearProgram(direction: .maximize)
  for coefficient in [5.0, 4, 3] { program.addColumn(objective: coefficient, integer: integer) }
  program.addRow([(0, 2), (1, 3), (2, 1)], lower: -.infinity, upper: 5)
  program.addRow([(0, 4), (1, 1), (2, 2)], lower: -.infinity, upper: 11)
  program.addRow([(0, 3), (1, 4), (2, 2)], lower: -.infinity, upper: 8)
  return program
}

@Suite struct GLPKSolverTests {
  @Test func solvesALinearProgramEndToEnd() async throws {
    let solution = try await GLPKSolver().solve(chvatalProgram(integer: false))
    #expect(solution.status == .optimal)
    #expect(abs((solution.objective ?? 0) - 13) < 1e-9)
    #expect(solution.values.map { $0.rounded() } == [2, 0, 1])
  }

  @Test func solvesAnIntegerProgramEndToEnd() async throws {
    var program = chvatalProgram(integer: true)
    program.addRow([(0, 1)], lower: -.infinity, upper: 1.5)  // forces branching away from x = 2
    let solution = try await GLPKSolver().solve(program)
    #expect(solution.status == .optimal)
    // The expected optimum comes from brute force over the small box of integer points.
    var best = -Double.infinity
    for x in 0...1 {
      for y in 0...2 {
        for z in 0...5
        where 2 * x + 3 * y + z <= 5 && 4 * x + y + 2 * z <= 11 && 3 * x + 4 * y + 2 * z <= 8 {
          best = max(best, Double(5 * x + 4 * y + 3 * z))
        }
      }
    }
    #expect(solution.objective == best)
  }

  @Test func reportsInfeasibility() async throws {
    var program = LinearProgram(direction: .minimize)
    program.addColumn(objective: 1, lower: 0, upper: 1)
    program.addRow([(0, 1)], lower: 2, upper: .infinity)
    #expect(try await GLPKSolver().solve(program).status == .infeasible)
  }

  @Test func malformedModelsAreSwiftErrorsAndTheProcessLives() async {
    var program = LinearProgram(direction: .minimize)
    program.addColumn(objective: 1)
    program.addRow([(0, 1), (0, 2)], lower: 0, upper: 1)  // duplicate entry: glp_load_matrix would abort
    program.addRow([(5, 1)], lower: 0, upper: 1)  // column out of range
    program.addColumn(objective: .nan, lower: 3, upper: 1)
    do {
      _ = try await GLPKSolver().solve(program)
      Issue.record("a malformed model was solved")
    } catch {
      guard case .invalidModel(let problems) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(
        problems == [
          "column 1: objective nan is not finite", "column 1: bounds 3.0 ... 1.0 are empty",
          "row 0: column 0 appears twice", "row 1: column 5 out of range 0..<2",
        ])
    }
    // GLPK still works afterwards.
    #expect((try? await GLPKSolver().solve(chvatalProgram(integer: false)))?.status == .optimal)
  }
}
