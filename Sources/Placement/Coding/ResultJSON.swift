import Foundation

extension Solution {
  /// The result file of the instance format for this solution.
  ///
  /// - Parameters:
  ///   - market: the market the solution assigns.
  ///   - strategy: the strategy's name.
  ///   - parameters: the options that reproduce the run (`proposer`, `tieBreaking`, `seed`, …).
  ///   - evaluation: the solution's evaluation, for `metrics`.
  ///   - seed: the seed of the run's random choices (the control's), recorded as `seed`
  ///     so that the run can be audited and repeated.
  public func resultJSON(
    market: Market, strategy: String, parameters: [String: JSONValue] = [:], evaluation: Evaluation,
    seed: UInt64? = nil
  ) -> [UInt8] {
    var writer = JSONWriter(reservingCapacity: assignment.count * 48 + 4096)
    writer.raw("{\n")
    writer.key("format")
    writer.raw("\"placement-result\",\n")
    writer.key("version")
    writer.integer(1)
    writer.raw(",\n")
    writer.key("instance")
    writer.string(market.name)
    writer.raw(",\n")
    writer.key("strategy")
    writer.string(strategy)
    writer.raw(",\n")
    if let method {
      writer.key("method")
      writer.string(method)
      writer.raw(",\n")
    }
    if !parameters.isEmpty {
      writer.key("parameters")
      writer.value(.object(parameters))
      writer.raw(",\n")
    }
    if let seed {
      writer.key("seed")
      // Seeds come from the command line as JSON numbers, well below Int.max.
      writer.integer(Int(clamping: seed))
      writer.raw(",\n")
    }
    writer.key("status")
    writer.string(status.rawValue)
    writer.raw(",\n")
    if let stop {
      writer.key("stop")
      writer.string(stop.rawValue)
      writer.raw(",\n")
    }
    if let objectiveName {
      writer.key("objectiveName")
      writer.string(objectiveName)
      writer.raw(",\n")
    }
    if let objective {
      writer.key("objective")
      writer.number(objective)
      writer.raw(",\n")
    }
    if let bound {
      writer.key("bound")
      writer.number(bound)
      writer.raw(",\n")
    }
    if let gap {
      writer.key("gap")
      writer.number(gap)
      writer.raw(",\n")
    }
    if let search {
      writer.key("search")
      writer.value(search.json)
      writer.raw(",\n")
    }
    writer.key("assignment")
    writer.raw("[")
    var first = true
    for (a, p) in assignment.enumerated() where p >= 0 {
      writer.raw(first ? "\n" : ",\n")
      first = false
      writer.raw("{")
      writer.key("applicant")
      writer.string(market.applicantIDs[a])
      writer.raw(",")
      writer.key("position")
      writer.string(market.positionIDs[Int(p)])
      writer.raw("}")
    }
    writer.raw(first ? "],\n" : "\n],\n")
    writer.key("unassigned")
    writer.value(.array(assignment.indices.filter { assignment[$0] < 0 }.map { .string(market.applicantIDs[$0]) }))
    writer.raw(",\n")
    writer.key("metrics")
    writer.value(evaluation.metricsJSON(in: market))
    writer.raw(",\n")
    if !notes.isEmpty {
      writer.key("notes")
      writer.value(.array(notes.map(JSONValue.string)))
      writer.raw(",\n")
    }
    writer.key("solveSeconds")
    writer.number(solveSeconds)
    writer.raw("\n}\n")
    return writer.bytes
  }
}

