extension Market {
  /// A placement that meets every constraint, minimums of crossing group families
  /// included, found from `start` (a placement of the ``NetworkRelaxation`` that meets
  /// the minimums of the groups it keeps; by default the one that places the most) by
  /// swapping which family is kept. When no such placement is found, one that meets every
  /// constraint but some minimums of non-closable positions, groups or type rules, if
  /// the second flow gives one; else `nil`.
  ///
  /// Each applicant `start` places stays within the topmost kept group of its position
  /// (or among positions in no kept group), so that group keeps what `start` gave it at
  /// most; a second min-cost flow then places those applicants through the tree the
  /// *dropped* groups form, meeting as many of their minimums and the positions' as it
  /// can while each topmost kept group keeps its own minimum (an applicant set placed at
  /// least that many times), then at the least rank sum. Applicants `start` leaves out
  /// stay out. Markets of two crossing families (sectors and regions) are the case it is
  /// made for; it gives up when the dropped groups are not laminar themselves, and the
  /// result is checked by ``Evaluation``.
  ///
  /// - Throws: `CancellationError` when `control` stops the flow first.
  /// - Complexity: two cost-scaling solves on a network of the placed applicants' pairs.
  package func crossingMinimumsPlacement(from start: [Int32]? = nil, control: SolveControl) throws(CancellationError)
    -> [Int32]?
  {
    let relaxation = NetworkRelaxation(self)
    guard relaxation.dropsGroup.contains(true), droppedGroupsAreLaminar(relaxation.dropsGroup) else { return nil }
    var origin = start
    if origin == nil { origin = try fullestRelaxedPlacement(control: control) }
    guard let start = origin else { return nil }
    // The topmost kept holder of each position: its outermost kept group, or itself.
    let keptParent = laminarParents(dropping: relaxation.dropsGroup)
    func top(_ holder: Int) -> Int {
      var node = holder
      while keptParent[node] >= 0 { node = keptParent[node] }
      return node
    }
    let positionTop = (0..<positionCount).map(top)
    let swappedParent = laminarParents(dropping: relaxation.dropsGroup.map { !$0 })

    // Nodes: sink, applicants, slots, positions, groups, then one "unplaced" node per top.
    let sink = 0
    let applicantNode = 1
    let slotNode = applicantNode + applicantCount
    let positionNode = slotNode + quotaCapacity.count
    let groupNode = positionNode + positionCount
    let unplacedNode = groupNode + groupCount
    var network = MinCostFlow(nodeCount: unplacedNode + positionCount + groupCount)
    var shortfallCosts: [Int64] = []
    var rankCosts: [Int64] = []
    var pairArc: [(arc: Int, entry: Int)] = []
    func add(_ tail: Int, _ head: Int, upper: Int32, shortfall: Int64 = 0, rank: Int64 = 0) -> Int {
      shortfallCosts.append(shortfall)
      rankCosts.append(rank)
      return network.addArc(from: tail, to: head, upper: upper)
    }
    var members = [Int32](repeating: 0, count: positionCount + groupCount)
    var supplied: Int64 = 0
    let unplacedRank = Int64(entryApplicantTier.lazy.filter { $0 != .max }.max() ?? 0) + 2
    for (a, p) in start.enumerated() where p >= 0 {
      let home = positionTop[Int(p)]
      for e in entries(ofApplicant: a) where positionTop[Int(entryPosition[e])] == home {
        let slot = Int(entryQuotaSlot[e])
        let head = slot >= 0 ? slotNode + slot : positionNode + Int(entryPosition[e])
        let rank = Int64(entryApplicantTier[e]) + 1
        pairArc.append((add(applicantNode + a, head, upper: 1, rank: rank), e))
      }
      network.addSupply(1, at: applicantNode + a)
      _ = add(applicantNode + a, unplacedNode + home, upper: 1, rank: unplacedRank)
      members[home] += 1
      supplied += 1
    }
    network.addSupply(-supplied, at: sink)
    // A top's minimum: at most (members − minimum) of its applicants unplaced for free.
    for home in members.indices where members[home] > 0 {
      let minimum =
        home < positionCount ? (positionClosable[home] ? 0 : positionMinimum[home]) : groupMinimum[home - positionCount]
      let free = members[home] - min(minimum, members[home])
      _ = add(unplacedNode + home, sink, upper: free)
      _ = add(unplacedNode + home, sink, upper: members[home] - free, shortfall: 1)
    }
    for q in quotaCapacity.indices {
      _ = add(slotNode + q, positionNode + Int(quotaPosition[q]), upper: quotaCapacity[q])
    }
    let node = { (holder: Int) in
      holder < 0 ? sink : (holder < positionCount ? positionNode + holder : groupNode + holder - positionCount)
    }
    func addSplit(_ holder: Int, minimum: Int32, capacity: Int32) {
      _ = add(node(holder), node(swappedParent[holder]), upper: minimum, shortfall: -1)
      _ = add(node(holder), node(swappedParent[holder]), upper: capacity - minimum)
    }
    for p in 0..<positionCount {
      addSplit(p, minimum: positionClosable[p] ? 0 : positionMinimum[p], capacity: positionCapacity[p])
    }
    for g in 0..<groupCount where relaxation.dropsGroup[g] && !positions(ofGroup: g).isEmpty {
      addSplit(positionCount + g, minimum: groupMinimum[g], capacity: groupCapacity[g])
    }
    do {
      _ = try network.minimize(costs: shortfallCosts, shouldStop: { control.shouldStop })
      network.restrictToOptimalFace()
      _ = try network.minimize(costs: rankCosts, shouldStop: { control.shouldStop })
    } catch .stopped {
      throw CancellationError()
    } catch {
      // Every applicant may stay unplaced and costs are small: neither failure can occur.
      preconditionFailure("the swapped network always has a feasible, exact optimum: \(error)")
    }
    var placement = [Int32](repeating: -1, count: applicantCount)
    for (arc, e) in pairArc where network.flow(onArc: arc) > 0 {
      placement[Int(entryApplicant[e])] = entryPosition[e]
    }
    if let repaired = relaxation.repair(placement, in: self) { return repaired }
    let evaluation = Evaluation(self, placement, blockingPairLimit: 0)
    let closedBelow = (0..<positionCount).contains {
      positionClosable[$0] && evaluation.positionFill[$0] > 0 && evaluation.positionFill[$0] < Int(positionMinimum[$0])
    }
    return evaluation.meetsEveryRuleButMinimums && !closedBelow ? placement : nil
  }

