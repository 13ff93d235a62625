import Placement

/// Rounds a branch-and-bound node's LP optimum to a weakly stable placement: deferred
/// acceptance over the programme's market with every tie broken towards the pairs the LP
/// optimum uses more (``DeferredAcceptance/assignment(_:preferring:)``), grown by chains
/// of moves that keep it stable (`StableAugmentation`) where they apply.
///
/// Deferred acceptance with any tie-breaking is weakly stable, and with capacities only a
/// largest weakly stable placement comes back from weights that are its own pairs, so
/// deep in the tree, where the LP optimum is nearly whole, the rounding finds the
/// placements the LP points at. On 5,000 applicants with 20% ties it is what finds the
/// optimum of seeds that GLPK's own search left one or two short.
enum StableRounding {
  /// A heuristic for `program`, max-stable's programme (its objective is the number
  /// placed), built from `model` over `reduced` (`market` after preprocessing). It offers
  /// a placement only when it places more than `incumbent` (a solution of `program`) and
  /// any placement it offered before, and only when it is valid and stable in `market`
  /// and uses only pairs of `reduced`: with type quotas and groups deferred acceptance can
  /// leave a blocking pair, and such a placement is not a solution of the programme.
  ///
  /// With `neighbourhood`, the first node whose rounding falls short of the node's LP
  /// bound rounded down also searches the neighbourhoods of its LP optimum
  /// (``RootNeighbourhood``) with those options under that control: that of its whole
  /// non-zero values, and then, while the best placement so far still falls short and
  /// each search improves on it, that of the refusal columns on which the LP optimum
  /// agrees with it: in one-to-one markets always, else only when it falls short by at
  /// most ``RootNeighbourhood/agreeingShortfall``; and only when the node was reached
  /// after ``RootNeighbourhood/agreeingAfter``.
  static func heuristic(
    model: WelfareModel, market: Market, reduced: Market, program: LinearProgram, incumbent: [Double]?,
    neighbourhood: (options: GLPKOptions, control: SolveControl)? = nil
  ) -> NodeHeuristic {
    var best = incumbent.map { program.objectiveValue(of: $0) } ?? -1
    var bestValues = incumbent
    var searched = false
    return NodeHeuristic { values in
      var chosen: [Int32]?
      // Keeps `assignment` when it places more than the best so far and is a valid, stable
      // placement of `market` over the pairs of `reduced`.
      func offer(_ assignment: [Int32]) {
        let placed = Double(assignment.count { $0 >= 0 })
        guard placed > best, MaxStableProgram.isStableStart(assignment, of: market, within: reduced) else { return }
        best = placed
        chosen = assignment
        bestValues = model.values(of: assignment)
      }
      let (rounded, status) = DeferredAcceptance.assignment(
        reduced, preferring: Array(values[0..<reduced.pairCount]))
      if status != .infeasible {
        offer(StableAugmentation.augment(rounded, in: market))
      }
      let bound = (program.objectiveValue(of: values) + 1e-6).rounded(.down)
      if let neighbourhood, !searched, best < bound {
        searched = true
        let budget = RootNeighbourhood.budget(at: neighbourhood.control)
        // Each side search rounds its own nodes, offering only what beats the best so far.
        func search(_ fixing: RootNeighbourhood.Fixing) {
          let plain = heuristic(model: model, market: market, reduced: reduced, program: program, incumbent: bestValues)
          if let found = RootNeighbourhood.search(
            program, near: values, fixing: fixing, better: best, options: neighbourhood.options,
            control: neighbourhood.control, budget: budget, heuristic: plain)
          {
            offer(model.assignment(from: found))
          }
        }
        search(.wholeNonZero(0..<reduced.pairCount))
        // Again from each better placement, while the searches improve on it.
        while best < bound, neighbourhood.control.elapsed >= RootNeighbourhood.agreeingAfter,
          market.isOneToOne || bound - best <= RootNeighbourhood.agreeingShortfall, let start = bestValues
        {
          let before = best
          search(.agreeing(with: start))
          if best <= before { break }
        }
      }
      return chosen.map(model.values(of:))
    }
  }
}
