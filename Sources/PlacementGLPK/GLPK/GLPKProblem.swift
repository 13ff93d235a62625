internal import CGLPK
internal import CGLPKShims
import Placement

/// Owns one GLPK problem object from creation to deletion; the only caller of GLPK.
///
/// GLPK keeps its environment per thread (Debian builds it with `_Thread_local`), so a
/// problem must be created, used and deleted on one thread. The type makes misuse hard:
/// - it is noncopyable and not `Sendable`, and the only way to get one is
///   ``withNew(_:)``, whose body is synchronous: no `await` (and so no change of thread)
///   can happen while the problem lives, and it cannot escape the body;
/// - every call checks, in one pointer comparison, that it runs on the creating thread.
///
/// Every GLPK call goes through the C guard in `CGLPKShims`: a fatal GLPK error becomes
/// ``GLPKError/fatal(_:)`` instead of aborting the process. GLPK then frees every object
/// on the thread, which this type notices and does not delete twice.
struct GLPKProblem: ~Copyable {
  private let pointer: OpaquePointer
  private let generation: UInt
  private let thread: UnsafeRawPointer

  private init() {
    pointer = cglpk_create()
    generation = cglpk_environment_generation()
    thread = cglpk_thread_token()
  }

  deinit {
    precondition(cglpk_thread_token() == thread, "a GLPK problem must be deleted on the thread that created it")
    if cglpk_environment_generation() == generation { cglpk_delete(pointer) }
  }

  /// Routes this thread's GLPK terminal output to `log` (a C function and its context),
  /// or discards it (`nil`).
  static func routeLog(_ log: (cglpk_log_function, UnsafeMutableRawPointer)?) {
    cglpk_set_log(log?.0, log?.1)
  }

  /// Frees this thread's GLPK environment, when the thread holds no problem any more
  /// (``GLPKThread`` at the end of its thread).
  static func freeThreadEnvironment() {
    cglpk_free_environment()
  }

  /// Creates a problem, runs `body` with it on this thread, and deletes it.
  static func withNew<Result>(_ body: (borrowing GLPKProblem) throws(GLPKError) -> Result) throws(GLPKError) -> Result {
    let problem = GLPKProblem()
    return try body(problem)
  }

  /// The live GLPK pointer; traps when used from another thread.
  private func checked() throws(GLPKError) -> OpaquePointer {
    precondition(cglpk_thread_token() == thread, "a GLPK problem must stay on the thread that created it")
    guard cglpk_environment_generation() == generation else {
      throw .fatal("the problem was freed by an earlier trapped GLPK error")
    }
    return pointer
  }

  private static func guarded(_ code: Int32) throws(GLPKError) {
    if code == CGLPK_FATAL { throw .fatal(String(cString: cglpk_last_error())) }
  }

