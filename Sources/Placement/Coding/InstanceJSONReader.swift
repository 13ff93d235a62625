import Foundation

extension Instance {
  /// Reads an instance from a JSON file in the instance format.
  ///
  /// Reading checks the file's syntax and shape (field names and JSON types), not
  /// its meaning; ``Market/init(compiling:)`` checks the rest.
  ///
  /// - Throws: ``ValidationError`` listing every problem found, each with its field
  ///   path; or the file system's error when the file cannot be read.
  /// - Complexity: O(n) in the file size.
  public init(contentsOf url: URL) throws {
    let data = try Data(contentsOf: url, options: .mappedIfSafe)
    try self.init(json: data)
  }

  /// Reads an instance from JSON text in the instance format.
  ///
  /// - Throws: ``ValidationError`` listing every problem found.
  public init(json: Data) throws(ValidationError) {
    let result = json.withUnsafeBytes { raw in
      Result { () throws(ValidationError) in try Self.read(raw.bindMemory(to: UInt8.self)) }
    }
    self = try result.get()
  }

  private static func read(_ buffer: UnsafeBufferPointer<UInt8>) throws(ValidationError) -> Instance {
    var reader = InstanceJSONReader(scanner: JSONScanner(buffer))
    let instance = reader.readDocument()
    guard reader.issues.isEmpty, let instance else { throw reader.issues.error }
    return instance
  }
}

/// Reads the instance format into an ``Instance``, collecting every shape problem.
struct InstanceJSONReader {
  var scanner: JSONScanner
  var issues = IssueCollector()
  /// The member and element being read, for placing syntax errors cheaply.
  private var contextKey: String?
  private var contextIndex: Int?
  /// Reused while reading each preference list, so a list allocates once.
  private var scratchIDs: [String] = []

  init(scanner: JSONScanner) {
    self.scanner = scanner
  }

  /// Reads the whole document; `nil` after a syntax error.
  mutating func readDocument() -> Instance? {
    if let encoding = scanner.otherUnicodeEncoding {
      issues.append(ValidationIssue(.root, "the file is \(encoding), not UTF-8; save it as UTF-8"))
      return nil
    }
    do throws(JSONSyntaxError) {
      let instance = try readInstance()
      contextKey = nil
      contextIndex = nil
      try scanner.expectEnd()
      return instance
    } catch {
      let (line, column) = scanner.lineAndColumn(of: error.offset)
      var path = FieldPath.root
      if let contextKey { path = path.key(contextKey) }
      if let contextIndex { path = path.index(contextIndex) }
      issues.append(ValidationIssue(path, "\(error.message) (line \(line), column \(column))"))
      return nil
    }
  }

  private mutating func readInstance() throws(JSONSyntaxError) -> Instance {
    var instance = Instance(applicants: [], positions: [])
    guard try expect(.object, "an object", at: .root) else { return instance }
    var seen = Set<String>()
    var sawFormat = false
    var sawVersion = false
    var sawApplicants = false
    var sawPositions = false
    try scanner.beginObject()
    var isFirst = true
    while let key = try scanner.nextKey(&isFirst) {
      let path = FieldPath.root.key(key)
      guard seen.insert(key).inserted else {
        issues.append(ValidationIssue(path, "duplicate field"))
        try scanner.skipValue()
        continue
      }
      contextKey = key
      contextIndex = nil
      switch key {
      case "format":
        sawFormat = true
        if let format = try readString(at: path), format != Instance.format {
          issues.append(ValidationIssue(path, "expected \(quoted(Instance.format)), found \(quoted(format))"))
        }
      case "version":
        sawVersion = true
        if let version = try readInteger(at: path), version != Instance.version {
          issues.append(
            ValidationIssue(path, "unsupported version \(version); this reader reads version \(Instance.version)"))
        }
      case "name":
        instance.name = try readString(at: path, isID: false) ?? ""
      case "applicants":
        sawApplicants = true
        instance.applicants = try readArray(at: path) { reader, index throws(JSONSyntaxError) in
          try reader.readApplicant(index)
        }
      case "positions":
        sawPositions = true
        instance.positions = try readArray(at: path) { reader, index throws(JSONSyntaxError) in
          try reader.readPosition(index)
        }
      case "groups":
        instance.groups = try readArray(at: path) { reader, index throws(JSONSyntaxError) in
          try reader.readGroup(index)
        }
      case "typeQuotas":
        instance.typeQuotas = try readArray(at: path) { reader, index throws(JSONSyntaxError) in
          try reader.readTypeQuota(index)
        }
      case "scores":
        instance.scores = try readArray(at: path) { reader, index throws(JSONSyntaxError) in
          try reader.readScore(index)
        }
      case "locked", "forbidden":
        let isLocked = key == "locked"
        let pairs = try readArray(at: path) { reader, index throws(JSONSyntaxError) in
          try reader.readOverride(index, field: isLocked ? "locked" : "forbidden")
        }
        if isLocked { instance.locked = pairs } else { instance.forbidden = pairs }
      default:
        issues.append(ValidationIssue(path, "unknown field"))
        try scanner.skipValue()
      }
    }
    for (field, present) in [
      ("format", sawFormat), ("version", sawVersion), ("applicants", sawApplicants),
      ("positions", sawPositions),
    ] where !present {
      issues.append(ValidationIssue(.root, "missing field \(quoted(field))"))
    }
    return instance
  }

