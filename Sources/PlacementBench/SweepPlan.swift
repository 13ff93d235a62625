/// Every run of a sweep, in order: each instance, each strategy on it, each repeat.
public struct SweepPlan: Sendable {
  /// One run: which instance, which strategy, which repeat (from 1).
  public struct Run: Sendable, Hashable {
    /// The run's index in ``SweepPlan/runs``.
    public var index: Int
    /// The instance's index in ``SweepPlan/instances``.
    public var instance: Int
    /// The strategy's index in ``SweepPlan/strategies``.
    public var strategy: Int
    /// Which repeat, from 1.
    public var `repeat`: Int
  }

  /// The strategies, in the order given.
  public let strategies: [StrategySpec]
  /// The instances, in the order given.
  public let instances: [InstanceSource]
  /// How many times each strategy runs on each instance.
  public let repeats: Int
  /// The time limit every strategy gets unless its spec sets its own, in seconds.
  public let timeLimit: Double?
  /// Every run of the sweep, over all shards.
  public let runs: [Run]
  /// A checksum of everything that decides the runs' outcomes (strategies, instances with
  /// their files' checksums, repeats, time limit): shards of one sweep share it, and
  /// ``SweepMerge`` refuses records of different sweeps.
  public let identity: String

  /// Plans a sweep.
  ///
  /// - Throws: ``BenchError`` when there is nothing to run.
  public init(
    strategies: [StrategySpec], instances: [InstanceSource], repeats: Int, timeLimit: Double?
  ) throws(BenchError) {
    guard repeats >= 1 else { throw BenchError("--repeat must be at least 1, not \(repeats)") }
    guard !strategies.isEmpty, !instances.isEmpty else { throw BenchError("a sweep needs strategies and instances") }
    if let timeLimit, !(timeLimit > 0) { throw BenchError("--time-limit must be positive, not \(timeLimit)") }
    self.strategies = strategies
    self.instances = instances
    self.repeats = repeats
    self.timeLimit = timeLimit
    var runs: [Run] = []
    for instance in instances.indices {
      for strategy in strategies.indices {
        for round in 1...repeats {
          runs.append(Run(index: runs.count, instance: instance, strategy: strategy, repeat: round))
        }
      }
    }
    self.runs = runs
    var description = "placement-sweep 1\n"
    for strategy in strategies { description += "strategy \(strategy.text)\n" }
    for instance in instances {
      switch instance {
      case .file(_, let checksum, _): description += "file \(instance.text) \(checksum)\n"
      case .generated(let member): description += "generated \(member.arguments.joined(separator: " "))\n"
      }
    }
    description += "repeats \(repeats)\ntime-limit \(timeLimit.map { "\($0)" } ?? "none")\n"
    identity = FNV1a.hex(description.utf8)
  }

  /// The runs of one shard: every `count`-th run, starting from the `index`-th.
  public func runs(in shard: Shard) -> [Run] {
    runs.filter { $0.index % shard.count == shard.index - 1 }
  }
}

/// A deterministic slice of a sweep, `index` of `count` (from 1), as `--shard 2/4` names it.
public struct Shard: Sendable, Hashable {
  /// Which shard, from 1.
  public let index: Int
  /// How many shards the sweep is cut into.
  public let count: Int

  /// The whole sweep.
  public static let whole = Shard(uncheckedIndex: 1, count: 1)

  private init(uncheckedIndex index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Reads `i/n` with 1 ≤ i ≤ n.
  public init(parsing text: String) throws(BenchError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count) ~= index
    else {
      throw BenchError("--shard \(text): expected i/n with 1 ≤ i ≤ n, such as 1/4")
    }
    self.init(uncheckedIndex: index, count: count)
  }
}
