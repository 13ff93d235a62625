/// A linear or mixed-integer programme as plain arrays, built without any solver, so
/// tests and model export can use it and a solver loads it in one pass.
///
/// Rows are sparse (CSR): row `i` has coefficients `rowValue[k]` on columns
/// `rowColumn[k]` for `k` in `rowStart[i] ..< rowStart[i + 1]`. Infinite bounds mean
/// "no bound".
public struct LinearProgram: Sendable, Hashable {
  /// Whether the objective is minimised or maximised.
  public enum Direction: Sendable, Hashable {
    /// Minimise the objective.
    case minimize
    /// Maximise the objective.
    case maximize

    /// Whether `value` is strictly better than `other` in this direction.
    package func prefers(_ value: Double, over other: Double) -> Bool {
      self == .maximize ? value > other : value < other
    }
  }

  /// Whether the objective is minimised or maximised.
  public var direction: Direction
  /// The objective coefficient of each column.
  public var objective: [Double]
  /// The lower bound of each column (`-.infinity` for none).
  public var columnLower: [Double]
  /// The upper bound of each column (`.infinity` for none).
  public var columnUpper: [Double]
  /// Whether each column must take an integer value.
  public var isInteger: [Bool]
  /// Where each row's coefficients start; `rowCount + 1` values, starting at 0.
  public var rowStart: [Int]
  /// The column of each coefficient.
  public var rowColumn: [Int32]
  /// The value of each coefficient.
  public var rowValue: [Double]
  /// The lower bound of each row's activity (`-.infinity` for none).
  public var rowLower: [Double]
  /// The upper bound of each row's activity (`.infinity` for none).
  public var rowUpper: [Double]
  /// A name for exported models (empty for none): at most 255 characters, no control
  /// characters.
  public var name = ""
  /// A constant added to the objective.
  public var objectiveConstant: Double = 0
  /// Whether the objective takes whole values at every feasible point even though some
  /// of its columns are continuous (as when total unimodularity makes them integral).
  /// GLPK then prunes every node that cannot beat the incumbent by a whole unit, tightens
  /// integer columns' bounds by reduced cost in whole units, and bounds are rounded.
  public var objectiveIsWhole = false
  /// Whether, once the integer columns are fixed at whole values, every vertex of what is
  /// left is whole in every column (as total unimodularity with whole bounds makes it).
  /// GLPK may then tighten continuous columns' bounds by reduced cost in whole units too,
  /// like integer ones: a better solution at a whole vertex moves them by whole units.
  public var verticesAreWhole = false
  /// When above 0, the root LP of a search given a starting solution starts from a basis
  /// near it, priced by Dantzig's rule, instead of from GLPK's LP presolver, priced by
  /// projected steepest edge: those of the first `rootBasisColumns` columns that are at
  /// their upper bounds in the starting solution (the pairs placed) are nonbasic there,
  /// and the presolver places the other columns, optimally given those. From a feasible
  /// point the simplex method needs no search for feasibility, which pays where that search
  /// is long and presolving removes little (one-to-one stability programmes); elsewhere
  /// the presolver is faster.
  public var rootBasisColumns = 0
  /// Column names for exported models (empty for none); at most 255 printable ASCII
  /// characters each, no spaces.
  public var columnNames: [String] = []
  /// Row names for exported models (empty for none), under the same rules.
  public var rowNames: [String] = []

  /// Creates an empty programme.
  public init(direction: Direction) {
    self.direction = direction
    objective = []
    columnLower = []
    columnUpper = []
    isInteger = []
    rowStart = [0]
    rowColumn = []
    rowValue = []
    rowLower = []
    rowUpper = []
  }

  /// The number of columns.
  public var columnCount: Int { objective.count }
  /// The number of rows.
  public var rowCount: Int { rowStart.count - 1 }

  /// Adds a column and returns its index.
  @discardableResult
  public mutating func addColumn(
    objective coefficient: Double, lower: Double = 0, upper: Double = .infinity, integer: Bool = false
  ) -> Int {
    objective.append(coefficient)
    columnLower.append(lower)
    columnUpper.append(upper)
    isInteger.append(integer)
    return objective.count - 1
  }

  /// Adds the row `lower ≤ Σ coefficient · column ≤ upper`.
  public mutating func addRow(_ terms: [(column: Int, coefficient: Double)], lower: Double, upper: Double) {
    for term in terms { appendTerm(column: term.column, coefficient: term.coefficient) }
    closeRow(lower: lower, upper: upper)
  }

  /// Adds `coefficient · column` to the row being built; ``closeRow(lower:upper:)`` ends it.
  /// Building rows term by term needs no temporary arrays.
  public mutating func appendTerm(column: Int, coefficient: Double) {
    rowColumn.append(Int32(truncatingIfNeeded: column))
    rowValue.append(coefficient)
  }

  /// Ends the row built by ``appendTerm(column:coefficient:)`` with `lower ≤ row ≤ upper`.
  public mutating func closeRow(lower: Double, upper: Double) {
    rowStart.append(rowColumn.count)
    rowLower.append(lower)
    rowUpper.append(upper)
  }

  /// The objective value of `values` (one per column).
  public func objectiveValue(of values: [Double]) -> Double {
    zip(objective, values).reduce(objectiveConstant) { $0 + $1.0 * $1.1 }
  }

