import Foundation
import Placement

/// A season's placement as one self-contained HTML page for the people it concerns (no
/// network: inline CSS, SVG and a few lines of script for the search): the headline, the
/// rank distribution as a chart, fill per host or network, per university or origin, per
/// group, and why each unplaced person is unplaced, searchable. It reads at a laptop's
/// width and prints on A4 (the search box hidden, rows kept whole).
public struct SeasonReport: Sendable {
  let instance: Instance
  let market: Market
  let assignment: [Int32]
  let evaluation: Evaluation
  let reasons: UnplacedReasons

  /// A report of `assignment` (each applicant's position index, or −1) in `market`,
  /// compiled from `instance`.
  public init(instance: Instance, market: Market, assignment: [Int32]) {
    self.instance = instance
    self.market = market
    self.assignment = assignment
    evaluation = Evaluation(market, assignment)
    reasons = UnplacedReasons(market, assignment, instance: instance)
  }

  /// The page.
  public var html: String {
    let title = market.name.isEmpty ? "Placement season" : market.name
    let body =
      [
        "<header><h1>\(escape(title))</h1><p class=\"sub\">\(market.applicantCount) applicants, "
          + "\(market.positionCount) positions, \(market.groupCount) groups</p></header>",
        headline, "<section class=\"grid\">", rankChart, typeTable, "</section>", fillTables, unplacedSection,
      ]
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(title))</title>
      <style>\(Self.style)</style>
      </head>
      <body>
      \(body.joined(separator: "\n"))
      <script>\(Self.script)</script>
      </body>
      </html>