  private mutating func readApplicant(_ index: Int) throws(JSONSyntaxError) -> Applicant? {
    let path = { FieldPath.root.key("applicants").index(index) }
    var id: String?
    var preferences: PreferenceList?
    var type: String?
    var attributes: [String: JSONValue] = [:]
    let complete = try readObject(at: path(), .applicant) { reader, field throws(JSONSyntaxError) in
      let fieldPath = { path().key(ObjectShape.applicant.names[field]) }
      switch field {
      case 0: id = try reader.readString(at: fieldPath())
      case 1: preferences = try reader.readPreferences(at: fieldPath())
      case 2: type = try reader.readString(at: fieldPath())
      default: attributes = try reader.readAttributes(at: fieldPath())
      }
    }
    guard complete, let id, let preferences else { return nil }
    return Applicant(id: id, preferences: preferences, type: type, attributes: attributes)
  }

  private mutating func readPosition(_ index: Int) throws(JSONSyntaxError) -> Position? {
    let path = { FieldPath.root.key("positions").index(index) }
    var id: String?
    var capacity: Int?
    var minimum = 0
    var closable = false
    var groups: [String] = []
    var preferences: PreferenceList?
    let complete = try readObject(at: path(), .position) { reader, field throws(JSONSyntaxError) in
      let fieldPath = { path().key(ObjectShape.position.names[field]) }
      switch field {
      case 0: id = try reader.readString(at: fieldPath())
      case 1: capacity = try reader.readInteger(at: fieldPath())
      case 2: minimum = try reader.readInteger(at: fieldPath()) ?? 0
      case 3: closable = try reader.readBool(at: fieldPath()) ?? false
      case 4: groups = try reader.readGroupMembership(at: fieldPath())
      default: preferences = try reader.readPreferences(at: fieldPath())
      }
    }
    guard complete, let id, let capacity else { return nil }
    return Position(
      id: id, capacity: capacity, minimum: minimum, closable: closable, groups: groups,
      preferences: preferences)
  }

  private mutating func readGroup(_ index: Int) throws(JSONSyntaxError) -> Group? {
    let path = { FieldPath.root.key("groups").index(index) }
    var id: String?
    var capacity: Int?
    var minimum = 0
    var preferences: PreferenceList?
    let complete = try readObject(at: path(), .group) { reader, field throws(JSONSyntaxError) in
      let fieldPath = { path().key(ObjectShape.group.names[field]) }
      switch field {
      case 0: id = try reader.readString(at: fieldPath())
      case 1: capacity = try reader.readInteger(at: fieldPath())
      case 2: minimum = try reader.readInteger(at: fieldPath()) ?? 0
      default: preferences = try reader.readPreferences(at: fieldPath())
      }
    }
    guard complete, let id, let capacity else { return nil }
    return Group(id: id, capacity: capacity, minimum: minimum, preferences: preferences)
  }

