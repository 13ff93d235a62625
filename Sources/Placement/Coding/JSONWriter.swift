/// Appends JSON text to a byte buffer, fast enough for million-entry files.
///
/// The caller lays out the structure (`{`, keys, commas) with the helpers; values are
/// escaped here. Output is compact unless a method adds a newline.
struct JSONWriter {
  /// The text written so far, UTF-8.
  private(set) var bytes: [UInt8] = []

  init(reservingCapacity capacity: Int = 1 << 16) {
    bytes.reserveCapacity(capacity)
  }

  /// Appends raw ASCII punctuation or a literal.
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends `"key":`.
  mutating func key(_ name: StaticString) {
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }

  /// Appends a quoted, escaped string.
  mutating func string(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var needsEscape = false
      for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        needsEscape = true
        break
      }
      if !needsEscape {
        bytes.append(contentsOf: utf8)
        return
      }
      for byte in utf8 {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0..<0x20:
          raw("\\u00")
          let hex: [UInt8] = Array("0123456789abcdef".utf8)
          bytes.append(hex[Int(byte >> 4)])
          bytes.append(hex[Int(byte & 0xF)])
        default: bytes.append(byte)
        }
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends an integer.
  mutating func integer(_ value: Int) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
    }
    var magnitude = value.magnitude
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      bytes.append(contentsOf: buffer[(20 - count)...])
    }
  }

  /// Appends a finite number in its shortest round-tripping form; non-finite as `null`.
  mutating func number(_ value: Double) {
    guard value.isFinite else { return raw("null") }
    if value == value.rounded(), abs(value) < 1e15 {
      integer(Int(value))
      raw(".0")
    } else {
      bytes.append(contentsOf: "\(value)".utf8)
    }
  }

  /// Appends any JSON value.
  mutating func value(_ value: JSONValue) {
    switch value {
    case .string(let text): string(text)
    case .number(let number):
      if number == number.rounded(), abs(number) < 1e15 { integer(Int(number)) } else { self.number(number) }
    case .bool(let flag): flag ? raw("true") : raw("false")
    case .null: raw("null")
    case .array(let elements):
      raw("[")
      for (i, element) in elements.enumerated() {
        if i > 0 { raw(",") }
        self.value(element)
      }
      raw("]")
    case .object(let members):
      raw("{")
      for (i, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
        if i > 0 { raw(",") }
        string(member.key)
        raw(":")
        self.value(member.value)
      }
      raw("}")
    }
  }
}

extension JSONValue {
  /// The value as compact JSON text followed by a newline; object keys sorted.
  public func jsonBytes() -> [UInt8] {
    var writer = JSONWriter()
    writer.value(self)
    writer.raw("\n")
    return writer.bytes
  }
}
