import Foundation

/// A result file checked against its instance: the assignment evaluated independently,
/// and every other claim the file makes compared with what the evaluation finds.
///
/// The claims checked: `format` and `version` (both required), `instance` (the
/// instance's name), the vocabulary of `status` and `stop`, a `timeLimit` status that
/// places nobody, `seed` (a whole number ≥ 0), `unassigned` (exactly the applicants the assignment leaves out, once
/// each), every field of `metrics`, `objective` recomputed from the assignment when
/// `objectiveName` says what it measures (`placed`, `rank sum`, `rank k`, `score`,
/// `blocking pairs`), `bound` on the right side of it, `gap` from
/// the two, and the types of the other fields. Unknown fields are discrepancies.
public struct ResultAudit: Sendable {
  /// Each applicant's position index, or −1 when unplaced, as the file says.
  public let assignment: [Int32]
  /// The independent evaluation of ``assignment``.
  public let evaluation: Evaluation
  /// Each claim that does not hold, by field path, naming the claimed and the true value
  /// (at most ``ValidationError/keptIssueLimit``).
  public let discrepancies: [ValidationIssue]

  /// Reads and audits a result file.
  ///
  /// - Throws: ``ValidationError`` for a file that is not a result of this instance at
  ///   all: a syntax error, an assignment entry naming an unknown id or placing an
  ///   applicant twice, a missing `assignment`.
  public init(_ market: Market, resultJSON: Data, blockingPairLimit: Int = 100) throws(ValidationError) {
    let file = try market.readResult(resultJSON)
    assignment = file.assignment
    evaluation = Evaluation(market, file.assignment, blockingPairLimit: blockingPairLimit)
    var auditor = Auditor(market: market, evaluation: evaluation, claims: file.claims, found: file.discrepancies)
    auditor.audit()
    discrepancies = auditor.found.kept
  }
}

/// Compares a result's claims with its evaluation.
private struct Auditor {
  let market: Market
  let evaluation: Evaluation
  let claims: [String: JSONValue]
  var found: IssueCollector

  mutating func audit() {
    if claims["format"] != .string("placement-result") {
      report("format", claims["format"], expected: "\"placement-result\"")
    }
    if claims["version"] != .number(1) {
      report("version", claims["version"], expected: "1, the version this reader reads")
    }
    if let claim = claims["instance"], claim != .string(market.name) {
      report("instance", claim, expected: "\(quoted(market.name)), the instance's name")
    }
    checkVocabulary("status", Solution.Status.allCases.map(\.rawValue))
    checkVocabulary("stop", StopReason.allCases.map(\.rawValue))
    if claims["status"] == .string(Solution.Status.timeLimit.rawValue), evaluation.matched > 0 {
      found.append(
        ValidationIssue(
          .root.key("status"),
          "claims \"timeLimit\" (stopped before any placement), but the assignment places \(evaluation.matched)"))
    }
    for key in ["strategy", "method", "objectiveName"] {
      checkType(key, "a string") { if case .string = $0 { true } else { false } }
    }
    checkType("parameters", "an object") { if case .object = $0 { true } else { false } }
    checkType("notes", "an array of strings") {
      if case .array(let notes) = $0 {
        notes.allSatisfy { if case .string = $0 { true } else { false } }
      } else {
        false
      }
    }
    checkType("seed", "a whole number ≥ 0") {
      if case .number(let value) = $0 { value >= 0 && value.rounded() == value } else { false }
    }
    checkType("solveSeconds", "a number of seconds ≥ 0") {
      if case .number(let value) = $0 { value >= 0 } else { false }
    }
    checkType(
      "search",
      "an object of rootSeconds, rootBound, nodes and incumbentSeconds, each a number (nodes whole, seconds ≥ 0)"
    ) {
      guard case .object(let fields) = $0 else { return false }
      return fields.allSatisfy { key, value in
        guard case .number(let number) = value else { return false }
        switch key {
        case "rootBound": return number.isFinite
        case "nodes": return number >= 0 && number.rounded() == number
        case "rootSeconds", "incumbentSeconds": return number >= 0
        default: return false
        }
      }
    }
    auditMetrics()
    auditObjective()
  }