  private mutating func readTypeQuota(_ index: Int) throws(JSONSyntaxError) -> TypeQuota? {
    let path = { FieldPath.root.key("typeQuotas").index(index) }
    var quota = TypeQuota(type: "")
    let complete = try readObject(at: path(), .typeQuota) { reader, field throws(JSONSyntaxError) in
      let fieldPath = { path().key(ObjectShape.typeQuota.names[field]) }
      switch field {
      case 0: quota.position = try reader.readString(at: fieldPath())
      case 1: quota.group = try reader.readString(at: fieldPath())
      case 2: quota.type = try reader.readString(at: fieldPath()) ?? ""
      case 3: quota.capacity = try reader.readInteger(at: fieldPath())
      case 4: quota.minimum = try reader.readInteger(at: fieldPath())
      case 5: quota.maximumShare = try reader.readDouble(at: fieldPath())
      default: quota.minimumShare = try reader.readDouble(at: fieldPath())
      }
    }
    return complete ? quota : nil
  }

  private mutating func readScore(_ index: Int) throws(JSONSyntaxError) -> Score? {
    let path = { FieldPath.root.key("scores").index(index) }
    var applicant: String?
    var position: String?
    var value: Double?
    let complete = try readObject(at: path(), .score) { reader, field throws(JSONSyntaxError) in
      let fieldPath = { path().key(ObjectShape.score.names[field]) }
      switch field {
      case 0: applicant = try reader.readString(at: fieldPath())
      case 1: position = try reader.readString(at: fieldPath())
      default: value = try reader.readDouble(at: fieldPath())
      }
    }
    guard complete, let applicant, let position, let value else { return nil }
    return Score(applicant: applicant, position: position, value: value)
  }

  private mutating func readOverride(_ index: Int, field: String) throws(JSONSyntaxError) -> PairOverride? {
    let path = { FieldPath.root.key(field).index(index) }
    var applicant: String?
    var position: String?
    let complete = try readObject(at: path(), .pairOverride) { reader, field throws(JSONSyntaxError) in
      let fieldPath = { path().key(ObjectShape.pairOverride.names[field]) }
      switch field {
      case 0: applicant = try reader.readString(at: fieldPath())
      default: position = try reader.readString(at: fieldPath())
      }
    }
    guard complete, let applicant, let position else { return nil }
    return PairOverride(applicant: applicant, position: position)
  }

  // MARK: - Compound values

  /// Reads `["p07", ["p02", "p11"], "p03"]`.
  private mutating func readPreferences(at path: @autoclosure () -> FieldPath) throws(JSONSyntaxError)
    -> PreferenceList?
  {
    guard try expect(.array, "an array", at: path()) else { return nil }
    var ids: [String] = []
    swap(&ids, &scratchIDs)
    ids.removeAll(keepingCapacity: true)
    defer { swap(&ids, &scratchIDs) }
    var tierOfEntry: [Int32] = []
    var tier: Int32 = 0
    var isValid = true
    var isTooLong = false
    defer { if isTooLong { ids.removeAll() } }
    try scanner.beginArray()
    var isFirst = true
    while try scanner.nextElement(&isFirst) {
      if try skipsBeyondLimit(ids.count, &isTooLong, at: path().index(Int(tier))) { continue }
      let kind = try scanner.peekKind()
      if kind == .string {
        ids.append(try scanner.readString())
        checkControlCharacters(at: path().index(Int(tier)))
        if !tierOfEntry.isEmpty { tierOfEntry.append(tier) }
      } else if kind == .array {
        let element = path().index(Int(tier))
        try scanner.beginArray()
        if tierOfEntry.isEmpty { tierOfEntry = (0..<Int32(ids.count)).map { $0 } }
        var innerFirst = true
        var members = 0
        while try scanner.nextElement(&innerFirst) {
          if try skipsBeyondLimit(ids.count, &isTooLong, at: element.index(members)) {
            members += 1
            continue
          }
          if let id = try readString(at: element.index(members)) {
            ids.append(id)
            tierOfEntry.append(tier)
          } else {
            isValid = false
          }
          members += 1
        }
        if members == 0 {
          issues.append(ValidationIssue(element, "empty tie"))
          isValid = false
        }
      } else {
        issues.append(
          ValidationIssue(
            path().index(Int(tier)), "expected an id or an array of tied ids, found \(scanner.describeNext())"))
        try scanner.skipValue()
        isValid = false
      }
      tier += 1
    }
    // Copy out of the scratch buffer at the exact size: one allocation per list.
    return isValid && !isTooLong ? PreferenceList(ids: Array(ids[...]), tierOfEntry: tierOfEntry) : nil
  }

