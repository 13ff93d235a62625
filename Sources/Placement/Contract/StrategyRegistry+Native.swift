extension StrategyRegistry {
  /// The native strategies: deferred acceptance, the stable approximation, welfare by
  /// min-cost flow, and extended-seat deferred acceptance for minimums.
  public static let native = StrategyRegistry([
    .deferredAcceptance, .stableApproximation, .networkWelfare, .extendedSeats,
  ])
}

extension StrategyEntry {
  /// ``DeferredAcceptance``.
  public static let deferredAcceptance = StrategyEntry(
    name: "deferred-acceptance",
    summary: "the proposing side's optimal stable matching; weakly stable with ties, broken by a rule",
    options: [
      StrategyOption(
        "proposer", parameter: "proposer", kind: .choice(DeferredAcceptance.Proposer.allCases.map(\.rawValue)),
        default: .string(DeferredAcceptance.Proposer.applicants.rawValue), help: "which side proposes"),
      StrategyOption(
        "tie-break", parameter: "tieBreak", kind: .choice(TieBreaking.allCases.map(\.rawValue)),
        default: .string(TieBreaking.listed.rawValue),
        help: "how ties are broken: listed order, or one random order (single) or one per position (multiple)"),
    ],
    usesSeed: true,
    features: [
      .ties: .limited("broken by the tie-break rule: weakly stable, not the largest stable placement"),
      .groups: .limited(
        "capacities hold; in a full group that ranks no one, an applicant may prefer another of its posts with a "
          + "free seat, so blocking pairs may remain"),
      .groupPreferences: .limited("positions proposing ignore them, so blocking pairs may remain"),
      .minimums: .limited("not targets: a closable position below its minimum closes; another makes it infeasible"),
      .typeRules: .refused("group type quotas, type minimums and shares are not choices proposals can honour"),
      .crossingGroups: .limited("quotas hold; stability is proven only when each position is in one group"),
      .scores: .limited("play no part"),
    ]
  ) { arguments in
    DeferredAcceptance(
      proposing: arguments.text("proposer").flatMap(DeferredAcceptance.Proposer.init(rawValue:)) ?? .applicants,
      tieBreaking: arguments.text("tie-break").flatMap(TieBreaking.init(rawValue:)) ?? .listed)
  }

  /// ``StableApproximation``.
  public static let stableApproximation = StrategyEntry(
    name: "stable-approx",
    summary: "a weakly stable placement with ties kept, at least 2/3 of the largest on capacity-only markets",
    features: [
      .groups: .limited("weakly stable; no ratio proven"),
      .typeQuotas: .limited("weakly stable; no ratio proven"),
      .typeRules: .refused("group type quotas, type minimums and shares are not choices proposals can honour"),
      .minimums: .limited("as deferred acceptance: closable positions close, others may leave it infeasible"),
      .crossingGroups: .limited("quotas hold; stability is proven only when each position is in one group"),
      .scores: .limited("play no part"),
    ]
  ) { _ in StableApproximation() }

  /// The welfare objective option, shared by every welfare method.
  public static let welfareObjectiveOption = StrategyOption(
    "objective", parameter: "objective", kind: .choice(WelfareObjective.allCases.map(\.rawValue)), default: nil,
    defaultText: "scores when the instance has scores, else rank-sum",
    marketDefault: { .string(WelfareObjective.standard(for: $0).rawValue) },
    help: "rank-sum: most placed, then least rank sum; rank-maximal: most first choices, then most second, …; "
      + "generous: most placed, then fewest at the worst rank, …; scores: most total score")

  /// ``NetworkWelfare``: welfare by min-cost flow.
  public static let networkWelfare = StrategyEntry(
    name: "welfare",
    summary: "the most placed at the best total outcome under every quota, exact, by min-cost flow",
    options: [welfareObjectiveOption],
    features: [
      .closableMinimums: .refused("closing needs a binary choice, so the market is not a network"),
      .crossingGroups: .refused("crossing group quotas are not a network"),
      .typeRules: .refused("group type quotas, type minimums and shares are not a network"),
      .ties: .limited("a tie shares its rank"),
    ]
  ) { arguments in
    NetworkWelfare(objective: arguments.text("objective").flatMap(WelfareObjective.init(rawValue:)))
  }

  /// ``ExtendedSeatDeferredAcceptance``.
  public static let extendedSeats = StrategyEntry(
    name: "extended-seats",
    summary: "extended-seat deferred acceptance for minimums: strategyproof; meets them when every list is complete",
    features: [
      .ties: .limited("broken in listed order"),
      .groups: .limited("group capacities hold; a group's minimum has no standard seats, so it may be missed"),
      .typeQuotas: .limited("shared out between standard and extended seats, standard first, so they may bind early"),
      .typeRules: .refused("group type quotas, type minimums and shares are not seats the mechanism can split"),
      .minimums: .limited(
        "standard seats hold them back; met for certain only when every applicant accepts and is accepted by every position"
      ),
      .closableMinimums: .limited("a closable position has extended seats only and closes below its minimum"),
      .crossingGroups: .limited("quotas hold"),
      .scores: .limited("play no part"),
    ]
  ) { _ in ExtendedSeatDeferredAcceptance() }
}
