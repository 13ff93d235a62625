/// Why a GLPK solve could not run or finish.
public enum GLPKError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The programme is malformed; GLPK was not called. Each string names one problem.
  case invalidModel([String])
  /// The programme is too large for GLPK's `int` indices.
  case tooLarge(rows: Int, columns: Int, nonzeros: Int)
  /// GLPK's solver returned an error code (for example `GLP_EFAIL`, `GLP_EBOUND`).
  case solverFailed(routine: String, code: Int32)

  /// A one-line explanation.
  public var description: String {
    switch self {
    case .invalidModel(let problems):
      "invalid model: " + problems.prefix(5).joined(separator: "; ")
        + (problems.count > 5 ? "; … \(problems.count - 5) more" : "")
    case .tooLarge(let rows, let columns, let nonzeros):
      "model too large for GLPK: \(rows) rows, \(columns) columns, \(nonzeros) nonzeros"
    case .solverFailed(let routine, let code):
      "\(routine) failed with GLPK code \(code)"
    }
  }
}
