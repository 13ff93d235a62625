import Foundation
import Placement
import PlacementBench
import PlacementTestSupport
import Testing

@Suite("A run's result is checked before it becomes a number")
struct RunCheckTests {
  let market = Fixtures.tinyMarket(seed: 7, applicants: 6, positions: 3)
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("run-check-\(UUID().uuidString)")

  private func files() throws -> RunCheck {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return RunCheck(
      resultPath: folder.appendingPathComponent("result.json").path,
      usagePath: folder.appendingPathComponent("usage.json").path,
      errorPath: folder.appendingPathComponent("stderr.txt").path)
  }

  private func check(_ result: [UInt8]?, ending: RunCheck.Ending = .exited(0), error: String = "") throws -> BenchRecord
  {
    let files = try files()
    defer { try? FileManager.default.removeItem(at: folder) }
    if let result { try Data(result).write(to: URL(fileURLWithPath: files.resultPath)) }
    try JSONEncoder().encode(RunUsage(solveSeconds: 0.5, cpuSeconds: 0.75, peakBytes: 1 << 20))
      .write(to: URL(fileURLWithPath: files.usagePath))
    try Data(error.utf8).write(to: URL(fileURLWithPath: files.errorPath))
    var checked = record(0)
    checked.status = "unknown"
    checked.matched = nil
    checked.blockingPairs = nil
    checked.solveSeconds = nil
    checked.rankProfile = nil
    files.complete(&checked, market: market, ending: ending, wallSeconds: 1, hardLimit: .seconds(80))
    return checked
  }

  private func result(_ assignment: [Int32], status: Solution.Status = .optimal) -> [UInt8] {
    let solution = Solution(assignment: assignment, status: status)
    return solution.resultJSON(market: market, strategy: "test", evaluation: Evaluation(market, assignment))
  }

  @Test("a valid result's status and independent evaluation are recorded, with the process's usage")
  func validResult() async throws {
    let solution = try await DeferredAcceptance().solve(market, control: SolveControl())
    let checked = try check(result(solution.assignment))
    let evaluation = Evaluation(market, solution.assignment)
    #expect(checked.status == "optimal")
    #expect(checked.failure == nil)
    #expect(checked.matched == evaluation.matched && checked.blockingPairs == 0)
    #expect(checked.rankProfile == evaluation.rankProfile)
    #expect(checked.solveSeconds == 0.5 && checked.cpuSeconds == 0.75 && checked.peakBytes == 1 << 20)
    #expect(checked.wallSeconds == 1)
  }

  @Test("a search's statistics are recorded from its result; a malformed one fails the run")
  func searchStatistics() throws {
    let solution = try DeferredAcceptance().solve(market, control: SolveControl())
    var searched = Solution(
      assignment: solution.assignment, status: .optimal,
      search: SearchStatistics(rootSeconds: 0.25, rootBound: 4.5, nodes: 12, incumbentSeconds: 0.4))
    let checked = try check(
      searched.resultJSON(market: market, strategy: "test", evaluation: Evaluation(market, solution.assignment)))
    #expect(checked.status == "optimal", "\(checked.failure ?? "")")
    #expect(checked.rootSeconds == 0.25 && checked.rootBound == 4.5)
    #expect(checked.nodes == 12 && checked.incumbentSeconds == 0.4)
    searched.search?.rootSeconds = -1
    let negative = try check(
      searched.resultJSON(market: market, strategy: "test", evaluation: Evaluation(market, solution.assignment)))
    #expect(negative.status == BenchRecord.failed)
    #expect(negative.failure?.contains("search") == true, "\(negative.failure ?? "")")
  }

  @Test("an invalid placement is a failure, not a number")
  func invalidPlacement() throws {
    // Everyone at the first position on their list: capacities are at most 2 of 6.
    let crowded = (0..<market.applicantCount).map { Int32(market.acceptablePositions(of: $0).first ?? -1) }
    #expect(!Evaluation(market, crowded).isValid)
    let checked = try check(result(crowded))
    #expect(checked.status == BenchRecord.failed)
    #expect(checked.failure?.hasPrefix("invalid placement") == true)
    #expect(checked.matched == nil)
  }

  @Test("a result that claims what does not hold is a failure")
  func falseClaim() async throws {
    let solution = try await DeferredAcceptance().solve(market, control: SolveControl())
    let honest = String(decoding: result(solution.assignment), as: UTF8.self)
    let text = honest.replacingOccurrences(
      of: #""status":\s*"optimal""#, with: #""status": "timeLimit""#, options: .regularExpression)
    try #require(text != honest && solution.assignment.contains { $0 >= 0 })
    let checked = try check(Array(text.utf8))
    #expect(checked.status == BenchRecord.failed)
    #expect(checked.failure?.contains("claims") == true)
  }

  @Test("a process that crashed, was killed, exited 2 or wrote nothing is a failure naming why")
  func processFailures() throws {
    #expect(try check(nil, ending: .signalled(11)).failure == "the process was ended by signal 11")
    #expect(try check(nil, ending: .killed).failure == "killed after 80 s, past its time limit")
    #expect(
      try check(nil, ending: .exited(2), error: "warning\nx.json: out of memory\n").failure
        == "exit 2: x.json: out of memory")
    #expect(try check(nil).failure == "no result was written")
    #expect(try check(Array("{".utf8)).failure?.hasPrefix("the result does not read") == true)
  }
}
