import ArgumentParser
import Foundation
import Placement

/// `placement`: decides who goes where in two-sided placement markets.
@main
struct PlacementCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "placement",
    abstract: "Decide who goes where in two-sided placement markets, fast and provably well.",
    discussion: """
      Exit codes: 0 success; 1 the result is invalid, infeasible or (with --require-stable) \
      unstable; 2 bad input or usage.
      """,
    version: PlacementVersion.string,
    subcommands: [
      Solve.self, Diagnose.self, Strategies.self, Check.self, Export.self, Generate.self, Import.self,
      ExportInstance.self, ExportResult.self, Report.self, Resolve.self, Diff.self, Bench.self,
    ])

  /// Runs the command, mapping every failure to the documented exit codes.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let error as CLIError {
      FileHandle.standardError.write(Data((error.message + "\n").utf8))
      Foundation.exit(error.exitCode)
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(2)
    }
  }
}
