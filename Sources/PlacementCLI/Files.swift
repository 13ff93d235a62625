import Foundation
import Placement

/// Reading and compiling the inputs of the subcommands.
enum Files {
  /// Reads and compiles an instance file, or throws a ``CLIError`` naming the file; each
  /// step goes to `log`.
  static func market(_ path: String, log: CommandLog = .silent) throws -> (Instance, Market) {
    var clock = PhaseClock()
    return try market(path, log: log, clock: &clock)
  }

  /// Reads and compiles an instance file (`-` for standard input), timing both phases on
  /// `clock`; each step goes to `log`.
  static func market(_ path: String, log: CommandLog = .silent, clock: inout PhaseClock) throws -> (
    Instance, Market
  ) {
    defer { log.line?.clear() }
    let started = ContinuousClock.now
    log.step("reading \(path)")
    let instance: Instance
    do {
      let bytes = try InputFile.read(path)
      log.step("decoding \(path) (\(megabytes(bytes.count)))")
      instance = try Instance(json: bytes)
    } catch let error as ValidationError {
      throw CLIError.invalid(path, error)
    }
    clock.lap("read")
    log.done(
      "read \(path): \(instance.applicants.count) applicants, \(instance.positions.count) positions, "
        + "\((ContinuousClock.now - started).logText)")
    do {
      let compiling = ContinuousClock.now
      log.step("compiling \(path)")
      let market = try Market(compiling: instance)
      clock.lap("compile")
      log.done(
        "compiled \(path): \(market.applicantCount) applicants, \(market.positionCount) positions, "
          + "features \(market.features.map(\.rawValue).sorted().joined(separator: " ")), "
          + "\((ContinuousClock.now - compiling).logText)")
      return (instance, market)
    } catch {
      throw CLIError.invalid(path, error)
    }
  }

  /// `12.4 MB`, `512 KB`.
  static func megabytes(_ count: Int) -> String {
    count >= 1 << 20
      ? String(format: "%.1f MB", Double(count) / Double(1 << 20)) : "\((count + 1023) / 1024) KB"
  }

  /// Reads a result file of `market` and audits it, or throws a ``CLIError`` naming the
  /// file when it does not fit the market.
  static func audit(_ path: String, of market: Market) throws -> ResultAudit {
    do {
      return try ResultAudit(market, resultJSON: Data(InputFile.read(path)))
    } catch let error as ValidationError {
      throw CLIError.invalid(path, error)
    }
  }

  /// Reads the pairs of a result file without its instance, or throws a ``CLIError``
  /// naming the file when it is not a placement result.
  static func pairs(_ path: String) throws -> ResultPairs {
    do {
      return try ResultPairs(resultJSON: Data(InputFile.read(path)))
    } catch let error as ValidationError {
      throw CLIError.invalid(path, error)
    }
  }

  /// Reads an instance in a Glasgow layout, named `name` or after the file, and checks
  /// that it compiles; problems are reported as `file:line:column: message`.
  static func instance(_ path: String, format: GlasgowFormat, name: String? = nil) throws -> Instance {
    let bytes = try InputFile.read(path)
    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    let instance: Instance
    do {
      instance = try Instance(glasgow: Array(bytes), format: format, name: name ?? (path == "-" ? "stdin" : stem))
    } catch {
      throw CLIError(message: error.issues.map { "\(path):\($0)" }.joined(separator: "\n"), exitCode: 2)
    }
    do {
      _ = try Market(compiling: instance)
    } catch {
      throw CLIError.invalid(path, error)
    }
    return instance
  }
}
