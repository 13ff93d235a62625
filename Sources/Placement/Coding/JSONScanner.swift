/// A pull parser over UTF-8 JSON text, for readers that need speed and field paths.
///
/// It never builds a document tree: a reader asks for the value it expects next
/// (`beginObject`, `nextKey`, `readString`, …) and skips what it does not want.
/// Syntax errors are thrown as ``JSONSyntaxError`` with the byte offset; a reader
/// turns them into a ``ValidationIssue`` with line and column.
///
/// - Complexity: O(n) in the text length; strings without escapes are copied once.
struct JSONScanner {
  /// The kind of the next value.
  enum Kind {
    case object, array, string, number, bool, null
  }

  /// A number as written: an integer, or any other number.
  enum Number {
    case integer(Int)
    case real(Double)
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  /// The offset of the next unread byte.
  private(set) var offset = 0
  /// Where the string last read holds its first control character (U+0000–U+001F,
  /// escaped, or U+007F), or `nil`; JSON allows them, ids do not.
  private(set) var controlCharacterOffset: Int?

  /// Creates a scanner over `bytes`, which must stay valid while it is used.
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    // Skip a UTF-8 byte order mark.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
  }

  /// `UTF-16` or `UTF-32` when the text starts with that encoding's byte order mark.
  var otherUnicodeEncoding: String? {
    let start = Array(bytes.prefix(4))
    if start == [0x00, 0x00, 0xFE, 0xFF] || start == [0xFF, 0xFE, 0x00, 0x00] { return "UTF-32" }
    if start.starts(with: [0xFE, 0xFF]) || start.starts(with: [0xFF, 0xFE]) { return "UTF-16" }
    return nil
  }

  // MARK: - Structure

  /// The kind of the next value, after white space.
  mutating func peekKind() throws(JSONSyntaxError) -> Kind {
    skipWhitespace()
    guard offset < bytes.count else { throw error("unexpected end of file") }
    switch bytes[offset] {
    case UInt8(ascii: "{"): return .object
    case UInt8(ascii: "["): return .array
    case UInt8(ascii: "\""): return .string
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
    case UInt8(ascii: "n"): return .null
    default: throw error("unexpected \(describeByte(bytes[offset]))")
    }
  }

  /// Consumes `{`.
  mutating func beginObject() throws(JSONSyntaxError) {
    try expect(UInt8(ascii: "{"), "\"{\"")
  }

