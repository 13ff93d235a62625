import Foundation

/// The few statistics a sweep's tables use.
enum Statistics {
  /// The median (the mean of the middle two for an even count); `nil` for no values.
  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The mean; `nil` for no values.
  static func mean(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  /// The power law `y = c·x^k` fitted by least squares on logarithms: `k` and `c`.
  /// `nil` without two distinct positive `x` (every `y` must be positive).
  static func powerLaw(_ points: [(x: Double, y: Double)]) -> (exponent: Double, factor: Double)? {
    let logs = points.filter { $0.x > 0 && $0.y > 0 }.map { (x: log($0.x), y: log($0.y)) }
    guard let first = logs.first, logs.contains(where: { $0.x != first.x }) else { return nil }
    let n = Double(logs.count)
    let meanX = logs.reduce(0) { $0 + $1.x } / n
    let meanY = logs.reduce(0) { $0 + $1.y } / n
    let covariance = logs.reduce(0) { $0 + ($1.x - meanX) * ($1.y - meanY) }
    let variance = logs.reduce(0) { $0 + ($1.x - meanX) * ($1.x - meanX) }
    let exponent = covariance / variance
    return (exponent, exp(meanY - exponent * meanX))
  }
}
