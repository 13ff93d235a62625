import Logging
import Synchronization

/// The one control of a solve: its deadline (on one clock, started when the control is
/// made), cancellation, a progress sink, a logger and the seed of any random choice. Every strategy,
/// native or GLPK, takes one and checks it on whatever thread its work runs.
///
/// ```swift
/// let control = SolveControl(timeLimit: .seconds(60), progress: { print($0.stage, $0.incumbent ?? .nan) })
/// let solution = try await MaxStableProgram().solve(market, control: control)
/// ```
///
/// Guarantees:
/// - ``shouldStop`` turns true once ``cancel()`` was called, the deadline passed, or the
///   calling task is cancelled; strategies poll it at least every few milliseconds of work
///   and then return the best placement they have (see ``Solution/Status``).
/// - The awaiting task's cancellation reaches work that runs on threads of its own (GLPK's)
///   through ``cancel()``.
/// - A control may be shared by nested solves (a warm start inside a search): they all end
///   at the same deadline.
/// - The solve logs its milestones (a model's size, each better incumbent, how a search or
///   a repair ended) to ``logger`` at `debug`, and GLPK's own output at `trace`; it never
///   logs above `debug` (its problems are thrown or returned), and without a logger it
///   logs nothing.
public final class SolveControl: Sendable {
  /// When the control was made: the start of the solve's one clock.
  public let start: ContinuousClock.Instant
  /// When the time limit runs out; `nil` without one.
  public let deadline: ContinuousClock.Instant?
  /// The seed of every random choice a strategy makes (random tie-breaking).
  public let seed: UInt64
  /// The least time between two progress reports with the same incumbent.
  public let progressInterval: Duration
  /// Where the solve logs; one that discards everything unless the control was given one.
  public let logger: Logger
  private let sink: (@Sendable (SolveProgress) -> Void)?
  private let parent: SolveControl?
  private let cancelled = Atomic<Bool>(false)

  /// Starts the clock now.
  ///
  /// - Parameters:
  ///   - timeLimit: the wall-clock budget of the whole solve; `nil` for none. A negative
  ///     limit is read as zero.
  ///   - seed: the seed of random choices.
  ///   - progress: receives the state of long searches, on the solving thread, at most once
  ///     per `progressInterval` and whenever the incumbent improves.
  ///   - logger: receives the solve's log (see the guarantees above); `nil` for none.
  public init(
    timeLimit: Duration? = nil, seed: UInt64 = 1, progress: (@Sendable (SolveProgress) -> Void)? = nil,
    progressInterval: Duration = .milliseconds(200), logger: Logger? = nil
  ) {
    let now = ContinuousClock.now
    start = now
    deadline = timeLimit.map { now + max(.zero, $0) }
    self.seed = seed
    sink = progress
    self.progressInterval = progressInterval
    self.logger = logger ?? Logger(label: "placement", factory: { _ in SwiftLogNoOpLogHandler() })
    parent = nil
  }

  private init(
    child parent: SolveControl, progress: (@Sendable (SolveProgress) -> Void)?,
    deadline: ContinuousClock.Instant? = nil
  ) {
    start = parent.start
    self.deadline = deadline ?? parent.deadline
    seed = parent.seed
    progressInterval = parent.progressInterval
    logger = parent.logger
    sink = progress
    self.parent = parent
  }

  /// A control on the same clock and deadline that stops when this one does, and can be
  /// stopped alone (one search of several racing); its reports go to `progress`.
  package func child(progress: (@Sendable (SolveProgress) -> Void)?) -> SolveControl {
    SolveControl(child: self, progress: progress)
  }

  /// A control that stops when this one does, and also once `fraction` (in 0…1) of the
  /// time left now has passed: for a start that must leave the rest to the search after
  /// it. Without a deadline, the same as this one.
  package func child(spending fraction: Double) -> SolveControl {
    guard let remaining else { return child(progress: sink) }
    return SolveControl(child: self, progress: sink, deadline: .now + remaining * max(0, min(1, fraction)))
  }

  /// A control that stops when this one does, and also `duration` from now: for a side
  /// search with a budget of its own; no progress.
  package func child(within duration: Duration) -> SolveControl {
    let own = ContinuousClock.now + duration
    return SolveControl(child: self, progress: nil, deadline: deadline.map { min($0, own) } ?? own)
  }

