import Foundation
import Placement

/// The facts of a placement for people, as `check --format text` prints them: the
/// headline, the rank distribution, fill per host and per type, and why each unplaced
/// applicant is unplaced.
struct SeasonFacts {
  let instance: Instance
  let market: Market
  let assignment: [Int32]
  let evaluation: Evaluation

  var lines: [String] {
    let total = market.applicantCount
    let placed = evaluation.matched
    let first = evaluation.rankProfile.first ?? 0
    var lines = [
      "\(market.name.isEmpty ? "season" : market.name): placed \(placed) of \(total) (\(percent(placed, total))), "
        + "first choice \(first) (\(percent(first, placed)) of those placed), blocking pairs \(evaluation.blockingPairCount), "
        + (evaluation.minimumsMissed == 0 ? "every minimum met" : "\(evaluation.minimumsMissed) minimums missed"),
      "",
      "by rank:",
    ]
    let widest = max(1, evaluation.rankProfile.max() ?? 1)
    for (rank, count) in evaluation.rankProfile.enumerated() where count > 0 {
      let bar = String(repeating: "█", count: max(1, 40 * count / widest))
      lines.append("  #\(rank + 1)".padding(toLength: 7, withPad: " ", startingAt: 0) + "\(bar) \(count)")
    }
    if total > placed {
      lines.append("  none".padding(toLength: 7, withPad: " ", startingAt: 0) + "\(total - placed) unplaced")
    }
    if market.groupCount > 0 {
      lines += ["", "fill by group:"]
      for g in 0..<market.groupCount {
        lines.append("  \(market.groupIDs[g]): \(evaluation.groupFill[g]) of \(instance.groups[g].capacity)")
      }
    } else {
      lines += ["", "fill by position:"]
      for p in 0..<market.positionCount {
        lines.append("  \(market.positionIDs[p]): \(evaluation.positionFill[p]) of \(instance.positions[p].capacity)")
      }
    }
    if !market.typeNames.isEmpty {
      lines += ["", "placed by type:"]
      for t in market.typeNames.indices {
        let fill = evaluation.typeFill[t]
        lines.append("  \(market.typeNames[t]): \(fill.placed) of \(fill.total) (\(percent(fill.placed, fill.total)))")
      }
    }
    for violation in evaluation.violations.prefix(20) { lines.append("violation: \(violation)") }
    let reasons = UnplacedReasons(market, assignment, instance: instance)
    if !reasons.entries.isEmpty {
      lines += ["", "unplaced, and why:"]
      for entry in reasons.entries {
        lines.append("  \(entry.applicant):")
        lines += entry.reasons.map { "    \($0)" }
      }
    }
    return lines
  }

  private func percent(_ part: Int, _ whole: Int) -> String {
    whole == 0 ? "0%" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
  }
}
