/// One problem found in an input file or a built instance: where, and what.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
  /// The field the problem is in.
  public var path: FieldPath
  /// What is wrong, naming the offending value.
  public var message: String

  /// Creates an issue.
  public init(_ path: FieldPath, _ message: String) {
    self.path = path
    self.message = message
  }

  /// `applicants[17].preferences[3]: unknown position "p99"`.
  public var description: String { "\(path): \(message)" }
}

/// An input that cannot be used, with the problems found in it.
public struct ValidationError: Error, Sendable, CustomStringConvertible {
  /// The problems found, in file order where there is one: every one, up to
  /// ``keptIssueLimit``.
  public var issues: [ValidationIssue]
  /// How many more problems were found beyond ``keptIssueLimit`` and not kept.
  public var omittedCount: Int

  /// The most problems a reader or compiler keeps in full; it counts the rest.
  public static let keptIssueLimit = 1000

  /// Creates an error from its issues.
  public init(issues: [ValidationIssue], omittedCount: Int = 0) {
    self.issues = issues
    self.omittedCount = omittedCount
  }

  /// One issue per line, then `… and N more problems` when some were not kept.
  public var description: String {
    var lines = issues.map(\.description)
    if omittedCount > 0 { lines.append("… and \(omittedCount) more problems") }
    return lines.joined(separator: "\n")
  }
}

/// Quotes a value for a message, as JSON would: `"p99"`.
func quoted(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\t": result += "\\t"
    default:
      if scalar.value < 0x20 {
        result +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
  }
  return result + "\""
}
