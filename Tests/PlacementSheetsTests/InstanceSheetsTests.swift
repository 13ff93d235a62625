import Foundation
import Placement
import PlacementSheets
import PlacementTestSupport
import Testing

/// Sheets in and out: both bundled seasons round-trip through their sheets, spreadsheet
/// exports (separators, quotes, line breaks in cells, byte-order marks, ranked columns)
/// read as written, and every malformed sheet is reported at its file, line and column.
@Suite struct InstanceSheetsTests {
  static func roles(_ sheets: [(name: String, text: String)]) -> [InstanceSheets.Role: (file: String, text: String)] {
    var out: [InstanceSheets.Role: (file: String, text: String)] = [:]
    for sheet in sheets {
      let stem = String(sheet.name.dropLast(4))
      out[InstanceSheets.Role(rawValue: stem)!] = (sheet.name, sheet.text)
    }
    return out
  }

  @Test(arguments: ["hoa-lac-internships-2026.json", "talent-networks-2030.json"])
  func aBundledSeasonRoundTripsThroughItsSheets(file: String) throws {
    let instance = try Instance(json: Data(contentsOf: Fixtures.instance(file)))
    let sheets = try InstanceSheets.sheets(of: instance)
    let read = try InstanceSheets.read(Self.roles(sheets), name: instance.name)
    #expect(read.instance == instance)
    #expect(read.warnings.isEmpty)
    let again = try InstanceSheets.sheets(of: read.instance)
    #expect(again.map(\.name) == sheets.map(\.name))
    #expect(again.map(\.text) == sheets.map(\.text))
  }

  @Test(arguments: 1...40)
  func randomMarketsWithEveryFeatureRoundTrip(seed: UInt64) throws {
    var shape = RandomMarket(applicants: 12, positions: 5, listLength: 3)
    shape.tieDensity = 0.3
    shape.groups = 2
    shape.groupPreferences = seed % 2 == 0
    shape.typeNames = ["hust", "ptit"]
    shape.typeQuotaShare = 0.5
    shape.minimumShare = 0.3
    shape.closableShare = 0.3
    shape.scoreShare = 0.5
    var instance = shape.instance(seed: seed)
    instance.applicants[0].attributes = ["name": .string("Nguyễn Văn \"An\", HUST\nK66")]
    instance.locked = [
      PairOverride(applicant: instance.applicants[1].id, position: instance.applicants[1].preferences.ids[0])
    ]
    let sheets = try InstanceSheets.sheets(of: instance)
    let read = try InstanceSheets.read(Self.roles(sheets), name: instance.name)
    #expect(read.instance == instance, "seed \(seed)")
  }

  @Test func spreadsheetExportsReadAsWritten() throws {
    let students =
      "\u{FEFF}ID;Full name;University;Choice 1;Choice 2;Choice 3\r\n"
      + "s1;\"Trần; Bình\";hust;p1;\"p2 = p3\";\r\n"
      + "s2;\"Lê\nHoa\";ptit;p2;;p1\r\n\r\n"
      + "s3;Phạm An;hust;;;\r\n"
    let posts = "id,capacity,host,minimum\np1,1,h1,\np2,2,h1,1\np3,1,h2,\n"
    let hosts = "id,capacity,contact\nh1,2,a@b.vn\nh2,1,\n"
    let rankings = "ranker,applicant,rank\nh1,s2,1\nh1,s1,2\nh1,s3,2\n"
    let read = try InstanceSheets.read(
      [
        .applicants: ("students.csv", students), .positions: ("posts.csv", posts), .groups: ("hosts.csv", hosts),
        .rankings: ("rankings.csv", rankings),
      ], name: "season")
    let instance = read.instance
    #expect(instance.applicants.map(\.id) == ["s1", "s2", "s3"])
    #expect(instance.applicants[0].preferences.tiers == [["p1"], ["p2", "p3"]])
    #expect(instance.applicants[1].preferences.tiers == [["p2"], ["p1"]])
    #expect(instance.applicants[2].preferences.tiers.isEmpty)
    #expect(instance.applicants[0].attributes["Full name"] == .string("Trần; Bình"))
    #expect(instance.applicants[1].attributes["Full name"] == .string("Lê\nHoa"))
    #expect(instance.applicants[0].type == "hust")
    #expect(instance.positions[1].minimum == 1 && instance.positions[1].groups == ["h1"])
    #expect(instance.groups[0].preferences?.tiers == [["s2"], ["s1", "s3"]])
    #expect(read.warnings == ["hosts.csv: columns not read: \"contact\""])
  }

