import Foundation
import Placement
import Synchronization

/// A live one-line progress display of branch-and-bound on stderr, redrawn in place; only
/// used when stderr is a terminal.
final class ProgressLine: Sendable {
  private let shown = Mutex(false)

  /// Whether standard error is a terminal.
  static var isAvailable: Bool { isatty(STDERR_FILENO) != 0 }

  /// Redraws the line with `progress`.
  func show(_ progress: SolveProgress) {
    var text = "\(progress.stage): "
    text += progress.incumbent.map { "incumbent \(formatted($0))" } ?? "no incumbent yet"
    if let bound = progress.bound { text += ", bound \(formatted(bound))" }
    if let gap = progress.gap { text += String(format: ", gap %.2f%%", 100 * gap) }
    text += ", \(progress.nodes) nodes (\(progress.activeNodes) open)"
    text += String(
      format: ", %.1f s",
      Double(progress.elapsed.components.seconds) + Double(progress.elapsed.components.attoseconds) * 1e-18)
    shown.withLock { shown in
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
      shown = true
    }
  }

  /// Clears the line, if one was drawn.
  func clear() {
    shown.withLock { shown in
      if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      shown = false
    }
  }
}
