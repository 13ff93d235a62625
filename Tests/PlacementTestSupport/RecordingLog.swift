import Logging
import Synchronization

/// A log that keeps what it is sent, for tests of what a solve logs.
public final class RecordingLog: Sendable {
  /// One message as it arrived.
  public struct Record: Sendable {
    /// Its level.
    public var level: Logger.Level
    /// Its text.
    public var message: String
  }

  private let storage = Mutex<[Record]>([])

  /// An empty log.
  public init() {}

  /// Everything sent so far, in order.
  public var records: [Record] { storage.withLock { $0 } }

  /// A logger that sends to this log from `level` up.
  public func logger(level: Logger.Level) -> Logger {
    var logger = Logger(label: "test", factory: { _ in Handler(log: self) })
    logger.logLevel = level
    return logger
  }

  fileprivate func append(_ record: Record) { storage.withLock { $0.append(record) } }

  private struct Handler: LogHandler {
    let log: RecordingLog
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
      log.append(Record(level: event.level, message: event.message.description))
    }
  }
}
