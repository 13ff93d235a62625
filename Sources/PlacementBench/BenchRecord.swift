import Placement

/// One run of a sweep: one strategy on one instance, once, in a process of its own.
///
/// A run whose result is invalid, whose claims do not hold, or whose process failed has
/// ``status`` `failed` and a ``failure``; a strategy that refuses the market has `refused`.
/// Neither carries outcome numbers, so no table or plot counts them as results.
public struct BenchRecord: Codable, Sendable, Equatable {
  /// The identity of the sweep this run belongs to (``SweepPlan/identity``).
  public var sweep: String
  /// This run's index among the sweep's runs, counting from 0.
  public var run: Int
  /// How many runs the whole sweep has, over every shard.
  public var runs: Int
  /// Which repeat of its strategy on its instance, counting from 1.
  public var `repeat`: Int
  /// The instance.
  public var instance: InstanceFacts
  /// The strategy as the sweep names it, with its options (`max-stable:time-limit=60`).
  public var strategy: String
  /// The options as the result states them, defaults included.
  public var parameters: [String: JSONValue]?
  /// The result's status (`optimal`, `feasible`, `infeasible`, `timeLimit`), or `failed`
  /// or `refused`.
  public var status: String
  /// Why the run failed or was refused.
  public var failure: String?
  /// What ``objective`` measures, as the result names it.
  public var objectiveName: String?
  /// The result's objective, when it has one.
  public var objective: Double?
  /// The result's proven bound on the objective, when it states one.
  public var bound: Double?
  /// The relative gap between objective and bound, as the result states it.
  public var gap: Double?
  /// Applicants placed, by the independent evaluation (as are the next three).
  public var matched: Int?
  /// The sum of placed applicants' ranks of their positions.
  public var rankSum: Int?
  /// Applicants placed at each rank of their own list, from rank 1.
  public var rankProfile: [Int]?
  /// Pairs that block the placement (weak stability with ties).
  public var blockingPairs: Int?
  /// Seconds the strategy spent, timed around the solve alone.
  public var solveSeconds: Double?
  /// Seconds until the search's root LP was solved, as the result states it.
  public var rootSeconds: Double?
  /// The root LP's bound, as the result states it.
  public var rootBound: Double?
  /// Branch-and-bound nodes, as the result states them.
  public var nodes: Int?
  /// Seconds until the returned placement was found, as the result states it.
  public var incumbentSeconds: Double?
  /// Seconds the whole process took, reading and writing included, as the bench timed it.
  public var wallSeconds: Double?
  /// The process's CPU seconds, user and system.
  public var cpuSeconds: Double?
  /// The process's peak resident memory, in bytes.
  public var peakBytes: Int?
  /// The software that ran it.
  public var versions: Versions
  /// The machine the run ran on.
  public var machine: Machine

  /// Whether the run produced a checked result (any status but `failed` and `refused`).
  public var succeeded: Bool { status != Self.failed && status != Self.refused }

  /// The status of a run with no checked result.
  public static let failed = "failed"
  /// The status of a run whose strategy cannot solve the market.
  public static let refused = "refused"

  /// A record of a run with no outcome yet.
  public init(
    sweep: String, run: Int, runs: Int, repeat: Int, instance: InstanceFacts, strategy: String, status: String,
    versions: Versions, machine: Machine
  ) {
    self.sweep = sweep
    self.run = run
    self.runs = runs
    self.repeat = `repeat`
    self.instance = instance
    self.strategy = strategy
    self.status = status
    self.versions = versions
    self.machine = machine
  }

  /// The record without what a rerun measures differently (times, memory, machine), for
  /// comparing two sweeps' outcomes.
  public var outcome: BenchRecord {
    var copy = self
    copy.solveSeconds = nil
    copy.rootSeconds = nil
    copy.nodes = nil
    copy.incumbentSeconds = nil
    copy.wallSeconds = nil
    copy.cpuSeconds = nil
    copy.peakBytes = nil
    copy.machine = Machine(cores: 0, model: "", memoryBytes: 0, system: "")
    return copy
  }
}

/// The software a run used.
public struct Versions: Codable, Sendable, Equatable {
  /// Placement's version.
  public var placement: String
  /// GLPK's version, as the linked library states it.
  public var glpk: String
  /// The Swift compiler that built the binary, to the minor version.
  public var swift: String

  /// Creates the versions.
  public init(placement: String, glpk: String, swift: String) {
    self.placement = placement
    self.glpk = glpk
    self.swift = swift
  }
}
