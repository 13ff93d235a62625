import Foundation
import Placement

/// The short human summary of a solve, for stderr.
struct Summary {
  let market: Market
  let solution: Solution
  let evaluation: Evaluation

  func lines(strategy: String) -> [String] {
    let name = market.name.isEmpty ? "instance" : market.name
    var lines = [
      "\(name): \(market.applicantCount) applicants, \(market.positionCount) positions, "
        + "\(market.groupCount) groups, \(market.pairCount) acceptable pairs",
      "\(strategy): \(solution.status.rawValue) in \(String(format: "%.3f", solution.solveSeconds)) s",
    ]
    let share = market.applicantCount == 0 ? 0 : 100 * Double(evaluation.matched) / Double(market.applicantCount)
    let profile = evaluation.rankProfile.prefix(5).enumerated().map { "#\($0 + 1): \($1)" }.joined(separator: ", ")
    lines.append(
      "placed \(evaluation.matched) of \(market.applicantCount) (\(String(format: "%.1f", share))%); "
        + "blocking pairs \(evaluation.blockingPairCount); rank sum \(evaluation.rankSum)")
    if !profile.isEmpty {
      lines.append("by rank: \(profile)\(evaluation.rankProfile.count > 5 ? ", …" : "")")
    }
    if let objective = solution.objective {
      var line = "objective \(solution.objectiveName.map { "(\($0)) " } ?? "")\(formatted(objective))"
      if let bound = solution.bound { line += ", bound \(formatted(bound))" }
      if let gap = solution.gap { line += String(format: ", gap %.4f%%", 100 * gap) }
      lines.append(line)
    }
    for violation in evaluation.violations.prefix(10) { lines.append("violation: \(violation)") }
    for note in solution.notes where !note.hasSuffix(" proposals") {
      lines.append("note: \(note)")
    }
    return lines
  }
}

/// An objective or bound for people: whole numbers without a decimal point, others to six
/// significant digits.
func formatted(_ value: Double) -> String {
  value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.6g", value)
}