  /// A count that proves the minimums of crossing families cannot all hold: the groups
  /// the ``NetworkRelaxation`` drops, taken with the positions outside them, form
  /// disjoint trees whose roots need (``minimumNeeds(parents:)``) more applicants between
  /// them than `fullest` places (``fullestRelaxedPlacement(control:)``: the most the
  /// relaxation can place, meeting the minimums it keeps); `nil` when they do not, or the
  /// dropped groups are not laminar.
  package func placeableCertificate(fullest: [Int32]) -> MinimumsCertificate? {
    let relaxation = NetworkRelaxation(self)
    guard relaxation.dropsGroup.contains(true), droppedGroupsAreLaminar(relaxation.dropsGroup) else { return nil }
    let swapped = laminarParents(dropping: relaxation.dropsGroup.map { !$0 })
    let need = minimumNeeds(parents: swapped).need
    let roots = need.indices.filter { swapped[$0] == -1 && need[$0] > 0 }
    let total = roots.reduce(0) { $0 + need[$1] }
    let placed = fullest.count { $0 >= 0 }
    guard placed < total else { return nil }
    return MinimumsCertificate(
      names: roots.map { $0 < positionCount ? positionIDs[$0] : groupIDs[$0 - positionCount] }, need: total,
      available: placed, limit: .placeableAtOnce)
  }

  /// The placement of the ``NetworkRelaxation`` that places the most applicants, meeting
  /// the minimums it keeps; `nil` when they cannot be met.
  ///
  /// - Throws: `CancellationError` when `control` stops the flow first.
  package func fullestRelaxedPlacement(control: SolveControl) throws(CancellationError) -> [Int32]? {
    let placed = WelfareLevel(name: "placed", sense: .maximize, weight: .one)
    var flow = WelfareFlow(self, shape: .circulation, relaxation: NetworkRelaxation(self))
    let solution = try? flow.solve([placed], control: control)
    if control.shouldStop { throw CancellationError() }
    return solution?.status == .optimal ? solution?.assignment : nil
  }

  /// Whether the groups `dropped` marks are laminar among themselves: each position's,
  /// smallest first, are nested.
  private func droppedGroupsAreLaminar(_ dropped: [Bool]) -> Bool {
    var isMember = [Bool](repeating: false, count: positionCount)
    for p in 0..<positionCount {
      let chain = groups(ofPosition: p).filter { dropped[Int($0)] }.sorted {
        (positions(ofGroup: Int($0)).count, $0) < (positions(ofGroup: Int($1)).count, $1)
      }
      for (inner, outer) in zip(chain, chain.dropFirst()) {
        for q in positions(ofGroup: Int(outer)) { isMember[Int(q)] = true }
        let nested = positions(ofGroup: Int(inner)).allSatisfy { isMember[Int($0)] }
        for q in positions(ofGroup: Int(outer)) { isMember[Int(q)] = false }
        if !nested { return false }
      }
    }
    return true
  }
}