  /// GLPK's relative objective tolerance for a whole objective: just under one unit at
  /// the largest objective any solution can have, so that a node is pruned unless its
  /// bound beats the incumbent by nearly one; 0 (GLPK's default) otherwise. The largest
  /// comes from the column bounds and, when given, from the LP relaxation's optimum
  /// `relaxedBound` (no solution beats it): GLPK's tolerance is relative, so the tighter
  /// that is, the closer to one unit the pruning gets.
  func wholeObjectiveTolerance(relaxedBound: Double? = nil) -> Double {
    guard objectiveIsWhole, !hasIntegralObjective else { return 0 }
    var lowest = objectiveConstant
    var highest = objectiveConstant
    for column in objective.indices where objective[column] != 0 {
      let atLower = objective[column] * columnLower[column]
      let atUpper = objective[column] * columnUpper[column]
      lowest += min(atLower, atUpper)
      highest += max(atLower, atUpper)
    }
    if let relaxedBound {
      if direction == .maximize { highest = min(highest, relaxedBound) } else { lowest = max(lowest, relaxedBound) }
    }
    let largest = max(abs(lowest), abs(highest))
    return largest.isFinite ? 0.999 / (1 + largest) : 0
  }

  /// Whether every objective coefficient of every column is an integer and every column
  /// with a non-zero coefficient is integral, so the optimum is an integer.
  var hasIntegralObjective: Bool {
    objectiveConstant.rounded() == objectiveConstant
      && objective.indices.allSatisfy {
        objective[$0] == 0 || (isInteger[$0] && objective[$0].rounded() == objective[$0])
      }
  }

  /// Whether every solution's objective is a whole number: the coefficients make it so
  /// (``hasIntegralObjective``) or the programme says so (``objectiveIsWhole``).
  var objectiveTakesWholeValues: Bool { objectiveIsWhole || hasIntegralObjective }

  /// Every bound, row or integrality that `values` violates by more than `tolerance`;
  /// empty when `values` is a feasible solution.
  public func violations(of values: [Double], tolerance: Double = 1e-6) -> [String] {
    guard values.count == columnCount else {
      return ["\(values.count) values for \(columnCount) columns"]
    }
    var violations: [String] = []
    for j in 0..<columnCount {
      let value = values[j]
      if !(value >= columnLower[j] - tolerance && value <= columnUpper[j] + tolerance) {
        violations.append("column \(j): \(value) outside \(columnLower[j]) ... \(columnUpper[j])")
      }
      if isInteger[j] && abs(value - value.rounded()) > tolerance {
        violations.append("column \(j): \(value) is not an integer")
      }
    }
    for i in 0..<rowCount {
      var activity = 0.0
      for k in rowStart[i]..<rowStart[i + 1] { activity += rowValue[k] * values[Int(rowColumn[k])] }
      if !(activity >= rowLower[i] - tolerance && activity <= rowUpper[i] + tolerance) {
        violations.append("row \(i): activity \(activity) outside \(rowLower[i]) ... \(rowUpper[i])")
      }
    }
    return violations
  }

  /// Every reason a solver would reject this programme; empty when it is well formed.
  public func problems() -> [String] {
    var problems: [String] = []
    let n = columnCount
    if columnLower.count != n || columnUpper.count != n || isInteger.count != n {
      problems.append("column arrays differ in length")
      return problems
    }
    if rowStart.first != 0 || rowLower.count != rowCount || rowUpper.count != rowCount
      || rowStart.last != rowColumn.count || rowValue.count != rowColumn.count
      || zip(rowStart, rowStart.dropFirst()).contains(where: { $0 > $1 })
    {
      problems.append("row arrays are inconsistent")
      return problems
    }
    for j in 0..<n {
      if !objective[j].isFinite { problems.append("column \(j): objective \(objective[j]) is not finite") }
      if columnLower[j].isNaN || columnUpper[j].isNaN || columnLower[j] > columnUpper[j]
        || columnLower[j] == .infinity || columnUpper[j] == -.infinity
      {
        problems.append("column \(j): bounds \(columnLower[j]) ... \(columnUpper[j]) are empty")
      }
    }
    if name.utf8.count > 255 || name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      problems.append("name \(name.debugDescription) is longer than 255 bytes or has control characters")
    }
    if !objectiveConstant.isFinite { problems.append("objective constant \(objectiveConstant) is not finite") }
    for (kind, names, count) in [("column", columnNames, n), ("row", rowNames, rowCount)] where !names.isEmpty {
      if names.count != count { problems.append("\(names.count) \(kind) names for \(count) \(kind)s") }
      for (index, name) in names.enumerated()
      where name.isEmpty || name.utf8.count > 255 || !name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
        problems.append("\(kind) \(index): name \(name.debugDescription) is not 1–255 printable ASCII characters")
      }
    }
    var seen = [Int](repeating: -1, count: n)
    for i in 0..<rowCount {
      if rowLower[i].isNaN || rowUpper[i].isNaN || rowLower[i] > rowUpper[i]
        || rowLower[i] == .infinity || rowUpper[i] == -.infinity
      {
        problems.append("row \(i): bounds \(rowLower[i]) ... \(rowUpper[i]) are empty")
      }
      for k in rowStart[i]..<rowStart[i + 1] {
        let j = Int(rowColumn[k])
        guard j >= 0, j < n else {
          problems.append("row \(i): column \(j) out of range 0..<\(n)")
          continue
        }
        if seen[j] == i { problems.append("row \(i): column \(j) appears twice") }
        seen[j] = i
        if !rowValue[k].isFinite { problems.append("row \(i): coefficient \(rowValue[k]) is not finite") }
      }
    }
    return problems
  }
}
