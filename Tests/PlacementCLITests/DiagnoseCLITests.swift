import Foundation
import Placement
import PlacementTestSupport
import Testing

@Suite struct DiagnoseCLITests {
  /// The bundled talent networks meet their minimums; with every minimum raised to 130 they
  /// cannot, and `diagnose` prints the README's explanation; `solve` ends `infeasible` with it.
  @Test func diagnosePrintsTheREADMEsExplanationOfTheInfeasibleVariant() throws {
    let bundled = try placement("diagnose", Fixtures.instance("talent-networks-2030.json").path)
    #expect(bundled.status == 0)
    #expect(bundled.standardOutput == "talent-networks-2030: every minimum can be met\n")
    let directory = try temporaryDirectory()
    let variant = directory.appendingPathComponent("minimum-130.json").path
    let generated = try placement(
      "generate", "--preset", "expert-network", "--seed", "2030", "--network-minimum", "130", "-o", variant)
    #expect(generated.status == 0)
    let run = try placement("diagnose", variant)
    #expect(run.status == 1)
    let readme = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let lines = run.standardOutput.split(separator: "\n")
    #expect(lines.count == 4 && lines.allSatisfy { readme.contains($0) }, "\(run.standardOutput)")
    #expect(lines.last?.contains("the least total shortfall is 44") == true)
    let result = directory.appendingPathComponent("result.json").path
    let solve = try placement("solve", variant, "--strategy", "welfare", "-o", result)
    #expect(solve.status == 1)
    #expect(solve.standardError.contains("note: minimums: the least total shortfall is 44"))
    let written = try String(contentsOfFile: result, encoding: .utf8)
    #expect(
      written.contains("\"status\":\"infeasible\"") && written.contains("minimums: the least total shortfall is 44"))
  }
}

@Suite struct TypeRulesCLITests {
  /// A region's minimum share of overseas-Vietnamese experts is a type rule: the
  /// proposal-based strategies refuse it with the registry's reason, welfare meets it and
  /// writes it among the result's minimums, and `diagnose` names a rule that cannot hold,
  /// in experts of its origin.
  @Test func regionOriginSharesAreHonouredOrRefused() throws {
    let directory = try temporaryDirectory()
    let variant = directory.appendingPathComponent("overseas.json").path
    let generated = try placement(
      "generate", "--preset", "expert-network", "--seed", "2030", "--region-overseas-share", "0.7", "-o", variant)
    #expect(generated.status == 0)
    let refused = try placement("solve", variant, "--strategy", "extended-seats")
    #expect(refused.status == 2 && refused.standardError.contains("type-rules:"), "\(refused.standardError)")
    let result = directory.appendingPathComponent("result.json").path
    // GLPK's welfare search on this market proves its optimum slowly: stopped at 5 s.
    let solved = try placement(
      "solve", variant, "--strategy", "stabilized-welfare", "--time-limit", "5", "-o", result)
    #expect(solved.status == 0, "\(solved.standardError)")
    let written = try String(contentsOfFile: result, encoding: .utf8)
    #expect(written.contains(#""kind":"group","minimum":"#) && written.contains(#""type":"overseas-vietnamese""#))
    #expect(try placement("check", variant, result).status == 0)

    let strict = directory.appendingPathComponent("strict.json").path
    #expect(
      try placement(
        "generate", "--preset", "expert-network", "--seed", "2030", "--region-overseas-share", "0.95", "-o", strict
      ).status == 0)
    let diagnosed = try placement("diagnose", strict, "--time-limit", "20")
    #expect(diagnosed.status == 1)
    #expect(
      diagnosed.standardOutput.contains(#"type "overseas-vietnamese" at group "region-"#), "\(diagnosed.standardOutput)"
    )
  }
}
