import Foundation
import Placement
import PlacementTestSupport
import Testing

/// `--verbose`, `--quiet` and the progress line: what each command says on stderr.
@Suite struct VerbosityCLITests {
  let season = Fixtures.instance("hoa-lac-internships-2026.json").path
  let networks = Fixtures.instance("talent-networks-2030.json").path

  @Test func verboseLogsEachStepOfASolve() throws {
    let directory = try temporaryDirectory()
    let result = directory.appendingPathComponent("result.json").path
    let run = try placement("solve", networks, "--strategy", "welfare", "--method", "glpk", "-v", "--output", result)
    #expect(run.status == 0, "\(run.standardError)")
    let log = run.standardError
    #expect(log.contains("debug placement: [PlacementCLI] read \(networks): 2400 applicants, 16 positions, "), "\(log)")
    #expect(log.contains("] compiled \(networks): 2400 applicants, 16 positions, features "))
    #expect(log.contains("] solving with welfare, seed 1"))
    #expect(log.contains("[PlacementGLPK] score: model of "))
    #expect(log.contains("[PlacementGLPK] score: incumbent "))
    #expect(log.contains("[Placement] welfare: optimal, score "))
    #expect(log.contains("] wrote \(result) ("))
    #expect(!log.contains("glpk: "), "GLPK's own output needs -vv")
    // The summary is still printed after the log.
    #expect(log.contains("welfare (scores, glpk): optimal in "))
  }

  @Test func twiceVerboseAddsGLPKsOwnOutput() throws {
    let run = try placement(
      "solve", networks, "--strategy", "welfare", "--method", "glpk", "-vv", "--output", "/dev/null")
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardError.contains("trace placement: [PlacementGLPK] glpk: "), "\(run.standardError)")
    #expect(run.standardError.contains("] reading \(networks)"))
  }

  @Test func quietCommandsPrintNothingOnStderr() throws {
    let (directory, instance, result) = try solvedInternshipTemplate()
    let folder = Fixtures.packageRoot.appendingPathComponent("instances/templates/internships").path
    let runs = [
      try placement("solve", season, "--quiet", "--output", directory.appendingPathComponent("r.json").path),
      try placement(
        "import", "--format", "csv", folder, "--quiet", "--output", directory.appendingPathComponent("i.json").path),
      try placement(
        "export-result", instance, result, "--quiet", "--output", directory.appendingPathComponent("out").path),
      try placement("report", instance, result, "--quiet", "--output", directory.appendingPathComponent("s.html").path),
      try placement("check", instance, result, "--quiet"),
    ]
    for run in runs {
      #expect(run.status == 0, "\(run.standardError)")
      // The import's warnings about columns it does not read still go to stderr.
      let lines = run.standardError.split(separator: "\n").filter { !$0.hasPrefix("warning: ") }
      #expect(lines.isEmpty, "\(run.standardError)")
    }
  }

  @Test func quietAndVerboseExcludeEachOther() throws {
    let run = try placement("solve", season, "--quiet", "--verbose")
    #expect(run.status == 2)
    #expect(run.standardError.contains("--quiet and --verbose exclude each other"), "\(run.standardError)")
  }

  @Test func aTerminalShowsTheStepsAndTheSearchOnOneLineAndAPipeDoesNot() throws {
    // `script` gives the command a terminal of its own; its stderr comes out on stdout.
    let onTerminal = try shell(
      "script -qec \"$PLACEMENT solve '\(networks)' --strategy welfare --method glpk --output /dev/null\" /dev/null")
    #expect(onTerminal.status == 0, "\(onTerminal.standardOutput)")
    let drawn = onTerminal.standardOutput
    #expect(drawn.contains("\r\u{1B}[Kdecoding \(networks) (709 KB)…"), "\(drawn)")
    #expect(drawn.contains("\r\u{1B}[Kscore (loading the model)… "), "\(drawn)")
    #expect(drawn.contains("welfare (scores, glpk): optimal in "))
    let piped = try placement("solve", networks, "--strategy", "welfare", "--method", "glpk", "--output", "/dev/null")
    #expect(piped.status == 0)
    #expect(!piped.standardError.contains("\u{1B}["), "\(piped.standardError)")
  }
}