  /// Whether a list already holding `count` entries is past the limit; if so, skips the
  /// next value, recording the issue at `path` the first time (`isTooLong` remembers).
  private mutating func skipsBeyondLimit(
    _ count: Int, _ isTooLong: inout Bool, at path: @autoclosure () -> FieldPath
  ) throws(JSONSyntaxError) -> Bool {
    guard isTooLong || count >= Instance.maximumListLength else { return false }
    if !isTooLong {
      issues.append(
        ValidationIssue(
          path(), "a preference list may hold at most \(Instance.maximumListLength) entries; this one holds more"))
    }
    isTooLong = true
    try scanner.skipValue()
    return true
  }

  /// Reads a group id or an array of group ids.
  private mutating func readGroupMembership(at path: @autoclosure () -> FieldPath) throws(JSONSyntaxError)
    -> [String]
  {
    switch try scanner.peekKind() {
    case .string:
      let id = try scanner.readString()
      checkControlCharacters(at: path())
      return [id]
    case .array:
      return try readArray(at: path()) { reader, index throws(JSONSyntaxError) in
        try reader.readString(at: path().index(index))
      }
    default:
      issues.append(
        ValidationIssue(path(), "expected a group id or an array of group ids, found \(scanner.describeNext())"))
      try scanner.skipValue()
      return []
    }
  }

  private mutating func readAttributes(at path: @autoclosure () -> FieldPath) throws(JSONSyntaxError)
    -> [String: JSONValue]
  {
    guard try expect(.object, "an object", at: path()) else { return [:] }
    guard case .object(let members) = try scanner.readValue() else { return [:] }
    return members
  }

  // MARK: - Shapes

  /// Reads an array, calling `element` for each element; elements that return `nil` are dropped.
  private mutating func readArray<Element>(
    at path: @autoclosure () -> FieldPath,
    _ element: (inout InstanceJSONReader, Int) throws(JSONSyntaxError) -> Element?
  ) throws(JSONSyntaxError) -> [Element] {
    guard try expect(.array, "an array", at: path()) else { return [] }
    var result: [Element] = []
    try scanner.beginArray()
    var isFirst = true
    var index = 0
    while try scanner.nextElement(&isFirst) {
      contextIndex = index
      if index == Instance.maximumElementCount {
        issues.append(
          ValidationIssue(path().index(index), "at most \(Instance.maximumElementCount) elements are allowed here"))
        result.removeAll()
      }
      if index >= Instance.maximumElementCount {
        try scanner.skipValue()
      } else if let value = try element(&self, index) {
        result.append(value)
      }
      index += 1
    }
    return result
  }

  /// Reads an object of `shape`, handing the index of each known field to `member`,
  /// which reads its value. Returns whether every required field was present,
  /// recording an issue for each unknown, duplicate or missing field.
  private mutating func readObject(
    at path: @autoclosure () -> FieldPath, _ shape: ObjectShape,
    _ member: (inout InstanceJSONReader, Int) throws(JSONSyntaxError) -> Void
  ) throws(JSONSyntaxError) -> Bool {
    guard try expect(.object, "an object", at: path()) else { return false }
    var seen: UInt32 = 0
    try scanner.beginObject()
    var isFirst = true
    while let key = try scanner.nextKey(&isFirst) {
      guard let field = shape.names.firstIndex(of: key) else {
        issues.append(ValidationIssue(path().key(key), "unknown field"))
        try scanner.skipValue()
        continue
      }
      if seen & 1 << field != 0 {
        issues.append(ValidationIssue(path().key(key), "duplicate field"))
        try scanner.skipValue()
        continue
      }
      seen |= 1 << field
      try member(&self, field)
    }
    let missing = shape.required & ~seen
    guard missing != 0 else { return true }
    for field in shape.names.indices where missing & 1 << field != 0 {
      issues.append(ValidationIssue(path(), "missing field \(quoted(shape.names[field]))"))
    }
    return false
  }

