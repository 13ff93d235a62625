import Foundation
import Placement

/// The sheets an operator keeps for a season, and the instance they describe.
///
/// | sheet | also named | columns (`*` required; any order, case and spacing) |
/// |---|---|---|
/// | applicants | students, experts | `id`*, `type` (or `university`, `origin`), `preferences` (`p7 > p2 = p11`) or ranked columns `choice 1`, `choice 2` … (a cell may hold `p2 = p11`); any other column is kept as an attribute |
/// | positions | posts, networks | `id`*, `capacity`*, `minimum`, `closable` (yes/no), `group` (or `host`, `network`, `sector`, `region`, `groups`; several ids split by `\|`), `preferences` |
/// | groups | hosts | `id`*, `capacity`*, `minimum`, `preferences` |
/// | rankings | | `ranker`* (a position or group), `applicant`*, `rank`* (1 = best; equal ranks tie) |
/// | quotas | | `position` or `group`, `type`*, `capacity`, `minimum`, `maximum share`, `minimum share` |
/// | scores | | `applicant`*, `position`*, `value`* |
/// | overrides | | `applicant`*, `position`*, `kind`* (`locked` or `forbidden`) |
public enum InstanceSheets {
  /// Which sheet a file is.
  public enum Role: String, Sendable, CaseIterable {
    case applicants, positions, groups, rankings, quotas, scores, overrides

    /// The file names (without `.csv`) this sheet is found under, in a folder.
    public var names: [String] {
      switch self {
      case .applicants: ["applicants", "students", "experts"]
      case .positions: ["positions", "posts", "networks"]
      case .groups: ["groups", "hosts"]
      default: [rawValue]
      }
    }
  }

  /// An instance read from sheets, with what was left out.
  public struct Imported: Sendable {
    /// The instance (compiled once, so it is valid).
    public var instance: Instance
    /// Columns that were not read, by file.
    public var warnings: [String]
  }

  /// Reads an instance named `name` from `sheets` (each sheet's file path and text);
  /// applicants and positions are required.
  ///
  /// - Throws: ``SheetError`` with every problem as `file:line:column: message`, also
  ///   those compiling finds (an unknown id, a capacity below 1), at the row they come from.
  public static func read(_ sheets: [Role: (file: String, text: String)], name: String) throws(SheetError)
    -> Imported
  {
    var reader = SheetInstanceReader()
    reader.read(sheets)
    var instance = reader.instance
    instance.name = name
    guard reader.issues.isEmpty else { throw SheetError(issues: reader.issues) }
    do {
      _ = try Market(compiling: instance)
    } catch {
      throw SheetError(issues: error.issues.map(reader.locate))
    }
    return Imported(instance: instance, warnings: reader.warnings)
  }

  /// Reads the one cell form of a preference list: ids separated by `>` (better first) and
  /// `=` (tied); an empty cell is an empty list.
  ///
  /// - Returns: the tiers, or `nil` when an id is missing between separators.
  public static func preferences(inCell cell: String) -> [[String]]? {
    let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return [] }
    var tiers: [[String]] = []
    for tier in trimmed.split(separator: ">", omittingEmptySubsequences: false) {
      let ids = tier.split(separator: "=", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      guard !ids.contains(where: \.isEmpty) else { return nil }
      tiers.append(ids)
    }
    return tiers
  }

  /// The one cell form of `list`: `p7 > p2 = p11 > p3`.
  public static func cell(_ list: PreferenceList) -> String {
    list.tiers.map { $0.joined(separator: " = ") }.joined(separator: " > ")
  }
}
