import Placement
import Testing

@Suite struct RandomMarketTests {
  @Test func aSeedGivesTheSameInstance() throws {
    var shape = RandomMarket(applicants: 200, positions: 15, listLength: 6)
    shape.tieDensity = 0.2
    shape.groups = 3
    shape.typeNames = ["a", "b"]
    shape.typeQuotaShare = 0.5
    #expect(shape.instance(seed: 7) == shape.instance(seed: 7))
    #expect(shape.instance(seed: 7) != shape.instance(seed: 8))
  }

  @Test func instancesHaveTheRequestedShapeAndValidate() throws {
    var shape = RandomMarket(applicants: 300, positions: 25, listLength: 7)
    shape.tieDensity = 0.3
    shape.groups = 4
    shape.minimumShare = 0.2
    shape.closableShare = 0.5
    shape.scoreShare = 0.1
    let instance = shape.instance(seed: 3)
    #expect(instance.applicants.count == 300)
    #expect(instance.positions.count == 25)
    #expect(instance.groups.count == 4)
    #expect(instance.applicants.allSatisfy { $0.preferences.count == 7 })
    #expect(instance.applicants.contains { $0.preferences.hasTies })
    #expect(!instance.scores.isEmpty)
    #expect(instance.validationIssues().isEmpty)
  }

  @Test(arguments: TiedSides.allCases)
  func tiesAreOnTheSidesAsked(sides: TiedSides) throws {
    var shape = RandomMarket(applicants: 200, positions: 40, listLength: 5)
    shape.tieDensity = 0.6
    shape.tiedSides = sides
    let instance = shape.instance(seed: 4)
    let applicantTies = instance.applicants.contains { $0.preferences.hasTies }
    let positionTies = instance.positions.contains { $0.preferences?.hasTies ?? false }
    #expect(applicantTies == (sides != .positions))
    #expect(positionTies == (sides != .applicants))
    #expect(instance.validationIssues().isEmpty)
  }

  @Test func theInternshipSeasonHasItsDocumentedShape() throws {
    let instance = RandomMarket.internshipSeasonInstance(seed: 2026)
    #expect(instance.applicants.count == 3_000)
    #expect(instance.positions.count == 400)
    #expect(instance.groups.count == 60)
    #expect(Set(instance.applicants.compactMap(\.type)).count == 8)
    #expect(!instance.typeQuotas.isEmpty)
    #expect(instance.applicants[0].id == "s0000")
  }
}
