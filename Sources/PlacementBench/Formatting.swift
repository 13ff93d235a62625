import Foundation

/// How the tables and the report write numbers.
enum Formatting {
  /// Seconds to three significant digits (`0.00412`, `12.3`, `157`).
  static func seconds(_ value: Double?) -> String {
    guard let value else { return "—" }
    if value == 0 { return "0" }
    if value >= 100 { return String(format: "%.0f", value) }
    let decimals = max(0, 2 - Int(floor(log10(value))))
    return String(format: "%.\(min(decimals, 6))f", value)
  }

  /// A share as a percentage with one decimal (`97.5%`).
  static func percent(_ value: Double?) -> String {
    value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
  }

  /// A ratio with four decimals (`0.9873`).
  static func ratio(_ value: Double?) -> String {
    value.map { String(format: "%.4f", $0) } ?? "—"
  }

  /// A growth exponent (`n^1.23`).
  static func exponent(_ value: Double?) -> String {
    value.map { String(format: "n^%.2f", $0) } ?? "—"
  }

  /// Bytes as megabytes (`412 MB`, `3.1 MB`).
  static func megabytes(_ value: Double?) -> String {
    guard let value else { return "—" }
    let megabytes = value / 1_048_576
    return megabytes >= 10 ? String(format: "%.0f MB", megabytes) : String(format: "%.1f MB", megabytes)
  }

  /// A mean with one decimal (`4474.8`).
  static func decimal(_ value: Double?) -> String {
    value.map { String(format: "%.1f", $0) } ?? "—"
  }

  /// A count that may be a median of an even number of counts (`2991`, `2990.5`).
  static func count(_ value: Double?) -> String {
    guard let value else { return "—" }
    return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }
}
