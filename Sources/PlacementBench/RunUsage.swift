import Foundation

/// What a bench run's process reports of itself (through `solve`'s hidden
/// `--usage-output`): the solve's own seconds, and the process's CPU seconds and peak
/// resident memory, which only the process can measure of itself.
public struct RunUsage: Codable, Sendable {
  /// Seconds the strategy spent, timed around the solve alone.
  public var solveSeconds: Double
  /// The process's CPU seconds so far, user and system.
  public var cpuSeconds: Double
  /// The process's peak resident memory so far, in bytes.
  public var peakBytes: Int

  /// Creates a usage report.
  public init(solveSeconds: Double, cpuSeconds: Double, peakBytes: Int) {
    self.solveSeconds = solveSeconds
    self.cpuSeconds = cpuSeconds
    self.peakBytes = peakBytes
  }

  /// This process's usage so far, with `solveSeconds` for the solve.
  public static func current(solveSeconds: Double) -> RunUsage {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    // Linux reports ru_maxrss in kilobytes; it is a fallback only, as it carries the
    // parent's resident size at the fork over the exec.
    return RunUsage(
      solveSeconds: solveSeconds, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
      peakBytes: highWaterMark ?? Int(usage.ru_maxrss) * 1024)
  }

  /// The peak resident memory of this process's own address space (`VmHWM` in
  /// `/proc/self/status`, kilobytes), which starts afresh at exec: a bench run started by
  /// a parent holding a million-applicant market measured 1.2 GB by `ru_maxrss` for a
  /// 10,000-applicant solve.
  private static var highWaterMark: Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) })
    else { return nil }
    return kilobytes * 1024
  }
}
