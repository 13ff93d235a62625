import Foundation

/// The sweep as one self-contained HTML page (no network: inline CSS and SVG): how time
/// grows with size, how close each strategy comes to the best known, the rank profiles,
/// and the tables. Each figure is one `<figure class="plot">` holding one `<svg>`.
public struct HTMLReport: Sendable {
  let records: [BenchRecord]
  let markdown: MarkdownReport
  var summary: SweepSummary { markdown.summary }

  /// A report of `records` (one sweep's).
  public init(_ records: [BenchRecord]) {
    self.records = records.sorted { $0.run < $1.run }
    markdown = MarkdownReport(records)
  }

  /// The most ranks the rank-profile figure shows.
  static let profileRanks = 10

  /// The page.
  public var html: String {
    let first = records.first
    let title = "Placement bench" + (first.map { ": sweep \($0.sweep)" } ?? "")
    var body = ["<h1>\(HTML.escape(title))</h1>"]
    if let first {
      body.append(
        "<p>\(records.count) of \(first.runs) runs. \(HTML.escape(first.machine.description)), "
          + "\(HTML.escape(first.machine.system)). Placement \(HTML.escape(first.versions.placement)), "
          + "GLPK \(HTML.escape(first.versions.glpk)), Swift \(HTML.escape(first.versions.swift)).</p>")
    }
    body += [
      figure(
        timeChart,
        caption:
          "Solve time against applicants (log–log), the median of the repeats per instance; lines are the fitted power laws."
      ),
      figure(
        ratioChart,
        caption:
          "Applicants placed ÷ the best known for the instance (the most placed by a stable result), one dot per run; the black dot is the mean."
      ),
      figure(
        profileChart,
        caption:
          "Share of placed applicants at each rank of their own list (1 = first choice), over all runs of each strategy."
      ),
      "<h2>By strategy</h2>", table(markdown.strategyTable),
      "<h2>By family of instances</h2>", table(markdown.familyTable),
      "<h2>By instance</h2>", table(markdown.instanceTable),
    ]
    let failures = markdown.failureLines
    if !failures.isEmpty {
      body.append("<h2>Runs without a result</h2><ul>")
      body += failures.map { "<li>\(HTML.escape($0))</li>" }
      body.append("</ul>")
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(HTML.escape(title))</title>
      <style>
      body { font: 15px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1180px; padding: 0 16px; color: #222; }
      figure.plot { margin: 24px 0; }
      figure.plot svg { width: 100%; max-width: 720px; height: auto; font: 13px system-ui, sans-serif; }
      figcaption { color: #555; max-width: 900px; }
      div.table { overflow-x: auto; }
      table { border-collapse: collapse; margin: 12px 0 24px; font-size: 13px; }
      th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }
      td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
      code { font-size: 13px; }
      @media print { figure.plot { break-inside: avoid; } }
      </style>
      </head>
      <body>
      \(body.joined(separator: "\n"))
      </body>
      </html>

      """
  }

  private func figure(_ svg: String, caption: String) -> String {
    "<figure class=\"plot\">\n\(svg)\n<figcaption>\(HTML.escape(caption))</figcaption>\n</figure>"
  }

  /// A markdown table's lines as an HTML table (its alignment row decides the numeric columns).
  private func table(_ lines: [String]) -> String {
    func cells(_ line: String) -> [String] {
      line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
        .map { $0.trimmingCharacters(in: .whitespaces) }
    }
    guard lines.count >= 2 else { return "" }
    let numeric = cells(lines[1]).map { $0.hasSuffix(":") }
    func row(_ line: String, tag: String) -> String {
      let items = cells(line).enumerated().map { index, cell in
        let text = HTML.escape(cell.replacingOccurrences(of: "`", with: ""))
        return "<\(tag)\(numeric[index] ? " class=\"number\"" : "")>\(text)</\(tag)>"
      }
      return "<tr>" + items.joined() + "</tr>"
    }
    return "<div class=\"table\"><table>\n<thead>" + row(lines[0], tag: "th") + "</thead>\n<tbody>\n"
      + lines.dropFirst(2).map { row($0, tag: "td") }.joined(separator: "\n") + "\n</tbody>\n</table></div>"
  }

  private func color(_ index: Int) -> String { SVGChart.palette[index % SVGChart.palette.count] }

  /// Median solve seconds per instance against applicants, with each strategy's fit.
  var timeChart: String {
    let floor = 1e-4
    let times = summary.cells.compactMap(\.medianSeconds).map { max($0, floor) }
    let sizes = summary.cells.map { Double(max($0.instance.applicants, 1)) }
    var chart = SVGChart(
      x: .logarithmic(covering: sizes, title: "applicants"),
      y: .logarithmic(covering: times.isEmpty ? [floor, 1] : times, title: "solve time (s)"))
    for (index, row) in summary.strategies.enumerated() {
      let cells = summary.cells.filter { $0.strategy == row.strategy }
      let points = cells.compactMap { cell in
        cell.medianSeconds.map {
          (
            x: Double(max(cell.instance.applicants, 1)), y: max($0, floor),
            title: "\(row.strategy) on \(cell.instance.label): \(Formatting.seconds($0)) s"
          )
        }
      }
      chart.dots(points, color: color(index))
      if let exponent = row.exponent, let factor = row.factor, let low = points.map(\.x).min(),
        let high = points.map(\.x).max()
      {
        let steps = 24
        let fitted = (0...steps).map { step -> (x: Double, y: Double) in
          let size = low * pow(high / low, Double(step) / Double(steps))
          return (size, min(max(factor * pow(size, exponent), chart.y.low), chart.y.high))
        }
        chart.line(fitted, color: color(index))
      }
      chart.label(
        "\(row.strategy) (\(row.exponent.map { String(format: "∝ n^%.2f", $0) } ?? "one size"))", color: color(index))
    }
    return chart.svg(caption: "solve time against applicants")
  }

  /// Placed ÷ best known, one row of dots per strategy.
  var ratioChart: String {
    var ratios: [(strategy: Int, ratio: Double, title: String)] = []
    for (index, row) in summary.strategies.enumerated() {
      for cell in summary.cells where cell.strategy == row.strategy {
        for (record, ratio) in cell.ratios {
          let title =
            "\(row.strategy) on \(cell.instance.label), repeat \(record.repeat): \(record.matched ?? 0) of \(cell.best ?? 0)"
          ratios.append((index, ratio, title))
        }
      }
    }
    let count = max(summary.strategies.count, 1)
    let low = min(ratios.map(\.ratio).min() ?? 0.9, 0.9)
    let high = max(ratios.map(\.ratio).max() ?? 1, 1)
    let lowTick = (low * 20).rounded(.down) / 20
    var chart = SVGChart(
      x: .linear(
        from: lowTick, to: high + (high - lowTick) * 0.04, title: "placed ÷ best known",
        format: { String(format: "%.3f", $0) }),
      y: SVGChart.Axis(low: -0.5, high: Double(count) - 0.5, title: "strategy"))
    chart.line([(1, -0.5), (1, Double(count) - 0.5)], color: "#888", dashed: true)
    for (index, row) in summary.strategies.enumerated() {
      let level = Double(count - 1 - index)
      let points = ratios.filter { $0.strategy == index }.enumerated().map { offset, entry in
        (x: entry.ratio, y: level + Double(offset % 7 - 3) * 0.06, title: entry.title)
      }
      chart.dots(points, color: color(index), radius: 3.5)
      if let mean = row.meanRatio {
        chart.dots([(mean, level, "\(row.strategy): mean \(Formatting.ratio(mean))")], color: "#222", radius: 2.5)
      }
      chart.label("\(row.strategy) (mean \(Formatting.ratio(row.meanRatio)))", color: color(index))
    }
    return chart.svg(caption: "applicants placed divided by the best known")
  }

  /// The share of placed applicants at each rank, one line per strategy.
  var profileChart: String {
    let ranks = min(max(summary.strategies.map(\.rankProfile.count).max() ?? 1, 1), Self.profileRanks)
    let shares = summary.strategies.map { row in
      (1...ranks).map { rank in
        row.placed == 0 || rank > row.rankProfile.count
          ? 0 : Double(row.rankProfile[rank - 1]) / Double(row.placed) * 100
      }
    }
    let top = max(shares.flatMap { $0 }.max() ?? 100, 1)
    var chart = SVGChart(
      x: .linear(
        from: 0.5, to: Double(ranks) + 0.5, title: "rank of the placement in the applicant's list",
        format: { String(Int($0)) }),
      y: .linear(from: 0, to: top * 1.05, title: "share of placed (%)", format: { String(format: "%.0f", $0) }))
    chart.x.ticks = (1...ranks).map { (Double($0), String($0)) }
    for (index, row) in summary.strategies.enumerated() {
      let points = shares[index].enumerated().map { (x: Double($0 + 1), y: $1) }
      chart.line(points, color: color(index))
      chart.dots(
        points.map {
          (x: $0.x, y: $0.y, title: "\(row.strategy), rank \(Int($0.x)): " + String(format: "%.1f%%", $0.y))
        }, color: color(index), radius: 3)
      chart.label(row.strategy, color: color(index))
    }
    return chart.svg(caption: "rank profile")
  }
}