extension Evaluation {
  /// The `metrics` object of a result file for `market`: placed, blocking pairs, rank
  /// profile and sum, validity, the score total when there are scores, each minimum with
  /// what the placement gives it (`minimums`: positions, then groups, in instance order,
  /// then each type rule's minimum, with its `type`: the applicants of the type the
  /// holder's fill needs),
  /// and how many applicants of each type are placed (`placedByType`).
  public func metricsJSON(in market: Market) -> JSONValue {
    var metrics: [String: JSONValue] = [
      "matched": .number(Double(matched)),
      "blockingPairs": .number(Double(blockingPairCount)),
      "rankProfile": .array(rankProfile.map { .number(Double($0)) }),
      "rankSum": .number(Double(rankSum)),
      "valid": .bool(isValid),
    ]
    if let scoreTotal { metrics["scoreTotal"] = .number(scoreTotal) }
    // An assignment of the wrong length is evaluated no further.
    guard positionFill.count == market.positionCount, typeFill.count == market.typeNames.count,
      typeRuleTallies.count == market.typeRules.count
    else {
      return .object(metrics)
    }
    func minimum(_ id: String, group: Bool, _ minimum: Int32, _ placed: Int) -> JSONValue {
      .object([
        "id": .string(id), "kind": .string(group ? "group" : "position"), "minimum": .number(Double(minimum)),
        "placed": .number(Double(placed)),
      ])
    }
    let positions = (0..<market.positionCount).filter { market.positionMinimum[$0] > 0 }.map {
      minimum(market.positionIDs[$0], group: false, market.positionMinimum[$0], positionFill[$0])
    }
    let groups = (0..<market.groupCount).filter { market.groupMinimum[$0] > 0 }.map {
      minimum(market.groupIDs[$0], group: true, market.groupMinimum[$0], groupFill[$0])
    }
    // Type rules' minimums and minimum shares: the applicants of the type the fill needs.
    let typeMinimums = market.typeRules.indices.filter { market.typeRules[$0].hasLowerLimit }.map { r in
      let rule = market.typeRules[r]
      let tally = typeRuleTallies[r]
      let holder = rule.position >= 0 ? market.positionIDs[Int(rule.position)] : market.groupIDs[Int(rule.group)]
      return JSONValue.object([
        "id": .string(holder), "kind": .string(rule.position >= 0 ? "position" : "group"),
        "type": .string(market.typeNames[Int(rule.type)]),
        "minimum": .number(Double(market.requiredCount(ofTypeRule: r, fill: tally.fill))),
        "placed": .number(Double(tally.count)),
      ])
    }
    let all = positions + groups + typeMinimums
    if !all.isEmpty { metrics["minimums"] = .array(all) }
    if !market.typeNames.isEmpty {
      metrics["placedByType"] = .object(
        Dictionary(
          uniqueKeysWithValues: market.typeNames.enumerated().map { ($1, .number(Double(typeFill[$0].placed))) }))
    }
    return .object(metrics)
  }
}

/// A result file as read against a market: its assignment, and every other field it
/// claims, kept for ``ResultAudit`` to check.
struct ResultFile {
  /// Each applicant's position index, or −1 when the file does not place it.
  var assignment: [Int32]
  /// The top-level fields other than `assignment` and `unassigned`, as written.
  var claims: [String: JSONValue] = [:]
  /// Problems with what the file claims beyond its assignment: unknown fields, and an
  /// `unassigned` list that names unknown applicants, repeats one, or disagrees with
  /// the assignment.
  var discrepancies = IssueCollector()
}

extension Market {
  /// Reads a result file against this market.
  ///
  /// - Throws: ``ValidationError`` for text that is not a result: a syntax error, an
  ///   assignment entry that names an unknown id or places an applicant twice, or a
  ///   missing `assignment`, each with its field path.
  func readResult(_ data: Data) throws(ValidationError) -> ResultFile {
    let (file, issues) = data.withUnsafeBytes { raw in
      var reader = ResultJSONReader(market: self, scanner: JSONScanner(raw.bindMemory(to: UInt8.self)))
      reader.readDocument()
      return (reader.file, reader.issues)
    }
    guard issues.isEmpty else { throw issues.error }
    return file
  }
}

/// Reads a result file, checking ids against a market.
private struct ResultJSONReader {
  let market: Market
  var scanner: JSONScanner
  var issues = IssueCollector()
  var file: ResultFile
  private let applicantIndex: [String: Int32]
  private let positionIndex: [String: Int32]
  /// The fields a result of format version 1 may have.
  private static let knownFields: Set<String> = [
    "format", "version", "instance", "strategy", "method", "parameters", "status", "stop", "objectiveName",
    "objective", "bound", "gap", "assignment", "unassigned", "metrics", "notes", "solveSeconds", "seed", "search",
  ]

