/// A strategy with options as a sweep names it: `max-stable:time-limit=60:no-preprocessing`,
/// that is the strategy's name, then `:option=value` for each option and `:flag` for each
/// flag, with the names `placement solve` takes (without their dashes).
public struct StrategySpec: Sendable, Hashable {
  /// The spec as written.
  public var text: String
  /// The strategy's name.
  public var name: String
  /// The options as `placement solve` takes them (`["--time-limit", "60"]`).
  public var arguments: [String]

  /// Reads one spec.
  ///
  /// - Throws: ``BenchError`` for an empty name or option.
  public init(parsing text: String) throws(BenchError) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard let name = parts.first, !name.isEmpty else { throw BenchError("strategy \"\(text)\": no strategy name") }
    self.text = text
    self.name = name
    arguments = []
    for part in parts.dropFirst() {
      let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard !pair[0].isEmpty else { throw BenchError("strategy \"\(text)\": an empty option") }
      arguments.append("--" + pair[0])
      if pair.count == 2 { arguments.append(pair[1]) }
    }
  }

  /// Reads a comma-separated list of specs (`deferred-acceptance,max-stable:time-limit=60`).
  public static func list(parsing text: String) throws(BenchError) -> [StrategySpec] {
    let specs = try text.split(separator: ",").map { (part) throws(BenchError) in
      try StrategySpec(parsing: String(part))
    }
    guard !specs.isEmpty else { throw BenchError("--strategies: no strategy named") }
    guard Set(specs.map(\.text)).count == specs.count else {
      throw BenchError("--strategies \"\(text)\": a strategy is named twice")
    }
    return specs
  }

  /// Whether the spec sets `option` (given without dashes).
  public func sets(_ option: String) -> Bool { arguments.contains("--" + option) }
}

extension StrategySpec {
  /// The seconds the spec's own `time-limit` option gives, if it gives one.
  public var timeLimit: Double? {
    guard let index = arguments.firstIndex(of: "--time-limit"), index + 1 < arguments.count else { return nil }
    return Double(arguments[index + 1])
  }
}
