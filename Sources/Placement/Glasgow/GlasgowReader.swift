extension Instance {
  /// Reads an instance in one of the Glasgow layouts (``GlasgowFormat``), named `name`.
  ///
  /// Residents, men and students become applicants (`r1`, `m1`, `s1`, …, in number
  /// order); hospitals, women and projects become positions (`h1`, `w1`, `p1`) with their
  /// capacities and lists; lecturers become groups (`l1`) with their capacity and list,
  /// and each project ranks by its lecturer's list restricted to the students who list it.
  ///
  /// - Throws: ``TextFormatError`` with every problem found, each at its line and column:
  ///   a header that is not the layout's, a line that names an agent twice or out of range,
  ///   a tie inside a tie or not closed, an entry listed twice, a capacity below 1,
  ///   couples, missing or extra lines.
  public init(glasgow bytes: [UInt8], format: GlasgowFormat, name: String) throws(TextFormatError) {
    var reader = GlasgowReader(bytes: bytes, format: format)
    self = try reader.read(name: name)
  }
}

/// Reads one Glasgow layout, line by line, collecting every problem.
struct GlasgowReader {
  /// A word of a line: a number, a bracket, or anything else, with its column.
  struct Token {
    enum Kind: Equatable {
      case number(Int)
      case open
      case close
      case word(String)
    }
    var kind: Kind
    var column: Int
  }

  /// The sizes the header gives, and whether the right side's lines carry a capacity.
  struct Header {
    var left: Int
    var right: Int
    var lecturers = 0
    var rightHasCapacity: Bool
  }

  let format: GlasgowFormat
  private let lines: [ArraySlice<UInt8>]
  private var nextLineIndex = 0
  private var issues: [TextIssue] = []

  /// The largest count or capacity read (the instance format's limit on elements).
  private static let largest = 100_000_000

