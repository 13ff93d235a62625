import ArgumentParser
import Logging
import Placement

/// `--quiet` and `--verbose`, shared by the commands that read files and solve: how much
/// goes to standard error besides warnings and errors.
struct Verbosity: ParsableArguments {
  @Flag(help: "Print no summary and no progress on stderr; warnings and errors still go there.")
  var quiet = false

  @Flag(
    name: [.customShort("v"), .long],
    help: ArgumentHelp(
      "Log each step on stderr (reading, compiling, the model, each better incumbent); "
        + "twice (-vv) adds GLPK's own output.",
      discussion: "Lines come from swift-log's stream handler; a service using the library passes its own logger "
        + "in SolveControl."))
  var verbose: Int

  func validate() throws {
    if quiet && verbose > 0 { throw ValidationError("--quiet and --verbose exclude each other") }
  }

  /// The level the command logs at: `notice` by default, `debug` with one `--verbose`,
  /// `trace` with more, `warning` when quiet.
  var level: Logger.Level {
    if quiet { return .warning }
    switch verbose {
    case 0: return .notice
    case 1: return .debug
    default: return .trace
    }
  }

  /// The command's log and progress line: the logger writes to standard error at
  /// ``level``; the progress line is drawn only when standard error is a terminal, the
  /// command is not quiet, and no log lines would tear it.
  func log(label: String = "placement") -> CommandLog {
    var logger = Logger(label: label, factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = level
    let line = !quiet && verbose == 0 && ProgressLine.isAvailable ? ProgressLine() : nil
    return CommandLog(logger: logger, line: line)
  }
}

/// Where a command tells what it is doing: its logger, and a progress line on a terminal.
struct CommandLog: Sendable {
  /// Logs at `debug` and below are the steps `--verbose` shows.
  let logger: Logger
  /// The live line, when standard error is a terminal and the command is not quiet.
  let line: ProgressLine?

  /// A log that says nothing: for callers that only want the result.
  static let silent = CommandLog(
    logger: Logger(label: "placement", factory: { _ in SwiftLogNoOpLogHandler() }), line: nil)

  /// Announces a long step (`decoding season.json (12.4 MB)`): on the progress line, and
  /// in the log at `trace` (its ``done(_:)`` line says the same at `debug`).
  func step(_ text: String) {
    logger.trace("\(text)")
    line?.show(step: text)
  }

  /// Records a finished step in the log at `debug` and clears the progress line.
  func done(_ text: String) {
    line?.clear()
    logger.debug("\(text)")
  }

  /// A solve control that logs to this log and, on a terminal, draws branch-and-bound's
  /// progress on the line.
  func control(timeLimit: Duration? = nil, seed: UInt64 = 1) -> SolveControl {
    var progress: (@Sendable (SolveProgress) -> Void)?
    if let line { progress = { line.show($0) } }
    return SolveControl(timeLimit: timeLimit, seed: seed, progress: progress, logger: logger)
  }
}
