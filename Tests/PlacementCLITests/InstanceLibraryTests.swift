import Foundation
import PlacementTestSupport
import Testing

@Suite("instances/README.md: every family's reference command makes the file its checksum names")
struct InstanceLibraryTests {
  /// The rows of the families table: the command and the checksums (JSON, then Glasgow).
  static func families() throws -> [(command: String, json: String, glasgow: (format: String, checksum: String)?)] {
    let text = try String(
      contentsOf: Fixtures.packageRoot.appendingPathComponent("instances/README.md"), encoding: .utf8)
    let table = try #require(text.components(separatedBy: "## Literature-style families").last)
    var rows: [(String, String, (String, String)?)] = []
    for line in table.split(separator: "\n") where line.hasPrefix("| ") && line.contains("`placement generate") {
      let code = line.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
      let command = try #require(code.first { $0.hasPrefix("placement generate") })
      let hashes = code.filter { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }
      let format = code.first { $0.hasPrefix("glasgow-") }
      rows.append((command, hashes[0], format.map { ($0, hashes[1]) }))
    }
    return rows
  }

  @Test("five families, each reproduced byte for byte (and its Glasgow file too)")
  func checksums() throws {
    let rows = try Self.families()
    #expect(rows.count == 5)
    for row in rows {
      let command = row.command.replacingOccurrences(of: "placement ", with: "\"$PLACEMENT\" ")
      let json = try shell("\(command) | sha256sum")
      #expect(json.standardOutput.hasPrefix(row.json), "\(row.command): \(json.standardError)")
      if let glasgow = row.glasgow {
        let text = try shell("\(command) | \"$PLACEMENT\" export-instance - --format \(glasgow.format) | sha256sum")
        #expect(text.standardOutput.hasPrefix(glasgow.checksum), "\(row.command) as \(glasgow.format)")
      }
    }
  }
}
