internal import CGLPKShims
import Foundation
import Placement

/// Where GLPK runs: a thread of its own per solve, which owns its GLPK environment and
/// frees it at the end.
///
/// GLPK solves block for as long as they take; a thread of their own keeps them off
/// Swift's cooperative pool, and one thread per solve keeps GLPK's per-thread environment
/// from ever being shared. The awaiting task's cancellation reaches the solve through its
/// ``Placement/SolveControl``, which GLPK's callbacks check.
package enum GLPKThread {
  /// Runs `body(control)` on a fresh thread and returns its result.
  package static func run<Result: Sendable>(
    _ control: SolveControl, _ body: @escaping @Sendable (SolveControl) -> Result
  ) async -> Result {
    await control.cancelledWithTask {
      await withCheckedContinuation { continuation in
        start { continuation.resume(returning: body(control)) }
      }
    }
  }

  /// Runs `body` on a fresh thread and blocks the calling thread until it returns: for a
  /// side search started from inside a GLPK callback, whose own thread must not run a
  /// second GLPK solve.
  package static func runAndWait<Result: Sendable>(_ body: @escaping @Sendable () -> Result) -> Result {
    let box = Box<Result>()
    let done = DispatchSemaphore(value: 0)
    start {
      box.value = body()
      done.signal()
    }
    done.wait()
    // `start` set it before the signal.
    return box.value!
  }

  /// Starts `body` on a thread with room for GLPK's recursion, freeing the thread's GLPK
  /// environment once it returns.
  private static func start(_ body: @escaping @Sendable () -> Void) {
    let thread = Thread {
      body()
      GLPKProblem.freeThreadEnvironment()
    }
    thread.stackSize = 16 << 20
    thread.start()
  }

  /// A value handed from the side thread to the one waiting for it.
  private final class Box<Value>: @unchecked Sendable {
    var value: Value?
  }
}

extension SolveControl {
  /// Milliseconds left for a GLPK call (at least 1), `Int32.max` with no deadline, or
  /// `nil` when the deadline has passed: the one place the time limit becomes GLPK's
  /// `tm_lim`, which reads 0 as "stop at once".
  var glpkMilliseconds: Int32? {
    guard let remaining else { return .max }
    guard remaining > .zero else { return nil }
    let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
    return Int32(clamping: max(1, milliseconds))
  }
}
