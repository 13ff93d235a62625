import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) into a call of `handler` while it lives, instead of killing the
/// process, so a long solve can stop and still write what it found.
final class Interrupt {
  private let source: DispatchSourceSignal

  init(_ handler: @escaping @Sendable () -> Void) {
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler(handler: handler)
    source.resume()
  }

  /// Restores the default Ctrl-C behaviour.
  func stop() {
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
