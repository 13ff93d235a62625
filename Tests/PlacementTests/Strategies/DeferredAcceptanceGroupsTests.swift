import Placement
import PlacementTestSupport
import Testing

/// Deferred acceptance with groups that rank no one: capacities hold, and the only pairs
/// that can block are moves inside a full group, as its documentation says.
@Suite struct DeferredAcceptanceGroupsTests {
  @Test(arguments: 1...100)
  func onlyMovesInsideAFullGroupWithoutPreferencesBlock(seed: UInt64) throws {
    var shape = RandomMarket(applicants: 30, positions: 6, listLength: 3)
    shape.capacity = 1...3
    shape.tieDensity = seed % 2 == 0 ? 0.3 : 0
    shape.groups = 2
    let instance = shape.instance(seed: seed)
    let market = Fixtures.market(instance)
    let assignment = try DeferredAcceptance().solve(market).assignment
    let evaluation = Evaluation(market, assignment, blockingPairLimit: .max)
    #expect(evaluation.isValid, "seed \(seed)")
    for pair in evaluation.blockingPairs {
      let held = Int(assignment[pair.applicant])
      let shared =
        held >= 0 && !Set(instance.positions[held].groups).isDisjoint(with: instance.positions[pair.position].groups)
      #expect(shared, "seed \(seed): \(market.applicantIDs[pair.applicant]) → \(market.positionIDs[pair.position])")
    }
  }
}
