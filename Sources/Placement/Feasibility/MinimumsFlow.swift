/// How far one minimum falls short in a placement: a position's or group's minimum, or
/// a type rule's minimum or minimum share there (counted in applicants of the type).
public struct MinimumShortfall: Sendable, Hashable, CustomStringConvertible {
  /// The position's or group's id.
  public var name: String
  /// Whether it is a group.
  public var isGroup: Bool
  /// The applicant type a type rule's minimum counts, or `nil` for the holder's own minimum.
  public var type: String?
  /// Its minimum: for a type rule, the applicants of the type the placement's fill needs.
  public var minimum: Int
  /// What the placement gives it.
  public var reached: Int

  /// Creates a shortfall.
  public init(name: String, isGroup: Bool, type: String? = nil, minimum: Int, reached: Int) {
    self.name = name
    self.isGroup = isGroup
    self.type = type
    self.minimum = minimum
    self.reached = reached
  }

  /// `group "region-centre" short by 32 (409 of 441)`, or for a type rule
  /// `type "foreign" at group "region-centre" short by 3 (17 of 20)`.
  public var description: String {
    let holder = "\(isGroup ? "group" : "position") \"\(name)\""
    let subject = type.map { "type \"\($0)\" at \(holder)" } ?? holder
    return "\(subject) short by \(minimum - reached) (\(reached) of \(minimum))"
  }
}

/// The placement that comes closest to the minimums of a market's network relaxation,
/// by min-cost flow.
public struct LeastShortfall: Sendable {
  /// The relaxation's least total shortfall: a lower bound on the market's, and equal to
  /// it when ``isExact``.
  public var total: Int
  /// Whether ``placement`` meets every constraint of the market other than minimums and
  /// misses the market's minimums by ``total`` exactly, so that ``total`` is the market's
  /// least total shortfall (0: every minimum can be met, and ``placement`` does).
  public var isExact: Bool
  /// Each minimum ``placement`` misses, most short first (the market's minimums).
  public var shortfalls: [MinimumShortfall]
  /// A placement of the relaxation with shortfall ``total`` there.
  public var placement: [Int32]
}

extension Market {
  /// The least total shortfall over all minimums of the market's ``NetworkRelaxation``
  /// (crossing groups dropped, closable positions without minimums): a min-cost flow
  /// through the welfare network in which each position's and group's arc to its parent is
  /// split into a part up to its minimum that earns 1 per unit and the rest that earns
  /// nothing. A concave reward per minimum is a flow objective, so the relaxation's optimum
  /// is exact. On a network market (no ``welfareNetworkObstacles``) it is the market's
  /// least shortfall; otherwise it bounds it from below, and is it when the placement
  /// also keeps the dropped groups' capacities and the closable positions' all-or-minimum
  /// rule, keeps every type rule, and misses no dropped group's minimum
  /// (``LeastShortfall/isExact``).
  ///
  /// - Throws: `CancellationError` when `control` stops the flow first.
  /// - Complexity: one refine of cost scaling: near-linear in the pairs in practice.
  public func leastShortfall(control: SolveControl = SolveControl()) throws(CancellationError) -> LeastShortfall {
    let sink = 0
    let applicantNode = 1
    let slotNode = applicantNode + applicantCount
    let positionNode = slotNode + quotaCapacity.count
    let groupNode = positionNode + positionCount
    var network = MinCostFlow(nodeCount: groupNode + groupCount)
    var costs: [Int64] = []
    func add(_ tail: Int, _ head: Int, upper: Int32, cost: Int64 = 0) {
      network.addArc(from: tail, to: head, upper: upper)
      costs.append(cost)
    }
    // Arc e is pair e, so flows read straight back into an assignment.
    for e in 0..<pairCount {
      let slot = Int(entryQuotaSlot[e])
      add(
        applicantNode + Int(entryApplicant[e]), slot >= 0 ? slotNode + slot : positionNode + Int(entryPosition[e]),
        upper: 1)
    }
    var supplied: Int64 = 0
    for a in 0..<applicantCount where !entries(ofApplicant: a).isEmpty {
      network.addSupply(1, at: applicantNode + a)
      add(applicantNode + a, sink, upper: 1)
      supplied += 1
    }
    network.addSupply(-supplied, at: sink)
    for q in quotaCapacity.indices { add(slotNode + q, positionNode + Int(quotaPosition[q]), upper: quotaCapacity[q]) }
    let parent = minimumTreeParents
    // A minimum's earning part and the rest, as two parallel arcs to the parent.
    func addSplit(_ node: Int, to parentNode: Int, minimum: Int32, capacity: Int32) {
      add(node, parentNode, upper: minimum, cost: -1)
      add(node, parentNode, upper: capacity - minimum)
    }
    let node = { (holder: Int) in
      holder < 0 ? sink : (holder < positionCount ? positionNode + holder : groupNode + holder - positionCount)
    }
    for p in 0..<positionCount {
      let minimum = positionClosable[p] ? 0 : positionMinimum[p]
      addSplit(positionNode + p, to: node(parent[p]), minimum: minimum, capacity: positionCapacity[p])
    }
    for g in 0..<groupCount where !positions(ofGroup: g).isEmpty && parent[positionCount + g] != -2 {
      addSplit(groupNode + g, to: node(parent[positionCount + g]), minimum: groupMinimum[g], capacity: groupCapacity[g])
    }
    do {
      _ = try network.minimize(costs: costs, shouldStop: { control.shouldStop })
    } catch .stopped {
      throw CancellationError()
    } catch {
      // Costs are 0 and −1 and every applicant may stay unplaced: neither failure can occur.
      preconditionFailure("the shortfall network always has a feasible, exact optimum: \(error)")
    }
    var placement = [Int32](repeating: -1, count: applicantCount)
    var fill = [Int](repeating: 0, count: positionCount + groupCount)
    for e in 0..<pairCount where network.flow(onArc: e) > 0 {
      placement[Int(entryApplicant[e])] = entryPosition[e]
      fill[Int(entryPosition[e])] += 1
    }
    for p in 0..<positionCount {
      for g in groups(ofPosition: p) { fill[positionCount + Int(g)] += fill[p] }
    }
    var shortfalls: [MinimumShortfall] = []
    for p in 0..<positionCount where !positionClosable[p] && fill[p] < positionMinimum[p] {
      shortfalls.append(
        MinimumShortfall(name: positionIDs[p], isGroup: false, minimum: Int(positionMinimum[p]), reached: fill[p]))
    }
    for g in 0..<groupCount where fill[positionCount + g] < groupMinimum[g] {
      shortfalls.append(
        MinimumShortfall(
          name: groupIDs[g], isGroup: true, minimum: Int(groupMinimum[g]), reached: fill[positionCount + g]))
    }
    shortfalls.sort { ($0.minimum - $0.reached, $0.name) > ($1.minimum - $1.reached, $1.name) }
    let total = shortfalls.reduce(0) { $0 + $1.minimum - $1.reached }
    // The dropped groups' minimums are not the relaxation's.
    let relaxedTotal =
      total
      - (0..<groupCount).reduce(0) { sum, g in
        parent[positionCount + g] == -2 ? sum + max(0, Int(groupMinimum[g]) - fill[positionCount + g]) : sum
      }
    let keepsTheRest =
      (0..<groupCount).allSatisfy { parent[positionCount + $0] != -2 || fill[positionCount + $0] <= groupCapacity[$0] }
      && (0..<positionCount).allSatisfy { !positionClosable[$0] || fill[$0] == 0 || fill[$0] >= positionMinimum[$0] }
      && zip(typeRules.indices, typeRuleTallies(placement)).allSatisfy { r, tally in
        typeRules[r].keepsUpperLimits(count: tally.count, fill: tally.fill)
          && tally.count >= requiredCount(ofTypeRule: r, fill: tally.fill)
      }
    return LeastShortfall(
      total: relaxedTotal, isExact: keepsTheRest && total == relaxedTotal, shortfalls: shortfalls, placement: placement)
  }

