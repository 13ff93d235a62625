/// A network that contains a market's welfare programme: closable positions keep their
/// capacity but lose their minimum, type rules (``TypeRule``) are dropped, and the fewest
/// groups found greedily (groups with a minimum first, then in group order) are dropped
/// so that the rest are laminar. Keeping
/// minimums where it can makes the relaxation's placements more often meet them.
///
/// Every placement of the market is a placement of the relaxation, so the relaxation's
/// optimum bounds the market's; when that optimum also meets the dropped constraints it
/// is the market's optimum, for every level of every objective.
package struct NetworkRelaxation: Sendable, Hashable {
  /// Whether each group is left out.
  package var dropsGroup: [Bool]
  /// Whether closable positions lose their minimum.
  package var relaxesClosures: Bool
  /// Whether the market has type rules, which the network leaves out.
  package var dropsTypeRules: Bool

  private init(dropsGroup: [Bool], relaxesClosures: Bool, dropsTypeRules: Bool) {
    self.dropsGroup = dropsGroup
    self.relaxesClosures = relaxesClosures
    self.dropsTypeRules = dropsTypeRules
  }

  /// The relaxation of nothing: the market itself.
  package static func none(_ market: Market) -> NetworkRelaxation {
    NetworkRelaxation(
      dropsGroup: [Bool](repeating: false, count: market.groupCount), relaxesClosures: false, dropsTypeRules: false)
  }

  /// The relaxation that makes `market` a network.
  ///
  /// - Complexity: O(Σ over groups of members × groups per member).
  package init(_ market: Market) {
    relaxesClosures = true
    dropsTypeRules = !market.typeRules.isEmpty
    dropsGroup = [Bool](repeating: false, count: market.groupCount)
    var kept = [Bool](repeating: false, count: market.groupCount)
    var shared = [Int](repeating: 0, count: market.groupCount)
    let minimumsFirst =
      (0..<market.groupCount).filter { market.groupMinimum[$0] > 0 }
      + (0..<market.groupCount).filter { market.groupMinimum[$0] == 0 }
    for g in minimumsFirst {
      let members = market.positions(ofGroup: g)
      // How many of g's positions each kept group shares.
      var touched: [Int] = []
      for p in members {
        for h in market.groups(ofPosition: Int(p)) where kept[Int(h)] {
          if shared[Int(h)] == 0 { touched.append(Int(h)) }
          shared[Int(h)] += 1
        }
      }
      // g crosses h when they share positions and neither contains the other.
      let crosses = touched.contains { h in
        shared[h] != members.count && shared[h] != market.positions(ofGroup: h).count
      }
      for h in touched { shared[h] = 0 }
      if crosses { dropsGroup[g] = true } else { kept[g] = true }
    }
  }

  /// Whether the relaxation changes anything.
  package var isRelaxing: Bool { relaxesClosures || dropsTypeRules || dropsGroup.contains(true) }

  /// Turns a placement of the relaxation into one of `market`, if a simple repair does:
  /// a closable position below its minimum is closed, and a dropped group over its
  /// capacity loses applicants at their worst ranks. Returns `nil` when the result still
  /// breaks a constraint (a dropped group's minimum, a minimum a removal broke).
  package func repair(_ assignment: [Int32], in market: Market) -> [Int32]? {
    var repaired = assignment
    var load = [Int](repeating: 0, count: market.positionCount)
    for p in repaired where p >= 0 { load[Int(p)] += 1 }
    if relaxesClosures {
      for a in repaired.indices where repaired[a] >= 0 {
        let p = Int(repaired[a])
        if market.positionClosable[p] && load[p] < Int(market.positionMinimum[p]) { repaired[a] = -1 }
      }
    }
    for g in 0..<market.groupCount where dropsGroup[g] {
      var members = [Bool](repeating: false, count: market.positionCount)
      for p in market.positions(ofGroup: g) { members[Int(p)] = true }
      let inside = repaired.indices.filter { repaired[$0] >= 0 && members[Int(repaired[$0])] }
      let excess = inside.count - Int(market.groupCapacity[g])
      guard excess > 0 else { continue }
      let worstFirst = inside.sorted {
        (market.tier(ofApplicant: $0, for: Int(repaired[$0])) ?? 0)
          > (market.tier(ofApplicant: $1, for: Int(repaired[$1])) ?? 0)
      }
      for a in worstFirst.prefix(excess) { repaired[a] = -1 }
    }
    return Evaluation(market, repaired, blockingPairLimit: 0).isValid ? repaired : nil
  }
}

extension NetworkRelaxation {
  /// A bound on level `level` (0-based) of `levels`, with the earlier ones held at `held`,
  /// from the optimum of `market`'s network relaxation, which contains every placement of
  /// the market: for a search stopped without a bound of its own. Given for the first
  /// level when it counts placed applicants, ranks or tiers, or totals scores the flow
  /// takes exactly, and for the rank-sum level with the number placed held; `nil`
  /// otherwise, or when `control` stopped the flow.
  package static func bound(
    of market: Market, levels: [WelfareLevel], level: Int, holding held: [(level: WelfareLevel, value: Double)],
    control: SolveControl
  ) -> Double? {
    let relaxation = NetworkRelaxation(market)
    let target = levels[level]
    var flow: WelfareFlow
    switch (level, target.weight) {
    case (0, .one), (0, .rank), (0, .tier):
      flow = WelfareFlow(market, shape: .circulation, relaxation: relaxation)
    case (1, .rank) where held.count == 1 && held[0].level.weight == .one:
      flow = WelfareFlow(market, shape: .circulation, relaxation: relaxation, placed: Int32(held[0].value))
    case (0, .score):
      flow = WelfareFlow(market, shape: .supplies, relaxation: relaxation)
    default:
      return nil
    }
    guard let solution = try? flow.solve([target], control: control), solution.status == .optimal,
      // Scores the flow had to round give an optimum that is not exactly the relaxation's.
      !solution.notes.contains(where: { $0.contains("rounded") })
    else { return nil }
    return solution.objective
  }
}
