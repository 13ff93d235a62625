/// One option of a strategy, as ``StrategyRegistry`` describes it: its name on the command
/// line, the key of its value in a result's `parameters`, what values it takes, its
/// default, and a line of help.
public struct StrategyOption: Sendable {
  /// What values an option takes.
  public enum Kind: Sendable, Hashable {
    /// One of these words.
    case choice([String])
    /// A whole number in this range.
    case integer(ClosedRange<Int>)
    /// A whole number ≥ 0 (seeds).
    case seed
    /// A positive number of seconds, at most 10⁹.
    case seconds
    /// A finite number ≥ 0.
    case nonNegative
    /// Present or absent, with no value.
    case flag
  }

  /// The name after `--` on the command line ("tie-break").
  public var name: String
  /// The key of its value in a result's `parameters` ("tieBreak").
  public var parameter: String
  /// What values it takes.
  public var kind: Kind
  /// Its value when not given; `nil` when it has none (no time limit) or when
  /// ``marketDefault`` decides it.
  public var defaultValue: JSONValue?
  /// Its value when not given, decided by the market (the welfare objective).
  public var marketDefault: (@Sendable (Market) -> JSONValue)?
  /// How the default reads in help ("applicants", "none", "scores when the instance has scores, else rank-sum").
  public var defaultText: String
  /// One line of help.
  public var help: String

  /// Creates an option.
  public init(
    _ name: String, parameter: String, kind: Kind, default defaultValue: JSONValue?, defaultText: String? = nil,
    marketDefault: (@Sendable (Market) -> JSONValue)? = nil, help: String
  ) {
    self.name = name
    self.parameter = parameter
    self.kind = kind
    self.defaultValue = defaultValue
    self.marketDefault = marketDefault
    self.defaultText = defaultText ?? defaultValue.map(Self.text) ?? "none"
    self.help = help
  }

  /// The values it takes, in words ("applicants, positions", "1 to 4", "seconds > 0").
  public var valuesText: String {
    switch kind {
    case .choice(let words): words.joined(separator: ", ")
    case .integer(let range): "\(range.lowerBound) to \(range.upperBound)"
    case .seed: "a whole number ≥ 0"
    case .seconds: "seconds > 0"
    case .nonNegative: "a number ≥ 0"
    case .flag: "a flag"
    }
  }

  /// `text` read as this option's value.
  ///
  /// - Throws: ``StrategyUsageError`` naming the option, what it takes and `text`.
  public func value(of text: String) throws(StrategyUsageError) -> JSONValue {
    func refuse(_ what: String) -> StrategyUsageError {
      StrategyUsageError("--\(name) must be \(what), not \(text.isEmpty ? "empty" : text)")
    }
    switch kind {
    case .choice(let words):
      guard words.contains(text) else { throw refuse("one of \(words.joined(separator: ", "))") }
      return .string(text)
    case .integer(let range):
      guard let number = Int(text), range.contains(number) else {
        throw refuse("\(range.lowerBound) to \(range.upperBound)")
      }
      return .number(Double(number))
    case .seed:
      guard let number = UInt64(text), number < 1 << 53 else { throw refuse("a whole number from 0 to 2^53") }
      return .number(Double(number))
    case .seconds:
      guard let number = Double(text), number > 0, number <= 1e9 else {
        throw refuse("a positive number of seconds, at most 1000000000")
      }
      return .number(number)
    case .nonNegative:
      guard let number = Double(text), number >= 0, number.isFinite else { throw refuse("a number ≥ 0") }
      return .number(number)
    case .flag:
      throw StrategyUsageError("--\(name) takes no value")
    }
  }

  private static func text(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): text
    case .number(let number): number.rounded() == number ? String(Int(number)) : String(number)
    case .bool(let flag): flag ? "on" : "off"
    default: "none"
    }
  }
}

/// A strategy's options as given: each option's value by name; an option not given takes
/// its default.
public struct StrategyArguments: Sendable {
  /// The values given, by option name.
  public var given: [String: JSONValue]
  private let options: [StrategyOption]

  /// Arguments for `options` with the `given` values.
  public init(_ options: [StrategyOption], given: [String: JSONValue] = [:]) {
    self.options = options
    self.given = given
  }

  /// The value of option `name`: given, or its default; `nil` without either.
  public func value(_ name: String) -> JSONValue? {
    given[name] ?? options.first { $0.name == name }?.defaultValue
  }

  /// The value of option `name` as text (a choice); `nil` without one.
  public func text(_ name: String) -> String? {
    if case .string(let text) = value(name) { return text }
    return nil
  }

  /// The value of option `name` as a number; `nil` without one.
  public func number(_ name: String) -> Double? {
    if case .number(let number) = value(name) { return number }
    return nil
  }

  /// Whether flag `name` was given.
  public func flag(_ name: String) -> Bool {
    if case .bool(true) = value(name) { return true }
    return false
  }

  /// Every option's value for `market`, keyed by its parameter name: given, default, or
  /// the market's default; options without a value are left out.
  public func parameters(for market: Market) -> [String: JSONValue] {
    var parameters: [String: JSONValue] = [:]
    for option in options {
      if let value = value(option.name) ?? option.marketDefault?(market) { parameters[option.parameter] = value }
    }
    return parameters
  }
}

/// A strategy's options or name misused: the message says which and what is allowed.
public struct StrategyUsageError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The message, naming the option and the value.
  public var description: String

  /// Creates an error with `description`.
  public init(_ description: String) { self.description = description }
}