  /// A control for work that finishes a stopped solve (a bound for its report): its own
  /// clock and a deadline `duration` from now, the same seed and logger, no progress.
  package func grace(_ duration: Duration) -> SolveControl {
    SolveControl(timeLimit: duration, seed: seed, logger: logger)
  }

  /// Asks the solve to stop at its next check and return what it has.
  public func cancel() { cancelled.store(true, ordering: .relaxed) }

  /// Whether ``cancel()`` was called on this control or one it descends from.
  public var isCancelled: Bool { cancelled.load(ordering: .relaxed) || (parent?.isCancelled ?? false) }

  /// Whether the deadline has passed.
  public var isPastDeadline: Bool { deadline.map { ContinuousClock.now >= $0 } ?? false }

  /// Why work should stop now, if it should: cancellation (of the control or of the
  /// calling task) before the deadline.
  public var stopReason: StopReason? {
    if isCancelled || Task.isCancelled { return .cancelled }
    return isPastDeadline ? .timeLimit : nil
  }

  /// Whether work should stop now; see ``stopReason``.
  public var shouldStop: Bool { stopReason != nil }

  /// Time since the start.
  public var elapsed: Duration { ContinuousClock.now - start }

  /// Time left before the deadline (zero once it has passed); `nil` without one.
  public var remaining: Duration? { deadline.map { max(.zero, $0 - .now) } }

  /// Whether anyone listens to progress reports.
  public var reportsProgress: Bool { sink != nil }

  /// Sends `progress` to the sink, if there is one. Strategies throttle their own reports.
  public func report(_ progress: SolveProgress) { sink?(progress) }

  /// The solution a strategy returns for `solution`, the result of work under this
  /// control: its time is the control's elapsed time, and work cancelled before it found
  /// any placement throws `CancellationError` instead (a time limit returns
  /// ``Solution/Status/timeLimit``). The one place where a stop becomes a status.
  /// `strategy` names the work in the log.
  public func conclude(_ solution: Solution, by strategy: String = "solve") throws(CancellationError) -> Solution {
    if solution.status == .timeLimit, solution.stop == .cancelled {
      logger.debug("\(strategy): cancelled before any placement was found")
      throw CancellationError()
    }
    var solution = solution
    solution.solveSeconds = elapsed.seconds
    logger.debug("\(strategy): \(solution.logLine)")
    return solution
  }

  /// Runs `body` so that the awaiting task's cancellation calls ``cancel()``: for work on
  /// threads of its own, where `Task.isCancelled` does not reach.
  public func cancelledWithTask<Result>(_ body: () async throws -> Result) async rethrows -> Result {
    try await withTaskCancellationHandler(operation: body, onCancel: { self.cancel() })
  }
}

/// Why work stopped before it proved its goal.
public enum StopReason: String, Sendable, Hashable, CaseIterable {
  /// The control's deadline passed.
  case timeLimit
  /// The control, or the task awaiting the solve, was cancelled.
  case cancelled
  /// The relative gap between the placement and the bound reached the one asked for.
  case gapReached
}

/// The state of a long search, as reported to a ``SolveControl``'s progress sink.
public struct SolveProgress: Sendable, Hashable {
  /// What is being optimised or done ("placed", "rank sum", "placed (root LP)").
  public var stage: String
  /// The objective of the best placement found, when there is one.
  public var incumbent: Double?
  /// The best proven bound on the objective, when known.
  public var bound: Double?
  /// Branch-and-bound nodes created so far (0 for native strategies).
  public var nodes: Int
  /// Nodes still open.
  public var activeNodes: Int
  /// Time since the solve started.
  public var elapsed: Duration

  /// Creates a report.
  public init(
    stage: String, incumbent: Double? = nil, bound: Double? = nil, nodes: Int = 0, activeNodes: Int = 0,
    elapsed: Duration
  ) {
    self.stage = stage
    self.incumbent = incumbent
    self.bound = bound
    self.nodes = nodes
    self.activeNodes = activeNodes
    self.elapsed = elapsed
  }

  /// The relative gap `|incumbent − bound| / (|incumbent| + ε)`, as GLPK computes it.
  public var gap: Double? {
    guard let incumbent, let bound else { return nil }
    return relativeGap(incumbent, bound)
  }
}

/// GLPK's relative gap between an objective and a bound: `|objective − bound| / (|objective| + ε)`.
package func relativeGap(_ objective: Double, _ bound: Double) -> Double {
  abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
}
