import Foundation
import Placement
import PlacementTestSupport
import Testing

@Suite("The Glasgow layouts: read, written back byte for byte, errors at line and column")
struct GlasgowFormatTests {
  /// The examples of the layouts' own guidelines (algmatch's DATA_FORMAT_GUIDELINE files).
  static let hrtExample = "3 2\n1 1 2\n2 (1 2)\n3 1\n1 2 (2 3) 1\n2 1 1 2\n"
  static let smtiExample =
    "4 4\n1 2 4 1 3\n2 3 (1 4 2)\n3 (2 3) 1 4\n4 4 1 3 2\n1 2 (1 4) 3\n2 4 3 1 2\n3 (1 4) (3 2)\n4 2 (1 4 3)\n"
  static let spaExample =
    "4 4 2\n1 1 2\n2 (2 3)\n3 3 1\n4 4 1\n1 1 1\n2 1 1\n3 1 2\n4 1 2\n1 2 3 (1 2) 4\n2 2 (2 4 3)\n"

  private func read(_ text: String, _ format: GlasgowFormat) throws(TextFormatError) -> Instance {
    try Instance(glasgow: Array(text.utf8), format: format, name: "example")
  }

  @Test("the guidelines' examples read as they say, and write back byte for byte")
  func examples() throws {
    let hrt = try read(Self.hrtExample, .hrt)
    #expect(hrt.applicants[1].preferences.tiers == [["h1", "h2"]])
    #expect(hrt.positions[0].capacity == 2)
    #expect(hrt.positions[0].preferences?.tiers == [["r2", "r3"], ["r1"]])
    let smti = try read(Self.smtiExample, .smti)
    #expect(smti.positions.allSatisfy { $0.capacity == 1 })
    #expect(smti.positions[2].preferences?.tiers == [["m1", "m4"], ["m3", "m2"]])
    let spa = try read(Self.spaExample, .spa)
    #expect(spa.groups.map(\.capacity) == [2, 2])
    #expect(spa.groups[0].preferences?.tiers == [["s3"], ["s1", "s2"], ["s4"]])
    #expect(spa.positions[0].groups == ["l1"] && spa.positions[3].capacity == 1)
    // Project 1 is listed by students 1, 3 and 4: it ranks them by lecturer 1's list.
    #expect(spa.positions[0].preferences?.tiers == [["s3"], ["s1"], ["s4"]])
    for (text, format, instance) in [
      (Self.hrtExample, GlasgowFormat.hrt, hrt), (Self.smtiExample, .smti, smti), (Self.spaExample, .spa, spa),
    ] {
      #expect(try instance.glasgowText(format).text == text)
      _ = try Market(compiling: instance)
    }
  }

