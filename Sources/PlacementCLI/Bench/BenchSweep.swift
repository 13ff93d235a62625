import ArgumentParser
import Foundation
import Placement
import PlacementBench
import PlacementGLPK
import Subprocess

/// `placement bench` (`placement bench run`): one sweep, or one shard of it.
struct BenchSweep: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run every strategy on every instance, each run in a fresh process, and check every result.",
    discussion: """
      Each run is `placement solve` in a process of its own, so its time and peak memory are \
      its own; its result is audited against the instance (validity, every claim, blocking \
      pairs), and a result that is invalid or claims what does not hold is recorded as a \
      failure. --output receives runs.jsonl (one record per run), runs.csv and report.html; \
      the markdown tables go to standard output and a line per run to standard error.

      Strategies: a comma-separated list of names with options, each as :option=value or \
      :flag (max-stable:time-limit=60:no-preprocessing, welfare:objective=generous). \
      highs/max-stable (or highs/welfare, highs/welfare-stable), with only time-limit, solves \
      Placement's exported model with HiGHS through scripts/highs-solve.py (python3 with \
      highspy on the measuring machine; PLACEMENT_SCRIPTS names the folder when the binary \
      is not under the package), audited like every run.

      Instances: files, folders (their .json files), glob patterns, each optionally behind a \
      Glasgow layout (glasgow-smti:data/*.txt, see `placement import`), or generator specs \
      gen:KEY=VALUE,… with `placement generate`'s options (ties and list stand for \
      tie-density and list-length) and values a|b, a..b, a..b+step or a..b*factor, such as \
      gen:preset=internship-season,seed=1..10 or gen:applicants=1000..100000*10,positions=100..10000*10,ties=0.2.

      Exit codes: 0 when every run has a checked result (or was refused by its strategy); \
      1 when a run failed; 2 for bad usage or an instance that does not read.
      """)

  @Option(help: "The strategies, comma-separated, each with its options (see above).")
  var strategies: String

  @Option(parsing: .upToNextOption, help: "Instance files, folders, globs or gen: specs.")
  var instances: [String]

  @Option(name: .customLong("repeat"), help: "How many times each strategy runs on each instance.")
  var repeats = 1

  @Option(help: "Seconds each run may take, unless its strategy spec sets time-limit.")
  var timeLimit: Double?

  @Option(help: "Run only the i-th of n deterministic slices of the sweep (1/4 … 4/4); join them with `bench merge`.")
  var shard: String?

  @Option(name: .shortAndLong, help: "The folder for runs.jsonl, runs.csv and report.html.")
  var output: String

  func run() async throws {
    let plan = try makePlan()
    let shard = try shard.map { (text) throws(CLIError) in
      try bench { () throws(BenchError) in try Shard(parsing: text) }
    }
    let runs = plan.runs(in: shard ?? .whole)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("placement-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let versions = Versions(placement: PlacementVersion.string, glpk: GLPKSolver.libraryVersion, swift: swiftVersion)
    let machine = Machine.current
    var records: [BenchRecord] = []
    for instanceIndex in Set(runs.map(\.instance)).sorted() {
      let prepared = try prepare(plan.instances[instanceIndex], index: instanceIndex, scratch: scratch)
      for run in runs where run.instance == instanceIndex {
        let spec = plan.strategies[run.strategy]
        var record = BenchRecord(
          sweep: plan.identity, run: run.index, runs: plan.runs.count, repeat: run.repeat, instance: prepared.facts,
          strategy: spec.text, status: BenchRecord.failed, versions: versions, machine: machine)
        // `makePlan` checked every name; an external solver refuses nothing itself.
        let refusals = StrategyRegistry.all.entry(named: spec.name)?.refusals(of: prepared.market) ?? []
        if refusals.isEmpty {
          try await execute(spec, on: prepared, timeLimit: plan.timeLimit, scratch: scratch, into: &record)
        } else {
          record.status = BenchRecord.refused
          record.failure = refusals.joined(separator: "; ")
        }
        report(progressLine(record, of: runs.count, done: records.count + 1))
        records.append(record)
      }
    }
    try await writeSweepOutputs(records, to: output)
    if records.contains(where: { $0.status == BenchRecord.failed }) { throw ExitCode(1) }
  }

  /// The sweep, with every strategy and generator spec checked before anything runs.
  private func makePlan() throws -> SweepPlan {
    let specs = try bench { () throws(BenchError) in try StrategySpec.list(parsing: strategies) }
    for spec in specs {
      if try bench({ () throws(BenchError) in try ExternalSolver(spec) }) != nil { continue }
      guard StrategyRegistry.all.entry(named: spec.name) != nil else {
        throw CLIError(
          message: "--strategies: unknown strategy \"\(spec.name)\"; the strategies are "
            + StrategyRegistry.all.entries.map(\.name).joined(separator: ", "), exitCode: 2)
      }
      do {
        _ = try StrategyRegistry.all.arguments(for: spec.name, from: spec.arguments)
      } catch {
        throw CLIError(message: "--strategies \(spec.text): \(error.description)", exitCode: 2)
      }
    }
    var sources: [InstanceSource] = []
    for argument in instances {
      sources += try bench { () throws(BenchError) in try InstanceSource.resolve(argument) }
    }
    for case .generated(let member) in sources {
      do {
        _ = try PlacementCommand.Generate.parse(member.arguments)
      } catch {
        throw CLIError(
          message: "--instances \(member.source): \(PlacementCommand.Generate.message(for: error))", exitCode: 2)
      }
    }
    return try bench { () throws(BenchError) in
      try SweepPlan(strategies: specs, instances: sources, repeats: repeats, timeLimit: timeLimit)
    }
  }

  /// An instance ready to run: its market (for refusals and audits), its facts, and a
  /// file the run's process reads.
  private struct Prepared {
    var market: Market
    var facts: InstanceFacts
    var path: String
  }

  private func prepare(_ source: InstanceSource, index: Int, scratch: URL) throws -> Prepared {
    switch source {
    case .file(let path, _, nil):
      let (instance, market) = try Files.market(path)
      return Prepared(
        market: market, facts: InstanceFacts(source: path, instance: instance, market: market), path: path)
    case .file(let path, _, let format?):
      return try prepared(Files.instance(path, format: format), source: source.text, index: index, scratch: scratch)
    case .generated(let member):
      // `makePlan` parsed these arguments.
      let instance = try PlacementCommand.Generate.parse(member.arguments).makeInstance()
      return try prepared(instance, source: member.source, index: index, scratch: scratch)
    }
  }

  /// An instance made here, written as JSON for the run's process.
  private func prepared(_ instance: Instance, source: String, index: Int, scratch: URL) throws -> Prepared {
    let path = scratch.appendingPathComponent("instance-\(index).json").path
    try Data(instance.jsonBytes()).write(to: URL(fileURLWithPath: path))
    let market: Market
    do {
      market = try Market(compiling: instance)
    } catch {
      throw CLIError.invalid(source, error)
    }
    return Prepared(
      market: market, facts: InstanceFacts(source: source, instance: instance, market: market), path: path)
  }

  /// Runs `spec` on the instance in a fresh process and checks what it wrote.
  private func execute(
    _ spec: StrategySpec, on prepared: Prepared, timeLimit: Double?, scratch: URL, into record: inout BenchRecord
  ) async throws {
    let files = RunCheck(
      resultPath: scratch.appendingPathComponent("result-\(record.run).json").path,
      usagePath: scratch.appendingPathComponent("usage-\(record.run).json").path,
      errorPath: scratch.appendingPathComponent("stderr-\(record.run).txt").path)
    var arguments = ["solve", prepared.path, "--strategy", spec.name] + spec.arguments
    if let timeLimit, !spec.sets("time-limit") { arguments += ["--time-limit", "\(timeLimit)"] }
    arguments += ["--output", files.resultPath, "--usage-output", files.usagePath, "--quiet"]
    var program: Executable?
    // `makePlan` read every spec.
    if let external = try? ExternalSolver(spec) {
      guard
        let script = external.script(
          besides: ChildProcess.executable, environment: ProcessInfo.processInfo.environment)
      else {
        throw CLIError(
          message: "--strategies \(spec.text): scripts/\(external.solver)-solve.py not found above "
            + "\(ChildProcess.executable); set PLACEMENT_SCRIPTS to its folder", exitCode: 2)
      }
      program = .name("python3")
      arguments = external.arguments(
        script: script, placement: ChildProcess.executable, instance: prepared.path, timeLimit: timeLimit,
        output: files.resultPath, usage: files.usagePath)
    }
    let limit = spec.timeLimit ?? timeLimit
    // Twice the time limit and a minute more: a strategy that overruns that far is stuck.
    let hardLimit = limit.map { Duration.seconds(2 * $0 + 60) }
    let (ending, wallSeconds) = try await ChildProcess.run(
      arguments, program: program, errorPath: files.errorPath, hardLimit: hardLimit)
    files.complete(&record, market: prepared.market, ending: ending, wallSeconds: wallSeconds, hardLimit: hardLimit)
    for path in [files.resultPath, files.usagePath, files.errorPath] {
      try? FileManager.default.removeItem(atPath: path)
    }
  }

  private func progressLine(_ record: BenchRecord, of total: Int, done: Int) -> String {
    let head =
      "[\(done)/\(total)] \(record.strategy) on \(record.instance.label) (repeat \(record.repeat)): \(record.status)"
    guard record.succeeded else { return head + ": " + (record.failure ?? "") }
    return head + ", \(record.matched ?? 0) placed, \(record.blockingPairs ?? 0) blocking pairs, "
      + String(format: "%.3f s", record.solveSeconds ?? 0)
  }
}

/// Runs `body`, turning a ``BenchError`` into a usage error (exit 2).
private func bench<Value>(_ body: () throws(BenchError) -> Value) throws(CLIError) -> Value {
  do {
    return try body()
  } catch {
    throw CLIError(message: error.description, exitCode: 2)
  }
}

/// The Swift compiler that built this binary, to the minor version.
private let swiftVersion: String = {
  #if compiler(>=6.4)
    "6.4 or later"
  #elseif compiler(>=6.3)
    "6.3"
  #elseif compiler(>=6.2)
    "6.2"
  #else
    "6.1"
  #endif
}()
