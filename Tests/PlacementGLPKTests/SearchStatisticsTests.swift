import Foundation
import Placement
import PlacementGLPK
import PlacementTestSupport
import Testing

/// The search statistics a max-stable result states: consistent with its own times and
/// objective on random markets, written to the result file, and accepted by the audit.
@Suite struct SearchStatisticsTests {
  @Test(arguments: 1...30)
  func maxStablesStatisticsAgreeWithItsResult(seed: UInt64) async throws {
    var shape = RandomMarket(applicants: 40, positions: 40, listLength: 3)
    shape.capacity = 1...1
    shape.tieDensity = 0.7
    let market = Fixtures.market(shape.instance(seed: seed))
    let solution = try await MaxStableProgram().solve(market)
    let search = try #require(solution.search, "seed \(seed)")
    let objective = try #require(solution.objective)
    let found = try #require(search.incumbentSeconds)
    #expect(found >= 0 && found <= solution.solveSeconds, "seed \(seed): \(search)")
    if solution.method == "glpk" {
      let root = try #require(search.rootSeconds, "seed \(seed)")
      #expect(root <= solution.solveSeconds)
      #expect(try #require(search.rootBound) >= objective - 1e-6, "seed \(seed): \(search)")
      #expect(search.nodes >= 0)
    } else {
      // The start met the bound: no LP was solved.
      #expect(search.rootSeconds == nil && search.nodes == 0, "seed \(seed): \(search)")
    }
    let bytes = solution.resultJSON(
      market: market, strategy: "max-stable", evaluation: Evaluation(market, solution.assignment))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("\"search\":{"), "\(text.prefix(600))")
    let audit = try ResultAudit(market, resultJSON: Data(bytes))
    #expect(audit.discrepancies.isEmpty, "seed \(seed): \(audit.discrepancies)")
  }

  @Test func someSeedsSearch() async throws {
    // The family above is one where the start does not always meet the bound, so both
    // branches of the test run.
    var methods = Set<String>()
    for seed in UInt64(1)...30 {
      var shape = RandomMarket(applicants: 40, positions: 40, listLength: 3)
      shape.capacity = 1...1
      shape.tieDensity = 0.7
      methods.insert(try await MaxStableProgram().solve(Fixtures.market(shape.instance(seed: seed))).method ?? "")
    }
    #expect(methods.contains("glpk"), "\(methods)")
  }
}
