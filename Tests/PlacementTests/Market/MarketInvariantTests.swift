import PlacementTestSupport
import Testing

@testable import Placement

/// The debug-only invariant check of compiled markets finds nothing in what the compiler
/// makes, and finds what breaks a market.
@Suite struct MarketInvariantTests {
  @Test(arguments: 1...300)
  func compiledMarketsKeepEveryInvariant(seed: UInt64) {
    let market = Fixtures.market(
      Fixtures.everyFeatureShape(applicants: 12, positions: 5, listLength: 3).instance(seed: seed))
    #expect(market.invariantViolations().isEmpty)
  }

  @Test func brokenMarketsAreReported() {
    let market = Fixtures.market(
      Fixtures.everyFeatureShape(applicants: 12, positions: 5, listLength: 3).instance(seed: 7))
    var outOfRange = market
    outOfRange.entryPosition[0] = Int32(market.positionCount)
    var twice = market
    twice.positionListEntry[1] = twice.positionListEntry[0]
    var offsets = market
    offsets.applicantListStart[1] = -1
    for broken in [outOfRange, twice, offsets] { #expect(!broken.invariantViolations().isEmpty) }
  }
}
