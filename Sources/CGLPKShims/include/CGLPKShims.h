// The only C in Placement: calls into GLPK that trap GLPK's fatal errors.
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
  /// 0, or how much any two solutions' objectives differ at least when they differ (1 for
  /// a whole objective). Then, at each node whose LP optimum is not integral, the bounds
  /// of every non-basic integer column are tightened for the node's subtree so that it
  /// can move off its bound only as many whole units as its reduced cost leaves room for
  /// beating the incumbent by a step (GLPK's own fixing only fixes, and asks only to beat
  /// the incumbent by any amount).
  double objective_step;
  /// Nonzero when, with the integer columns fixed, every vertex is whole in every column
  /// (total unimodularity): then continuous columns with whole bounds are tightened the
  /// same way, since a better solution at a whole vertex moves them by whole units.
  int whole_vertices;
  /// Out: the bounds tightened that way.
  long tightened_by_reduced_cost;
} cglpk_search;

/// The message of this thread's last trapped fatal error ("" when none).
const char *cglpk_last_error(void);

/// Counts this thread's recoveries; a problem created under an older count was freed.
unsigned long cglpk_environment_generation(void);

/// An address unique to the calling thread, to check that a problem stays on its thread.
const void *cglpk_thread_token(void);

/// Routes this thread's GLPK terminal output to `log` (or discards it when NULL).
void cglpk_set_log(cglpk_log_function log, void *context);

/// Frees this thread's GLPK environment; call only when the thread holds no GLPK object.
void cglpk_free_environment(void);

glp_prob *cglpk_create(void);
void cglpk_delete(glp_prob *problem);

/// Loads `model` into an empty problem.
int cglpk_load(glp_prob *problem, const cglpk_model *model);

/// Loads the matrix entries exactly as given (1-based), without Placement's checks.
/// Only for tests that prove a fatal GLPK error is trapped.
int cglpk_load_matrix_unchecked(glp_prob *problem, int count, const int *rows, const int *columns,
                                const double *values);

/// Appends rows `first_row` … `model->rows − 1` of `model` (with their names, if given as a
/// NUL-separated list of those rows only) to a problem holding the rows before them.
int cglpk_append_rows(glp_prob *problem, const cglpk_model *model, int first_row, const char *row_names);

/// Replaces the objective (direction, constant and every column's coefficient).
int cglpk_set_objective(glp_prob *problem, const cglpk_model *model);

/// Names the problem, and its columns and rows from NUL-separated lists (any may be NULL).
int cglpk_set_names(glp_prob *problem, const char *problem_name, const char *column_names, const char *row_names);

/// Runs the primal simplex method for at most `iteration_limit` iterations and
/// `time_limit_ms`, after GLPK's LP presolver when `presolve` is set (which leaves a
/// basis only when it solves the problem); `result` receives glp_simplex's code.
int cglpk_simplex(glp_prob *problem, int iteration_limit, int time_limit_ms, int presolve, int log_on,
                  int *result);

/// Runs branch-and-bound from an optimal LP basis; `result` receives glp_intopt's code.
int cglpk_intopt(glp_prob *problem, cglpk_search *search, int log_on, int *result);

/// Writes the problem in CPLEX LP (format 0) or free MPS (format 1); `result` is GLPK's code.
int cglpk_write(glp_prob *problem, int format, const char *path, int *result);

/// Calls GLPK's min-cost-flow RELAX-IV entry, a stub in GLPK 5.0 that raises a fatal error.
/// Only for tests that prove the trap.
int cglpk_call_disabled_relax4(void);

#endif