  /// Each minimum `placement` misses, most short first: of non-closable positions (a
  /// closable one may close), of groups, and of type rules.
  package func minimumShortfalls(of placement: [Int32]) -> [MinimumShortfall] {
    let evaluation = Evaluation(self, placement, blockingPairLimit: 0)
    var shortfalls: [MinimumShortfall] = []
    for p in 0..<positionCount where !positionClosable[p] && evaluation.positionFill[p] < positionMinimum[p] {
      shortfalls.append(
        MinimumShortfall(
          name: positionIDs[p], isGroup: false, minimum: Int(positionMinimum[p]), reached: evaluation.positionFill[p]))
    }
    for g in 0..<groupCount where evaluation.groupFill[g] < groupMinimum[g] {
      shortfalls.append(
        MinimumShortfall(
          name: groupIDs[g], isGroup: true, minimum: Int(groupMinimum[g]), reached: evaluation.groupFill[g]))
    }
    shortfalls += typeRuleShortfalls(in: placement)
    return shortfalls.sorted { ($0.minimum - $0.reached, $0.name) > ($1.minimum - $1.reached, $1.name) }
  }

  /// The parent of each minimum holder in the laminar tree of positions and groups of the
  /// market's ``NetworkRelaxation`` (see ``laminarParents(dropping:)``).
  package var minimumTreeParents: [Int] { laminarParents(dropping: NetworkRelaxation(self).dropsGroup) }

  /// The parent of each position and group in the laminar tree the groups not `dropped`
  /// form (positions are `0..<positionCount`, group g is `positionCount + g`): a
  /// position's innermost group, a group's next enclosing one, or −1 at the top; −2 for a
  /// dropped group. The kept groups must be laminar: each position's, smallest first, form
  /// a chain.
  ///
  /// - Complexity: O(Σ over positions of g log g) for g groups per position.
  package func laminarParents(dropping dropped: [Bool]) -> [Int] {
    var parent = [Int](repeating: -1, count: positionCount + groupCount)
    for g in 0..<groupCount where dropped[g] { parent[positionCount + g] = -2 }
    for p in 0..<positionCount {
      let memberships = groups(ofPosition: p)
      // Most positions are in at most one group: no chain to sort.
      if memberships.count <= 1 {
        parent[p] = memberships.first.map { dropped[Int($0)] ? -1 : positionCount + Int($0) } ?? -1
        continue
      }
      let chain = memberships.filter { !dropped[Int($0)] }.sorted {
        (positions(ofGroup: Int($0)).count, $0) < (positions(ofGroup: Int($1)).count, $1)
      }
      for (inner, outer) in zip(chain, chain.dropFirst()) {
        parent[positionCount + Int(inner)] = positionCount + Int(outer)
      }
      parent[p] = chain.first.map { positionCount + Int($0) } ?? -1
    }
    return parent
  }
}
