import Foundation

/// A small chart drawn as inline SVG: two axes (linear or logarithmic), lines, dots and
/// a legend. Hand-written because the report must be one self-contained file and no
/// package on the list draws charts; it draws just what the three figures need.
struct SVGChart {
  /// One axis: its range, whether it is logarithmic (base 10), its title, and its ticks
  /// (values with their labels).
  struct Axis {
    var low: Double
    var high: Double
    var logarithmic = false
    var title: String
    var ticks: [(value: Double, label: String)] = []

    /// A logarithmic axis over whole decades covering `values` (all positive).
    static func logarithmic(covering values: [Double], title: String) -> Axis {
      let logs = values.filter { $0 > 0 }.map(log10)
      let low = floor(logs.min() ?? 0)
      let high = max(ceil(logs.max() ?? 1), low + 1)
      let ticks = stride(from: low, through: high, by: 1).map { (pow(10, $0), Self.power(of: $0)) }
      return Axis(low: pow(10, low), high: pow(10, high), logarithmic: true, title: title, ticks: ticks)
    }

    /// A linear axis from `low` to `high` with about five round ticks.
    static func linear(from low: Double, to high: Double, title: String, format: (Double) -> String) -> Axis {
      let span = max(high - low, 1e-9)
      let raw = span / 5
      let magnitude = pow(10, floor(log10(raw)))
      let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
      let first = ceil(low / step - 1e-9) * step + 0  // + 0 turns −0 into 0
      let ticks = stride(from: first, through: high + step * 1e-6, by: step).map { ($0, format($0)) }
      return Axis(low: low, high: high, title: title, ticks: ticks)
    }

    /// `10⁻³`, `1`, `10`, `10²`, … for a decade.
    private static func power(of exponent: Double) -> String {
      switch Int(exponent) {
      case 0: return "1"
      case 1: return "10"
      case let other:
        let digits: [Character: Character] = [
          "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return "10" + String(String(other).map { digits[$0]! })
      }
    }

    /// Where `value` falls, from 0 (low) to 1 (high).
    func fraction(_ value: Double) -> Double {
      logarithmic
        ? (log10(max(value, low)) - log10(low)) / (log10(high) - log10(low)) : (value - low) / (high - low)
    }
  }

  /// The colours of the series, in order (Okabe and Ito's, told apart with colour-blindness).
  static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"]

  var x: Axis
  var y: Axis
  private var marks: [String] = []
  private var legend: [(label: String, color: String)] = []

  private let plotWidth = 560.0
  private let plotHeight = 300.0
  private let left = 72.0
  private let top = 16.0

  init(x: Axis, y: Axis) {
    self.x = x
    self.y = y
  }

  private func point(_ value: (x: Double, y: Double)) -> (Double, Double) {
    (left + x.fraction(value.x) * plotWidth, top + (1 - y.fraction(value.y)) * plotHeight)
  }

  /// A polyline through `points` (in data coordinates).
  mutating func line(_ points: [(x: Double, y: Double)], color: String, dashed: Bool = false) {
    guard points.count > 1 else { return }
    let path = points.map(point).map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ")
    let dash = dashed ? " stroke-dasharray=\"6 4\"" : ""
    marks.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>")
  }

  /// A dot at each of `points`, with `title` shown on hover.
  mutating func dots(_ points: [(x: Double, y: Double, title: String)], color: String, radius: Double = 4) {
    for value in points {
      let (px, py) = point((value.x, value.y))
      marks.append(
        String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" ", px, py, radius)
          + "fill=\"\(color)\" fill-opacity=\"0.8\">"
          + "<title>\(HTML.escape(value.title))</title></circle>")
    }
  }

  /// A legend entry.
  mutating func label(_ text: String, color: String) {
    legend.append((text, color))
  }

  /// The chart as an `<svg>` element with `caption` as its accessible name.
  func svg(caption: String) -> String {
    // The legend sits under the plot, one entry a line, so long strategy specs fit.
    let width = left + plotWidth + 24
    let legendTop = top + plotHeight + 70
    let height = legendTop + Double(legend.count) * 22
    var parts = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
        + "aria-label=\"\(HTML.escape(caption))\">",
      String(
        format: "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\" stroke=\"#bbb\"/>", left, top,
        plotWidth, plotHeight),
    ]
    for tick in x.ticks {
      let (px, _) = point((tick.value, y.low))
      parts.append(
        String(
          format: "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#eee\"/>", px, top, px,
          top + plotHeight)
          + String(format: "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">", px, top + plotHeight + 18)
          + "\(HTML.escape(tick.label))</text>")
    }
    for tick in y.ticks {
      let (_, py) = point((x.low, tick.value))
      parts.append(
        String(
          format: "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#eee\"/>", left, py, left + plotWidth,
          py)
          + String(
            format: "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"middle\">", left - 6, py)
          + "\(HTML.escape(tick.label))</text>")
    }
    parts.append(
      String(format: "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">", left + plotWidth / 2, top + plotHeight + 44)
        + "\(HTML.escape(x.title))</text>")
    parts.append(
      String(
        format: "<text transform=\"translate(16 %.0f) rotate(-90)\" text-anchor=\"middle\">", top + plotHeight / 2)
        + "\(HTML.escape(y.title))</text>")
    parts += marks
    for (index, entry) in legend.enumerated() {
      let ly = legendTop + Double(index) * 22
      let lx = left
      parts.append(
        String(format: "<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"14\" ", lx, ly - 7)
          + "fill=\"\(entry.color)\"/>"
          + String(format: "<text x=\"%.0f\" y=\"%.0f\" dominant-baseline=\"middle\">", lx + 20, ly)
          + "\(HTML.escape(entry.label))</text>")
    }
    parts.append("</svg>")
    return parts.joined(separator: "\n")
  }
}

/// Escaping text for HTML and SVG.
enum HTML {
  static func escape(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
