import Placement

extension StrategyRegistry {
  /// Every strategy: the native ones, welfare with its GLPK methods for markets that are
  /// not networks, max-stable, stabilized-welfare and fewest-blocking.
  public static let all = StrategyRegistry.native.with(.welfare).with(.maxStable).with(.stabilizedWelfare).with(
    .fewestBlocking)
}

extension StrategyEntry {
  /// The relative-gap option of GLPK's searches.
  static let gapOption = StrategyOption(
    "gap", parameter: "gap", kind: .nonNegative, default: .number(0),
    help: "stop when the relative gap between placement and bound is at most this (0 proves the optimum)")

  /// ``WelfareProgram``: welfare by min-cost flow where the market is a network, else by
  /// GLPK's branch-and-bound.
  public static let welfare = StrategyEntry(
    name: "welfare",
    summary: "the most placed at the best total outcome under every quota: min-cost flow on networks, else GLPK",
    options: [
      welfareObjectiveOption,
      StrategyOption(
        "method", parameter: "method", kind: .choice(WelfareProgram.Method.allCases.map(\.rawValue)),
        default: .string(WelfareProgram.Method.automatic.rawValue),
        help: "automatic: min-cost flow when the market is a network, else GLPK; min-cost-flow; glpk"),
      gapOption,
      StrategyOption(
        "stable", parameter: "stable", kind: .flag, default: .bool(false),
        help: "only weakly stable placements count (adds the stability rows; solved by GLPK)"),
    ],
    features: [
      .closableMinimums: .limited("GLPK's branch-and-bound (not min-cost flow)"),
      .crossingGroups: .limited("GLPK's branch-and-bound (not min-cost flow)"),
      .typeRules: .limited("GLPK's branch-and-bound (not min-cost flow)"),
      .ties: .limited("a tie shares its rank"),
    ]
  ) { arguments in
    var options = arguments.flag("stable") ? MaxStableProgram.defaultOptions : GLPKOptions()
    options.relativeGap = arguments.number("gap") ?? 0
    return WelfareProgram(
      objective: arguments.text("objective").flatMap(WelfareObjective.init(rawValue:)),
      method: arguments.text("method").flatMap(WelfareProgram.Method.init(rawValue:)) ?? .automatic,
      options: options, stable: arguments.flag("stable"))
  }

  /// ``MaxStableProgram``.
  public static let maxStable = StrategyEntry(
    name: "max-stable",
    summary: "a largest weakly stable placement, proven by GLPK's branch-and-bound or reported with a bound",
    options: [
      gapOption,
      StrategyOption(
        "no-preprocessing", parameter: "noPreprocessing", kind: .flag, default: .bool(false),
        help: "keep every pair (skip removing pairs no stable placement uses)"),
      StrategyOption(
        "no-warm-start", parameter: "noWarmStart", kind: .flag, default: .bool(false),
        help: "start the search from nothing rather than from stable-approx's placement"),
      StrategyOption(
        "searches", parameter: "searches", kind: .integer(1...MaxStableProgram.maximumSearches), default: .number(1),
        help: "branch-and-bound searches racing side by side, one thread each, sharing placements "
          + "(best projection, best local bound, depth first, breadth first)"),
      StrategyOption(
        "branching", parameter: "branching", kind: .choice(GLPKOptions.Branching.allCases.map(\.rawValue)),
        default: nil,
        help: "which fractional column GLPK branches on: driebeck-tomlin (without the option), "
          + "hybrid-pseudocost (strong branching first), most-, first- or last-fractional"),
    ],
    features: [.scores: .limited("play no part")]
  ) { arguments in
    var options = MaxStableProgram.defaultOptions
    options.relativeGap = arguments.number("gap") ?? 0
    if let branching = arguments.text("branching").flatMap(GLPKOptions.Branching.init(rawValue:)) {
      options.branching = branching
    }
    return MaxStableProgram(
      options: options, preprocessing: !arguments.flag("no-preprocessing"),
      warmStart: !arguments.flag("no-warm-start"), searches: Int(arguments.number("searches") ?? 1))
  }

  /// ``StabilizedWelfare``.
  public static let stabilizedWelfare = StrategyEntry(
    name: "stabilized-welfare",
    summary: "welfare's placement with blocking pairs resolved while every minimum holds; fast, not proven fewest",
    features: [
      .groupPreferences: .limited("a pair that blocks through a full ranking group is not resolved"),
      .ties: .limited("a tie never blocks"),
      .scores: .limited("play no part"),
    ]
  ) { _ in StabilizedWelfare() }

  /// ``FewestBlockingPairsProgram``.
  public static let fewestBlocking = StrategyEntry(
    name: "fewest-blocking",
    summary: "a placement meeting every minimum with the fewest blocking pairs (as stable as minimums allow), by GLPK",
    options: [gapOption],
    features: [.scores: .limited("play no part")]
  ) { arguments in
    var options = MaxStableProgram.defaultOptions
    options.relativeGap = arguments.number("gap") ?? 0
    return FewestBlockingPairsProgram(options: options)
  }
}