  private mutating func auditMetrics() {
    guard let claim = claims["metrics"] else { return }
    guard case .object(let metrics) = claim else { return report("metrics", claim, expected: "an object") }
    guard case .object(let truth) = evaluation.metricsJSON(in: market) else { return }
    for key in metrics.keys.sorted() {
      let path = FieldPath.root.key("metrics").key(key)
      guard let value = truth[key] else {
        found.append(ValidationIssue(path, "unknown metric"))
        continue
      }
      let agrees =
        if key == "scoreTotal", case .number(let claimed) = metrics[key]!, case .number(let actual) = value {
          nearlyEqual(claimed, actual)
        } else {
          metrics[key] == value
        }
      if !agrees {
        found.append(
          ValidationIssue(path, "claims \(describe(metrics[key]!)), but the assignment gives \(describe(value))"))
      }
    }
  }

  /// `objective` against the value of `objectiveName` recomputed, `bound` on the right
  /// side of it, and `gap` from the two.
  private mutating func auditObjective() {
    let objective = number("objective")
    let bound = number("bound")
    checkType("gap", "a number ≥ 0") { if case .number(let value) = $0 { value >= 0 } else { false } }
    guard case .string(let name)? = claims["objectiveName"] else { return }
    let recomputed: (value: Double, maximized: Bool?)? =
      switch name {
      case "placed": (Double(evaluation.matched), true)
      case "rank sum": (Double(evaluation.rankSum), false)
      case "score": evaluation.scoreTotal.map { ($0, true) }
      case "blocking pairs": (Double(evaluation.blockingPairCount), false)
      default: placedAtRank(named: name).map { (Double($0), nil) }
      }
    if let objective, let recomputed, !nearlyEqual(objective, recomputed.value) {
      found.append(
        ValidationIssue(
          .root.key("objective"),
          "claims \(format(objective)) \(name), but the assignment gives \(format(recomputed.value))"))
    }
    if let objective, let bound, let maximized = recomputed?.maximized,
      maximized ? bound < objective - tolerance(objective) : bound > objective + tolerance(objective)
    {
      found.append(
        ValidationIssue(
          .root.key("bound"),
          "claims \(format(bound)), on the wrong side of the objective \(format(objective)) (\(name) is "
            + "\(maximized ? "maximised" : "minimised"))"))
    }
    if let objective, let bound, case .number(let gap)? = claims["gap"],
      abs(gap - relativeGap(objective, bound)) > 1e-9 * max(1, gap)
    {
      found.append(
        ValidationIssue(
          .root.key("gap"), "claims \(gap), but objective and bound give \(relativeGap(objective, bound))"))
    }
  }

  /// How many are placed at rank k, for the objective named `rank k` (whose direction
  /// depends on the objective: rank-maximal maximises it, generalist minimises it).
  private func placedAtRank(named name: String) -> Int? {
    guard name.hasPrefix("rank "), let rank = Int(name.dropFirst(5)), rank >= 1 else { return nil }
    return rank <= evaluation.rankProfile.count ? evaluation.rankProfile[rank - 1] : 0
  }

  private mutating func number(_ key: String) -> Double? {
    guard let claim = claims[key] else { return nil }
    guard case .number(let value) = claim else {
      report(key, claim, expected: "a number")
      return nil
    }
    return value
  }

  private mutating func checkVocabulary(_ key: String, _ words: [String]) {
    guard let claim = claims[key] else { return }
    if case .string(let word) = claim, words.contains(word) { return }
    report(key, claim, expected: "one of \(words.joined(separator: ", "))")
  }

  private mutating func checkType(_ key: String, _ expected: String, _ isValid: (JSONValue) -> Bool) {
    guard let claim = claims[key], !isValid(claim) else { return }
    report(key, claim, expected: expected)
  }

  private mutating func report(_ key: String, _ claim: JSONValue?, expected: String) {
    let path = FieldPath.root.key(key)
    guard let claim else { return found.append(ValidationIssue(.root, "missing field \(quoted(key))")) }
    found.append(ValidationIssue(path, "expected \(expected), found \(describe(claim))"))
  }

  private func tolerance(_ value: Double) -> Double { 1e-9 * max(1, abs(value)) }

  /// Equal up to the rounding of summing doubles in another order.
  private func nearlyEqual(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
}

private func format(_ value: Double) -> String {
  value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}

/// A claim as a message shows it: `2050`, `"optimal"`, `[3, 1]`, `an object`.
private func describe(_ value: JSONValue) -> String {
  switch value {
  case .string(let text): quoted(text.count > 60 ? String(text.prefix(60)) + "…" : text)
  case .number(let number): format(number)
  case .bool(let flag): String(flag)
  case .null: "null"
  case .array(let elements):
    elements.count <= 10 ? "[" + elements.map(describe).joined(separator: ", ") + "]" : "an array of \(elements.count)"
  case .object: "an object"
  }
}
