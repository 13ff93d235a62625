import Placement

/// Rounds a branch-and-bound node's LP optimum to a weakly stable placement: deferred
/// acceptance over the programme's market with every tie broken towards the pairs the LP
/// optimum uses more (``DeferredAcceptance/assignment(_:preferring:)``).
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
  /// any placement it offered before, and only when it is valid and stable in `market`:
  /// with type quotas and groups deferred acceptance can leave a blocking pair, and such
  /// a placement is not a solution of the programme.
  ///
  /// With `neighbourhood`, the first node whose rounding falls short of the node's LP
  /// bound rounded down also searches the neighbourhood of its LP optimum
  /// (``RootNeighbourhood``) with those options under that control.
  static func heuristic(
    model: WelfareModel, market: Market, reduced: Market, program: LinearProgram, incumbent: [Double]?,
    neighbourhood: (options: GLPKOptions, control: SolveControl)? = nil
  ) -> NodeHeuristic {
    var best = incumbent.map { program.objectiveValue(of: $0) } ?? -1
    var searched = false
    return NodeHeuristic { values in
      var chosen: [Int32]?
      // Keeps `assignment` when it is valid, stable and places more than the best so far.
      func offer(_ assignment: [Int32]) {
        let evaluation = Evaluation(market, assignment)
        guard evaluation.isValid && evaluation.isStable && Double(evaluation.matched) > best else { return }
        best = Double(evaluation.matched)
        chosen = assignment
      }
      let (assignment, status) = DeferredAcceptance.assignment(
        reduced, preferring: Array(values[0..<reduced.pairCount]))
      if status != .infeasible, Double(assignment.count { $0 >= 0 }) > best { offer(assignment) }
      if let neighbourhood, !searched, best < (program.objectiveValue(of: values) + 1e-6).rounded(.down) {
        searched = true
        let plain = heuristic(model: model, market: market, reduced: reduced, program: program, incumbent: nil)
        if let found = RootNeighbourhood.search(
          program, near: values, fixing: 0..<reduced.pairCount, better: best, options: neighbourhood.options,
          control: neighbourhood.control, heuristic: plain)
        {
          offer(model.assignment(from: found))
        }
      }
      return chosen.map(model.values(of:))
    }
  }
}
