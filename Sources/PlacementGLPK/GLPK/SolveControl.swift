internal import CGLPKShims
import Foundation
import Synchronization

/// Shared between a solve running on its GLPK thread and the task awaiting it: the clock,
/// the deadline and a cancellation flag the task sets when it is cancelled.
package final class SolveControl: Sendable {
  /// When the solve started.
  package let start: ContinuousClock.Instant
  /// When the time limit runs out, if there is one.
  package let deadline: ContinuousClock.Instant?
  private let cancelled = Atomic<Bool>(false)

  /// Starts the clock now, with an optional time limit.
  package init(timeLimit: Duration?) {
    let now = ContinuousClock.now
    start = now
    deadline = timeLimit.map { now + $0 }
  }

  /// Asks the solve to stop at its next check and return what it has.
  package func cancel() { cancelled.store(true, ordering: .relaxed) }

  /// Whether ``cancel()`` was called.
  package var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

  /// Whether the deadline has passed.
  package var isPastDeadline: Bool { deadline.map { ContinuousClock.now >= $0 } ?? false }

  /// Time since the start.
  package var elapsed: Duration { ContinuousClock.now - start }

  /// Milliseconds left for a GLPK call (at least 1), `Int32.max` with no deadline, or
  /// `nil` when the deadline has passed. GLPK reads `tm_lim = 0` as "stop at once".
  package var remainingMilliseconds: Int32? {
    guard let deadline else { return .max }
    let left = deadline - .now
    guard left > .zero else { return nil }
    let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
    return Int32(clamping: max(1, milliseconds))
  }

  /// Runs `body` on a fresh thread that owns its GLPK environment and frees it at the end,
  /// while the awaiting task's cancellation sets this control's flag.
  ///
  /// GLPK solves block for as long as they take; a thread of their own keeps them off
  /// Swift's cooperative pool, and one thread per solve keeps GLPK's per-thread
  /// environment from ever being shared.
  package static func run<Result: Sendable>(
    timeLimit: Duration?, _ body: @escaping @Sendable (SolveControl) -> Result
  ) async -> Result {
    await run(control: SolveControl(timeLimit: timeLimit), body)
  }

  /// ``run(timeLimit:_:)`` with a control made by the caller, who may cancel it too.
  package static func run<Result: Sendable>(
    control: SolveControl, _ body: @escaping @Sendable (SolveControl) -> Result
  ) async -> Result {
    await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        let thread = Thread {
          let result = body(control)
          cglpk_free_environment()
          continuation.resume(returning: result)
        }
        thread.stackSize = 16 << 20
        thread.start()
      }
    } onCancel: {
      control.cancel()
    }
  }
}
