import Foundation
import Placement
import PlacementBench
import PlacementTestSupport
import Testing

/// `highs/max-stable` in a sweep: the bench runs the external solver's script with python3
/// and audits what it writes like any run. A stand-in script (found through
/// PLACEMENT_SCRIPTS) solves with `placement` itself, honestly or with a false claim, so
/// the plumbing is tested without HiGHS on the machine.
@Suite struct ExternalSolverCLITests {
  static func standIn(lying: Bool) -> String {
    """
    import argparse, json, subprocess, sys
    parser = argparse.ArgumentParser()
    for name in ["--placement", "--instance", "--model", "--time-limit", "--output", "--usage-output"]:
        parser.add_argument(name)
    arguments = parser.parse_args()
    solved = subprocess.run([arguments.placement, "solve", arguments.instance, "--strategy", arguments.model,
                             "--output", arguments.output, "--usage-output", arguments.usage_output, "--quiet"])
    with open(arguments.output) as file:
        result = json.load(file)
    result["strategy"] = "highs/" + arguments.model
    if \(lying ? "True" : "False"):
        result["objective"] += 1
    with open(arguments.output, "w") as file:
        json.dump(result, file)
    sys.exit(solved.returncode)
    """
  }

  private func sweep(lying: Bool) throws -> (Run, [BenchRecord]) {
    let root = try temporaryDirectory()
    let scripts = root.appendingPathComponent("scripts")
    try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
    try Data(Self.standIn(lying: lying).utf8).write(to: scripts.appendingPathComponent("highs-solve.py"))
    let output = root.appendingPathComponent("out")
    let run = try shell(
      "PLACEMENT_SCRIPTS='\(scripts.path)' \"$PLACEMENT\" bench --strategies max-stable,highs/max-stable:time-limit=30 "
        + "--instances gen:applicants=30,positions=30,max-capacity=1,list=3,ties=0.6,seed=1..2 --output '\(output.path)'"
    )
    let data = (try? Data(contentsOf: output.appendingPathComponent("runs.jsonl"))) ?? Data()
    return (run, try RecordFiles.records(jsonLines: data, name: "runs.jsonl"))
  }

  @Test func anExternalSolversResultIsAuditedAndTabledBesidePlacements() throws {
    let (run, records) = try sweep(lying: false)
    #expect(run.status == 0, "\(run.standardError)")
    let external = records.filter { $0.strategy == "highs/max-stable:time-limit=30" }
    let own = records.filter { $0.strategy == "max-stable" }
    #expect(external.count == 2 && own.count == 2)
    #expect(external.map(\.status) == ["optimal", "optimal"], "\(external.map { $0.failure ?? "" })")
    #expect(external.map(\.matched) == own.map(\.matched))
    #expect(run.standardOutput.contains("| `highs/max-stable:time-limit=30` |"), "\(run.standardOutput)")
    #expect(run.standardOutput.contains("| family | applicants | strategy | proven optimal | time to optimal (s)"))
  }

  @Test func anExternalSolversFalseClaimFailsTheRun() throws {
    let (run, records) = try sweep(lying: true)
    #expect(run.status == 1, "\(run.standardError)")
    let external = records.filter { $0.strategy.hasPrefix("highs/") }
    #expect(external.allSatisfy { $0.status == BenchRecord.failed }, "\(external.map(\.status))")
    #expect(external.first?.failure?.contains("claims") == true, "\(external.first?.failure ?? "")")
  }

  @Test func anUnknownExternalSolverOrOptionIsRefusedBeforeAnyRun() throws {
    let directory = try temporaryDirectory()
    for (strategies, message) in [
      ("highs/fastest", "unknown model \"fastest\""), ("cplex/max-stable", "unknown external solver \"cplex\""),
      ("highs/max-stable:gap=0.1", "takes only time-limit"),
    ] {
      let run = try placement(
        "bench", "--strategies", strategies, "--instances", "gen:seed=1", "--output", directory.path)
      #expect(run.status == 2)
      #expect(run.standardError.contains(message), "\(run.standardError)")
    }
  }
}
