/// The problems found so far in one input: the first ``ValidationError/keptIssueLimit``
/// in full and a count of the rest, so that hostile input with millions of problems is
/// refused in bounded memory.
struct IssueCollector {
  private(set) var kept: [ValidationIssue] = []
  private(set) var omitted = 0

  /// Whether no problem was found.
  var isEmpty: Bool { kept.isEmpty }

  /// Records a problem, or only counts it once the limit is reached.
  mutating func append(_ issue: ValidationIssue) {
    if kept.count < ValidationError.keptIssueLimit {
      kept.append(issue)
    } else {
      omitted += 1
    }
  }

  /// The error these problems make.
  var error: ValidationError { ValidationError(issues: kept, omittedCount: omitted) }
}
