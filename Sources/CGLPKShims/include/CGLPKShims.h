// The only C in Placement's products: calls into GLPK that trap GLPK's fatal errors, and
// the branch-and-bound callback that hands node data to Swift and applies its answers.
//
// GLPK reports misuse through glp_error, which prints and then calls abort().
// Swift cannot call setjmp, so each guarded entry point below runs setjmp and
// the GLPK call together in C. On a fatal error the handler frees this
// thread's GLPK environment (every GLPK object on the thread) and returns
// CGLPK_FATAL; the message is kept in a thread-local buffer. No Swift frame is
// ever between setjmp and longjmp: Swift callbacks are called only with plain
// numbers and return before GLPK runs again.
#ifndef CGLPK_SHIMS_H
#define CGLPK_SHIMS_H

#include <glpk.h>
#include <stddef.h>

#define CGLPK_OK 0
#define CGLPK_FATAL (-1)
/// The call was abandoned because the caller's interrupt check said so; as after a fatal
/// error, this thread's GLPK environment (every GLPK object on it) was freed.
#define CGLPK_INTERRUPTED (-2)

/// Asked whenever GLPK writes to the terminal during a call that takes one; returns
/// non-zero to abandon the call.
typedef int (*cglpk_interrupt_function)(void *context);

/// A programme as 0-based plain arrays (rows in CSR form); infinite bounds mean none.
typedef struct {
  int rows, columns;
  int maximize;
  double objective_constant;
  const double *objective;       // columns
  const double *column_lower;    // columns
  const double *column_upper;    // columns
  const unsigned char *integer;  // columns
  const long *row_start;         // rows + 1
  const int *row_column;         // row_start[rows]
  const double *row_value;       // row_start[rows]
  const double *row_lower;       // rows
  const double *row_upper;       // rows
} cglpk_model;

/// What branch-and-bound reports at a node.
typedef struct {
  int has_incumbent;
  double incumbent;
  int has_bound;
  double bound;
  int active_nodes;
  int total_nodes;
} cglpk_progress;

/// Called during branch-and-bound; returns non-zero to stop the search.
typedef int (*cglpk_progress_function)(void *context, const cglpk_progress *progress);

/// Called with each piece of GLPK's terminal output (never with error text).
typedef void (*cglpk_log_function)(void *context, const char *text);

/// Rows `Σ value · column ≥ lower` (0-based columns, CSR) that a caller's separator found.
typedef struct {
  int count;
  const long *row_start;     // count + 1
  const int *row_column;     // row_start[count]
  const double *row_value;   // row_start[count]
  const double *row_lower;   // count
} cglpk_cuts;

/// Called at a branch-and-bound node whose LP relaxation is solved, with its optimum
/// (`columns` values, 0-based), the node's number and its depth (0 at the root); returns
/// cuts valid for every integer solution, whose arrays stay valid until the next call.
typedef cglpk_cuts (*cglpk_cut_function)(void *context, const double *values, int columns, int node, int level);

/// Called each time a branch-and-bound node's LP relaxation is solved with an optimum
/// that is not integral (before each round of cuts, GLP_IHEUR), with that optimum
/// (`columns` values, 0-based); returns an integer solution in the same form,
/// valid until the next call, for GLPK to take when it beats the incumbent, or NULL. The
/// solution must satisfy every row: GLPK checks only integrality.
typedef const double *(*cglpk_heuristic_function)(void *context, const double *values, int columns);

/// Called at the first callback after GLPK's incumbent changes, with its `columns` values
/// (0-based) and objective: an integral node LP optimum (GLP_IBINGO), or a heuristic's
/// solution (GLPK's own rounding, which no callback announces, or the caller's). The
/// values are valid only during the call.
typedef void (*cglpk_incumbent_function)(void *context, const double *values, int columns, double objective);

/// The non-basic columns with two finite bounds of a node's LP optimum, for a caller that
/// tightens their bounds: their 0-based numbers, bounds, reduced costs, whether each is
/// integer and whether it sits at its upper bound (else at its lower), with the node's LP
/// objective and the incumbent's. The arrays are valid only during the call.
typedef struct {
  int maximize;
  double lp_objective;
  double incumbent;
  int count;
  const int *column;
  const double *lower;
  const double *upper;
  const double *reduced_cost;
  const unsigned char *integer;
  const unsigned char *at_upper;
} cglpk_node_columns;

/// New bounds for `count` of the columns a `cglpk_node_columns` listed: `entry` indexes its
/// arrays. Equal bounds fix the column. The arrays stay valid until the next call.
typedef struct {
  int count;
  const int *entry;
  const double *lower;
  const double *upper;
} cglpk_bound_changes;

