import Foundation
import Placement

/// What a bench run's process left behind, checked: its result file audited against the
/// market (``ResultAudit``: the assignment evaluated independently, every claim compared),
/// and its usage read. A result that is invalid or claims what does not hold makes the
/// run `failed`, never a number.
public struct RunCheck: Sendable {
  /// How a run's process ended.
  public enum Ending: Sendable {
    /// It exited with this code (0, or 1 for an infeasible, stopped or invalid result).
    case exited(Int32)
    /// A signal ended it (a crash).
    case signalled(Int32)
    /// It outlived its hard limit and was killed.
    case killed
  }

  /// Where the process wrote its result.
  public var resultPath: String
  /// Where the process wrote its ``RunUsage``.
  public var usagePath: String
  /// Where the process's standard error went.
  public var errorPath: String

  /// Names the files.
  public init(resultPath: String, usagePath: String, errorPath: String) {
    self.resultPath = resultPath
    self.usagePath = usagePath
    self.errorPath = errorPath
  }

  /// The result's claims a record carries (the audit has checked them).
  private struct Claims: Decodable {
    var status: String
    var objectiveName: String?
    var objective: Double?
    var bound: Double?
    var gap: Double?
    var parameters: [String: JSONValue]?
    var search: Search?
  }

  /// A result's `search` statistics.
  private struct Search: Decodable {
    var rootSeconds: Double?
    var rootBound: Double?
    var nodes: Int?
    var incumbentSeconds: Double?
  }

  /// Fills `record` from how the process ended and what it wrote: the result's status and
  /// numbers when they check, or `failed` with the reason.
  public func complete(
    _ record: inout BenchRecord, market: Market, ending: Ending, wallSeconds: Double, hardLimit: Duration?
  ) {
    record.wallSeconds = wallSeconds
    switch ending {
    case .killed:
      return fail(&record, "killed after \(hardLimit.map { "\(Int($0.seconds))" } ?? "?") s, past its time limit")
    case .signalled(let signal):
      return fail(&record, "the process was ended by signal \(signal)" + lastError)
    case .exited(let code) where code != 0 && code != 1:
      return fail(&record, "exit \(code)" + lastError)
    case .exited:
      break
    }
    guard let data = FileManager.default.contents(atPath: resultPath) else {
      return fail(&record, "no result was written" + lastError)
    }
    let audit: ResultAudit
    let claims: Claims
    do {
      audit = try ResultAudit(market, resultJSON: data, blockingPairLimit: 1)
      claims = try JSONDecoder().decode(Claims.self, from: data)
    } catch {
      return fail(&record, "the result does not read: \(error)")
    }
    if let discrepancy = audit.discrepancies.first {
      return fail(&record, "the result claims what does not hold: \(discrepancy)")
    }
    let evaluation = audit.evaluation
    // An infeasible result shows the closest placement found, which may miss minimums.
    let allowed = claims.status == Solution.Status.infeasible.rawValue && evaluation.meetsEveryRuleButMinimums
    if !evaluation.isValid, !allowed {
      return fail(&record, "invalid placement: \(evaluation.violations.first ?? "")")
    }
    record.status = claims.status
    record.parameters = claims.parameters
    record.objectiveName = claims.objectiveName
    record.objective = claims.objective
    record.bound = claims.bound
    record.gap = claims.gap
    record.rootSeconds = claims.search?.rootSeconds
    record.rootBound = claims.search?.rootBound
    record.nodes = claims.search?.nodes
    record.incumbentSeconds = claims.search?.incumbentSeconds
    record.matched = evaluation.matched
    record.rankSum = evaluation.rankSum
    record.rankProfile = evaluation.rankProfile
    record.blockingPairs = evaluation.blockingPairCount
    if let data = FileManager.default.contents(atPath: usagePath),
      let usage = try? JSONDecoder().decode(RunUsage.self, from: data)
    {
      record.solveSeconds = usage.solveSeconds
      record.cpuSeconds = usage.cpuSeconds
      record.peakBytes = usage.peakBytes
    }
  }

  private func fail(_ record: inout BenchRecord, _ reason: String) {
    record.status = BenchRecord.failed
    record.failure = reason
  }

  /// The last line the process wrote on standard error, after a colon, or nothing.
  private var lastError: String {
    let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").last.map { ": \($0)" } ?? ""
  }
}
