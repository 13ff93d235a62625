import Foundation
import Placement
import PlacementTestSupport
import Testing

@Suite struct InstanceCodableTests {
  @Test(arguments: [UInt64(1), 2, 3])
  func foundationCodingAgreesWithTheByteLevelReaderAndWriter(seed: UInt64) throws {
    var instance = Fixtures.everyFeatureShape(applicants: 30, positions: 6, listLength: 4).instance(seed: seed)
    instance.applicants[0].attributes = ["gpa": .number(3.5), "tags": .array([.string("ai"), .null, .bool(true)])]
    instance.positions[0].groups = ["g0", "g1"]
    // Foundation decodes what the byte-level writer wrote …
    #expect(try JSONDecoder().decode(Instance.self, from: Data(instance.jsonBytes())) == instance)
    // … and the byte-level reader reads what Foundation encoded.
    #expect(try Instance(json: JSONEncoder().encode(instance)) == instance)
  }

  @Test func decodingChecksFormatAndVersion() throws {
    let wrong = Data(#"{"format":"placement-instance","version":2,"applicants":[],"positions":[]}"#.utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Instance.self, from: wrong) }
  }
}