  /// Runs `body` with `program` as the C shim's plain-array model.
  private static func withModel(_ program: LinearProgram, _ body: (inout cglpk_model) -> Int32) -> Int32 {
    let integer = program.isInteger.map { UInt8($0 ? 1 : 0) }
    return program.objective.withUnsafeBufferPointer { objective in
      program.columnLower.withUnsafeBufferPointer { columnLower in
        program.columnUpper.withUnsafeBufferPointer { columnUpper in
          integer.withUnsafeBufferPointer { integer in
            program.rowStart.withUnsafeBufferPointer { rowStart in
              program.rowColumn.withUnsafeBufferPointer { rowColumn in
                program.rowValue.withUnsafeBufferPointer { rowValue in
                  program.rowLower.withUnsafeBufferPointer { rowLower in
                    program.rowUpper.withUnsafeBufferPointer { rowUpper in
                      var model = cglpk_model(
                        rows: Int32(program.rowCount), columns: Int32(program.columnCount),
                        maximize: program.direction == .maximize ? 1 : 0,
                        objective_constant: program.objectiveConstant,
                        objective: objective.baseAddress, column_lower: columnLower.baseAddress,
                        column_upper: columnUpper.baseAddress, integer: integer.baseAddress,
                        row_start: rowStart.baseAddress, row_column: rowColumn.baseAddress,
                        row_value: rowValue.baseAddress, row_lower: rowLower.baseAddress,
                        row_upper: rowUpper.baseAddress)
                      return body(&model)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// Appends the rows of `program` from `firstRow` on, unnamed (as ``load(_:named:)``
  /// loads a solve's); the problem holds the rows before. GLPK marks new rows basic, so the
  /// simplex method restarts from the current basis.
  func appendRows(of program: LinearProgram, from firstRow: Int) throws(GLPKError) {
    let pointer = try checked()
    try Self.guarded(Self.withModel(program) { model in cglpk_append_rows(pointer, &model, Int32(firstRow)) })
  }

  /// Replaces the objective with that of `program`.
  func setObjective(of program: LinearProgram) throws(GLPKError) {
    let pointer = try checked()
    try Self.guarded(Self.withModel(program) { model in cglpk_set_objective(pointer, &model) })
  }

  /// Loads a programme already checked by ``LinearProgram/problems()``, in one C pass, with
  /// its names when `named`: only a written model shows them, and a solve would spend time
  /// before its root LP naming every row and column.
  func load(_ program: LinearProgram, named: Bool = false) throws(GLPKError) {
    let pointer = try checked()
    let code = Self.withModel(program) { model in cglpk_load(pointer, &model) }
    try Self.guarded(code)
    if named, !program.name.isEmpty || !program.columnNames.isEmpty || !program.rowNames.isEmpty {
      func joined(_ names: [String]) -> [CChar]? {
        names.isEmpty ? nil : names.flatMap { $0.utf8CString }
      }
      let columns = joined(program.columnNames)
      let rows = joined(program.rowNames)
      let name = program.name.isEmpty ? nil : Array(program.name.utf8CString)
      let code = name.withOptionalPointer { name in
        columns.withOptionalPointer { columns in
          rows.withOptionalPointer { rows in cglpk_set_names(pointer, name, columns, rows) }
        }
      }
      try Self.guarded(code)
    }
  }

  /// Runs the primal simplex method on the LP relaxation for at most `iterations`
  /// iterations and `timeLimitMilliseconds`, after GLPK's LP presolver when `presolve` is
  /// set (a basis is left only when that solves the problem), pricing by Dantzig's rule
  /// when `dantzig` is set (else projected steepest edge); returns `glp_simplex`'s
  /// code. With `control`, the call is abandoned within about 100 ms of the control's
  /// cancellation or deadline and `nil` returned: GLPK's simplex method has no callback,
  /// so its terminal output asks, and abandoning it frees every GLPK object on this thread
  /// (this problem included, which may not be used again).
  func simplex(
    iterations: Int32 = .max, timeLimitMilliseconds: Int32, presolve: Bool = false, dantzig: Bool = false,
    log: Bool, stoppingWith control: SolveControl? = nil
  ) throws(GLPKError) -> Int32? {
    let pointer = try checked()
    var result: Int32 = 0
    let code = withExtendedLifetime(control) {
      cglpk_simplex(
        pointer, iterations, timeLimitMilliseconds, presolve ? 1 : 0, dantzig ? 1 : 0, log ? 1 : 0,
        control == nil ? nil : shouldStop, control.map { Unmanaged.passUnretained($0).toOpaque() }, &result)
    }
    if code == CGLPK_INTERRUPTED { return nil }
    try Self.guarded(code)
    return result
  }

  /// Leaves a primal feasible basis near the feasible point `values` (one per column), so
  /// that the simplex method starts there instead of searching for feasibility: those of
  /// the first `count` columns at their upper bounds stay nonbasic there, and GLPK's
  /// presolver places the rest, optimally for what is left. Returns whether it did; when
  /// not, the problem is unchanged but for its basis.
  func setBasis(at values: [Double], fixing count: Int) throws(GLPKError) -> Bool {
    let pointer = try checked()
    var result: Int32 = 0
    // GLPK's arrays are 1-based: slot 0 is ignored.
    let code = ([0] + values).withUnsafeBufferPointer { cglpk_basis_at(pointer, $0.baseAddress, Int32(count), &result) }
    try Self.guarded(code)
    return result == 0
  }

  /// Runs branch-and-bound from the optimal basis; returns `glp_intopt`'s code.
  func branchAndBound(_ search: inout cglpk_search, log: Bool) throws(GLPKError) -> Int32 {
    let pointer = try checked()
    var result: Int32 = 0
    try Self.guarded(cglpk_intopt(pointer, &search, log ? 1 : 0, &result))
    return result
  }

  /// Writes the loaded problem as CPLEX LP or free MPS.
  func write(_ format: ModelFormat, to path: String) throws(GLPKError) {
    let pointer = try checked()
    var result: Int32 = 0
    try Self.guarded(cglpk_write(pointer, format == .lp ? 0 : 1, path, &result))
    if result != 0 { throw .solverFailed(routine: format == .lp ? "glp_write_lp" : "glp_write_mps", code: result) }
  }

  /// `glp_get_status` after the simplex method.
  var lpStatus: Int32 { get throws(GLPKError) { glp_get_status(try checked()) } }
  /// `glp_get_obj_val` after the simplex method.
  var lpObjective: Double { get throws(GLPKError) { glp_get_obj_val(try checked()) } }
  /// `glp_mip_status` after branch-and-bound.
  var mipStatus: Int32 { get throws(GLPKError) { glp_mip_status(try checked()) } }
  /// `glp_mip_obj_val` after branch-and-bound.
  var mipObjective: Double { get throws(GLPKError) { glp_mip_obj_val(try checked()) } }

  /// The primal value of every column after the simplex method.
  func lpValues(count: Int) throws(GLPKError) -> [Double] {
    let pointer = try checked()
    return (0..<count).map { glp_get_col_prim(pointer, Int32($0 + 1)) }
  }

  /// The value of every column in the incumbent after branch-and-bound.
  func mipValues(count: Int) throws(GLPKError) -> [Double] {
    let pointer = try checked()
    return (0..<count).map { glp_mip_col_val(pointer, Int32($0 + 1)) }
  }
}

@available(*, unavailable, message: "a GLPK problem must stay on the thread that created it")
extension GLPKProblem: Sendable {}

/// A file format for a model.
public enum ModelFormat: String, Sendable, CaseIterable {
  /// CPLEX LP format (`glp_write_lp`).
  case lp
  /// Free MPS format (`glp_write_mps` with `GLP_MPS_FILE`).
  case mps
}

/// GLPK's question, through the terminal hook, whether the ``Placement/SolveControl``
/// passed as context was cancelled or is past its deadline.
private let shouldStop: cglpk_interrupt_function = { context in
  guard let context else { return 0 }
  let control = Unmanaged<SolveControl>.fromOpaque(context).takeUnretainedValue()
  return control.isCancelled || control.isPastDeadline ? 1 : 0
}
