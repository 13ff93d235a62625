import Foundation
import Placement
import PlacementTestSupport
import Testing

/// Deadlines and Ctrl-C stop GLPK's strategies at 10,000 applicants within about a second,
/// with the best bound known (the network relaxation's included, which runs on GLPK's
/// thread after the search stops). Through the binary: a process of its own keeps other
/// suites' work off the threads that the solve's tasks resume on.
@Suite(.serialized) struct DeadlineCLITests {
  /// The instances, generated once: 10,000 applicants × 5 choices over 500 positions
  /// (capacities 1…40) with 20% ties, where max-stable does not finish in seconds; and
  /// 10,000 × 20 over 200 positions with closable minimums, not a network, so welfare
  /// runs GLPK's branch-and-bound.
  static let instances: (ties: String, closures: String) = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("placement-deadlines-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let ties = directory.appendingPathComponent("ties.json").path
    let closures = directory.appendingPathComponent("closures.json").path
    _ = try? placementArguments([
      "generate", "--applicants", "10000", "--positions", "500", "--list-length", "5", "--min-capacity", "1",
      "--max-capacity", "40", "--tie-density", "0.2", "--seed", "1", "-o", ties,
    ])
    _ = try? placementArguments([
      "generate", "--applicants", "10000", "--positions", "200", "--list-length", "20", "--max-capacity", "70",
      "--indifferent-positions", "--minimum-share", "0.3", "--closable-share", "1", "--seed", "1", "-o", closures,
    ])
    return (ties, closures)
  }()

  static var cases: [(name: String, arguments: [String])] {
    [
      ("max-stable", ["solve", instances.ties, "--strategy", "max-stable"]),
      ("welfare by GLPK", ["solve", instances.closures, "--strategy", "welfare", "--method", "glpk"]),
    ]
  }

  @Test func aDeadlineStopsEachSearchWithABound() throws {
    for (name, arguments) in Self.cases {
      // Long enough for a debug build to finish preprocessing and the stable start.
      let run = try placementArguments(arguments + ["--time-limit", "5", "--quiet"])
      #expect(run.status == 0, "\(name): \(run.standardError)")
      let result = try #require(
        try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], "\(name)")
      let seconds = try #require(result["solveSeconds"] as? Double)
      // About a second past the limit at most, the relaxation's second of grace included;
      // a debug build beside the rest of the suite on two cores has been seen at 8.6 s.
      // Without the deadline these searches run for minutes.
      #expect(seconds < 10, "\(name) stopped after \(seconds) s")
      #expect(result["stop"] as? String == "timeLimit" || result["status"] as? String == "optimal", "\(name)")
      #expect(result["bound"] is Double, "\(name): \(result["notes"] ?? "")")
    }
  }

  @Test func ctrlCStopsEachSearchAtOnce() throws {
    for (name, arguments) in Self.cases {
      // Into the search (a debug build takes seconds to get there).
      let (run, late) = try placementInterrupted(after: 6, arguments + ["--quiet"])
      let text = run.standardOutput
      // About a second: the relaxation's bound may take its second of grace in a debug
      // build, which beside the rest of the suite may take longer (2.2 s seen).
      #expect(late < .seconds(3), "\(name) exited \(late) after Ctrl-C")
      #expect(run.status == 0, "\(name)")
      #expect(text.contains("\"stop\":\"cancelled\"") || text.contains("\"status\":\"optimal\""), "\(name)")
      #expect(text.contains("\"bound\""), "\(name)")
    }
  }
}
