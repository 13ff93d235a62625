/// One strategy as the registry lists it: its name, what it does, its options, how it
/// treats each market feature, and how to make it from arguments.
public struct StrategyEntry: Sendable {
  /// The name in results and on the command line ("deferred-acceptance").
  public var name: String
  /// One line on what it decides and guarantees.
  public var summary: String
  /// Its options besides the control's (``StrategyRegistry/controlOptions``).
  public var options: [StrategyOption]
  /// Whether the control's seed changes its result (random tie-breaking).
  public var usesSeed: Bool
  /// How it treats each feature a market may have; a feature not listed is honoured.
  public var features: [MarketFeature: FeatureSupport]
  /// Makes the strategy from arguments whose values the options accept.
  public var make: @Sendable (StrategyArguments) -> any Strategy

  /// Creates an entry.
  public init(
    name: String, summary: String, options: [StrategyOption] = [], usesSeed: Bool = false,
    features: [MarketFeature: FeatureSupport] = [:], make: @escaping @Sendable (StrategyArguments) -> any Strategy
  ) {
    self.name = name
    self.summary = summary
    self.options = options
    self.usesSeed = usesSeed
    self.features = features
    self.make = make
  }

  /// Its options and the control's it takes: the time limit always, the seed when it uses one.
  public var allOptions: [StrategyOption] {
    options + StrategyRegistry.controlOptions.filter { usesSeed || $0.name != StrategyRegistry.seed }
  }

  /// Why it cannot run on `market`: each refused feature the market has, with the reason.
  public func refusals(of market: Market) -> [String] {
    market.features.sorted().compactMap { feature in
      guard case .refused(let reason) = features[feature] else { return nil }
      return "\(feature.rawValue): \(reason)"
    }
  }
}

/// Every strategy by name, with its options and the market features it takes: the one
/// table that the command line, its help, option checking, a result's `parameters` and
/// benchmark sweeps read.
///
/// `Placement` has the native strategies (``native``); `PlacementGLPK` adds the integer
/// programmes and GLPK methods.
public struct StrategyRegistry: Sendable {
  /// The entries, in the order they are listed.
  public var entries: [StrategyEntry]

  /// A registry of `entries`.
  public init(_ entries: [StrategyEntry]) {
    self.entries = entries
  }

  /// The name of the control's seed option.
  public static let seed = "seed"
  /// The name of the control's time-limit option.
  public static let timeLimit = "time-limit"

  /// The options every solve's ``SolveControl`` takes: the time limit (every strategy) and
  /// the seed (strategies with random choices).
  public static let controlOptions = [
    StrategyOption(
      timeLimit, parameter: "timeLimit", kind: .seconds, default: nil,
      help: "stop after this many seconds and return the best placement found, with its bound"),
    StrategyOption(
      seed, parameter: "seed", kind: .seed, default: .number(1), help: "the seed of random choices"),
  ]

  /// The entry named `name`.
  public func entry(named name: String) -> StrategyEntry? {
    entries.first { $0.name == name }
  }

  /// The registry with `entry` in place of the one of the same name, or added at the end.
  public func with(_ entry: StrategyEntry) -> StrategyRegistry {
    var registry = self
    if let index = entries.firstIndex(where: { $0.name == entry.name }) {
      registry.entries[index] = entry
    } else {
      registry.entries.append(entry)
    }
    return registry
  }

  /// Reads command-line words (`--name value`, `--name=value`, `--flag`) as options of the
  /// strategy `name`.
  ///
  /// - Throws: ``StrategyUsageError`` for an unknown strategy, a word that is not an
  ///   option, an option the strategy does not take (naming the strategies that do), a
  ///   missing or malformed value, or an option given twice.
  public func arguments(for name: String, from words: [String]) throws(StrategyUsageError) -> StrategyArguments {
    guard let entry = entry(named: name) else {
      throw StrategyUsageError(
        "unknown strategy \(name); the strategies are \(entries.map(\.name).joined(separator: ", "))")
    }
    let options = entry.allOptions
    var given: [String: JSONValue] = [:]
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("--"), word.count > 2 else {
        throw StrategyUsageError("unexpected argument \(word)")
      }
      let body = word.dropFirst(2)
      let optionName = String(body.prefix { $0 != "=" })
      let inlineValue = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
      guard let option = options.first(where: { $0.name == optionName }) else {
        throw StrategyUsageError(notTaken(optionName, by: entry))
      }
      guard given[option.name] == nil else { throw StrategyUsageError("--\(option.name) is given twice") }
      if option.kind == .flag {
        guard inlineValue == nil else { throw StrategyUsageError("--\(option.name) takes no value") }
        given[option.name] = .bool(true)
        continue
      }
      guard let text = inlineValue ?? (index < words.count ? words[index] : nil) else {
        throw StrategyUsageError("--\(option.name) needs a value: \(option.valuesText)")
      }
      if inlineValue == nil { index += 1 }
      given[option.name] = try option.value(of: text)
    }
    return StrategyArguments(options, given: given)
  }

  /// Why `option` is refused for `entry`, in the registry's words.
  private func notTaken(_ option: String, by entry: StrategyEntry) -> String {
    let takers = entries.filter { $0.allOptions.contains { $0.name == option } }.map(\.name)
    let takes = entry.allOptions.map { "--\($0.name)" }.joined(separator: ", ")
    let own = "\(entry.name) takes \(takes.isEmpty ? "no options" : takes)"
    guard !takers.isEmpty else { return "--\(option) is not an option of any strategy; \(own)" }
    return "--\(option) applies to \(takers.joined(separator: " and ")) only; \(own)"
  }
}