  /// Whether the next value has `kind`; if not, records an issue and skips it.
  private mutating func expect(_ kind: JSONScanner.Kind, _ description: String, at path: @autoclosure () -> FieldPath)
    throws(JSONSyntaxError) -> Bool
  {
    if try scanner.peekKind() == kind { return true }
    issues.append(ValidationIssue(path(), "expected \(description), found \(scanner.describeNext())"))
    try scanner.skipValue()
    return false
  }

  /// Reads a string; one that is an id (every string but the instance's name) must hold
  /// no control character.
  private mutating func readString(at path: @autoclosure () -> FieldPath, isID: Bool = true) throws(JSONSyntaxError)
    -> String?
  {
    guard try expect(.string, "a string", at: path()) else { return nil }
    let text = try scanner.readString()
    if isID { checkControlCharacters(at: path()) }
    return text
  }

  /// Records an issue when the string just read holds a control character, at its byte.
  private mutating func checkControlCharacters(at path: @autoclosure () -> FieldPath) {
    guard let offset = scanner.controlCharacterOffset else { return }
    let (line, column) = scanner.lineAndColumn(of: offset)
    issues.append(
      ValidationIssue(path(), "a control character in an id (line \(line), column \(column)); ids are printable text"))
  }

  private mutating func readBool(at path: @autoclosure () -> FieldPath) throws(JSONSyntaxError) -> Bool? {
    guard try expect(.bool, "true or false", at: path()) else { return nil }
    return try scanner.readBool()
  }

  private mutating func readInteger(at path: @autoclosure () -> FieldPath) throws(JSONSyntaxError) -> Int? {
    guard try scanner.peekKind() == .number else {
      _ = try expect(.number, "an integer", at: path())
      return nil
    }
    let before = scanner
    switch try scanner.readNumber() {
    case .integer(let value):
      return value
    case .real:
      var probe = before
      issues.append(ValidationIssue(path(), "expected an integer, found \(probe.describeNext())"))
      return nil
    }
  }

  private mutating func readDouble(at path: @autoclosure () -> FieldPath) throws(JSONSyntaxError) -> Double? {
    guard try expect(.number, "a number", at: path()) else { return nil }
    switch try scanner.readNumber() {
    case .integer(let value): return Double(value)
    case .real(let value):
      guard value.isFinite else {
        issues.append(ValidationIssue(path(), "number out of range"))
        return nil
      }
      return value
    }
  }
}

/// The fields an object of the format may have, and which of them are required.
struct ObjectShape {
  /// Field names; a field's index is its position here.
  let names: [String]
  /// Bit `i` is set when field `i` is required.
  let required: UInt32

  init(_ names: [String], required: [String]) {
    self.names = names
    self.required = required.reduce(0) { mask, name in mask | 1 << UInt32(names.firstIndex(of: name) ?? 31) }
  }

  static let applicant = ObjectShape(["id", "preferences", "type", "attributes"], required: ["id", "preferences"])
  static let position = ObjectShape(
    ["id", "capacity", "minimum", "closable", "group", "preferences"], required: ["id", "capacity"])
  static let group = ObjectShape(["id", "capacity", "minimum", "preferences"], required: ["id", "capacity"])
  static let typeQuota = ObjectShape(
    ["position", "group", "type", "capacity", "minimum", "maximumShare", "minimumShare"], required: ["type"])
  static let score = ObjectShape(["applicant", "position", "value"], required: ["applicant", "position", "value"])
  static let pairOverride = ObjectShape(["applicant", "position"], required: ["applicant", "position"])
}
