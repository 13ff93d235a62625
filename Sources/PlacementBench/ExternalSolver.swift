import Foundation

/// A solver outside Placement that a sweep measures side by side with its strategies,
/// through `scripts/<solver>-solve.py`, which writes a Placement result that the sweep
/// audits like any other (validity, blocking pairs, every claim):
/// - `highs/max-stable` (or `welfare`, `welfare-stable`) solves Placement's own exported
///   model (after preprocessing) with HiGHS (`pip install highspy`);
/// - `glpsol/max-stable` solves the textbook model (Kwanashie and Manlove's, no
///   preprocessing) with GLPK's `glpsol` (Debian's glpk-utils), as a researcher would
///   first; markets with groups, quotas, minimums or overrides are refused by the script.
///
/// Neither solver is a dependency of Placement: each is needed only on the machine that
/// measures.
public struct ExternalSolver: Sendable, Hashable {
  /// The solver: `highs` or `glpsol`.
  public var solver: String
  /// The model `placement export` writes for it: `max-stable`, `welfare` or `welfare-stable`.
  public var model: String
  /// The seconds its spec's `time-limit` gives, if it gives one.
  public var timeLimit: Double?

  /// The models each solver may solve.
  public static let models = [
    "highs": ["max-stable", "welfare", "welfare-stable"], "glpsol": ["max-stable"],
  ]
  /// The solvers a spec may name, in alphabetical order.
  public static let solvers = models.keys.sorted()

  /// The external solver `spec` names (`highs/max-stable:time-limit=60`), or `nil` when
  /// its name has no `/` (a Placement strategy).
  ///
  /// - Throws: ``BenchError`` for an unknown solver or model, or an option other than
  ///   `time-limit`.
  public init?(_ spec: StrategySpec) throws(BenchError) {
    let parts = spec.name.split(separator: "/", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return nil }
    guard Self.solvers.contains(parts[0]) else {
      throw BenchError(
        "strategy \"\(spec.text)\": unknown external solver \"\(parts[0])\"; the solvers are \(Self.solvers.joined(separator: ", "))"
      )
    }
    let models = Self.models[parts[0]] ?? []
    guard models.contains(parts[1]) else {
      throw BenchError(
        "strategy \"\(spec.text)\": unknown model \"\(parts[1])\" for \(parts[0]); its models are \(models.joined(separator: ", "))"
      )
    }
    let options = spec.arguments.filter { $0.hasPrefix("--") }
    guard options.allSatisfy({ $0 == "--time-limit" }), spec.timeLimit != nil || options.isEmpty else {
      throw BenchError("strategy \"\(spec.text)\": an external solver takes only time-limit=SECONDS")
    }
    solver = parts[0]
    model = parts[1]
    timeLimit = spec.timeLimit
  }

  /// The script's arguments for one run: the `placement` binary that exports the model,
  /// the instance, the time limit, and where the result and usage go.
  public func arguments(
    script: String, placement: String, instance: String, timeLimit: Double?, output: String, usage: String
  ) -> [String] {
    var arguments = [script, "--placement", placement, "--instance", instance, "--model", model]
    if let limit = self.timeLimit ?? timeLimit { arguments += ["--time-limit", "\(limit)"] }
    return arguments + ["--output", output, "--usage-output", usage]
  }

  /// `scripts/<solver>-solve.py`: under `$PLACEMENT_SCRIPTS` when set, else in the first
  /// folder named `scripts` holding it above the `placement` binary at `executable` (the
  /// package's, for a binary under `.build`).
  public func script(besides executable: String, environment: [String: String]) -> String? {
    let name = "\(solver)-solve.py"
    if let folder = environment["PLACEMENT_SCRIPTS"] { return (folder as NSString).appendingPathComponent(name) }
    var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
    for _ in 0..<6 {
      let candidate = folder.appendingPathComponent("scripts").appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
      folder.deleteLastPathComponent()
    }
    return nil
  }
}
