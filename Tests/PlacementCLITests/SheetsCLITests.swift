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

/// The internship template imported into a fresh directory and solved by deferred
/// acceptance: the directory, the instance and the result.
func solvedInternshipTemplate() throws -> (directory: URL, instance: String, result: String) {
  let directory = try temporaryDirectory()
  let folder = Fixtures.packageRoot.appendingPathComponent("instances/templates/internships").path
  let instance = directory.appendingPathComponent("season.json").path
  #expect(try placement("import", "--format", "csv", folder, "--output", instance).status == 0)
  let result = directory.appendingPathComponent("result.json").path
  #expect(try placement("solve", instance, "--output", result, "--quiet").status == 0)
  return (directory, instance, result)
}

/// `check --format text`: the season's facts for people.
@Suite struct CheckTextCLITests {
  @Test func printsTheHeadlineRanksFillAndWhyEachUnplacedApplicantIs() throws {
    let (_, instance, result) = try solvedInternshipTemplate()
    let run = try placement("check", instance, result, "--format", "text")
    #expect(run.status == 0, "\(run.standardError)")
    let text = run.standardOutput
    #expect(
      text.hasPrefix("internships: placed 7 of 8 (87.5%), first choice 6 (85.7% of those placed), blocking pairs 0"))
    #expect(text.contains("  viettel-hoa-lac: 3 of 3\n"))
    #expect(text.contains("  ptit: 1 of 2 (50.0%)\n"))
    #expect(text.contains("  s003:\n    viettel-ai-2 (choice 1): forbidden (an override)\n"))
    #expect(text.contains("    viettel-ai-1 (choice 2): full (2) with 2 it ranks higher\n"))
  }
}

/// `placement report`: one self-contained page with the headline, the chart, the fill
/// tables and the reasons.
@Suite struct ReportCLITests {
  @Test func writesOneSelfContainedPageWithEverySection() throws {
    let (directory, instance, result) = try solvedInternshipTemplate()
    let page = directory.appendingPathComponent("season.html").path
    let run = try placement("report", instance, result, "--output", page)
    #expect(run.status == 0, "\(run.standardError)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
    #expect(html.contains("<div class=\"value\">7 of 8</div>"))
    #expect(html.contains("<svg"))
    #expect(html.contains("<td>viettel-hoa-lac</td><td class=\"num\">3</td><td class=\"num\">3</td>"))
    #expect(html.contains("<li>viettel-ai-2 (choice 1): forbidden (an override)</li>"))
    #expect(html.contains("id=\"search\""))
    #expect(html.contains("@media print"))
  }
}
