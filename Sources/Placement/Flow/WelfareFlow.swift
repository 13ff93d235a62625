import Foundation

/// The welfare programme of a network-shaped market as min-cost flow, solved with
/// ``MinCostFlow``.
///
/// Nodes: a source and a sink, one per applicant, one per type-quota slot, one per
/// position, one per group, and a hub for artificial arcs when there are minimums. Arcs:
/// applicant → position, or → the type-quota slot of its type there, [0, 1] (one per
/// acceptable pair); slot → position [0, quota]; position → its innermost group, or the
/// sink, [minimum, capacity]; group → its next enclosing group, or the sink,
/// [minimum, capacity]. Every placement meeting the quotas is a flow, and back. Two shapes:
/// - ``Shape/supplies``: each applicant supplies one unit, which reaches the sink through
///   a position or through its own "unplaced" arc. One solve handles a single-level
///   objective: `scores`, or rank sum with an unplaced cost large enough that placing
///   one more applicant always wins, which is exactly "most placed, then least rank sum".
///   No node has the degree of the whole market except the sink, which never has excess.
/// - ``Shape/circulation``: source → applicant [0, 1] and sink → source arcs make a
///   circulation, optimised level after level, each restricted to the previous levels'
///   optimal face (rank-maximal and generous objectives).
package struct WelfareFlow {
  /// Which form of the network to build.
  package enum Shape: Sendable, Hashable {
    /// Applicant supplies and "unplaced" arcs, for a single level.
    case supplies
    /// A circulation through a return arc, for several levels.
    case circulation
  }

  private let market: Market
  private let shape: Shape
  private var network: MinCostFlow
  private let returnArc: Int
  private let artificialArcs: Range<Int>
  private let unplacedArcs: Range<Int>
  /// The applicant node of each unplaced arc.
  private let unplacedTails: [Int]
  /// The arc from position 0 to its parent; position p's is `firstPositionArc + p`.
  private let firstPositionArc: Int
  /// The arc from type-quota slot 0 to its position; slot q's is `firstSlotArc + q`.
  private let firstSlotArc: Int
  /// The arc from each group to its parent (−1 for a group without positions).
  private let groupArc: [Int]
  private let sink = 1

  /// The shape that suits `levels`: ``Shape/supplies`` for `scores` and for "most placed,
  /// then least rank sum", ``Shape/circulation`` otherwise.
  package static func shape(for levels: [WelfareLevel]) -> Shape {
    let weights = levels.map(\.weight)
    return weights == [.one, .rank] || weights == [.score] ? .supplies : .circulation
  }

  /// Builds the network of `market`, which must have no ``Market/welfareNetworkObstacles``
  /// once `relaxation` (none by default) is applied. In the ``Shape/circulation`` shape,
  /// `placed` fixes how many applicants are placed.
  package init(_ market: Market, shape: Shape, relaxation: NetworkRelaxation? = nil, placed: Int32? = nil) {
    let relaxation = relaxation ?? .none(market)
    precondition(relaxation.isRelaxing || market.welfareNetworkObstacles.isEmpty, "the market is a network")
    self.market = market
    let n = market.applicantCount
    let slots = market.quotaCapacity.count
    let positions = market.positionCount
    let groups = market.groupCount
    let source = 0
    let applicantNode = 2
    let slotNode = applicantNode + n
    let positionNode = slotNode + slots
    let groupNode = positionNode + positions
    let hub = groupNode + groups
    var network = MinCostFlow(nodeCount: hub + 1)
    network.reserveArcs(market.pairCount + n + slots + positions + groups + 1)
    self.shape = shape

    // Arc e is pair e, so flows read straight back into an assignment.
    for e in 0..<market.pairCount {
      let slot = Int(market.entryQuotaSlot[e])
      let target = slot >= 0 ? slotNode + slot : positionNode + Int(market.entryPosition[e])
      network.addArc(from: applicantNode + Int(market.entryApplicant[e]), to: target, upper: 1)
    }
    var surplus = [Int64](repeating: 0, count: hub + 1)
    func add(_ tail: Int, _ head: Int, lower: Int32, upper: Int32) {
      network.addArc(from: tail, to: head, lower: lower, upper: upper)
      surplus[tail] -= Int64(lower)
      surplus[head] += Int64(lower)
    }
    let firstUnplaced = network.arcCount
    var unplacedTails: [Int] = []
    var supplied: Int64 = 0
    for a in 0..<n where !market.entries(ofApplicant: a).isEmpty {
      if shape == .supplies {
        network.addSupply(1, at: applicantNode + a)
        network.addArc(from: applicantNode + a, to: sink, upper: 1)
        unplacedTails.append(applicantNode + a)
        supplied += 1
      } else {
        add(source, applicantNode + a, lower: 0, upper: 1)
      }
    }
    if shape == .supplies { network.addSupply(-supplied, at: sink) }
    unplacedArcs = firstUnplaced..<(shape == .supplies ? network.arcCount : firstUnplaced)
    self.unplacedTails = unplacedTails
    let firstSlotArc = network.arcCount
    for q in 0..<slots {
      add(slotNode + q, positionNode + Int(market.quotaPosition[q]), lower: 0, upper: market.quotaCapacity[q])
    }
    self.firstSlotArc = firstSlotArc
    let firstPositionArc = network.arcCount
    let parent = market.laminarParents(dropping: relaxation.dropsGroup)
    let top = sink
    let parentNode = { (holder: Int) in holder < 0 ? top : groupNode + holder - positions }
    for p in 0..<positions {
      let closes = relaxation.relaxesClosures && market.positionClosable[p]
      add(
        positionNode + p, parentNode(parent[p]), lower: closes ? 0 : market.positionMinimum[p],
        upper: market.positionCapacity[p])
    }
    self.firstPositionArc = firstPositionArc
    var groupArc = [Int](repeating: -1, count: groups)
    for g in 0..<groups where !market.positions(ofGroup: g).isEmpty && !relaxation.dropsGroup[g] {
      groupArc[g] = network.arcCount
      add(
        groupNode + g, parentNode(parent[positions + g]), lower: market.groupMinimum[g], upper: market.groupCapacity[g])
    }
    self.groupArc = groupArc
    returnArc = network.arcCount
    if let placed, shape == .circulation {
      add(sink, source, lower: placed, upper: placed)
    } else {
      network.addArc(from: sink, to: source, upper: shape == .supplies ? 0 : Int32(clamping: n))
    }
    // Minimums leave surplus at some nodes and deficits at others; artificial arcs
    // through the hub always route them, and are priced out before placements count.
    let firstArtificial = network.arcCount
    for v in 0..<hub where surplus[v] != 0 {
      let amount = Int32(clamping: abs(surplus[v]))
      if surplus[v] > 0 {
        network.addArc(from: v, to: hub, upper: amount)
      } else {
        network.addArc(from: hub, to: v, upper: amount)
      }
    }
    artificialArcs = firstArtificial..<network.arcCount
    self.network = network
  }

  /// The placement the current flow describes.
  private func assignment() -> [Int32] {
    var assignment = [Int32](repeating: -1, count: market.applicantCount)
    for e in 0..<market.pairCount where network.flow(onArc: e) > 0 {
      assignment[Int(market.entryApplicant[e])] = market.entryPosition[e]
    }
    return assignment
  }

  /// Pair scores as integers: multiplied by 10^d for the fewest decimals d ≤ 6 that make
  /// them whole, within what the flow's cost scaling can hold; `exact` is false when
  /// rounding was needed.
  ///
  /// - Throws: ``MinCostFlow/Failure/costsTooLarge`` when even whole scores leave that range.
  private func integralScores() throws(MinCostFlow.Failure) -> (factor: Double, costs: [Int64], exact: Bool) {
    let limit = Double(Int64.max / 4 / Int64(network.nodeCount + 1) / Int64(network.nodeCount + 1))
    let largest = market.entryScore.reduce(0) { max($0, abs($1)) }
    guard largest.rounded() <= limit else { throw .costsTooLarge }
    var factor = 1.0
    for _ in 0...6 {
      let whole = market.entryScore.allSatisfy {
        abs($0 * factor - ($0 * factor).rounded()) <= 1e-9 * max(1, abs($0 * factor))
      }
      if whole || factor >= 1e6 || largest * factor * 10 > limit { break }
      factor *= 10
    }
    let costs = market.entryScore.map { Int64(($0 * factor).rounded()) }
    let exact = zip(market.entryScore, costs).allSatisfy {
      abs($0 * factor - Double($1)) <= 1e-9 * max(1, abs($0 * factor))
    }
    return (factor, costs, exact)
  }

  /// Solves the single level of the ``Shape/supplies`` shape.
  ///
  /// For "most placed, then least rank sum" the unplaced arcs cost B: the optimum of
  /// rank sum − B · placed is lexicographically optimal as soon as it places the most
  /// applicants possible, which a search for an augmenting path confirms. B starts at
  /// 2R + 1 (R the largest rank) and doubles until then, up to the always-sufficient
  /// R · applicants + 1.
  private mutating func solveSupplies(_ levels: [WelfareLevel], shouldStop: () -> Bool) throws(MinCostFlow.Failure)
    -> Solution
  {
    var costs = [Int64](repeating: 0, count: network.arcCount)
    var notes: [String] = []
    if levels.last?.weight == .score {
      let scores = try integralScores()
      for e in 0..<market.pairCount { costs[e] = -scores.costs[e] }
      if !scores.exact { notes.append("scores were rounded to \(Int(log10(scores.factor).rounded())) decimals") }
      _ = try network.minimize(
        costs: costs, startingFrom: auctionStart(costs: costs, unplacedCost: 0, shouldStop: shouldStop),
        shouldStop: shouldStop)
    } else {
      var largestRank: Int64 = 0
      for e in 0..<market.pairCount {
        costs[e] = Int64(market.entryApplicantTier[e]) + 1
        largestRank = max(largestRank, costs[e])
      }
      let sufficient = largestRank * Int64(unplacedArcs.count) + 1
      var unplacedCost = min(2 * largestRank + 1, sufficient)
      var start = auctionStart(costs: costs, unplacedCost: unplacedCost, shouldStop: shouldStop)
      while true {
        for arc in unplacedArcs { costs[arc] = unplacedCost }
        _ = try network.minimize(costs: costs, startingFrom: start, shouldStop: shouldStop)
        start = nil
        let unplaced = zip(unplacedArcs, unplacedTails).filter { network.flow(onArc: $0.0) > 0 }.map(\.1)
        if unplacedCost >= sufficient || !network.canReach(sink, from: unplaced, avoiding: unplacedArcs) { break }
        unplacedCost = min(2 * unplacedCost, sufficient)
        notes.append("unplaced cost raised to \(unplacedCost) to place the most applicants")
      }
    }
    let placement = assignment()
    var objective = 0.0
    for level in levels {
      objective = level.value(of: placement, in: market)
      notes.append("\(level.name): \(level.weight == .score ? String(objective) : String(Int(objective))) (optimal)")
    }
    return Solution(
      assignment: placement, status: .optimal, objective: objective, bound: objective, objectiveName: levels.last?.name,
      notes: notes)
  }

  /// Without minimums, runs ``CapacityAuction`` over positions for costs `costs` and
  /// unplaced cost `unplacedCost`, sets its placement as the flow and returns the
  /// potentials its prices imply: position q and its type-quota slots at −price(q),
  /// applicant a at profit(a) − unplacedCost (scaled), groups and the rest at 0. The
  /// auction ignores groups and type quotas; applicants it places beyond one of them are
  /// left unplaced, so the start is a feasible flow. Cost scaling then needs one final
  /// phase to repair it instead of scaling down from the largest cost.
  private mutating func auctionStart(costs: [Int64], unplacedCost: Int64, shouldStop: () -> Bool) -> [Int64]? {
    guard shape == .supplies, artificialArcs.isEmpty else { return nil }
    let scale = network.costScale
    let value = (0..<market.pairCount).map { (unplacedCost - costs[$0]) * scale }
    // ε of one cost unit: 0.31 s of bidding and 0.22 s of repair at 100k × 20, against
    // 0.77 s + 0.76 s at an eighth of a unit (measured; finer bidding costs more than it saves).
    let auction = CapacityAuction(market, value: value, epsilon: scale, shouldStop: shouldStop)
    let applicantNode = 2
    let slotNode = applicantNode + market.applicantCount
    let positionNode = slotNode + market.quotaCapacity.count
    var potentials = [Int64](repeating: 0, count: network.nodeCount)
    for p in 0..<market.positionCount { potentials[positionNode + p] = -auction.price[p] }
    for q in market.quotaPosition.indices { potentials[slotNode + q] = -auction.price[Int(market.quotaPosition[q])] }
    var positionLoad = [Int32](repeating: 0, count: market.positionCount)
    var slotLoad = [Int32](repeating: 0, count: market.quotaCapacity.count)
    var groupLoad = [Int32](repeating: 0, count: market.groupCount)
    var unplaced = 0
    for a in 0..<market.applicantCount where !market.entries(ofApplicant: a).isEmpty {
      var profit: Int64 = 0
      var placed = false
      for e in market.entries(ofApplicant: a) {
        let p = Int(market.entryPosition[e])
        profit = max(profit, value[e] - auction.price[p])
        guard auction.assignment[a] == Int32(p) else { continue }
        let slot = Int(market.entryQuotaSlot[e])
        let groups = market.groups(ofPosition: p).filter { groupArc[Int($0)] >= 0 }
        guard slot < 0 || slotLoad[slot] < market.quotaCapacity[slot],
          groups.allSatisfy({ groupLoad[Int($0)] < market.groupCapacity[Int($0)] })
        else { continue }
        network.setFlow(1, onArc: e)
        positionLoad[p] += 1
        if slot >= 0 { slotLoad[slot] += 1 }
        for g in groups { groupLoad[Int(g)] += 1 }
        placed = true
      }
      if !placed { network.setFlow(1, onArc: unplacedArcs.lowerBound + unplaced) }
      unplaced += 1
      potentials[applicantNode + a] = profit - unplacedCost * scale
    }
    for q in slotLoad.indices { network.setFlow(slotLoad[q], onArc: firstSlotArc + q) }
    for p in 0..<market.positionCount { network.setFlow(positionLoad[p], onArc: firstPositionArc + p) }
    for g in 0..<market.groupCount where groupArc[g] >= 0 { network.setFlow(groupLoad[g], onArc: groupArc[g]) }
    return potentials
  }

  /// Optimises `levels` in order, under `control`.
  ///
  /// When the control stops it, the placement of the levels already finished is returned
  /// with status `feasible` (none: `timeLimit`), and the stop's reason.
  ///
  /// - Throws: ``WelfareError/costsTooLarge`` when a level's costs leave the range where
  ///   the flow is exact and no earlier level gave a placement.
  package mutating func solve(_ levels: [WelfareLevel], control: SolveControl) throws(WelfareError) -> Solution {
    let unassigned = [Int32](repeating: -1, count: market.applicantCount)
    var progress = LevelProgress()
    let shouldStop = { control.shouldStop }
    do throws(MinCostFlow.Failure) {
      if control.shouldStop { throw .stopped }
      // A group with a minimum and no positions has no arc in the network to carry it.
      if (0..<market.groupCount).contains(where: {
        market.groupMinimum[$0] > 0 && market.positions(ofGroup: $0).isEmpty
      }) {
        throw .infeasible
      }
      if !artificialArcs.isEmpty {
        // Route the minimums' surplus without artificial arcs, or prove it impossible.
        var costs = [Int64](repeating: 0, count: network.arcCount)
        for arc in artificialArcs { costs[arc] = 1 }
        guard try network.minimize(costs: costs, shouldStop: shouldStop) == 0 else {
          throw MinCostFlow.Failure.infeasible
        }
        for arc in artificialArcs { network.freeze(arc: arc) }
        progress.incumbent = assignment()
      }
      if shape == .supplies { return try solveSupplies(levels, shouldStop: shouldStop) }
      return try solveLevels(levels, progress: &progress, shouldStop: shouldStop)
    } catch .stopped {
      let reason = control.stopReason ?? .timeLimit
      progress.notes.append("\(progress.stage): stopped (\(reason.rawValue))")
      guard let incumbent = progress.incumbent else {
        return .stopped(reason, applicants: market.applicantCount, notes: progress.notes)
      }
      return Solution(assignment: incumbent, status: .feasible, stop: reason, notes: progress.notes)
    } catch .infeasible {
      progress.notes.append("minimums: no placement meets them")
      return Solution(assignment: unassigned, status: .infeasible, notes: progress.notes)
    } catch {
      guard let incumbent = progress.incumbent else { throw .costsTooLarge }
      progress.notes.append("\(progress.stage): costs too large for exact min-cost flow; the earlier levels' placement")
      return Solution(assignment: incumbent, status: .feasible, notes: progress.notes)
    }
  }

  /// What a solve has done so far, for a report when it stops early.
  private struct LevelProgress {
    var notes: [String] = []
    var incumbent: [Int32]?
    var stage = "minimums"
  }

  /// Optimises `levels` in the ``Shape/circulation`` shape, each restricted to the optimal
  /// face of those before.
  private mutating func solveLevels(
    _ levels: [WelfareLevel], progress: inout LevelProgress, shouldStop: () -> Bool
  ) throws(MinCostFlow.Failure) -> Solution {
    var objective = 0.0
    for (index, level) in levels.enumerated() {
      progress.stage = level.name
      var costs = [Int64](repeating: 0, count: network.arcCount)
      let sign: Int64 = level.sense == .maximize ? -1 : 1
      var factor = 1.0
      switch level.weight {
      case .one:
        costs[returnArc] = sign
      case .score:
        let scores = try integralScores()
        factor = scores.factor
        for e in 0..<market.pairCount { costs[e] = sign * scores.costs[e] }
        if !scores.exact {
          progress.notes.append("scores were rounded to \(Int(log10(factor).rounded())) decimals for the flow")
        }
      case .rank, .tier, .kept:
        for e in 0..<market.pairCount { costs[e] = sign * Int64(level.weight(ofEntry: e, in: market)) }
      }
      let cost = try network.minimize(costs: costs, shouldStop: shouldStop)
      let placement = assignment()
      progress.incumbent = placement
      // Scores are reported exactly, not as the flow's rounded integers.
      objective = level.weight == .score ? level.value(of: placement, in: market) : Double(sign * cost) / factor
      progress.notes.append(
        "\(level.name): \(level.weight == .score ? String(objective) : String(sign * cost)) (optimal)")
      if index + 1 < levels.count {
        if level.weight == .one { network.freeze(arc: returnArc) } else { network.restrictToOptimalFace() }
      }
    }
    return Solution(
      assignment: progress.incumbent ?? [Int32](repeating: -1, count: market.applicantCount), status: .optimal,
      objective: objective, bound: objective, objectiveName: levels.last?.name, notes: progress.notes)
  }
}