/// Called at each node whose LP optimum is not integral (GLP_IHEUR), after the heuristic,
/// when there is an incumbent; returns bounds valid for the node's subtree.
typedef cglpk_bound_changes (*cglpk_bounds_function)(void *context, const cglpk_node_columns *columns);

/// Branch-and-bound settings and the caller's observer.
typedef struct {
  int time_limit_ms;             // > 0
  double relative_gap;           // >= 0
  double objective_tolerance;    // GLPK's tol_obj; 0 for its default
  int branching;                 // GLP_BR_*
  int backtracking;              // GLP_BT_*
  int cuts;                      // bit 0 Gomory, 1 MIR, 2 cover, 3 clique
  int feasibility_pump;
  int proximity_search;
  const double *heuristic;       // 1-based, columns + 1 values, or NULL
  cglpk_progress_function progress;
  void *progress_context;
  cglpk_cut_function cut_generator;  // or NULL
  void *cut_context;
  cglpk_heuristic_function heuristic_generator;  // or NULL
  void *heuristic_context;
  cglpk_incumbent_function incumbent_observer;  // or NULL
  void *incumbent_context;
  cglpk_bounds_function bounds_generator;  // or NULL
  void *bounds_context;
} cglpk_search;

/// The message of this thread's last trapped fatal error ("" when none).
const char *cglpk_last_error(void);

/// Counts this thread's recoveries; a problem created under an older count was freed.
unsigned long cglpk_environment_generation(void);

/// An address unique to the calling thread, to check that a problem stays on its thread.
const void *cglpk_thread_token(void);

/// Routes this thread's GLPK terminal output to `log` (or discards it when NULL).
void cglpk_set_log(cglpk_log_function log, void *context);

/// Frees this thread's GLPK environment and returns free heap pages to the system (glibc
/// keeps them otherwise, and a solve abandoned mid-way leaves them scattered); call only
/// when the thread holds no GLPK object.
void cglpk_free_environment(void);

glp_prob *cglpk_create(void);
void cglpk_delete(glp_prob *problem);

/// Loads `model` into an empty problem.
int cglpk_load(glp_prob *problem, const cglpk_model *model);

/// Runs the C function `body(context)` under the guard: for C code that calls GLPK
/// directly (tests that misuse it on purpose). `body` must not be a Swift closure.
int cglpk_guarded_call(void (*body)(void *context), void *context);

/// Appends rows `first_row` … `model->rows − 1` of `model`, unnamed, to a problem holding
/// the rows before them.
int cglpk_append_rows(glp_prob *problem, const cglpk_model *model, int first_row);

/// Replaces the objective (direction, constant and every column's coefficient).
int cglpk_set_objective(glp_prob *problem, const cglpk_model *model);

/// Names the problem, and its columns and rows from NUL-separated lists (any may be NULL).
int cglpk_set_names(glp_prob *problem, const char *problem_name, const char *column_names, const char *row_names);

/// Runs the primal simplex method for at most `iteration_limit` iterations and
/// `time_limit_ms`, after GLPK's LP presolver when `presolve` is set (which leaves a
/// basis only when it solves the problem), pricing by Dantzig's rule when `dantzig` is
/// set (else projected steepest edge); `result` receives glp_simplex's code. With
/// `interrupt`, GLPK reports progress every 100 ms to the terminal hook, which
/// asks `interrupt(interrupt_context)` and abandons the call when it says so
/// (CGLPK_INTERRUPTED): the simplex method has no callback of its own.
int cglpk_simplex(glp_prob *problem, int iteration_limit, int time_limit_ms, int presolve, int dantzig, int log_on,
                  cglpk_interrupt_function interrupt, void *interrupt_context, int *result);

/// Leaves a primal feasible basis near the feasible point `values` (1-based, `values[0]`
/// ignored): each of the first `count` columns that is at its upper bound there is fixed
/// at it, GLPK's LP presolver solves what is left (the other columns and the rows, from
/// which it removes much) and recovers a basis, and the bounds are restored with the
/// fixed columns nonbasic at their upper bounds. `result` receives glp_simplex's code, 0
/// when the basis is left; otherwise the bounds are restored and the basis unspecified.
/// The presolved solve has no time limit: it is meant for problems that fixing leaves
/// small.
int cglpk_basis_at(glp_prob *problem, const double *values, int count, int *result);

/// Runs branch-and-bound from an optimal LP basis; `result` receives glp_intopt's code.
int cglpk_intopt(glp_prob *problem, cglpk_search *search, int log_on, int *result);

/// Writes the problem in CPLEX LP (format 0) or free MPS (format 1); `result` is GLPK's code.
int cglpk_write(glp_prob *problem, int format, const char *path, int *result);

#endif
