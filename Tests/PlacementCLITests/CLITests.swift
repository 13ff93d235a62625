import Foundation
import Placement
import PlacementTestSupport
import Testing

/// What a run of the `placement` binary printed and returned.
struct Run {
  var status: Int32
  var standardOutput: String
  var standardError: String
  /// Whether a signal ended the process (a crash, or Ctrl-C not handled).
  var signalled = false
}

/// Runs `script` in bash with `$PLACEMENT` naming the built binary, for pipes, FIFOs
/// and limits that only a shell sets up.
func shell(_ script: String) throws -> Run {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/bash")
  process.arguments = ["-c", script]
  process.environment = ProcessInfo.processInfo.environment.merging(["PLACEMENT": placementExecutable().path]) { $1 }
  let output = Pipe()
  let error = Pipe()
  process.standardOutput = output
  process.standardError = error
  try process.run()
  let outputData = output.fileHandleForReading.readDataToEndOfFile()
  let errorData = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Run(
    status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
    standardError: String(decoding: errorData, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
}

/// The built `placement` binary.
func placementExecutable() -> URL {
  let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("placement")
  return FileManager.default.isExecutableFile(atPath: besideTests.path)
    ? besideTests : Fixtures.packageRoot.appendingPathComponent(".build/debug/placement")
}

/// Runs the built `placement` binary with an argument array.
func placementArguments(_ arguments: [String]) throws -> Run {
  try launchPlacement(arguments, interruptAfter: nil).run
}

/// Runs the built `placement` binary with `arguments`.
func placement(_ arguments: String...) throws -> Run {
  try placementArguments(arguments)
}

/// Runs the built `placement` binary with `arguments`, sends it Ctrl-C (SIGINT) after
/// `seconds`, and returns what it printed and how long after the Ctrl-C it exited.
func placementInterrupted(after seconds: Double, _ arguments: [String]) throws -> (run: Run, late: Duration) {
  let (run, late) = try launchPlacement(arguments, interruptAfter: seconds)
  return (run, late ?? .zero)
}

/// Runs the built `placement` binary, sending it Ctrl-C after `interruptAfter` seconds if
/// given, and returns what it printed and how long after the Ctrl-C it exited.
private func launchPlacement(_ arguments: [String], interruptAfter seconds: Double?) throws -> (
  run: Run, late: Duration?
) {
  let process = Process()
  process.executableURL = placementExecutable()
  process.arguments = arguments
  let output = Pipe()
  let error = Pipe()
  process.standardOutput = output
  process.standardError = error
  try process.run()
  var interrupted: ContinuousClock.Instant?
  if let seconds {
    Thread.sleep(forTimeInterval: seconds)
    interrupted = .now
    process.interrupt()
  }
  let outputData = output.fileHandleForReading.readDataToEndOfFile()
  let errorData = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let run = Run(
    status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
    standardError: String(decoding: errorData, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
  return (run, interrupted.map { .now - $0 })
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("placement-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

@Suite struct CLITests {
  let season = Fixtures.instance("hoa-lac-internships-2026.json").path

  @Test func solvesTheBundledSeasonAndChecksTheResult() throws {
    let directory = try temporaryDirectory()
    let result = directory.appendingPathComponent("result.json").path
    let solve = try placement("solve", season, "--output", result)
    #expect(solve.status == 0, "\(solve.standardError)")
    #expect(solve.standardError.contains("hoa-lac-internships-2026: 3000 applicants, 400 positions"))
    #expect(solve.standardError.contains("blocking pairs 0"))
    let check = try placement("check", season, result, "--require-stable")
    #expect(check.status == 0, "\(check.standardError)")
    #expect(check.standardOutput.contains("\"stable\":true"))
    // Nothing but the result is left in the directory.
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["result.json"])
  }

  @Test func writesTheResultToStandardOutputWithoutOutput() throws {
    let run = try placement("solve", season, "--tie-break", "single", "--seed", "9", "--quiet")
    #expect(run.status == 0)
    #expect(run.standardError.isEmpty)
    #expect(run.standardOutput.hasPrefix("{\n\"format\":\"placement-result\""))
    #expect(
      run.standardOutput.contains("\"parameters\":{\"proposer\":\"applicants\",\"seed\":9,\"tieBreak\":\"single\"}"))
    #expect(run.standardOutput.contains("\n\"seed\":9,\n"))
  }

  @Test func badInputExitsTwoNamingThePathAndWritesNothing() throws {
    let directory = try temporaryDirectory()
    let instance = directory.appendingPathComponent("bad.json")
    try Data(
      #"{"format":"placement-instance","version":1,"applicants":[{"id":"s1","preferences":["p1","p99"]}],"positions":[{"id":"p1","capacity":0}]}"#
        .utf8
    ).write(to: instance)
    let output = directory.appendingPathComponent("out.json").path
    let run = try placement("solve", instance.path, "--output", output)
    #expect(run.status == 2)
    #expect(
      run.standardError == """
        \(instance.path): positions[0].capacity: capacity 0 must be at least 1
        \(instance.path): applicants[0].preferences[1]: unknown position "p99"

        """)
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func truncatedAndMissingFilesExitTwo() throws {
    let directory = try temporaryDirectory()
    let instance = directory.appendingPathComponent("cut.json")
    let whole = try Data(contentsOf: Fixtures.instance("hoa-lac-internships-2026.json"))
    try whole.prefix(whole.count / 2).write(to: instance)
    let run = try placement("solve", instance.path, "--output", directory.appendingPathComponent("o.json").path)
    #expect(run.status == 2)
    #expect(run.standardError.contains("unexpected end of file"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["cut.json"])
    let missing = try placement("solve", directory.appendingPathComponent("nope.json").path)
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("nope.json: cannot read"))
  }

  @Test func refusesToWriteOverTheInput() throws {
    let directory = try temporaryDirectory()
    let instance = directory.appendingPathComponent("i.json")
    try FileManager.default.copyItem(at: Fixtures.instance("hoa-lac-internships-2026.json"), to: instance)
    let before = try Data(contentsOf: instance)
    let run = try placement("solve", instance.path, "--output", instance.path)
    #expect(run.status == 2)
    #expect(run.standardError.contains("refusing to write the output over an input file"))
    #expect(try Data(contentsOf: instance) == before)
  }

  @Test func usageErrorsExitTwo() throws {
    #expect(try placement("solve").status == 2)
    #expect(try placement("solve", season, "--proposer", "hosts").status == 2)
    #expect(try placement("generate", "--tie-density", "2").status == 2)
    #expect(try placement("--help").status == 0)
  }

  @Test func checkExitsOneForInvalidOrUnstableResults() throws {
    let directory = try temporaryDirectory()
    let instance = directory.appendingPathComponent("i.json")
    try Data(
      #"{"format":"placement-instance","version":1,"applicants":[{"id":"a","preferences":["p","q"]},{"id":"b","preferences":["p"]}],"positions":[{"id":"p","capacity":1},{"id":"q","capacity":1}]}"#
        .utf8
    ).write(to: instance)
    func result(_ pairs: String) throws -> String {
      let url = directory.appendingPathComponent("r\(UUID().uuidString).json")
      try Data(#"{"format":"placement-result","version":1,"assignment":[\#(pairs)]}"#.utf8).write(to: url)
      return url.path
    }
    let overfull = try placement(
      "check", instance.path, try result(#"{"applicant":"a","position":"p"},{"applicant":"b","position":"p"}"#))
    #expect(overfull.status == 1)
    #expect(overfull.standardOutput.contains("position \\\"p\\\" takes 2, above its capacity 1"))
    let unstable = try result(#"{"applicant":"a","position":"q"}"#)
    #expect(try placement("check", instance.path, unstable).status == 0)
    #expect(try placement("check", instance.path, unstable, "--require-stable").status == 1)
    let unknown = try placement("check", instance.path, try result(#"{"applicant":"zed","position":"p"}"#))
    #expect(unknown.status == 2)
    #expect(unknown.standardError.contains("assignment[0].applicant: unknown applicant \"zed\""))
  }

  @Test func generateIsReproducibleAndTheBundledSeasonMatchesItsCommand() throws {
    let first = try placement("generate", "--applicants", "50", "--tie-density", "0.2", "--seed", "4")
    let second = try placement("generate", "--applicants", "50", "--tie-density", "0.2", "--seed", "4")
    #expect(first.status == 0)
    #expect(first.standardOutput == second.standardOutput)
    let season = try placement("generate", "--preset", "internship-season", "--seed", "2026")
    let bundled = try String(contentsOf: Fixtures.instance("hoa-lac-internships-2026.json"), encoding: .utf8)
    #expect(season.standardOutput == bundled)
    let networks = try placement("generate", "--preset", "expert-network", "--seed", "2030")
    let bundledNetworks = try String(contentsOf: Fixtures.instance("talent-networks-2030.json"), encoding: .utf8)
    #expect(networks.standardOutput == bundledNetworks)
  }
}
