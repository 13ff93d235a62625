internal import CGLPK

/// Owns one GLPK problem object from creation to deletion.
///
/// GLPK keeps its environment per thread, so a problem must be created, solved and
/// deleted on one thread. The type is deliberately not `Sendable` and lives only
/// inside ``GLPKSolver/solve(_:timeLimit:)``, one synchronous call with no `await`.
final class GLPKProblem {
  let pointer: OpaquePointer

  init() {
    pointer = glp_create_prob()
  }

  deinit {
    glp_delete_prob(pointer)
  }

  /// Loads a programme already checked by ``LinearProgram/problems()``.
  func load(_ program: LinearProgram) {
    glp_set_obj_dir(pointer, program.direction == .minimize ? GLP_MIN : GLP_MAX)
    if program.rowCount > 0 { glp_add_rows(pointer, Int32(program.rowCount)) }
    if program.columnCount > 0 { glp_add_cols(pointer, Int32(program.columnCount)) }
    for j in 0..<program.columnCount {
      let column = Int32(j + 1)
      let (type, lower, upper) = boundType(program.columnLower[j], program.columnUpper[j])
      glp_set_col_bnds(pointer, column, type, lower, upper)
      glp_set_obj_coef(pointer, column, program.objective[j])
      if program.isInteger[j] { glp_set_col_kind(pointer, column, GLP_IV) }
    }
    for i in 0..<program.rowCount {
      let (type, lower, upper) = boundType(program.rowLower[i], program.rowUpper[i])
      glp_set_row_bnds(pointer, Int32(i + 1), type, lower, upper)
    }
    // GLPK's arrays are 1-based: slot 0 is ignored.
    let nonzeros = program.rowColumn.count
    var rowIndex = [Int32](repeating: 0, count: nonzeros + 1)
    var columnIndex = [Int32](repeating: 0, count: nonzeros + 1)
    var value = [Double](repeating: 0, count: nonzeros + 1)
    for i in 0..<program.rowCount {
      for k in program.rowStart[i]..<program.rowStart[i + 1] {
        rowIndex[k + 1] = Int32(i + 1)
        columnIndex[k + 1] = program.rowColumn[k] + 1
        value[k + 1] = program.rowValue[k]
      }
    }
    glp_load_matrix(pointer, Int32(nonzeros), rowIndex, columnIndex, value)
  }

  private func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
    switch (lower.isFinite, upper.isFinite) {
    case (false, false): (GLP_FR, 0, 0)
    case (true, false): (GLP_LO, lower, 0)
    case (false, true): (GLP_UP, 0, upper)
    case (true, true): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
    }
  }
}
