/// Why a GLPK solve could not run or finish.
public enum GLPKError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The programme is malformed; GLPK was not called. Each string names one problem.
  case invalidModel([String])
  /// The programme is too large for GLPK's `int` indices.
  case tooLarge(rows: Int, columns: Int, nonzeros: Int)
  /// A solver option is out of range; GLPK was not called.
  case invalidOption(String)
  /// GLPK's solver returned an error code (for example `GLP_EFAIL`, `GLP_EBOUND`).
  case solverFailed(routine: String, code: Int32)
  /// GLPK raised a fatal error (its `glp_error`), which was trapped instead of aborting the
  /// process; every GLPK object on the solving thread was freed. The message is GLPK's.
  case fatal(String)

  /// A one-line explanation.
  public var description: String {
    switch self {
    case .invalidModel(let problems):
      "invalid model: " + problems.prefix(5).joined(separator: "; ")
        + (problems.count > 5 ? "; … \(problems.count - 5) more" : "")
    case .tooLarge(let rows, let columns, let nonzeros):
      "model too large for GLPK: \(rows) rows, \(columns) columns, \(nonzeros) nonzeros"
    case .invalidOption(let message):
      "invalid solver option: \(message)"
    case .solverFailed(let routine, let code):
      "\(routine) failed with GLPK code \(code)"
    case .fatal(let message):
      "GLPK fatal error (trapped): "
        + message.split(separator: "\n").joined(separator: "; ")
    }
  }
}
