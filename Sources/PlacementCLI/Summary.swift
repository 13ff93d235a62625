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
    lines += minimumLines()
    if !market.typeNames.isEmpty {
      let fill = market.typeNames.indices.map { t in
        "\(market.typeNames[t]) \(evaluation.typeFill[t].placed) of \(evaluation.typeFill[t].total)"
      }
      lines.append("placed by type: \(fill.prefix(8).joined(separator: ", "))\(fill.count > 8 ? ", …" : "")")
    }
    // Unmet minimums are listed above, by how far they fall short.
    let violations = evaluation.violations.filter { !$0.contains("below its minimum") }
    for violation in violations.prefix(10) { lines.append("violation: \(violation)") }
    for note in solution.notes where !note.hasSuffix(" proposals") {
      lines.append("note: \(note)")
    }
    return lines
  }
}

extension Summary {
  /// Minimums that the placement misses (`short of minimum: "a" 90 of 100, …`, worst
  /// first) and those it meets by less than a tenth (`just at minimum: …`), for positions,
  /// groups and type rules (`"region-centre" of type "foreign" 12 of 20`); nothing when
  /// the market has none.
  func minimumLines() -> [String] {
    var short: [(name: String, placed: Int, minimum: Int)] = []
    var close: [(name: String, placed: Int, minimum: Int)] = []
    func sort(_ name: String, _ placed: Int, _ minimum: Int, closable: Bool) {
      guard minimum > 0, !(closable && placed == 0) else { return }
      if placed < minimum {
        short.append((name, placed, minimum))
      } else if placed * 10 < minimum * 11 {
        close.append((name, placed, minimum))
      }
    }
    for p in 0..<market.positionCount {
      sort(
        market.positionIDs[p], evaluation.positionFill[p], Int(market.positionMinimum[p]),
        closable: market.positionClosable[p])
    }
    for g in 0..<market.groupCount {
      sort(market.groupIDs[g], evaluation.groupFill[g], Int(market.groupMinimum[g]), closable: false)
    }
    for (r, rule) in market.typeRules.enumerated() where rule.hasLowerLimit {
      let holder = rule.position >= 0 ? market.positionIDs[Int(rule.position)] : market.groupIDs[Int(rule.group)]
      let tally = evaluation.typeRuleTallies[r]
      sort(
        "\(holder)\" of type \"\(market.typeNames[Int(rule.type)])", tally.count,
        market.requiredCount(ofTypeRule: r, fill: tally.fill), closable: false)
    }
    func text(_ list: [(name: String, placed: Int, minimum: Int)]) -> String {
      let items = list.sorted { ($0.placed - $0.minimum, $0.name) < ($1.placed - $1.minimum, $1.name) }
        .map { "\"\($0.name)\" \($0.placed) of \($0.minimum)" }
      return items.prefix(8).joined(separator: ", ") + (items.count > 8 ? ", … \(items.count - 8) more" : "")
    }
    var lines: [String] = []
    if !short.isEmpty { lines.append("short of minimum: \(text(short))") }
    if !close.isEmpty { lines.append("just at minimum (within 10%): \(text(close))") }
    let closed = (0..<market.positionCount).filter {
      market.positionClosable[$0] && market.positionMinimum[$0] > 0 && evaluation.positionFill[$0] == 0
    }
    if !closed.isEmpty {
      lines.append("closed: \(closed.prefix(8).map { "\"\(market.positionIDs[$0])\"" }.joined(separator: ", "))")
    }
    return lines
  }
}

/// An objective or bound for people: whole numbers without a decimal point, others to six
/// significant digits.
func formatted(_ value: Double) -> String {
  value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.6g", value)
}
