import Foundation
import Placement

/// A failure the CLI reports in one line per problem, with its exit code.
struct CLIError: Error {
  /// The text for stderr, one line per problem.
  var message: String
  /// 1 for an invalid or infeasible result, 2 for bad input or usage.
  var exitCode: Int32

  /// Bad input: `file: message`, exit 2.
  static func badInput(_ file: String, _ message: String) -> CLIError {
    CLIError(message: "\(file): \(message)", exitCode: 2)
  }

  /// Every issue of a validation error, each on its own line behind the file name,
  /// at most `limit` of them.
  static func invalid(_ file: String, _ error: ValidationError, limit: Int = 50) -> CLIError {
    var lines = error.issues.prefix(limit).map { "\(file): \($0)" }
    let more = max(0, error.issues.count - limit) + error.omittedCount
    if more > 0 { lines.append("\(file): … and \(more) more problems") }
    return CLIError(message: lines.joined(separator: "\n"), exitCode: 2)
  }
}

/// Writes a line to standard error.
func report(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
