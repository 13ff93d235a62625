internal import CGLPKShims

/// Tightens column bounds at branch-and-bound nodes by reduced cost, in whole units, for
/// programmes whose objective takes whole values.
///
/// At a node whose LP optimum is fractional, moving a non-basic column off its bound by
/// one unit changes the LP optimum by at least its reduced cost r. A solution that beats
/// the incumbent by `objectiveStep` (1 for a whole objective) can therefore move it by at
/// most ⌊room / |r|⌋ whole units, where room is how far the node's LP optimum lies beyond
/// that target; so its far bound is set there for the node's subtree (GLPK's own fixing
/// only fixes, and asks only to beat the incumbent by any amount). It applies to integer
/// columns, and, when `wholeVertices` (with the integer columns fixed every vertex is
/// whole), to continuous columns with whole bounds. The near bound stays, so the LP
/// optimum does not change.
///
/// GLPK hands it the node's columns from the C callback and applies its answer; it never
/// calls GLPK.
final class ReducedCostTightening {
  /// How much any two solutions' objectives differ at least when they differ.
  let objectiveStep: Double
  /// Whether continuous columns with whole bounds count as whole.
  let wholeVertices: Bool
  /// Bounds tightened so far.
  private(set) var tightened = 0
  // The last answer, owned here so that it stays put while GLPK reads it.
  private let entries = OwnedBuffer<Int32>()
  private let lowers = OwnedBuffer<Double>()
  private let uppers = OwnedBuffer<Double>()

  init(objectiveStep: Double, wholeVertices: Bool) {
    self.objectiveStep = objectiveStep
    self.wholeVertices = wholeVertices
  }

  /// The tightened bounds among `node`'s columns.
  fileprivate func changes(for node: cglpk_node_columns) -> cglpk_bound_changes {
    let incumbent = node.incumbent
    // How far the node's LP optimum is beyond the least objective worth finding, with
    // numerical slack on the side of tightening less.
    var room =
      node.maximize != 0
      ? node.lp_objective - (incumbent + objectiveStep) : (incumbent - objectiveStep) - node.lp_objective
    room += 1e-6 * (1 + abs(incumbent))
    guard room >= 0, node.count > 0 else { return cglpk_bound_changes() }
    var entry: [Int32] = []
    var lower: [Double] = []
    var upper: [Double] = []
    for k in 0..<Int(node.count) {
      let low = node.lower[k]
      let high = node.upper[k]
      let whole = node.integer[k] != 0 || (wholeVertices && low == low.rounded(.down) && high == high.rounded(.down))
      guard whole else { continue }
      let cost = abs(node.reduced_cost[k])
      guard cost >= 1e-9 else { continue }
      let moves = (room / cost + 1e-9).rounded(.down)
      guard moves < high - low else { continue }
      entry.append(Int32(k))
      lower.append(node.at_upper[k] != 0 ? high - moves : low)
      upper.append(node.at_upper[k] != 0 ? high : low + moves)
    }
    tightened += entry.count
    return cglpk_bound_changes(
      count: Int32(entry.count), entry: entries.holding(entry), lower: lowers.holding(lower),
      upper: uppers.holding(upper))
  }
}

/// GLPK's entry into a ``ReducedCostTightening`` passed as context.
let tightenByReducedCost: cglpk_bounds_function = { context, node in
  guard let context, let node else { return cglpk_bound_changes() }
  return Unmanaged<ReducedCostTightening>.fromOpaque(context).takeUnretainedValue().changes(for: node.pointee)
}
