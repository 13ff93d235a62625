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
    for term in terms {
      rowColumn.append(Int32(truncatingIfNeeded: term.column))
      rowValue.append(term.coefficient)
    }
    rowStart.append(rowColumn.count)
    rowLower.append(lower)
    rowUpper.append(upper)
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
