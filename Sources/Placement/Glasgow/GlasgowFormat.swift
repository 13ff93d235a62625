/// The plain-text instance layouts of the Glasgow matching research (the data sets behind
/// Irving–Manlove, Delorme et al. 2019 and Cooper–Manlove 2018, and the readers of the
/// `algmatch` and `pyhrtc` libraries), read by ``Instance/init(glasgow:format:name:)`` and
/// written by ``Instance/glasgowText(_:)``. `docs/glasgow-formats.md` gives each layout
/// with an example.
///
/// Agents are numbered from 1 on each side. A preference list is numbers separated by
/// spaces, best first; a tie is a group in round brackets, `(2 3)`.
public enum GlasgowFormat: String, Sendable, CaseIterable {
  /// Hospitals/residents with ties: a header `residents hospitals`, one line per resident
  /// (`number list`), then one per hospital (`number capacity list`). A header of three
  /// lines, `couples`, `residents`, `hospitals` (the layout of the published data sets,
  /// with couples 0), is read too.
  case hrt = "glasgow-hrt"
  /// Stable marriage with ties and incomplete lists: a header `men women`, one line per
  /// man (`number list`), then one per woman (`number list`). The three-line header of
  /// ``hrt`` with every capacity 1 is read too.
  case smti = "glasgow-smti"
  /// Student–project allocation with ties: a header `students projects lecturers`, one
  /// line per student (`number list of projects`), one per project (`number capacity
  /// lecturer`), then one per lecturer (`number capacity list of students`).
  case spa = "glasgow-spa"

  /// The id prefixes of the instance's applicants, positions and groups (`r`, `h`, and
  /// none for hospitals/residents), so that `r12` is resident 12.
  var prefixes: (applicant: String, position: String, group: String) {
    switch self {
    case .hrt: ("r", "h", "")
    case .smti: ("m", "w", "")
    case .spa: ("s", "p", "l")
    }
  }

  /// What the sides are called in messages.
  var sides: (applicant: String, position: String) {
    switch self {
    case .hrt: ("resident", "hospital")
    case .smti: ("man", "woman")
    case .spa: ("student", "project")
    }
  }
}

/// A problem at a place in a text file: `12:7: expected a hospital number from 1 to 53, found "x"`.
public struct TextIssue: Sendable, Hashable, CustomStringConvertible {
  /// The line, from 1.
  public var line: Int
  /// The column, from 1, counting bytes.
  public var column: Int
  /// What is wrong, naming the value.
  public var message: String

  /// Creates an issue.
  public init(line: Int, column: Int, _ message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// `line:column: message`, for a caller to put the file name in front of.
  public var description: String { "\(line):\(column): \(message)" }
}

/// A text file that does not read: every problem found, each at its line and column.
public struct TextFormatError: Error, Sendable, CustomStringConvertible {
  /// The problems, in file order (at most ``issueLimit``).
  public var issues: [TextIssue]

  /// The most problems kept; reading stops there.
  public static let issueLimit = 100

  /// Creates the error.
  public init(issues: [TextIssue]) {
    self.issues = issues
  }

  /// One issue per line.
  public var description: String { issues.map(\.description).joined(separator: "\n") }
}
