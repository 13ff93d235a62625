import Foundation
import Placement
import Synchronization

/// A live one-line progress display on stderr, redrawn in place: the step a command is in
/// (reading a big file, loading a model) and branch-and-bound's state; only used when
/// stderr is a terminal.
final class ProgressLine: Sendable {
  private let shown = Mutex(false)

  /// Whether standard error is a terminal.
  static var isAvailable: Bool { isatty(STDERR_FILENO) != 0 }

  /// Redraws the line with `progress`; a stage with no incumbent, bound or node yet (a
  /// model being loaded) shows as a step.
  func show(_ progress: SolveProgress) {
    if progress.incumbent == nil && progress.bound == nil && progress.nodes == 0 {
      return draw("\(progress.stage)… " + String(format: "%.1f s", progress.elapsed.seconds))
    }
    var text = "\(progress.stage): "
    text += progress.incumbent.map { "incumbent \(formatted($0))" } ?? "no incumbent yet"
    if let bound = progress.bound { text += ", bound \(formatted(bound))" }
    if let gap = progress.gap { text += String(format: ", gap %.2f%%", 100 * gap) }
    text += ", \(progress.nodes) nodes (\(progress.activeNodes) open)"
    text += String(format: ", %.1f s", progress.elapsed.seconds)
    draw(text)
  }

  /// Shows a step that has no measure of its own (`reading season.json (12.4 MB)…`).
  func show(step: String) { draw(step + "…") }

  private func draw(_ text: String) {
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
