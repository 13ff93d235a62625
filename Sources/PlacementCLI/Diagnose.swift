import ArgumentParser
import Foundation
import Placement
import PlacementGLPK

extension PlacementCommand {
  /// `placement diagnose`: whether every minimum can be met, and when not, why.
  struct Diagnose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Decide whether every minimum can be met at once, and when not, say why and by how much.",
      discussion: """
        Prints the verdict, then the counts that prove infeasibility on their own (a position \
        or group whose minimum exceeds the applicants who accept it, within type quotas; a \
        group whose positions need more than it holds), then the least total shortfall over \
        every minimum and where one closest placement falls short: which minimums to lower, \
        and by how much.

        Exit codes: 0 every minimum can be met; 1 they cannot, or the time limit ended the \
        search undecided; 2 bad input.
        """)

    @Argument(help: "The instance file, or - for standard input.")
    var instance: String

    @Option(help: "Seconds the search may take (default: no limit).")
    var timeLimit: Double?

    func validate() throws {
      if let timeLimit, !(timeLimit > 0 && timeLimit <= 1e9) {
        throw ValidationError("--time-limit must be a positive number of seconds, at most 1000000000, not \(timeLimit)")
      }
    }

    func run() async throws {
      let (_, market) = try Files.market(instance)
      for warning in market.warnings { report("\(instance): warning: \(warning)") }
      let control = SolveControl(timeLimit: timeLimit.map(Duration.timeLimit(seconds:)))
      let interrupt = Interrupt { control.cancel() }
      defer { interrupt.stop() }
      let diagnosis: MinimumsDiagnosis
      do {
        diagnosis = try await MinimumsDiagnosis.diagnose(market, control: control)
      } catch {
        throw CLIError(message: "\(instance): \(error.description)", exitCode: 2)
      }
      for line in diagnosis.lines { print("\(market.name): \(line)") }
      if diagnosis.verdict != .feasible { throw ExitCode(1) }
    }
  }
}
