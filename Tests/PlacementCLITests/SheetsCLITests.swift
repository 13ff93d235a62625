import Foundation
import Placement
import PlacementTestSupport
import Testing

/// The operator's spreadsheets through the binary: the bundled templates import and solve,
/// a bundled season goes out as sheets and back unchanged, results go out as a placement
/// sheet and rosters, and a bad sheet stops the import at its line and column.
@Suite struct SheetsCLITests {
  @Test(arguments: ["internships", "expert-networks"])
  func aTemplateImportsSolvesAndExportsItsRosters(template: String) throws {
    let directory = try temporaryDirectory()
    let folder = Fixtures.packageRoot.appendingPathComponent("instances/templates/\(template)").path
    let instance = directory.appendingPathComponent("season.json").path
    let imported = try placement("import", "--format", "csv", folder, "--output", instance)
    #expect(imported.status == 0, "\(imported.standardError)")
    let result = directory.appendingPathComponent("result.json").path
    let strategy = template == "internships" ? "deferred-acceptance" : "welfare"
    let solve = try placement("solve", instance, "--strategy", strategy, "--output", result, "--quiet")
    #expect(solve.status == 0, "\(solve.standardError)")
    let sheets = directory.appendingPathComponent("out").path
    let export = try placement("export-result", instance, result, "--format", "csv", "--output", sheets)
    #expect(export.status == 0, "\(export.standardError)")
    let placement = try String(contentsOfFile: sheets + "/placement.csv", encoding: .utf8)
    #expect(placement.hasPrefix("applicant,type,position,host,rank\n"))
    let rosters = try FileManager.default.contentsOfDirectory(atPath: sheets + "/rosters")
    #expect(rosters.count == (template == "internships" ? 3 : 4))
    if template == "internships" {
      // The promise is kept and the banned pair is not used.
      #expect(placement.contains("s006,fpt-u,fpt-semi-1,fpt-semiconductor,"))
      #expect(!placement.contains("s003,ptit,viettel-ai-2,"))
    }
  }

  @Test func aBundledSeasonGoesOutAsSheetsAndComesBackUnchanged() throws {
    let directory = try temporaryDirectory()
    let season = Fixtures.instance("talent-networks-2030.json").path
    let folder = directory.appendingPathComponent("talent-networks-2030").path
    let out = try placement("export-instance", season, "--format", "csv", "--output", folder)
    #expect(out.status == 0, "\(out.standardError)")
    let back = directory.appendingPathComponent("back.json").path
    let imported = try placement("import", "--format", "csv", folder, "--output", back)
    #expect(imported.status == 0, "\(imported.standardError)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == Data(contentsOf: URL(fileURLWithPath: season)))
  }

  @Test func aBadSheetStopsTheImportAtItsLineAndColumn() throws {
    let directory = try temporaryDirectory()
    try Data("id;university;choice 1;choice 2\ns1;hust;p1;p2\ns2;ptit;p3;\n".utf8)
      .write(to: directory.appendingPathComponent("students.csv"))
    try Data("id,capacity\np1,1\np2,two\n".utf8).write(to: directory.appendingPathComponent("posts.csv"))
    let output = directory.appendingPathComponent("season.json").path
    let run = try placement("import", "--format", "csv", directory.path, "--output", output)
    #expect(run.status == 2)
    #expect(run.standardError.contains("posts.csv:3:2: capacity \"two\" is not a whole number"), "\(run.standardError)")
    #expect(!FileManager.default.fileExists(atPath: output))
    try Data("id,capacity\np1,1\np2,2\n".utf8).write(to: directory.appendingPathComponent("posts.csv"))
    let unknown = try placement("import", "--format", "csv", directory.path, "--output", output)
    #expect(unknown.status == 2)
    #expect(
      unknown.standardError.contains("students.csv:3:1: applicants[1].preferences[0]: unknown position \"p3\""),
      "\(unknown.standardError)")
  }
}
