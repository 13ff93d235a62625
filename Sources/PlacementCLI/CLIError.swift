import Foundation
import Placement

/// A failure the CLI reports in one line per problem, with its exit code.
struct CLIError: Error {
  /// The text for stderr, one line per problem.
  var message: String
  /// 1 for an invalid or infeasible result, 2 for bad input or usage.
  var exitCode: Int32

  /// Bad input: `file: message`, exit 2.
  static func badInput(_ file: String, _ message: String) -> CLIError {
    CLIError(message: "\(file): \(message)", exitCode: 2)
  }

  /// Every issue of a validation error, each on its own line behind the file name,
  /// at most `limit` of them.
  static func invalid(_ file: String, _ error: ValidationError, limit: Int = 50) -> CLIError {
    var lines = error.issues.prefix(limit).map { "\(file): \($0)" }
    if error.issues.count > limit { lines.append("\(file): … and \(error.issues.count - limit) more problems") }
    return CLIError(message: lines.joined(separator: "\n"), exitCode: 2)
  }
}

/// Reading, compiling and writing files for the subcommands.
enum Files {
  /// Reads and compiles an instance file, or throws a ``CLIError`` naming the file.
  static func market(_ path: String) throws -> (Instance, Market) {
    var clock = PhaseClock()
    return try market(path, clock: &clock)
  }

  /// Reads and compiles an instance file, timing both phases on `clock`.
  static func market(_ path: String, clock: inout PhaseClock) throws -> (Instance, Market) {
    let instance: Instance
    do {
      instance = try Instance(contentsOf: URL(fileURLWithPath: path))
    } catch let error as ValidationError {
      throw CLIError.invalid(path, error)
    } catch {
      throw CLIError.badInput(path, "cannot read: \(describe(error))")
    }
    clock.lap("read")
    do {
      let market = try Market(compiling: instance)
      clock.lap("compile")
      return (instance, market)
    } catch {
      throw CLIError.invalid(path, error)
    }
  }

  /// Writes `bytes` to `path` atomically (a temporary file beside it, then a rename),
  /// refusing to overwrite any of `inputs`.
  static func write(_ bytes: [UInt8], to path: String, notOver inputs: [String]) throws {
    try writeAtomically(to: path, notOver: inputs) { temporary in
      do {
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
      } catch {
        throw CLIError.badInput(path, "cannot write: \(describe(error))")
      }
    }
  }

  /// Lets `produce` write a temporary file beside `path` (keeping its extension, which
  /// may select compression), then renames it over `path`; nothing is left half-written.
  /// Refuses to overwrite any of `inputs`.
  static func writeAtomically(
    to path: String, notOver inputs: [String], _ produce: (String) async throws -> Void
  ) async throws {
    let (target, temporary) = try temporaryBeside(path, notOver: inputs)
    do {
      try await produce(temporary.path)
      try moveIntoPlace(temporary, target, path)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  /// The synchronous form of ``writeAtomically(to:notOver:_:)``.
  static func writeAtomically(to path: String, notOver inputs: [String], _ produce: (String) throws -> Void) throws {
    let (target, temporary) = try temporaryBeside(path, notOver: inputs)
    do {
      try produce(temporary.path)
      try moveIntoPlace(temporary, target, path)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  private static func temporaryBeside(_ path: String, notOver inputs: [String]) throws -> (URL, URL) {
    let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == target {
      throw CLIError.badInput(path, "refusing to write the output over an input file")
    }
    let temporary = target.deletingLastPathComponent()
      .appendingPathComponent(".\(ProcessInfo.processInfo.processIdentifier).tmp.\(target.lastPathComponent)")
    return (target, temporary)
  }

  private static func moveIntoPlace(_ temporary: URL, _ target: URL, _ path: String) throws {
    if rename(temporary.path, target.path) != 0 {
      throw CLIError.badInput(path, "cannot write: \(String(cString: strerror(errno)))")
    }
  }

  /// Writes `bytes` to standard output.
  static func writeStandardOutput(_ bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
  }

  private static func describe(_ error: Error) -> String {
    if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
      return underlying.localizedDescription
    }
    return (error as NSError).localizedDescription
  }
}

/// Writes a line to standard error.
func report(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
