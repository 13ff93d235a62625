import Foundation
import Placement

/// Wall-clock time of consecutive phases of a command, for `--timings`.
struct PhaseClock {
  private var last = ContinuousClock.now
  private let start = ContinuousClock.now
  private var phases: [(name: String, seconds: Double)] = []

  /// Ends the current phase under `name` and starts the next.
  mutating func lap(_ name: String) {
    let now = ContinuousClock.now
    phases.append((name, (now - last).seconds))
    last = now
  }

  /// `read 1.234 s, compile 0.5 s, …, total 2.0 s`.
  var summary: String {
    (phases + [("total", (last - start).seconds)])
      .map { "\($0.name) \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: ", ")
  }
}
