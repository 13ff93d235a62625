import Foundation
import Placement

/// Reading and compiling the inputs of the subcommands.
enum Files {
  /// Reads and compiles an instance file, or throws a ``CLIError`` naming the file.
  static func market(_ path: String) throws -> (Instance, Market) {
    var clock = PhaseClock()
    return try market(path, clock: &clock)
  }

  /// Reads and compiles an instance file (`-` for standard input), timing both phases on `clock`.
  static func market(_ path: String, clock: inout PhaseClock) throws -> (Instance, Market) {
    let instance: Instance
    do {
      instance = try Instance(json: InputFile.read(path))
    } catch let error as ValidationError {
      throw CLIError.invalid(path, error)
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