  @Test("generated files go Glasgow → JSON → Glasgow byte for byte, and keep every list", arguments: 0..<40)
  func roundTrip(seed: UInt64) throws {
    for format in GlasgowFormat.allCases {
      let original = Self.generated(format, seed: seed)
      let text = try original.glasgowText(format).text
      let imported = try read(text, format)
      let json = try Instance(json: Data(imported.jsonBytes()))
      #expect(try json.glasgowText(format).text == text, "\(format) seed \(seed)")
      // The same market, renumbered: every applicant's list, every capacity.
      #expect(
        imported.applicants.map { $0.preferences.tiers.map(\.count) }
          == original.applicants.map { $0.preferences.tiers.map(\.count) })
      #expect(imported.positions.map(\.capacity) == original.positions.map(\.capacity))
      #expect(try Market(compiling: imported).pairCount == Market(compiling: original).pairCount)
    }
  }

  /// A random instance each layout can hold: SMTI one-to-one with ties on both sides,
  /// HRT with capacities, SPA with lecturers ranking students and projects following them.
  static func generated(_ format: GlasgowFormat, seed: UInt64) -> Instance {
    var random = SplitMix64(seed: seed)
    let applicants = 3 + Int(random.next() % 12)
    var shape = RandomMarket(
      applicants: applicants, positions: 2 + Int(random.next() % 8), listLength: 1 + Int(random.next() % 4))
    shape.tieDensity = 0.5
    shape.capacity = format == .smti ? 1...1 : 1...4
    if format == .spa {
      shape.groups = 1 + Int(random.next() % 3)
      shape.groupPreferences = true
    }
    var instance = shape.instance(seed: seed)
    if format == .spa {
      // Each project ranks by its lecturer's list, restricted to those who list it.
      for index in instance.positions.indices {
        let id = instance.positions[index].id
        let listers = Set(instance.applicants.filter { $0.preferences.ids.contains(id) }.map(\.id))
        let lecturer = instance.groups.first { $0.id == instance.positions[index].groups[0] }!
        let tiers = (lecturer.preferences?.tiers ?? [listers.sorted()]).map { $0.filter(listers.contains) }.filter {
          !$0.isEmpty
        }
        instance.positions[index].preferences = PreferenceList(tiers: tiers)
      }
    }
    return instance
  }

  @Test("each malformed line is reported at its line and column")
  func errors() {
    let text = "3 2\n1 1 2\n2 (1 2\n3 1 x\n1 0 (2 3) 1\n1 1 1 2\n7\n"
    #expect(throws: TextFormatError.self) { try read(text, .hrt) }
    do {
      _ = try read(text, .hrt)
    } catch {
      #expect(
        error.issues.map(\.description) == [
          "3:3: a tie opened here is not closed", "4:5: expected a hospital number, found \"x\"",
          "5:3: expected a capacity of at least 1, found 0", "6:1: hospital 1 has a line already",
          "7:1: a line beyond those the header announces",
        ])
    }
    let cases: [(String, GlasgowFormat, String)] = [
      ("", .hrt, "1:1: the file is empty; expected the header `residents hospitals`"),
      ("1 2 3\n", .smti, "1:1: expected the header `men women`: 2 numbers, found 3 words"),
      ("1 1\n1 ((1))\n1 1\n", .smti, "2:4: a tie inside a tie"),
      ("1 1\n1 1)\n1 1\n", .smti, "2:4: a `)` that closes no tie"),
      ("1 1\n1 ()\n1 1\n", .smti, "2:3: an empty tie `()`"),
      ("1 2\n1 2 2\n1 1\n2 1\n", .smti, "2:5: woman 2 is listed twice"),
      ("1 1\n1 3\n1 1\n", .smti, "2:3: expected a woman number from 1 to 1, found 3"),
      ("2 1\n1 1\n1 1 1\n", .hrt, "3:1: resident 1 has a line already"),
      ("2 1\n3 1\n", .hrt, "2:1: expected a resident number from 1 to 2, found 3"),
      ("2 1\n1 1\n", .hrt, "3:1: the file ends after 1 of 2 residents"),
      ("1\n3\n2\n", .hrt, "1:1: 1 couples: couples are not supported (Placement places single applicants)"),
      (
        "0\n1\n1\n1 1\n1 2 1\n", .smti,
        "5:3: capacity 2: a woman takes one man in glasgow-smti (read the file as glasgow-hrt)"
      ),
      ("1 1 1\n1 1\n1 1\n1 1 1\n", .spa, "3:1: expected `project capacity lecturer`, three numbers"),
    ]
    for (text, format, expected) in cases {
      do {
        _ = try read(text, format)
        Issue.record("\(text.debugDescription) read without an error")
      } catch {
        #expect(error.issues.first?.description == expected, "\(text.debugDescription)")
      }
    }
  }

  @Test(
    "the published data sets' layout (couples 0, three header lines, bracketed tiers of one) reads as the canonical one"
  )
  func publishedLayout() throws {
    let published = "0\n3\n2\n1    1 2\n2    (1 2)\n3    (1)\n1   2    (2 3) (1)\n2   1    1 2   \n"
    #expect(try read(published, .hrt) == read(Self.hrtExample, .hrt))
    let smti = "0\n2\n2\n1  (1 2)\n2  (2)\n1  1  (1 2)\n2  1  \n"
    let instance = try read(smti, .smti)
    #expect(instance.positions[1].preferences?.tiers == [])
    #expect(try instance.glasgowText(.smti).text == "2 2\n1 (1 2)\n2 2\n1 (1 2)\n2\n")
  }

  @Test("features a layout cannot express are refused by field path; types and attributes are left out with a note")
  func exportRefusals() throws {
    var instance = try read(Self.hrtExample, .hrt)
    instance.positions[1].minimum = 1
    instance.applicants[0].type = "hust"
    #expect(throws: ValidationError.self) { try instance.glasgowText(.hrt) }
    do {
      _ = try instance.glasgowText(.smti)
    } catch {
      #expect(
        error.issues.map(\.description) == [
          "positions[0].capacity: capacity 2: a woman takes one man (use glasgow-hrt)",
          "positions[1].minimum: \"glasgow-smti\" has no minimums",
        ])
    }
    instance.positions[1].minimum = 0
    #expect(try instance.glasgowText(.hrt).omitted == ["applicant types"])
    var spa = try read(Self.spaExample, .spa)
    spa.positions[0].preferences = PreferenceList(strict: ["s1", "s3", "s4"])
    do {
      _ = try spa.glasgowText(.spa)
      Issue.record("a project ranking against its lecturer was written")
    } catch {
      #expect(error.issues.first?.path.description == "positions[0].preferences")
    }
  }
}
