internal import CGLPK
import Placement

/// The result of solving a ``LinearProgram``.
public struct LinearProgramSolution: Sendable, Hashable {
  /// `optimal`, `feasible` (time limit with an incumbent), `infeasible` or `timeLimit`.
  public var status: Solution.Status
  /// The objective value, when a solution was found.
  public var objective: Double?
  /// The value of each column, when a solution was found.
  public var values: [Double]
}

/// Solves linear and mixed-integer programmes with GLPK (simplex, then branch-and-bound).
public enum GLPKSolver {
  /// Solves `program` on the calling thread: create, load, solve and delete happen in this
  /// one synchronous call, as GLPK's per-thread environment requires. GLPK prints nothing.
  ///
  /// - Throws: ``GLPKError/invalidModel(_:)`` before calling GLPK when the programme is
  ///   malformed, so GLPK never aborts the process; ``GLPKError/solverFailed(routine:code:)``
  ///   when GLPK reports an error.
  public static func solve(_ program: LinearProgram, timeLimit: Duration? = nil) throws(GLPKError)
    -> LinearProgramSolution
  {
    let problems = program.problems()
    guard problems.isEmpty else { throw .invalidModel(problems) }
    guard program.rowCount < Int(Int32.max), program.columnCount < Int(Int32.max),
      program.rowColumn.count < Int(Int32.max)
    else {
      throw .tooLarge(rows: program.rowCount, columns: program.columnCount, nonzeros: program.rowColumn.count)
    }
    glp_term_out(GLP_OFF)
    let problem = GLPKProblem()
    problem.load(program)
    let milliseconds = timeLimit.map { limit in
      Int32(clamping: max(1, limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000))
    }

    var simplex = glp_smcp()
    glp_init_smcp(&simplex)
    simplex.msg_lev = GLP_MSG_OFF
    simplex.presolve = GLP_ON
    if let milliseconds { simplex.tm_lim = milliseconds }
    let hasIntegers = program.isInteger.contains(true)
    if !hasIntegers {
      let code = glp_simplex(problem.pointer, &simplex)
      switch code {
      case 0: break
      case GLP_ENOPFS, GLP_ENODFS: return LinearProgramSolution(status: .infeasible, objective: nil, values: [])
      case GLP_ETMLIM: return LinearProgramSolution(status: .timeLimit, objective: nil, values: [])
      default: throw .solverFailed(routine: "glp_simplex", code: code)
      }
      switch glp_get_status(problem.pointer) {
      case GLP_OPT:
        let values = (0..<program.columnCount).map { glp_get_col_prim(problem.pointer, Int32($0 + 1)) }
        return LinearProgramSolution(status: .optimal, objective: glp_get_obj_val(problem.pointer), values: values)
      case GLP_NOFEAS, GLP_INFEAS: return LinearProgramSolution(status: .infeasible, objective: nil, values: [])
      default: throw .solverFailed(routine: "glp_simplex", code: glp_get_status(problem.pointer))
      }
    }

    var branchAndBound = glp_iocp()
    glp_init_iocp(&branchAndBound)
    branchAndBound.msg_lev = GLP_MSG_OFF
    branchAndBound.presolve = GLP_ON
    if let milliseconds { branchAndBound.tm_lim = milliseconds }
    let code = glp_intopt(problem.pointer, &branchAndBound)
    switch code {
    case 0, GLP_ETMLIM, GLP_EMIPGAP, GLP_ESTOP: break
    case GLP_ENOPFS, GLP_ENODFS: return LinearProgramSolution(status: .infeasible, objective: nil, values: [])
    default: throw .solverFailed(routine: "glp_intopt", code: code)
    }
    switch glp_mip_status(problem.pointer) {
    case GLP_OPT, GLP_FEAS:
      let values = (0..<program.columnCount).map { glp_mip_col_val(problem.pointer, Int32($0 + 1)) }
      let proven = glp_mip_status(problem.pointer) == GLP_OPT && code == 0
      return LinearProgramSolution(
        status: proven ? .optimal : .feasible, objective: glp_mip_obj_val(problem.pointer), values: values)
    case GLP_NOFEAS: return LinearProgramSolution(status: .infeasible, objective: nil, values: [])
    default:
      return LinearProgramSolution(status: code == GLP_ETMLIM ? .timeLimit : .infeasible, objective: nil, values: [])
    }
  }
}