  init(bytes: [UInt8], format: GlasgowFormat) {
    self.format = format
    lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
      $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0
    }
  }

  mutating func read(name: String) throws(TextFormatError) -> Instance {
    guard let header = readHeader() else { throw TextFormatError(issues: issues) }
    let sides = format.sides
    var leftLists = [[[Int]]?](repeating: nil, count: header.left)
    var rightLists = [[[Int]]?](repeating: nil, count: format == .spa ? header.lecturers : header.right)
    var capacities = [Int](repeating: 1, count: header.right)
    var lecturerCapacities = [Int](repeating: 1, count: header.lecturers)
    var lecturerOf = [Int](repeating: 1, count: header.right)
    for read in 0..<header.left {
      guard let (line, tokens) = agentLine(read, of: header.left, sides.applicant + "s") else { break }
      guard let applicant = agentNumber(tokens, line, count: header.left, side: sides.applicant, seen: leftLists) else {
        continue
      }
      leftLists[applicant - 1] = preferences(tokens.dropFirst(), line, count: header.right, side: sides.position) ?? []
    }
    if format == .spa {
      var seen = [Bool?](repeating: nil, count: header.right)
      for read in 0..<header.right {
        guard let (line, tokens) = agentLine(read, of: header.right, "projects") else { break }
        guard let project = agentNumber(tokens, line, count: header.right, side: "project", seen: seen) else {
          continue
        }
        seen[project - 1] = true
        guard tokens.count == 3 else {
          issue(line, tokens.count > 3 ? tokens[3].column : 1, "expected `project capacity lecturer`, three numbers")
          continue
        }
        if let capacity = capacity(tokens[1], line) { capacities[project - 1] = capacity }
        if let lecturer = number(tokens[2], line, in: 1...max(header.lecturers, 1), what: "a lecturer number") {
          lecturerOf[project - 1] = lecturer
        }
      }
    }
    let rightSide = format == .spa ? "lecturer" : sides.position
    let rightTotal = format == .spa ? header.lecturers : header.right
    for read in 0..<rightTotal {
      guard let (line, tokens) = agentLine(read, of: rightTotal, rightSide + "s") else { break }
      guard let agent = agentNumber(tokens, line, count: rightTotal, side: rightSide, seen: rightLists) else {
        continue
      }
      var rest = tokens.dropFirst()
      if header.rightHasCapacity {
        guard let first = rest.first else {
          issue(line, 1, "expected the \(rightSide)'s capacity after its number")
          continue
        }
        if let capacity = capacity(first, line) {
          if format == .spa {
            lecturerCapacities[agent - 1] = capacity
          } else if format == .smti, capacity != 1 {
            issue(
              line, first.column,
              "capacity \(capacity): a woman takes one man in glasgow-smti (read the file as glasgow-hrt)")
          } else {
            capacities[agent - 1] = capacity
          }
        }
        rest = rest.dropFirst()
      }
      rightLists[agent - 1] = preferences(rest, line, count: header.left, side: sides.applicant) ?? []
    }
    while let (line, tokens) = nextLine() {
      issue(line, tokens[0].column, "a line beyond those the header announces")
      break
    }
    guard issues.isEmpty else { throw TextFormatError(issues: issues) }
    return build(
      name: name, header: header, left: leftLists.map { $0 ?? [] }, right: rightLists.map { $0 ?? [] },
      capacities: capacities, lecturerCapacities: lecturerCapacities, lecturerOf: lecturerOf)
  }

  /// The instance the lines describe.
  private func build(
    name: String, header: Header, left: [[[Int]]], right: [[[Int]]], capacities: [Int], lecturerCapacities: [Int],
    lecturerOf: [Int]
  ) -> Instance {
    let prefix = format.prefixes
    func ids(_ tiers: [[Int]], _ prefix: String) -> PreferenceList {
      PreferenceList(tiers: tiers.map { $0.map { prefix + String($0) } })
    }
    let applicants = left.enumerated().map {
      Applicant(id: prefix.applicant + String($0 + 1), preferences: ids($1, prefix.position))
    }
    var positions: [Position] = []
    var groups: [Group] = []
    if format == .spa {
      var listers = [Set<Int>](repeating: [], count: header.right)
      for (student, tiers) in left.enumerated() {
        for project in tiers.joined() { listers[project - 1].insert(student + 1) }
      }
      for project in 0..<header.right {
        let lecturer = lecturerOf[project]
        let restricted = right[lecturer - 1].map { $0.filter(listers[project].contains) }.filter { !$0.isEmpty }
        positions.append(
          Position(
            id: prefix.position + String(project + 1), capacity: capacities[project],
            groups: [prefix.group + String(lecturer)], preferences: ids(restricted, prefix.applicant)))
      }
      groups = right.enumerated().map {
        Group(
          id: prefix.group + String($0 + 1), capacity: lecturerCapacities[$0], preferences: ids($1, prefix.applicant))
      }
    } else {
      positions = right.enumerated().map {
        Position(id: prefix.position + String($0 + 1), capacity: capacities[$0], preferences: ids($1, prefix.applicant))
      }
    }
    return Instance(name: name, applicants: applicants, positions: positions, groups: groups)
  }

  // MARK: - Lines and tokens

  /// The next agent's line, the `read`-th of `count`; `nil` (reported) when the file ends
  /// first or too many problems were found.
  private mutating func agentLine(_ read: Int, of count: Int, _ what: String) -> (Int, [Token])? {
    guard issues.count < TextFormatError.issueLimit else { return nil }
    guard let next = nextLine() else {
      issue(lines.count, 1, "the file ends after \(read) of \(count) \(what)")
      return nil
    }
    return next
  }

  /// The next line that is not blank: its number (from 1) and its tokens.
  private mutating func nextLine() -> (Int, [Token])? {
    while nextLineIndex < lines.count {
      let index = nextLineIndex
      nextLineIndex += 1
      let tokens = Self.tokens(lines[index])
      if !tokens.isEmpty { return (index + 1, tokens) }
    }
    return nil
  }

  /// The words of a line: runs of digits or other text, and brackets on their own.
  static func tokens(_ line: ArraySlice<UInt8>) -> [Token] {
    var tokens: [Token] = []
    var start: Int?
    func flush(_ end: Int) {
      guard let begin = start else { return }
      let text = line[begin..<end]
      let column = begin - line.startIndex + 1
      if text.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), text.count <= 12 {
        tokens.append(Token(kind: .number(Int(String(decoding: text, as: UTF8.self))!), column: column))
      } else {
        tokens.append(Token(kind: .word(String(decoding: text, as: UTF8.self)), column: column))
      }
      start = nil
    }
    for index in line.indices {
      switch line[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"):
        flush(index)
      case UInt8(ascii: "("), UInt8(ascii: ")"):
        flush(index)
        tokens.append(
          Token(kind: line[index] == UInt8(ascii: "(") ? .open : .close, column: index - line.startIndex + 1))
      default:
        if start == nil { start = index }
      }
    }
    flush(line.endIndex)
    return tokens
  }

  private mutating func issue(_ line: Int, _ column: Int, _ message: String) {
    if issues.count < TextFormatError.issueLimit { issues.append(TextIssue(line: line, column: column, message)) }
  }

  // MARK: - Fields

  private mutating func readHeader() -> Header? {
    let names = [
      "glasgow-hrt": "residents hospitals", "glasgow-smti": "men women", "glasgow-spa": "students projects lecturers",
    ]
    let expected = format == .spa ? 3 : 2
    guard let (line, tokens) = nextLine() else {
      issue(1, 1, "the file is empty; expected the header `\(names[format.rawValue]!)`")
      return nil
    }
    if format != .spa, tokens.count == 1 {
      // The published data sets' layout: couples, residents and hospitals on three lines.
      guard let couples = number(tokens[0], line, in: 0...Self.largest, what: "the number of couples") else {
        return nil
      }
      guard couples == 0 else {
        issue(
          line, tokens[0].column, "\(couples) couples: couples are not supported (Placement places single applicants)")
        return nil
      }
      var counts: [Int] = []
      for what in [format.sides.applicant + "s", format.sides.position + "s"] {
        guard let (line, tokens) = nextLine(), tokens.count == 1,
          let count = number(tokens[0], line, in: 0...Self.largest, what: "the number of \(what)")
        else {
          issue(line + counts.count + 1, 1, "expected the number of \(what) alone on the line after the couples")
          return nil
        }
        counts.append(count)
      }
      return Header(left: counts[0], right: counts[1], rightHasCapacity: true)
    }
    guard tokens.count == expected else {
      issue(
        line, 1, "expected the header `\(names[format.rawValue]!)`: \(expected) numbers, found \(tokens.count) words")
      return nil
    }
    var counts: [Int] = []
    for token in tokens {
      guard let count = number(token, line, in: 0...Self.largest, what: "a count") else { return nil }
      counts.append(count)
    }
    return Header(
      left: counts[0], right: counts[1], lecturers: format == .spa ? counts[2] : 0, rightHasCapacity: format != .smti)
  }

  /// The agent number that starts a line, if it is in range and not seen before.
  private mutating func agentNumber<Seen>(_ tokens: [Token], _ line: Int, count: Int, side: String, seen: [Seen?])
    -> Int?
  {
    guard let number = number(tokens[0], line, in: 1...max(count, 1), what: "a \(side) number") else { return nil }
    guard seen[number - 1] == nil else {
      issue(line, tokens[0].column, "\(side) \(number) has a line already")
      return nil
    }
    return number
  }

  private mutating func number(_ token: Token, _ line: Int, in range: ClosedRange<Int>, what: String) -> Int? {
    guard case .number(let value) = token.kind, range.contains(value) else {
      issue(
        line, token.column,
        "expected \(what) from \(range.lowerBound) to \(range.upperBound), found \(Self.text(token))")
      return nil
    }
    return value
  }

  private mutating func capacity(_ token: Token, _ line: Int) -> Int? {
    guard case .number(let value) = token.kind, (1...Int(Int32.max)).contains(value) else {
      issue(line, token.column, "expected a capacity of at least 1, found \(Self.text(token))")
      return nil
    }
    return value
  }

  /// A preference list: tiers of numbers from 1 to `count`, ties in brackets.
  private mutating func preferences(_ tokens: ArraySlice<Token>, _ line: Int, count: Int, side: String) -> [[Int]]? {
    var tiers: [[Int]] = []
    var tie: [Int]?
    var tieColumn = 0
    var seen = Set<Int>()
    for token in tokens {
      switch token.kind {
      case .open:
        guard tie == nil else {
          issue(line, token.column, "a tie inside a tie")
          return nil
        }
        tie = []
        tieColumn = token.column
      case .close:
        guard let closed = tie else {
          issue(line, token.column, "a `)` that closes no tie")
          return nil
        }
        guard !closed.isEmpty else {
          issue(line, tieColumn, "an empty tie `()`")
          return nil
        }
        tiers.append(closed)
        tie = nil
      case .number(let value):
        guard (1...max(count, 1)).contains(value), count > 0 else {
          issue(line, token.column, "expected a \(side) number from 1 to \(count), found \(value)")
          return nil
        }
        guard seen.insert(value).inserted else {
          issue(line, token.column, "\(side) \(value) is listed twice")
          return nil
        }
        if tie != nil { tie!.append(value) } else { tiers.append([value]) }
      case .word:
        issue(line, token.column, "expected a \(side) number, found \(Self.text(token))")
        return nil
      }
    }
    guard tie == nil else {
      issue(line, tieColumn, "a tie opened here is not closed")
      return nil
    }
    return tiers
  }

  private static func text(_ token: Token) -> String {
    switch token.kind {
    case .number(let value): "\(value)"
    case .open: "`(`"
    case .close: "`)`"
    case .word(let word): quoted(word)
    }
  }
}
