import Foundation
import Placement
import PlacementTestSupport
import Testing

@Suite struct MarketTests {
  @Test func keepsOnlyMutuallyAcceptablePairsWithBothSidesTiers() throws {
    let instance = try Instance(
      json: Data(
        document(
          #"""
          "applicants":[{"id":"a","preferences":[["p","q"],"r"]},{"id":"b","preferences":["r","p"]}],
          "positions":[{"id":"p","capacity":1,"preferences":["b"]},{"id":"q","capacity":1},
                       {"id":"r","capacity":2,"preferences":[["a","b"]]}]
          """#
        ).utf8))
    let market = try Market(compiling: instance)
    // a–p is not mutual: p ranks only b.
    #expect(market.acceptablePositions(of: 0) == [1, 2])
    #expect(market.acceptablePositions(of: 1) == [2, 0])
    #expect(market.tier(ofApplicant: 0, for: 1) == 0)
    #expect(market.tier(ofApplicant: 0, for: 2) == 1)
    #expect(market.tier(ofApplicant: 0, for: 0) == nil)
    #expect(market.pairCount == 4)
    #expect(market.capacity(of: 2) == 2)
  }

  @Test(arguments: [UInt64(11), 12, 13])
  func positionSideListsMirrorApplicantSideLists(seed: UInt64) {
    let market = Fixtures.tinyMarket(seed: seed, applicants: 30, positions: 6, listLength: 4) {
      $0.tieDensity = 0.3
    }
    var fromApplicants = Set<[Int]>()
    for a in 0..<market.applicantCount {
      for p in market.acceptablePositions(of: a) { fromApplicants.insert([a, p]) }
    }
    #expect(fromApplicants.count == market.pairCount)
  }
}
