import Placement

/// The welfare integer programme of a market, before any objective: one binary column
/// per mutually acceptable pair, one binary "open" column per closable position with a
/// minimum or a type minimum, and rows for every quota.
///
/// Columns: `x_a<i>_p<j>` for applicant index i at position index j (indices are the
/// order of `applicants` and `positions` in the instance; a locked pair's is fixed at 1),
/// then `open_p<j>`. Rows:
/// `applicant_<i>` (at most one position), `position_<j>` (capacity and minimum, or
/// `position_<j>_cap`/`_min` against `open_p<j>` when closable), `group_<k>` and
/// `quota_<q>` (type quotas in instance order), `rule_<r>_cap`, `_max_share`, `_min` and
/// `_min_share` (type rules: counts of the type, and shares as `Σ (is of the type − share)
/// · x` against 0), then `level_<n>` rows that hold earlier levels of a lexicographic
/// objective at their optima.
package struct WelfareModel: Sendable {
  /// The market the model describes.
  package let market: Market
  /// The constraints, with a zero objective.
  package private(set) var constraints: LinearProgram
  /// The column of each position's "open" variable, or −1 when it has none.
  package private(set) var openColumn: [Int]
  /// The rows that carry a minimum as their lower bound: of each non-closable position and
  /// each group with one, with the position's or group's index.
  private(set) var minimumRows: [(row: Int, index: Int, isGroup: Bool)] = []
  /// The rows of each type rule's minimum and minimum share, with the rule's index.
  private(set) var typeMinimumRows: [(rows: [Int], rule: Int)] = []
  /// The weak-stability rows and their helper columns, when the model has them.
  private var stability: StabilityRows?
  /// The number of columns before the stability helpers.
  private let placementColumnCount: Int

  /// Builds the constraints of `market`, with the weak-stability rows of ``StabilityRows``
  /// when `stable` is set: rows that must hold, or with `elastic`, rows that a pair's
  /// blocking column may excuse (see ``blockingColumns``).
  ///
  /// - Complexity: O(P + L) for L acceptable pairs and P positions, plus O(L) per group a
  ///   position belongs to.
  package init(_ market: Market, stable: Bool = false, elastic: Bool = false) {
    self.market = market
    var program = LinearProgram(direction: .maximize)
    let pairs = market.pairCount
    program.objective.reserveCapacity(pairs)
    for _ in 0..<pairs { program.addColumn(objective: 0, lower: 0, upper: 1, integer: true) }
    // A locked applicant's list is its locked position alone: its one column is fixed at 1.
    for pair in market.lockedPairs {
      for e in market.entries(ofApplicant: pair.applicant) { program.columnLower[e] = 1 }
    }
    var openColumn = [Int](repeating: -1, count: market.positionCount)
    // A closable position needs one when it has a minimum of its own or a type minimum.
    var owesMinimum = market.positionMinimum.map { $0 > 0 }
    for rule in market.typeRules where rule.position >= 0 && rule.hasLowerLimit {
      owesMinimum[Int(rule.position)] = true
    }
    for p in 0..<market.positionCount where market.positionClosable[p] && owesMinimum[p] {
      openColumn[p] = program.addColumn(objective: 0, lower: 0, upper: 1, integer: true)
    }
    var rowNames: [String] = []

    // One-to-one, the stability rows bound counts of whole lists, which make these rows
    // redundant: every position's, and the applicants' whose counts are columns.
    let countsBound = stable && market.isOneToOne
    for a in 0..<market.applicantCount where market.entries(ofApplicant: a).count > 1 {
      if countsBound,
        !StabilityRows.writesOutCounts(ofListOf: market.entries(ofApplicant: a).count, oneToOne: true)
      {
        continue
      }
      for e in market.entries(ofApplicant: a) { program.appendTerm(column: e, coefficient: 1) }
      program.closeRow(lower: -.infinity, upper: 1)
      rowNames.append("applicant_\(a)")
    }
    for p in 0..<market.positionCount {
      let entries = market.entries(ofPosition: p)
      let capacity = Double(market.positionCapacity[p])
      let minimum = Double(market.positionMinimum[p])
      if openColumn[p] >= 0 {
        for k in entries { program.appendTerm(column: Int(market.positionListEntry[k]), coefficient: 1) }
        program.appendTerm(column: openColumn[p], coefficient: -capacity)
        program.closeRow(lower: -.infinity, upper: 0)
        rowNames.append("position_\(p)_cap")
        for k in entries { program.appendTerm(column: Int(market.positionListEntry[k]), coefficient: 1) }
        program.appendTerm(column: openColumn[p], coefficient: -minimum)
        program.closeRow(lower: 0, upper: .infinity)
        rowNames.append("position_\(p)_min")
      } else if minimum > 0 || (capacity < Double(entries.count) && !countsBound) {
        for k in entries { program.appendTerm(column: Int(market.positionListEntry[k]), coefficient: 1) }
        program.closeRow(lower: minimum > 0 ? minimum : -.infinity, upper: capacity)
        rowNames.append("position_\(p)")
        if minimum > 0 { minimumRows.append((program.rowCount - 1, p, false)) }
      }
    }
    for g in 0..<market.groupCount {
      let members = market.positions(ofGroup: g)
      let reach = members.reduce(0) { $0 + market.entries(ofPosition: Int($1)).count }
      let capacity = Double(market.groupCapacity[g])
      let minimum = Double(market.groupMinimum[g])
      guard minimum > 0 || capacity < Double(reach) else { continue }
      for p in members {
        for k in market.entries(ofPosition: Int(p)) {
          program.appendTerm(column: Int(market.positionListEntry[k]), coefficient: 1)
        }
      }
      program.closeRow(lower: minimum > 0 ? minimum : -.infinity, upper: capacity)
      rowNames.append("group_\(g)")
      if minimum > 0 { minimumRows.append((program.rowCount - 1, g, true)) }
    }
    var slotEntries = [[Int]](repeating: [], count: market.quotaCapacity.count)
    for e in 0..<pairs where market.entryQuotaSlot[e] >= 0 { slotEntries[Int(market.entryQuotaSlot[e])].append(e) }
    for (q, entries) in slotEntries.enumerated() where Int(market.quotaCapacity[q]) < entries.count {
      for e in entries { program.appendTerm(column: e, coefficient: 1) }
      program.closeRow(lower: -.infinity, upper: Double(market.quotaCapacity[q]))
      rowNames.append("quota_\(q)")
    }

    typeMinimumRows = Self.appendTypeRuleRows(of: market, to: &program, rowNames: &rowNames, openColumn: openColumn)

    var columnNames: [String] = []
    columnNames.reserveCapacity(program.columnCount)
    for e in 0..<pairs { columnNames.append("x_a\(market.entryApplicant[e])_p\(market.entryPosition[e])") }
    for (p, column) in openColumn.enumerated() where column >= 0 { columnNames.append("open_p\(p)") }
    program.columnNames = columnNames
    program.rowNames = rowNames
    self.openColumn = openColumn
    placementColumnCount = program.columnCount
    if stable {
      stability = StabilityRows(appendingTo: &program, market: market, openColumn: openColumn, elastic: elastic)
    }
    self.constraints = program
  }

  /// The comb inequalities of the stability rows, when the model has them.
  var stabilityCombs: StabilityCombs? { stability?.combs }

  /// Each pair's blocking column, when the stability rows are elastic; else empty.
  var blockingColumns: [Int] { stability?.blockingColumn ?? [] }

  /// The programme of `level`, with each earlier level held at its optimum by a row.
  package func program(for level: WelfareLevel, holding earlier: [(level: WelfareLevel, value: Double)])
    -> LinearProgram
  {
    var program = constraints
    for (index, held) in earlier.enumerated() {
      for e in 0..<market.pairCount {
        let weight = held.level.weight(ofEntry: e, in: market)
        if weight != 0 { program.appendTerm(column: e, coefficient: weight) }
      }
      program.closeRow(lower: held.value, upper: held.value)
      program.rowNames.append("level_\(index + 1)")
    }
    program.direction = level.sense == .maximize ? .maximize : .minimize
    for e in 0..<market.pairCount { program.objective[e] = level.weight(ofEntry: e, in: market) }
    return program
  }

  /// The column values of `assignment`: each placed pair 1, each position with people
  /// open, and the stability helpers completed from those.
  package func values(of assignment: [Int32]) -> [Double] {
    var values = [Double](repeating: 0, count: placementColumnCount)
    for (a, p) in assignment.enumerated() where p >= 0 {
      if let e = market.entry(applicant: a, position: Int(p)) {
        values[e] = 1
        if openColumn[Int(p)] >= 0 { values[openColumn[Int(p)]] = 1 }
      }
    }
    return stability?.completing(values, in: constraints) ?? values
  }

  /// The assignment a solution's column values describe.
  package func assignment(from values: [Double]) -> [Int32] {
    var assignment = [Int32](repeating: -1, count: market.applicantCount)
    for e in 0..<market.pairCount where values[e] > 0.5 {
      assignment[Int(market.entryApplicant[e])] = market.entryPosition[e]
    }
    return assignment
  }

  /// The rows of each ``Placement/TypeRule``: its capacity and maximum share as upper
  /// bounds, its minimum (times `open` at a closable position) and minimum share as lower.
  /// Returns the rows of each rule's minimum and minimum share, as ``typeMinimumRows``.
  private static func appendTypeRuleRows(
    of market: Market, to program: inout LinearProgram, rowNames: inout [String], openColumn: [Int]
  ) -> [(rows: [Int], rule: Int)] {
    var typeMinimumRows: [(rows: [Int], rule: Int)] = []
    for (r, rule) in market.typeRules.enumerated() {
      let entries = market.positions(ofTypeRule: r).flatMap { p in
        market.entries(ofPosition: Int(p)).map { Int(market.positionListEntry[$0]) }
      }
      let typed = entries.filter { market.applicantType[Int(market.entryApplicant[$0])] == rule.type }
      func shareRow(_ share: Int32, lower: Double, upper: Double, name: String) {
        let s = Double(share) / Double(TypeRule.wholeShare)
        for e in entries {
          let isOfType = market.applicantType[Int(market.entryApplicant[e])] == rule.type
          if (isOfType ? 1 : 0) != s { program.appendTerm(column: e, coefficient: (isOfType ? 1 : 0) - s) }
        }
        program.closeRow(lower: lower, upper: upper)
        rowNames.append(name)
      }
      if Int(rule.capacity) < typed.count {
        for e in typed { program.appendTerm(column: e, coefficient: 1) }
        program.closeRow(lower: -.infinity, upper: Double(rule.capacity))
        rowNames.append("rule_\(r)_cap")
      }
      if rule.maximumShare < TypeRule.wholeShare {
        shareRow(rule.maximumShare, lower: -.infinity, upper: 0, name: "rule_\(r)_max_share")
      }
      var lowerRows: [Int] = []
      if rule.minimum > 0 {
        for e in typed { program.appendTerm(column: e, coefficient: 1) }
        let open = rule.position >= 0 ? openColumn[Int(rule.position)] : -1
        if open >= 0 { program.appendTerm(column: open, coefficient: -Double(rule.minimum)) }
        program.closeRow(lower: open >= 0 ? 0 : Double(rule.minimum), upper: .infinity)
        rowNames.append("rule_\(r)_min")
        lowerRows.append(program.rowCount - 1)
      }
      if rule.minimumShare > 0 {
        shareRow(rule.minimumShare, lower: 0, upper: .infinity, name: "rule_\(r)_min_share")
        lowerRows.append(program.rowCount - 1)
      }
      if !lowerRows.isEmpty { typeMinimumRows.append((lowerRows, r)) }
    }
    return typeMinimumRows
  }
}
