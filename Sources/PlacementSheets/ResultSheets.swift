import Foundation
import Placement

/// A placement as sheets an office hands out: everyone's placement, and one roster per
/// host.
public enum ResultSheets {
  /// `placement.csv`: one row per applicant in instance order (`applicant`, `type`,
  /// `position`, `host` (the position's groups, `|`-separated), `rank`: the applicant's
  /// rank of the position, 1 = first choice); an unplaced applicant has the last three
  /// empty.
  ///
  /// - Throws: only when the CSV writer cannot write to memory.
  public static func placement(_ instance: Instance, _ market: Market, _ assignment: [Int32]) throws -> String {
    var sheet = SheetWriter(header: ["applicant", "type", "position", "host", "rank"])
    for (a, applicant) in instance.applicants.enumerated() {
      let p = Int(assignment[a])
      guard p >= 0 else {
        sheet.append([applicant.id, applicant.type ?? "", "", "", ""])
        continue
      }
      sheet.append([
        applicant.id, applicant.type ?? "", market.positionIDs[p],
        instance.positions[p].groups.joined(separator: " | "),
        market.tier(ofApplicant: a, for: p).map { String($0 + 1) } ?? "",
      ])
    }
    return try sheet.text()
  }

  /// One roster per host (each group; each position when the instance has no groups), by
  /// a file name made of its id: who comes, to which position, and their rank of it.
  ///
  /// - Throws: only when the CSV writer cannot write to memory.
  public static func rosters(_ instance: Instance, _ market: Market, _ assignment: [Int32]) throws
    -> [(name: String, text: String)]
  {
    let hosts = instance.groups.isEmpty ? instance.positions.map(\.id) : instance.groups.map(\.id)
    var rows: [String: [[String]]] = [:]
    for (a, applicant) in instance.applicants.enumerated() where assignment[a] >= 0 {
      let p = Int(assignment[a])
      let position = instance.positions[p]
      let row = [
        position.id, applicant.id, applicant.type ?? "",
        market.tier(ofApplicant: a, for: p).map { String($0 + 1) } ?? "",
      ]
      for host in instance.groups.isEmpty ? [position.id] : position.groups { rows[host, default: []].append(row) }
    }
    return try hosts.map { host in
      var sheet = SheetWriter(header: ["position", "applicant", "type", "rank"])
      for row in rows[host] ?? [] { sheet.append(row) }
      return (fileName(host) + ".csv", try sheet.text())
    }
  }

  /// `id` as a file name: letters, digits, `-`, `_` and `.` kept, anything else `_`.
  static func fileName(_ id: String) -> String {
    let kept = id.unicodeScalars.map { scalar in
      CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar) ? Character(scalar) : "_"
    }
    let name = String(kept)
    return name.hasPrefix(".") ? "_" + name.dropFirst() : name
  }
}
