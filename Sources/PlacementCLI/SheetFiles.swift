import Foundation
import Logging
import Placement
import PlacementSheets

/// Reading and writing folders of CSV sheets.
enum SheetFiles {
  /// Reads the instance in the sheets of `folder`, named `name` or after the folder;
  /// problems are reported as `file:line:column: message`, columns not read as warnings.
  /// Each step goes to `log`.
  static func instance(folder: String, name: String?, log: CommandLog = .silent) throws -> Instance {
    defer { log.line?.clear() }
    let started = ContinuousClock.now
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw CLIError.badInput(folder, "csv reads a folder of sheets (applicants.csv, positions.csv …); this is not one")
    }
    var sheets: [InstanceSheets.Role: (file: String, text: String)] = [:]
    for role in InstanceSheets.Role.allCases {
      for candidate in role.names {
        let path = (folder as NSString).appendingPathComponent(candidate + ".csv")
        guard FileManager.default.fileExists(atPath: path) else { continue }
        if let other = sheets[role] {
          throw CLIError.badInput(path, "two \(role.rawValue) sheets: this and \(other.file); keep one")
        }
        log.step("reading \(path)")
        let bytes = try InputFile.read(path)
        log.logger.debug("read \(path) (\(Files.megabytes(bytes.count)))")
        guard let text = String(bytes: bytes, encoding: .utf8) else {
          throw CLIError.badInput(path, "is not UTF-8; save it as CSV UTF-8")
        }
        sheets[role] = (path, text)
      }
    }
    let stem = ((folder as NSString).standardizingPath as NSString).lastPathComponent
    do {
      log.step("parsing \(sheets.count) sheets of \(folder)")
      let imported = try InstanceSheets.read(sheets, name: name ?? stem)
      log.done(
        "imported \(folder): \(imported.instance.applicants.count) applicants, "
          + "\(imported.instance.positions.count) positions, \((ContinuousClock.now - started).logText)")
      for warning in imported.warnings { report("warning: \(warning)") }
      return imported.instance
    } catch {
      throw CLIError(message: error.issues.prefix(50).map(\.description).joined(separator: "\n"), exitCode: 2)
    }
  }

  /// Writes each sheet into `folder` (created when missing), each file replaced atomically.
  static func write(_ sheets: [(name: String, text: String)], into folder: String, notOver inputs: [String])
    async throws
  {
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw CLIError.badInput(folder, "cannot create the folder: \(error.localizedDescription)")
    }
    let targets = try sheets.map { sheet in
      (try OutputTarget((folder as NSString).appendingPathComponent(sheet.name), notOver: inputs), sheet.text)
    }
    for (target, text) in targets { try await target.write(Array(text.utf8)) }
  }
}