  /// Consumes the next member's key and its colon, or the closing `}` (returning `nil`).
  /// `isFirst` starts `true` for each object.
  mutating func nextKey(_ isFirst: inout Bool) throws(JSONSyntaxError) -> String? {
    skipWhitespace()
    guard offset < bytes.count else { throw error("unexpected end of file inside an object") }
    if bytes[offset] == UInt8(ascii: "}") {
      offset += 1
      return nil
    }
    if isFirst {
      isFirst = false
    } else {
      try expect(UInt8(ascii: ","), "\",\" or \"}\"")
      skipWhitespace()
    }
    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
      throw error(offset < bytes.count ? "expected a field name in quotes" : "unexpected end of file inside an object")
    }
    let key = try readString()
    try expect(UInt8(ascii: ":"), "\":\"")
    return key
  }

  /// Consumes `[`.
  mutating func beginArray() throws(JSONSyntaxError) {
    try expect(UInt8(ascii: "["), "\"[\"")
  }

  /// Whether another element follows (consuming its comma), or consumes the closing `]`.
  /// `isFirst` starts `true` for each array.
  mutating func nextElement(_ isFirst: inout Bool) throws(JSONSyntaxError) -> Bool {
    skipWhitespace()
    guard offset < bytes.count else { throw error("unexpected end of file inside an array") }
    if bytes[offset] == UInt8(ascii: "]") {
      offset += 1
      return false
    }
    if isFirst {
      isFirst = false
    } else {
      try expect(UInt8(ascii: ","), "\",\" or \"]\"")
    }
    return true
  }

  /// Throws unless only white space is left.
  mutating func expectEnd() throws(JSONSyntaxError) {
    skipWhitespace()
    if offset < bytes.count { throw error("unexpected \(describeByte(bytes[offset])) after the document") }
  }

  // MARK: - Scalars

  /// Reads a string value.
  ///
  /// Invalid UTF-8 and unpaired `\\u` surrogates are syntax errors at the byte where they
  /// occur; ``controlCharacterOffset`` tells where the string holds a control character.
  mutating func readString() throws(JSONSyntaxError) -> String {
    skipWhitespace()
    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
      throw error("expected a string")
    }
    offset += 1
    controlCharacterOffset = nil
    let start = offset
    // Plain ASCII without escapes is copied once; anything else takes the checked path.
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\"") {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        offset += 1
        return text
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x7F { break }
      offset += 1
    }
    return try readCheckedString(from: start)
  }

  private mutating func readCheckedString(from start: Int) throws(JSONSyntaxError) -> String {
    var utf8 = Array(bytes[start..<offset])
    while offset < bytes.count {
      let byte = bytes[offset]
      switch byte {
      case UInt8(ascii: "\""):
        offset += 1
        return String(decoding: utf8, as: UTF8.self)
      case UInt8(ascii: "\\"):
        offset += 1
        guard offset < bytes.count else { break }
        let escape = bytes[offset]
        offset += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          controlCharacterOffset = controlCharacterOffset ?? offset - 2
          utf8.append(Self.controlCharacter(escapedAs: escape))
        case UInt8(ascii: "u"):
          let escapeStart = offset - 2
          var scalar = try readHex4()
          if (0xD800..<0xDC00).contains(scalar) {
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
            else { throw JSONSyntaxError(offset: escapeStart, message: "unpaired surrogate in a \\u escape") }
            offset += 2
            let low = try readHex4()
            guard (0xDC00..<0xE000).contains(low) else {
              throw JSONSyntaxError(offset: escapeStart, message: "invalid surrogate pair in a \\u escape")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let decoded = Unicode.Scalar(scalar) else {
            throw JSONSyntaxError(offset: escapeStart, message: "unpaired surrogate in a \\u escape")
          }
          if scalar < 0x20 || scalar == 0x7F { controlCharacterOffset = controlCharacterOffset ?? escapeStart }
          utf8.append(contentsOf: String(Character(decoded)).utf8)
        default:
          offset -= 1
          throw error("invalid escape \\\(describeByte(escape))")
        }
      case 0..<0x20:
        throw error("unescaped control character in a string")
      case 0x7F:
        controlCharacterOffset = controlCharacterOffset ?? offset
        utf8.append(byte)
        offset += 1
      case 0x80...:
        let length = try validUTF8SequenceLength()
        utf8.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]))
        offset += length
      default:
        utf8.append(byte)
        offset += 1
      }
    }
    throw error("unexpected end of file inside a string")
  }

  /// The control character a short escape (`\\b`, `\\f`, `\\n`, `\\r`, `\\t`) stands for.
  private static func controlCharacter(escapedAs letter: UInt8) -> UInt8 {
    switch letter {
    case UInt8(ascii: "b"): 0x08
    case UInt8(ascii: "f"): 0x0C
    case UInt8(ascii: "n"): 0x0A
    case UInt8(ascii: "r"): 0x0D
    default: 0x09
    }
  }

  /// The length of the UTF-8 sequence that starts at `offset` with a byte ≥ 0x80, or a
  /// syntax error at the first byte that makes it invalid (a stray continuation byte, a
  /// truncated, overlong or surrogate sequence, or one beyond U+10FFFF).
  private func validUTF8SequenceLength() throws(JSONSyntaxError) -> Int {
    let lead = bytes[offset]
    let length: Int
    var second: ClosedRange<UInt8> = 0x80...0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      second = 0xA0...0xBF
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      second = 0x80...0x9F
    case 0xF0:
      length = 4
      second = 0x90...0xBF
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      second = 0x80...0x8F
    default:
      throw JSONSyntaxError(
        offset: offset, message: "invalid UTF-8: byte 0x\(String(lead, radix: 16, uppercase: true))")
    }
    for k in 1..<length {
      let at = offset + k
      guard at < bytes.count, (k == 1 ? second : 0x80...0xBF).contains(bytes[at]) else {
        let found = at < bytes.count ? "byte 0x\(String(bytes[at], radix: 16, uppercase: true))" : "the end of the file"
        throw JSONSyntaxError(
          offset: at,
          message: "invalid UTF-8: \(found) in the sequence begun by 0x\(String(lead, radix: 16, uppercase: true))")
      }
    }
    return length
  }

  private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
    guard offset + 4 <= bytes.count else { throw error("unexpected end of file inside a string") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[offset]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid \\u escape")
      }
      value = value << 4 | digit
      offset += 1
    }
    return value
  }

  /// Reads a number value.
  mutating func readNumber() throws(JSONSyntaxError) -> Number {
    skipWhitespace()
    let start = offset
    var isInteger = true
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
    let digitsStart = offset
    var magnitude = 0
    var overflow = false
    while offset < bytes.count, let digit = decimalDigit(bytes[offset]) {
      let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(digit)
      overflow = overflow || o1 || o2
      magnitude = sum
      offset += 1
    }
    guard offset > digitsStart else { throw error("invalid number") }
    if bytes[digitsStart] == UInt8(ascii: "0"), offset - digitsStart > 1 {
      throw error("invalid number: leading zero")
    }
    if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
      isInteger = false
      offset += 1
      let fractionStart = offset
      while offset < bytes.count, decimalDigit(bytes[offset]) != nil { offset += 1 }
      guard offset > fractionStart else { throw error("invalid number: no digits after \".\"") }
    }
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
      isInteger = false
      offset += 1
      if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
        offset += 1
      }
      let exponentStart = offset
      while offset < bytes.count, decimalDigit(bytes[offset]) != nil { offset += 1 }
      guard offset > exponentStart else { throw error("invalid number: no digits in the exponent") }
    }
    if isInteger && !overflow {
      return .integer(bytes[start] == UInt8(ascii: "-") ? -magnitude : magnitude)
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    return .real(Double(text) ?? .nan)
  }

  /// Reads `true` or `false`.
  mutating func readBool() throws(JSONSyntaxError) -> Bool {
    if try consumeLiteral("true") { return true }
    if try consumeLiteral("false") { return false }
    throw error("expected true or false")
  }

  /// Reads `null`.
  mutating func readNull() throws(JSONSyntaxError) {
    guard try consumeLiteral("null") else { throw error("expected null") }
  }

  /// Skips the next value, checking its syntax.
  mutating func skipValue() throws(JSONSyntaxError) {
    _ = try readValue(depth: 0, keep: false)
  }

  /// Reads the next value whole.
  mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
    try readValue(depth: 0, keep: true)
  }

  private mutating func readValue(depth: Int, keep: Bool) throws(JSONSyntaxError) -> JSONValue {
    guard depth < 512 else { throw error("nesting deeper than 512 levels") }
    switch try peekKind() {
    case .object:
      try beginObject()
      var members: [String: JSONValue] = [:]
      var isFirst = true
      while let key = try nextKey(&isFirst) {
        let value = try readValue(depth: depth + 1, keep: keep)
        if keep { members[key] = value }
      }
      return .object(members)
    case .array:
      try beginArray()
      var elements: [JSONValue] = []
      var isFirst = true
      while try nextElement(&isFirst) {
        let value = try readValue(depth: depth + 1, keep: keep)
        if keep { elements.append(value) }
      }
      return .array(elements)
    case .string:
      return .string(try readString())
    case .number:
      switch try readNumber() {
      case .integer(let value): return .number(Double(value))
      case .real(let value): return .number(value)
      }
    case .bool:
      return .bool(try readBool())
    case .null:
      try readNull()
      return .null
    }
  }

  /// A short description of the next value for messages: `string "3"`, `an array`.
  mutating func describeNext() -> String {
    var probe = self
    guard let kind = try? probe.peekKind() else { return "nothing" }
    switch kind {
    case .object: return "an object"
    case .array: return "an array"
    case .string:
      guard let text = try? probe.readString() else { return "a string" }
      return "string \(quoted(text.count > 40 ? String(text.prefix(40)) + "…" : text))"
    case .number:
      switch try? probe.readNumber() {
      case .integer(let value): return "number \(value)"
      case .real(let value): return "number \(value)"
      case nil: return "a number"
      }
    case .bool: return (try? probe.readBool()).map { "\($0)" } ?? "a boolean"
    case .null: return "null"
    }
  }

  // MARK: - Positions

  /// The 1-based line and column of a byte offset.
  func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return (line, offset - lineStart + 1)
  }

  // MARK: - Helpers

  private mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x0A, 0x0D, 0x09: offset += 1
      default: return
      }
    }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
    skipWhitespace()
    guard offset < bytes.count else { throw error("unexpected end of file, expected \(what)") }
    guard bytes[offset] == byte else {
      throw error("expected \(what), found \(describeByte(bytes[offset]))")
    }
    offset += 1
  }

  private mutating func consumeLiteral(_ literal: StaticString) throws(JSONSyntaxError) -> Bool {
    skipWhitespace()
    let count = literal.utf8CodeUnitCount
    guard offset + count <= bytes.count else { return false }
    let matches = literal.withUTF8Buffer { text in
      (0..<count).allSatisfy { bytes[offset + $0] == text[$0] }
    }
    if matches { offset += count }
    return matches
  }

  private func decimalDigit(_ byte: UInt8) -> Int? {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
  }

  private func describeByte(_ byte: UInt8) -> String {
    byte >= 0x20 && byte < 0x7F ? quoted(String(UnicodeScalar(byte))) : "byte 0x" + String(byte, radix: 16)
  }

  private func error(_ message: String) -> JSONSyntaxError {
    JSONSyntaxError(offset: offset, message: message)
  }
}

/// Text that is not JSON, at a byte offset.
struct JSONSyntaxError: Error {
  /// Where the text stops being JSON.
  var offset: Int
  /// What was expected or found there.
  var message: String
}
