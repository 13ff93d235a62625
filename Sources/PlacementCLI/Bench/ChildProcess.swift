import Foundation
import Placement
import PlacementBench
import Subprocess
import SystemPackage

/// One bench run's process: this same binary, started afresh so that the run's time and
/// memory are its own, through swift-subprocess.
enum ChildProcess {
  /// This binary's path.
  static var executable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// Runs this binary with `arguments`, its standard error to `errorPath`, killing it
  /// (SIGINT, then SIGKILL two seconds later) if it runs past `hardLimit`; returns how it
  /// ended and its wall seconds.
  static func run(
    _ arguments: [String], program: Executable? = nil, errorPath: String, hardLimit: Duration?
  ) async throws -> (
    ending: RunCheck.Ending, wallSeconds: Double
  ) {
    let start = ContinuousClock.now
    let ending = try await withThrowingTaskGroup(of: RunCheck.Ending.self) { group in
      group.addTask {
        let errorFile = try FileDescriptor.open(
          FilePath(errorPath), .writeOnly, options: [.create, .truncate], permissions: .ownerReadWrite)
        var options = PlatformOptions()
        options.teardownSequence = [.send(signal: .interrupt, allowedDurationToNextStep: .seconds(2))]
        let result = try await Subprocess.run(
          program ?? .path(FilePath(executable)), arguments: Arguments(arguments), platformOptions: options,
          output: .discarded,
          error: .fileDescriptor(errorFile, closeAfterSpawningProcess: true))
        switch result.terminationStatus {
        case .exited(let code): return .exited(code)
        case .signaled(let signal): return .signalled(signal)
        }
      }
      if let hardLimit {
        group.addTask {
          try await Task.sleep(for: hardLimit)
          return .killed
        }
      }
      let first = try await group.next()!
      group.cancelAll()
      return first
    }
    return (ending, (ContinuousClock.now - start).seconds)
  }
}
