import Foundation

extension Solution {
  /// The result file of the instance format for this solution.
  ///
  /// - Parameters:
  ///   - market: the market the solution assigns.
  ///   - strategy: the strategy's name.
  ///   - parameters: the options that reproduce the run (`proposer`, `tieBreaking`, `seed`, …).
  ///   - evaluation: the solution's evaluation, for `metrics`.
  public func resultJSON(
    market: Market, strategy: String, parameters: [String: JSONValue] = [:], evaluation: Evaluation
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
    writer.value(evaluation.metricsJSON)
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
  /// The `metrics` object of a result file.
  public var metricsJSON: JSONValue {
    var metrics: [String: JSONValue] = [
      "matched": .number(Double(matched)),
      "blockingPairs": .number(Double(blockingPairCount)),
      "rankProfile": .array(rankProfile.map { .number(Double($0)) }),
      "rankSum": .number(Double(rankSum)),
      "valid": .bool(isValid),
    ]
    if let scoreTotal { metrics["scoreTotal"] = .number(scoreTotal) }
    return .object(metrics)
  }
}

extension Market {
  /// Reads the assignment of a result file against this market: each applicant's
  /// position index, or −1 for applicants the file does not place.
  ///
  /// - Throws: ``ValidationError`` naming every unknown id, every applicant placed twice,
  ///   and any shape or syntax problem, each with its field path.
  public func assignment(fromResultJSON data: Data) throws(ValidationError) -> [Int32] {
    let result = data.withUnsafeBytes { raw in
      var reader = ResultJSONReader(market: self, scanner: JSONScanner(raw.bindMemory(to: UInt8.self)))
      reader.readDocument()
      return (reader.assignment, reader.issues)
    }
    guard result.1.isEmpty else { throw ValidationError(issues: result.1) }
    return result.0
  }
}

/// Reads a result file's `assignment`, checking ids against a market.
private struct ResultJSONReader {
  let market: Market
  var scanner: JSONScanner
  var issues: [ValidationIssue] = []
  var assignment: [Int32]
  private let applicantIndex: [String: Int32]
  private let positionIndex: [String: Int32]

  init(market: Market, scanner: JSONScanner) {
    self.market = market
    self.scanner = scanner
    assignment = [Int32](repeating: -1, count: market.applicantCount)
    applicantIndex = Dictionary(
      market.applicantIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
    positionIndex = Dictionary(
      market.positionIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
  }

  mutating func readDocument() {
    do throws(JSONSyntaxError) {
      guard try scanner.peekKind() == .object else {
        issues.append(ValidationIssue(.root, "expected an object, found \(scanner.describeNext())"))
        return
      }
      try scanner.beginObject()
      var isFirst = true
      var sawAssignment = false
      while let key = try scanner.nextKey(&isFirst) {
        switch key {
        case "format":
          let found = scanner.describeNext()
          let format: String? = try scanner.peekKind() == .string ? scanner.readString() : nil
          if format == nil { try scanner.skipValue() }
          if format != "placement-result" {
            issues.append(ValidationIssue(.root.key(key), "expected \"placement-result\", found \(found)"))
          }
        case "assignment":
          sawAssignment = true
          try readAssignment()
        default:
          try scanner.skipValue()
        }
      }
      try scanner.expectEnd()
      if !sawAssignment { issues.append(ValidationIssue(.root, "missing field \"assignment\"")) }
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
      assignment[Int(a)] = p
    }
  }
}
