internal import CGLPKShims

/// A row `Σ coefficient · column ≥ lower` valid for every integer solution of a
/// programme, found because some fractional point violates it.
package struct Cut: Sendable {
  /// The columns and their coefficients, each column once.
  package var terms: [(column: Int, coefficient: Double)]
  /// The row's lower bound.
  package var lower: Double

  package init(terms: [(column: Int, coefficient: Double)], lower: Double) {
    self.terms = terms
    self.lower = lower
  }
}

/// Finds cuts at branch-and-bound nodes: GLPK hands it each node's LP optimum and adds
/// what it returns to the node's cut pool, then solves the LP again and asks again, until
/// nothing more is returned or the node's rounds are used up.
///
/// `separate` is called with the value of every column, on the solving thread; it must
/// not call GLPK. It is not called once the search has been told to stop: the search's
/// observer is asked first at each round.
package final class CutSeparator {
  /// The most rounds of cuts at the root node.
  package let rootRounds: Int
  /// The most rounds of cuts at any other node.
  package let nodeRounds: Int
  private let separate: ([Double]) -> [Cut]
  private var node: Int32 = -1
  private var rounds = 0
  // The last answer, owned here so that it stays put while GLPK reads it.
  private let rowStart = OwnedBuffer<Int>()
  private let rowColumn = OwnedBuffer<Int32>()
  private let rowValue = OwnedBuffer<Double>()
  private let rowLower = OwnedBuffer<Double>()
  /// Cuts returned so far.
  package private(set) var added = 0

  package init(rootRounds: Int = 200, nodeRounds: Int = 10, separate: @escaping ([Double]) -> [Cut]) {
    self.rootRounds = rootRounds
    self.nodeRounds = nodeRounds
    self.separate = separate
  }

  /// The cuts for a node whose LP optimum is `values`, laid out for GLPK.
  fileprivate func answer(_ values: UnsafeBufferPointer<Double>, node: Int32, level: Int32) -> cglpk_cuts {
    if node != self.node {
      self.node = node
      rounds = 0
    }
    rounds += 1
    guard rounds <= (level == 0 ? rootRounds : nodeRounds) else { return cglpk_cuts() }
    let cuts = separate(Array(values))
    guard !cuts.isEmpty else { return cglpk_cuts() }
    added += cuts.count
    var start = [0]
    for cut in cuts { start.append(start[start.count - 1] + cut.terms.count) }
    let terms = cuts.flatMap(\.terms)
    return cglpk_cuts(
      count: Int32(cuts.count), row_start: rowStart.holding(start),
      row_column: rowColumn.holding(terms.map { Int32($0.column) }),
      row_value: rowValue.holding(terms.map(\.coefficient)), row_lower: rowLower.holding(cuts.map(\.lower)))
  }
}

/// GLPK's entry into a ``CutSeparator`` passed as context.
let separateCuts: cglpk_cut_function = { context, values, columns, node, level in
  guard let context, let values else { return cglpk_cuts() }
  return Unmanaged<CutSeparator>.fromOpaque(context).takeUnretainedValue()
    .answer(UnsafeBufferPointer(start: values, count: Int(columns)), node: node, level: level)
}