      """
  }

  private var headline: String {
    let total = market.applicantCount
    let placed = evaluation.matched
    let first = evaluation.rankProfile.first ?? 0
    var minimums = 0
    var met = 0
    for p in 0..<market.positionCount where instance.positions[p].minimum > 0 {
      minimums += 1
      if evaluation.positionFill[p] >= instance.positions[p].minimum
        || (instance.positions[p].closable && evaluation.positionFill[p] == 0)
      {
        met += 1
      }
    }
    for g in 0..<market.groupCount where instance.groups[g].minimum > 0 {
      minimums += 1
      if evaluation.groupFill[g] >= instance.groups[g].minimum { met += 1 }
    }
    let cards = [
      ("Placed", "\(placed) of \(total)", percent(placed, total)),
      ("First choice", "\(first)", "\(percent(first, placed)) of those placed"),
      (
        "Blocking pairs", "\(evaluation.blockingPairCount)",
        evaluation.blockingPairCount == 0 ? "stable" : "pairs who would both rather switch"
      ),
      (
        "Minimums met", minimums == 0 ? "none set" : "\(met) of \(minimums)",
        evaluation.isValid ? "valid placement" : "INVALID: \(evaluation.violations.count) violations"
      ),
    ]
    return "<section class=\"cards\">"
      + cards.map {
        "<div class=\"card\"><div class=\"label\">\($0.0)</div><div class=\"value\">\(escape($0.1))</div><div class=\"note\">\(escape($0.2))</div></div>"
      }.joined()
      + "</section>"
  }

  /// Placed at each rank of their own list, and the unplaced, as horizontal bars.
  private var rankChart: String {
    var rows = evaluation.rankProfile.enumerated().filter { $0.element > 0 }.map {
      ("choice \($0.offset + 1)", $0.element, false)
    }
    let unplaced = market.applicantCount - evaluation.matched
    if unplaced > 0 { rows.append(("unplaced", unplaced, true)) }
    let widest = max(1, rows.map(\.1).max() ?? 1)
    let rowHeight = 22
    let height = rows.count * rowHeight + 8
    var svg = "<svg viewBox=\"0 0 520 \(height)\" width=\"100%\" role=\"img\" aria-label=\"placed by rank\">"
    for (i, row) in rows.enumerated() {
      let y = 4 + i * rowHeight
      let width = max(1, 360 * row.1 / widest)
      svg += "<text x=\"88\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(row.0))</text>"
      svg += "<rect x=\"96\" y=\"\(y + 2)\" width=\"\(width)\" height=\"16\" class=\"\(row.2 ? "bar-none" : "bar")\"/>"
      svg += "<text x=\"\(100 + width)\" y=\"\(y + 15)\">\(row.1)</text>"
    }
    svg += "</svg>"
    return "<figure><figcaption>Placed by rank of their own list</figcaption>\(svg)</figure>"
  }

  private var typeTable: String {
    guard !market.typeNames.isEmpty else { return "" }
    let rows = market.typeNames.indices.map { t in
      let fill = evaluation.typeFill[t]
      return (market.typeNames[t], fill.placed, fill.total)
    }
    return "<figure><figcaption>Placed by university or origin</figcaption>"
      + fillTable(rows, header: "type", of: "applicants") + "</figure>"
  }

  private var fillTables: String {
    var out = ""
    if market.groupCount > 0 {
      let rows = (0..<market.groupCount).map {
        (market.groupIDs[$0], evaluation.groupFill[$0], instance.groups[$0].capacity)
      }
      out +=
        "<section><h2>Fill by host, sector or region</h2>" + fillTable(rows, header: "group", of: "seats")
        + "</section>"
    }
    let rows = (0..<market.positionCount).map {
      (market.positionIDs[$0], evaluation.positionFill[$0], instance.positions[$0].capacity)
    }
    let positions = "<h2>Fill by position</h2>" + fillTable(rows, header: "position", of: "seats")
    out +=
      market.positionCount > 40
      ? "<section><details><summary>Fill by position (\(market.positionCount))</summary>\(positions)</details></section>"
      : "<section>\(positions)</section>"
    return out
  }

  private func fillTable(_ rows: [(String, Int, Int)], header: String, of unit: String) -> String {
    var html =
      "<div class=\"scroll\"><table><thead><tr><th>\(header)</th><th class=\"num\">placed</th><th class=\"num\">of \(unit)</th><th class=\"bar-cell\">fill</th></tr></thead><tbody>"
    for (id, placed, total) in rows {
      let share = total == 0 ? 0 : min(100, 100 * placed / total)
      html +=
        "<tr><td>\(escape(id))</td><td class=\"num\">\(placed)</td><td class=\"num\">\(total)</td>"
        + "<td class=\"bar-cell\"><span class=\"meter\"><span style=\"width:\(share)%\"></span></span> \(percent(placed, total))</td></tr>"
    }
    return html + "</tbody></table></div>"
  }

  private var unplacedSection: String {
    guard !reasons.entries.isEmpty else { return "<section><h2>Unplaced</h2><p>Everyone is placed.</p></section>" }
    var html =
      "<section><h2>Unplaced, and why (\(reasons.entries.count))</h2>"
      + "<input id=\"search\" type=\"search\" placeholder=\"Search by id or post…\" aria-label=\"search\">"
      + "<div class=\"scroll tall\"><table id=\"unplaced\"><thead><tr><th>applicant</th><th>type</th><th>each post on their list</th></tr></thead><tbody>"
    var index: [String: Int] = [:]
    for (a, applicant) in instance.applicants.enumerated() { index[applicant.id] = a }
    for entry in reasons.entries {
      let type = index[entry.applicant].flatMap { instance.applicants[$0].type } ?? ""
      html +=
        "<tr><td>\(escape(entry.applicant))</td><td>\(escape(type))</td><td><ul>"
        + entry.reasons.map { "<li>\(escape($0))</li>" }.joined() + "</ul></td></tr>"
    }
    return html + "</tbody></table></div></section>"
  }

  private func percent(_ part: Int, _ whole: Int) -> String {
    whole == 0 ? "0%" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
  }

  private func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  static let style = """
    body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2733;margin:0 auto;max-width:1180px;padding:20px 28px}
    h1{font-size:26px;margin:0}h2{font-size:18px;margin:28px 0 10px}.sub{color:#5b6775;margin:4px 0 16px}
    .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
    .card{border:1px solid #d7dde4;border-radius:8px;padding:12px 14px;background:#f7f9fb}
    .label{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5b6775}.value{font-size:24px;font-weight:600}.note{font-size:13px;color:#5b6775}
    .grid{display:grid;grid-template-columns:1fr 1fr;gap:20px;margin-top:8px}
    figure{margin:16px 0 0}figcaption{font-weight:600;margin-bottom:6px}
    svg text{font-size:12px;fill:#1d2733}.bar{fill:#2f6fb0}.bar-none{fill:#c0504d}
    .scroll{max-height:420px;overflow:auto;border:1px solid #e3e7ec;border-radius:6px}.tall{max-height:560px}
    table{border-collapse:collapse;width:100%;font-size:14px}th,td{padding:5px 10px;text-align:left;border-bottom:1px solid #eef1f4;vertical-align:top}
    thead th{position:sticky;top:0;background:#eef2f6}.num{text-align:right;font-variant-numeric:tabular-nums}
    td ul{margin:0;padding-left:18px}.bar-cell{width:34%}
    .meter{display:inline-block;width:70%;height:10px;background:#e6ebf0;border-radius:5px;vertical-align:middle}.meter span{display:block;height:100%;background:#2f6fb0;border-radius:5px}
    #search{width:100%;max-width:420px;padding:7px 10px;margin-bottom:10px;border:1px solid #b9c3ce;border-radius:6px;font-size:14px}
    details summary{cursor:pointer;font-weight:600;margin:28px 0 10px;font-size:18px}
    @media (max-width:800px){.cards{grid-template-columns:1fr 1fr}.grid{grid-template-columns:1fr}}
    @media print{body{max-width:none;padding:0;font-size:11px}#search{display:none}.scroll{max-height:none;overflow:visible;border:0}
    thead th{position:static}tr{break-inside:avoid}details{display:block}details>*{display:block}.grid,.cards{break-inside:avoid}}
    """

  static let script = """
    document.querySelectorAll('details').forEach(d=>{window.addEventListener('beforeprint',()=>d.open=true)});
    const s=document.getElementById('search');if(s){s.addEventListener('input',()=>{const q=s.value.toLowerCase();
    document.querySelectorAll('#unplaced tbody tr').forEach(r=>{r.style.display=r.textContent.toLowerCase().includes(q)?'':'none'})})}
    """
}
