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