  init(market: Market, scanner: JSONScanner) {
    self.market = market
    self.scanner = scanner
    file = ResultFile(assignment: [Int32](repeating: -1, count: market.applicantCount))
    applicantIndex = Dictionary(
      market.applicantIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
    positionIndex = Dictionary(
      market.positionIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
  }

  mutating func readDocument() {
    if let encoding = scanner.otherUnicodeEncoding {
      issues.append(ValidationIssue(.root, "the file is \(encoding), not UTF-8; save it as UTF-8"))
      return
    }
    do throws(JSONSyntaxError) {
      guard try scanner.peekKind() == .object else {
        issues.append(ValidationIssue(.root, "expected an object, found \(scanner.describeNext())"))
        return
      }
      try scanner.beginObject()
      var isFirst = true
      var sawAssignment = false
      var unassigned: [(id: String, path: FieldPath)]?
      while let key = try scanner.nextKey(&isFirst) {
        let path = FieldPath.root.key(key)
        if key == "assignment" || key == "unassigned"
          ? (key == "assignment" ? sawAssignment : unassigned != nil)
          : file.claims[key] != nil
        {
          issues.append(ValidationIssue(path, "duplicate field"))
          try scanner.skipValue()
          continue
        }
        switch key {
        case "assignment":
          sawAssignment = true
          try readAssignment()
        case "unassigned":
          unassigned = try readUnassigned()
        default:
          if !Self.knownFields.contains(key) {
            file.discrepancies.append(ValidationIssue(path, "unknown field in a result of format version 1"))
          }
          file.claims[key] = try scanner.readValue()
        }
      }
      try scanner.expectEnd()
      if !sawAssignment { issues.append(ValidationIssue(.root, "missing field \"assignment\"")) }
      if let unassigned { checkUnassigned(unassigned) }
    } catch {
      let (line, column) = scanner.lineAndColumn(of: error.offset)
      issues.append(ValidationIssue(.root, "\(error.message) (line \(line), column \(column))"))
    }
  }

  private mutating func readAssignment() throws(JSONSyntaxError) {
    let path = FieldPath.root.key("assignment")
    guard try scanner.peekKind() == .array else {
      issues.append(ValidationIssue(path, "expected an array, found \(scanner.describeNext())"))
      return try scanner.skipValue()
    }
    var firstAt = [Int](repeating: -1, count: market.applicantCount)
    try scanner.beginArray()
    var isFirst = true
    var index = 0
    while try scanner.nextElement(&isFirst) {
      defer { index += 1 }
      guard try scanner.peekKind() == .object else {
        issues.append(ValidationIssue(path.index(index), "expected an object, found \(scanner.describeNext())"))
        try scanner.skipValue()
        continue
      }
      var applicant: String?
      var position: String?
      try scanner.beginObject()
      var innerFirst = true
      while let key = try scanner.nextKey(&innerFirst) {
        let isString = try scanner.peekKind() == .string
        switch key {
        case "applicant" where isString: applicant = try scanner.readString()
        case "position" where isString: position = try scanner.readString()
        case "applicant", "position":
          issues.append(
            ValidationIssue(path.index(index).key(key), "expected a string, found \(scanner.describeNext())"))
          try scanner.skipValue()
        default:
          issues.append(ValidationIssue(path.index(index).key(key), "unknown field"))
          try scanner.skipValue()
        }
      }
      guard let applicant, let position else {
        issues.append(ValidationIssue(path.index(index), "needs \"applicant\" and \"position\""))
        continue
      }
      guard let a = applicantIndex[applicant] else {
        issues.append(ValidationIssue(path.index(index).key("applicant"), "unknown applicant \(quoted(applicant))"))
        continue
      }
      guard let p = positionIndex[position] else {
        issues.append(ValidationIssue(path.index(index).key("position"), "unknown position \(quoted(position))"))
        continue
      }
      if firstAt[Int(a)] >= 0 {
        issues.append(
          ValidationIssue(
            path.index(index).key("applicant"),
            "applicant \(quoted(applicant)) placed twice (first at assignment[\(firstAt[Int(a)])])"))
        continue
      }
      firstAt[Int(a)] = index
      file.assignment[Int(a)] = p
    }
  }

  /// Reads `unassigned` as ids with their paths; its shape problems are discrepancies.
  private mutating func readUnassigned() throws(JSONSyntaxError) -> [(id: String, path: FieldPath)] {
    let path = FieldPath.root.key("unassigned")
    guard try scanner.peekKind() == .array else {
      file.discrepancies.append(ValidationIssue(path, "expected an array of ids, found \(scanner.describeNext())"))
      try scanner.skipValue()
      return []
    }
    var ids: [(id: String, path: FieldPath)] = []
    try scanner.beginArray()
    var isFirst = true
    while try scanner.nextElement(&isFirst) {
      let element = path.index(ids.count)
      if try scanner.peekKind() == .string {
        ids.append((try scanner.readString(), element))
      } else {
        file.discrepancies.append(ValidationIssue(element, "expected an id, found \(scanner.describeNext())"))
        try scanner.skipValue()
        ids.append(("", element))
      }
    }
    return ids
  }

  /// `unassigned` must name, once each, exactly the applicants the assignment leaves out.
  private mutating func checkUnassigned(_ ids: [(id: String, path: FieldPath)]) {
    var listed = [Bool](repeating: false, count: market.applicantCount)
    for (id, path) in ids where !id.isEmpty {
      guard let a = applicantIndex[id] else {
        file.discrepancies.append(ValidationIssue(path, "unknown applicant \(quoted(id))"))
        continue
      }
      if listed[Int(a)] {
        file.discrepancies.append(ValidationIssue(path, "applicant \(quoted(id)) listed twice"))
      } else if file.assignment[Int(a)] >= 0 {
        file.discrepancies.append(
          ValidationIssue(
            path,
            "applicant \(quoted(id)) is listed as unassigned but placed at "
              + "\(quoted(market.positionIDs[Int(file.assignment[Int(a)])]))"))
      }
      listed[Int(a)] = true
    }
    let missing = (0..<market.applicantCount).filter { !listed[$0] && file.assignment[$0] < 0 }
    if let first = missing.first {
      file.discrepancies.append(
        ValidationIssue(
          .root.key("unassigned"),
          "\(missing.count) applicant\(missing.count == 1 ? " is" : "s are") neither placed nor listed here, "
            + "first \(quoted(market.applicantIDs[first]))"))
    }
  }
}