  /// Each malformed sheet, and the message it must get.
  static let malformed: [(sheet: String, text: String, message: String)] = [
    ("applicants", "name,preferences\nAn,p1\n", "applicants.csv:1:1: no \"id\" column"),
    ("applicants", "id,city\ns1,Hanoi\n", "applicants.csv:1:1: no \"preferences\" column and no ranked columns"),
    ("applicants", "id,preferences\ns1,p1\n,p1\n", "applicants.csv:3:1: \"id\" is empty"),
    (
      "applicants", "id,preferences\ns1,p1 > > p2\n", "applicants.csv:2:2: preferences \"p1 > > p2\" has an empty place"
    ),
    (
      "applicants", "id,preferences\ns1,\"p1\nx\"\ns2,p9\n",
      "applicants.csv:4:1: applicants[1].preferences[0]: unknown position \"p9\""
    ),
    (
      "applicants", "id,preferences\ns1,\"p1\n",
      "applicants.csv:2:2: cannot be read as CSV: the quote that opens this cell never closes"
    ),
    ("applicants", "", "applicants.csv:1:1: is empty"),
    ("positions", "id,capacity\np1,two\n", "positions.csv:2:2: capacity \"two\" is not a whole number"),
    ("positions", "id,capacity\np1,0\n", "positions.csv:2:1: positions[0].capacity: capacity 0 must be at least 1"),
    ("positions", "id,capacity,closable\np1,1,maybe\n", "positions.csv:2:3: closable \"maybe\" is not yes or no"),
    ("positions", "id\np1\n", "positions.csv:1:1: no \"capacity\" column"),
    ("rankings", "ranker,applicant,rank\np1,s1,first\n", "rankings.csv:2:3: rank \"first\" is not a whole number"),
    ("rankings", "ranker,applicant,rank\np1,s1,0\n", "rankings.csv:2:3: rank \"0\" must be 1 or more"),
    ("rankings", "ranker,applicant,rank\nh9,s1,1\n", "rankings.csv:2:1: unknown position or group \"h9\""),
    ("scores", "applicant,position,value\ns1,p1,high\n", "scores.csv:2:3: value \"high\" is not a number"),
    (
      "overrides", "applicant,position,kind\ns1,p1,promised\n",
      "overrides.csv:2:3: kind \"promised\" is not locked or forbidden"
    ),
    ("quotas", "position,type,capacity\np1,hust,x\n", "quotas.csv:2:3: capacity \"x\" is not a whole number"),
  ]

  @Test(arguments: malformed.indices)
  func aMalformedSheetIsReportedAtItsFileLineAndColumn(index: Int) {
    let (sheet, text, message) = Self.malformed[index]
    var sheets: [InstanceSheets.Role: (file: String, text: String)] = [
      .applicants: ("applicants.csv", "id,preferences\ns1,p1\n"), .positions: ("positions.csv", "id,capacity\np1,1\n"),
    ]
    let role = InstanceSheets.Role(rawValue: sheet)!
    sheets[role] = ("\(sheet).csv", text)
    #expect {
      try InstanceSheets.read(sheets, name: "season")
    } throws: { error in
      (error as? SheetError)?.description.contains(message) ?? false
    }
  }

  @Test func aMissingSheetIsNamed() {
    #expect {
      try InstanceSheets.read([.applicants: ("students.csv", "id,preferences\ns1,p1\n")], name: "season")
    } throws: { error in
      (error as? SheetError)?.description.contains("positions.csv:1:1: missing: the positions sheet") ?? false
    }
  }
}
