import CSV
import Foundation

/// A problem in a spreadsheet file, where a spreadsheet shows it: the file, the line of the
/// file (a cell holding line breaks spans several) and the column (1 = A).
public struct SheetIssue: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file's path as given.
  public var file: String
  /// The line, from 1.
  public var line: Int
  /// The column, from 1 (A); 1 when the problem is the row's.
  public var column: Int
  /// What is wrong, naming the value.
  public var message: String

  /// Creates the issue.
  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:column: message`.
  public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found in a set of sheets.
public struct SheetError: Error, Sendable, CustomStringConvertible {
  /// The problems, in file and line order.
  public var issues: [SheetIssue]

  /// One line per problem.
  public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// One CSV file read into a header and rows, each row with the line it starts on.
///
/// Parsing (quotes, embedded separators and line breaks) is CSV.swift's; this adds what
/// spreadsheet exports need: a UTF-8 byte-order mark dropped, the separator (`,`, `;` or
/// tab) taken from the header line, headers matched loosely, and line numbers.
struct Sheet {
  let file: String
  /// The header cells as written.
  let header: [String]
  /// The rows after the header (blank rows dropped).
  let rows: [Row]

  struct Row {
    let line: Int
    let cells: [String]
  }

  /// Reads `text` (the content of `file`).
  ///
  /// - Throws: ``SheetIssue`` for a file without a header, or one CSV cannot read.
  init(file: String, text: String) throws(SheetIssue) {
    self.file = file
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    let separator = Self.separator(of: body)
    if let open = Self.unclosedQuote(in: body, separator: separator) {
      throw SheetIssue(
        file: file, line: open.line, column: open.column,
        message: "cannot be read as CSV: the quote that opens this cell never closes")
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(string: body, delimiter: separator)
    } catch {
      throw SheetIssue(file: file, line: 1, column: 1, message: "cannot be read as CSV: \(error)")
    }
    var line = 1
    var header: [String]?
    var rows: [Row] = []
    while let cells = reader.next() {
      let start = line
      line += 1 + cells.reduce(0) { $0 + $1.unicodeScalars.count { $0 == "\n" } }
      if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
      if header == nil {
        header = cells
      } else {
        rows.append(Row(line: start, cells: cells))
      }
    }
    if let error = reader.error {
      throw SheetIssue(file: file, line: line, column: 1, message: "cannot be read as CSV: \(error)")
    }
    guard let header else {
      throw SheetIssue(file: file, line: 1, column: 1, message: "is empty; the first row names the columns")
    }
    self.header = header
    self.rows = rows
  }

  /// The separator of the header line: whichever of `,`, `;` and tab occurs most outside
  /// quotes (spreadsheets in many locales export `;`).
  private static func separator(of text: String) -> UnicodeScalar {
    var counts: [UnicodeScalar: Int] = [",": 0, ";": 0, "\t": 0]
    var quoted = false
    for scalar in text.unicodeScalars {
      if scalar == "\"" { quoted.toggle() }
      if !quoted && (scalar == "\n" || scalar == "\r") { break }
      if !quoted, counts[scalar] != nil { counts[scalar, default: 0] += 1 }
    }
    let best = counts.max { ($0.value, $0.key == "," ? 1 : 0) < ($1.value, $1.key == "," ? 1 : 0) }
    return best.map { $0.value > 0 ? $0.key : "," } ?? ","
  }

  /// Where a quoted cell opens that never closes (CSV.swift reads one to the end of the
  /// file), by line and column.
  private static func unclosedQuote(in text: String, separator: UnicodeScalar) -> (line: Int, column: Int)? {
    var line = 1
    var column = 1
    var open: (line: Int, column: Int)?
    var atCellStart = true
    for scalar in text.unicodeScalars {
      if open != nil {
        if scalar == "\"" { open = nil }
        if scalar == "\n" { line += 1 }
        continue
      }
      switch scalar {
      case "\"" where atCellStart: open = (line, column)
      case separator: column += 1
      case "\n":
        line += 1
        column = 1
      default: break
      }
      atCellStart = scalar == separator || scalar == "\n" || (atCellStart && scalar == " ")
    }
    return open
  }

  /// A header as matched: lower case, with spaces, `_` and `-` as one space.
  static func normalized(_ header: String) -> String {
    header.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: " ")
  }

  /// The index of the first column whose header is one of `names` (normalized).
  func column(_ names: String...) -> Int? {
    header.firstIndex { names.contains(Self.normalized($0)) }
  }

  /// The cell of `row` in `column`, trimmed ("" beyond the row's end).
  func cell(_ row: Row, _ column: Int?) -> String {
    guard let column, column < row.cells.count else { return "" }
    return row.cells[column].trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// An issue at `row`'s `column` (0-based, or the row when `nil`).
  func issue(_ row: Row, _ column: Int?, _ message: String) -> SheetIssue {
    SheetIssue(file: file, line: row.line, column: (column ?? 0) + 1, message: message)
  }

  /// An issue with the header.
  func headerIssue(_ message: String) -> SheetIssue {
    SheetIssue(file: file, line: 1, column: 1, message: message)
  }
}
