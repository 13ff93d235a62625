// Guarded GLPK calls; see include/CGLPKShims.h for the contract.
#include "CGLPKShims.h"

#include <malloc.h>
#include <math.h>
#include <setjmp.h>
#include <string.h>

static _Thread_local char last_error[1024];
static _Thread_local unsigned long generation;
static _Thread_local char thread_token;
static _Thread_local cglpk_log_function log_function;
static _Thread_local void *log_context;
static _Thread_local jmp_buf *active_jump;
static _Thread_local cglpk_interrupt_function interrupt_function;
static _Thread_local void *interrupt_context;
static _Thread_local int interrupted;
static _Thread_local int heuristic_supplied;
// The objective of the incumbent last handed to the caller's observer, if any.
static _Thread_local int incumbent_reported;
static _Thread_local double reported_objective;

// Leaves the guarded call: frees the environment (every GLPK object on this thread) and
// jumps back to the guard.
static void abandon_call(void) {
  jmp_buf *jump = active_jump;
  active_jump = NULL;
  interrupt_function = NULL;
  glp_free_env();
  generation += 1;
  longjmp(*jump, 1);
}

// Owns this thread's terminal hook: error text goes to last_error, the rest to the log;
// during a call with an interrupt check, each piece of output asks it first.
static int terminal_hook(void *info, const char *text) {
  (void)info;
  if (glp_at_error()) {
    size_t used = strlen(last_error);
    strncat(last_error, text, sizeof last_error - used - 1);
    return 1;
  }
  if (interrupt_function != NULL && active_jump != NULL && interrupt_function(interrupt_context)) {
    interrupted = 1;
    abandon_call();
  }
  if (log_function != NULL) log_function(log_context, text);
  return 1;  // non-zero: GLPK prints nothing itself
}

// Called by glp_error instead of returning to abort(): frees the environment, jumps back.
static void fatal_hook(void *info) {
  (void)info;
  abandon_call();
}

// Runs the body (the macro arguments) with GLPK's fatal errors trapped. Nothing between setjmp and the
// end of the body may be a Swift frame, and locals are not read after a jump.
#define GUARDED(...)                                     \
  jmp_buf jump;                                         \
  last_error[0] = 0;                                    \
  interrupted = 0;                                      \
  if (setjmp(jump) != 0) return interrupted ? CGLPK_INTERRUPTED : CGLPK_FATAL; \
  active_jump = &jump;                                  \
  glp_term_hook(terminal_hook, NULL);                   \
  glp_term_out(log_function != NULL ? GLP_ON : GLP_OFF); \
  glp_error_hook(fatal_hook, NULL);                     \
  __VA_ARGS__                                           \
  glp_error_hook(NULL, NULL);                           \
  active_jump = NULL;                                   \
  return CGLPK_OK;

const char *cglpk_last_error(void) { return last_error; }

unsigned long cglpk_environment_generation(void) { return generation; }

const void *cglpk_thread_token(void) { return &thread_token; }

void cglpk_set_log(cglpk_log_function log, void *context) {
  log_function = log;
  log_context = context;
}

void cglpk_free_environment(void) {
  glp_free_env();
  malloc_trim(0);
}

glp_prob *cglpk_create(void) { return glp_create_prob(); }

void cglpk_delete(glp_prob *problem) { glp_delete_prob(problem); }

static int bound_type(double lower, double upper) {
  if (isinf(lower) && isinf(upper)) return GLP_FR;
  if (isinf(upper)) return GLP_LO;
  if (isinf(lower)) return GLP_UP;
  return lower == upper ? GLP_FX : GLP_DB;
}

static double finite_or_zero(double value) { return isinf(value) ? 0 : value; }

int cglpk_load(glp_prob *problem, const cglpk_model *model) {
  GUARDED({
    glp_set_obj_dir(problem, model->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(problem, 0, model->objective_constant);
    if (model->rows > 0) glp_add_rows(problem, model->rows);
    if (model->columns > 0) glp_add_cols(problem, model->columns);
    for (int j = 0; j < model->columns; j++) {
      double lower = model->column_lower[j], upper = model->column_upper[j];
      glp_set_col_bnds(problem, j + 1, bound_type(lower, upper), finite_or_zero(lower), finite_or_zero(upper));
      glp_set_obj_coef(problem, j + 1, model->objective[j]);
      if (model->integer[j]) glp_set_col_kind(problem, j + 1, GLP_IV);
    }
    for (int i = 0; i < model->rows; i++) {
      double lower = model->row_lower[i], upper = model->row_upper[i];
      glp_set_row_bnds(problem, i + 1, bound_type(lower, upper), finite_or_zero(lower), finite_or_zero(upper));
    }
    // GLPK's arrays are 1-based: slot 0 is allocated and ignored. glp_alloc memory
    // belongs to the environment, so a trapped error frees it too.
    int count = (int)model->row_start[model->rows];
    int *rows = glp_alloc(count + 1, sizeof(int));
    int *columns = glp_alloc(count + 1, sizeof(int));
    double *values = glp_alloc(count + 1, sizeof(double));
    for (int i = 0; i < model->rows; i++) {
      for (long k = model->row_start[i]; k < model->row_start[i + 1]; k++) {
        rows[k + 1] = i + 1;
        columns[k + 1] = model->row_column[k] + 1;
        values[k + 1] = model->row_value[k];
      }
    }
    glp_load_matrix(problem, count, rows, columns, values);
    glp_free(rows);
    glp_free(columns);
    glp_free(values);
    // A triangular starting basis of as many columns as fit, not the all-slack one.
    if (model->rows > 0 && model->columns > 0) glp_adv_basis(problem, 0);
  })
}

int cglpk_append_rows(glp_prob *problem, const cglpk_model *model, int first_row) {
  GUARDED({
    int count = model->rows - first_row;
    if (count > 0) {
      int base = glp_add_rows(problem, count);
      int longest = 0;
      for (int i = first_row; i < model->rows; i++) {
        int length = (int)(model->row_start[i + 1] - model->row_start[i]);
        if (length > longest) longest = length;
      }
      int *columns = glp_alloc(longest + 1, sizeof(int));
      double *values = glp_alloc(longest + 1, sizeof(double));
      for (int i = first_row; i < model->rows; i++) {
        int row = base + (i - first_row);
        int length = 0;
        for (long k = model->row_start[i]; k < model->row_start[i + 1]; k++) {
          length += 1;
          columns[length] = model->row_column[k] + 1;
          values[length] = model->row_value[k];
        }
        glp_set_mat_row(problem, row, length, columns, values);
        double lower = model->row_lower[i], upper = model->row_upper[i];
        glp_set_row_bnds(problem, row, bound_type(lower, upper), finite_or_zero(lower), finite_or_zero(upper));
      }
      glp_free(columns);
      glp_free(values);
    }
  })
}

int cglpk_set_objective(glp_prob *problem, const cglpk_model *model) {
  GUARDED({
    glp_set_obj_dir(problem, model->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(problem, 0, model->objective_constant);
    for (int j = 0; j < model->columns; j++) glp_set_obj_coef(problem, j + 1, model->objective[j]);
  })
}

int cglpk_guarded_call(void (*body)(void *context), void *context) { GUARDED({ body(context); }) }

int cglpk_set_names(glp_prob *problem, const char *problem_name, const char *column_names, const char *row_names) {
  GUARDED({
    if (problem_name != NULL) glp_set_prob_name(problem, problem_name);
    const char *name = column_names;
    for (int j = 1; name != NULL && j <= glp_get_num_cols(problem); j++, name += strlen(name) + 1)
      glp_set_col_name(problem, j, name);
    name = row_names;
    for (int i = 1; name != NULL && i <= glp_get_num_rows(problem); i++, name += strlen(name) + 1)
      glp_set_row_name(problem, i, name);
  })
}

int cglpk_simplex(glp_prob *problem, int iteration_limit, int time_limit_ms, int presolve, int dantzig, int log_on,
                  cglpk_interrupt_function interrupt, void *interrupt_context_, int *result) {
  GUARDED({
    glp_smcp parameters;
    glp_init_smcp(&parameters);
    parameters.msg_lev = log_on || interrupt != NULL ? GLP_MSG_ON : GLP_MSG_OFF;
    if (interrupt != NULL) {
      // The hook must see output, and often enough to be asked: every 100 ms.
      glp_term_out(GLP_ON);
      parameters.out_frq = 100;
      interrupt_function = interrupt;
      interrupt_context = interrupt_context_;
    }
    parameters.presolve = presolve ? GLP_ON : GLP_OFF;
    if (dantzig) parameters.pricing = GLP_PT_STD;
    parameters.tm_lim = time_limit_ms;
    parameters.it_lim = iteration_limit;
    *result = glp_simplex(problem, &parameters);
    // A basis left by an earlier solve may not suit the changed problem: start afresh.
    if (*result == GLP_EBADB || *result == GLP_ESING || *result == GLP_ECOND) {
      glp_adv_basis(problem, 0);
      *result = glp_simplex(problem, &parameters);
    }
    interrupt_function = NULL;
  })
}

int cglpk_basis_at(glp_prob *problem, const double *values, int count, int *result) {
  GUARDED({
    int columns = glp_get_num_cols(problem);
    // The columns fixed at their upper bounds, with the bounds to restore.
    char *fixed = glp_alloc(columns + 1, sizeof(char));
    double *lower = glp_alloc(columns + 1, sizeof(double));
    int *type = glp_alloc(columns + 1, sizeof(int));
    for (int j = 1; j <= columns; j++) {
      type[j] = glp_get_col_type(problem, j);
      lower[j] = glp_get_col_lb(problem, j);
      double upper = glp_get_col_ub(problem, j);
      fixed[j] = j <= count && (type[j] == GLP_UP || type[j] == GLP_DB) && fabs(values[j] - upper) <= 1e-9;
      if (fixed[j]) glp_set_col_bnds(problem, j, GLP_FX, upper, upper);
    }
    glp_smcp parameters;
    glp_init_smcp(&parameters);
    parameters.msg_lev = GLP_MSG_OFF;
    parameters.presolve = GLP_ON;
    *result = glp_simplex(problem, &parameters);
    if (*result == 0 && glp_get_status(problem) != GLP_OPT) *result = GLP_ENOPFS;
    for (int j = 1; j <= columns; j++) {
      if (!fixed[j]) continue;
      double upper = glp_get_col_ub(problem, j);
      glp_set_col_bnds(problem, j, type[j], lower[j], upper);
      if (*result == 0 && glp_get_col_stat(problem, j) != GLP_BS) glp_set_col_stat(problem, j, GLP_NU);
    }
    glp_free(type);
    glp_free(lower);
    glp_free(fixed);
  })
}

// The current node's LP optimum, 0-based in a glp_alloc'd array of `*columns` + 1 slots
// (the caller frees it).
static double *node_optimum(glp_tree *tree, int *columns) {
  glp_prob *problem = glp_ios_get_prob(tree);
  *columns = glp_get_num_cols(problem);
  double *values = glp_alloc(*columns + 1, sizeof(double));
  for (int j = 0; j < *columns; j++) values[j] = glp_get_col_prim(problem, j + 1);
  return values;
}

// Hands the current node's LP optimum to the caller's separator and adds the cuts it
// returns to the node's cut pool (class 101, a user class).
static void add_cuts(glp_tree *tree, const cglpk_search *search) {
  int columns;
  double *values = node_optimum(tree, &columns);
  int node = glp_ios_curr_node(tree);
  cglpk_cuts cuts = search->cut_generator(search->cut_context, values, columns, node, glp_ios_node_level(tree, node));
  glp_free(values);
  for (int i = 0; i < cuts.count; i++) {
    int length = (int)(cuts.row_start[i + 1] - cuts.row_start[i]);
    int *indices = glp_alloc(length + 1, sizeof(int));
    double *coefficients = glp_alloc(length + 1, sizeof(double));
    for (int k = 0; k < length; k++) {
      indices[k + 1] = cuts.row_column[cuts.row_start[i] + k] + 1;
      coefficients[k + 1] = cuts.row_value[cuts.row_start[i] + k];
    }
    glp_ios_add_row(tree, NULL, 101, 0, length, indices, coefficients, GLP_LO, cuts.row_lower[i]);
    glp_free(indices);
    glp_free(coefficients);
  }
}

// Hands the current node's LP optimum to the caller's heuristic and offers GLPK the
// solution it returns, if any (GLPK keeps it only when it beats the incumbent).
static void add_heuristic_solution(glp_tree *tree, const cglpk_search *search) {
  int columns;
  double *values = node_optimum(tree, &columns);
  const double *found = search->heuristic_generator(search->heuristic_context, values, columns);
  if (found != NULL) {
    values[0] = 0;
    for (int j = 0; j < columns; j++) values[j + 1] = found[j];
    glp_ios_heur_sol(tree, values);
  }
  glp_free(values);
}

// Hands GLPK's incumbent to the caller's observer when it is new since the last call:
// one its search found (GLP_IBINGO), or one a heuristic handed it (its own rounding's,
// which no callback announces, or the caller's).
static void report_new_incumbent(glp_prob *problem, const cglpk_search *search) {
  if (glp_mip_status(problem) != GLP_FEAS) return;
  double objective = glp_mip_obj_val(problem);
  if (incumbent_reported && objective == reported_objective) return;
  incumbent_reported = 1;
  reported_objective = objective;
  int columns = glp_get_num_cols(problem);
  double *values = glp_alloc(columns + 1, sizeof(double));
  for (int j = 0; j < columns; j++) values[j] = glp_mip_col_val(problem, j + 1);
  search->incumbent_observer(search->incumbent_context, values, columns, objective);
  glp_free(values);
}

// Hands the current node's non-basic columns with two finite bounds to the caller, and
// sets the bounds it returns for the node's subtree.
static void change_bounds(glp_tree *tree, const cglpk_search *search) {
  glp_prob *problem = glp_ios_get_prob(tree);
  if (glp_mip_status(problem) != GLP_FEAS) return;
  int columns = glp_get_num_cols(problem);
  int *column = glp_alloc(columns + 1, sizeof(int));
  double *lower = glp_alloc(columns + 1, sizeof(double));
  double *upper = glp_alloc(columns + 1, sizeof(double));
  double *reduced_cost = glp_alloc(columns + 1, sizeof(double));
  unsigned char *integer = glp_alloc(columns + 1, 1);
  unsigned char *at_upper = glp_alloc(columns + 1, 1);
  int count = 0;
  for (int j = 1; j <= columns; j++) {
    if (glp_get_col_type(problem, j) != GLP_DB) continue;
    int status = glp_get_col_stat(problem, j);
    if (status != GLP_NL && status != GLP_NU) continue;
    column[count] = j - 1;
    lower[count] = glp_get_col_lb(problem, j);
    upper[count] = glp_get_col_ub(problem, j);
    reduced_cost[count] = glp_get_col_dual(problem, j);
    integer[count] = glp_get_col_kind(problem, j) == GLP_IV;
    at_upper[count] = status == GLP_NU;
    count++;
  }
  cglpk_node_columns node = {glp_get_obj_dir(problem) == GLP_MAX, glp_get_obj_val(problem), glp_mip_obj_val(problem),
                             count, column, lower, upper, reduced_cost, integer, at_upper};
  cglpk_bound_changes changes = search->bounds_generator(search->bounds_context, &node);
  for (int k = 0; k < changes.count; k++) {
    int j = column[changes.entry[k]] + 1;
    double low = changes.lower[k], high = changes.upper[k];
    glp_set_col_bnds(problem, j, low == high ? GLP_FX : GLP_DB, low, high);
  }
  glp_free(column);
  glp_free(lower);
  glp_free(upper);
  glp_free(reduced_cost);
  glp_free(integer);
  glp_free(at_upper);
}

// Branch-and-bound callback: passes each new incumbent to the caller's observer,
// supplies the caller's incumbent once, asks the caller's heuristic and then the caller's
// bound changes (against the best incumbent so far) at each node, reports progress
// at each node selection, round of cuts and new incumbent, stops when the progress
// observer asks, and otherwise asks the caller's separator for cuts.
static void node_callback(glp_tree *tree, void *info) {
  cglpk_search *search = info;
  int reason = glp_ios_reason(tree);
  if (search->incumbent_observer != NULL) report_new_incumbent(glp_ios_get_prob(tree), search);
  if (reason == GLP_IHEUR) {
    if (search->heuristic != NULL && !heuristic_supplied) {
      heuristic_supplied = 1;
      glp_ios_heur_sol(tree, search->heuristic);
    }
    if (search->heuristic_generator != NULL) add_heuristic_solution(tree, search);
    if (search->bounds_generator != NULL) change_bounds(tree, search);
    return;
  }
  // Rounds of cuts (GLP_ICUTGEN) may keep the root busy for long: report, and stop, there too.
  if (reason != GLP_ISELECT && reason != GLP_IBINGO && reason != GLP_ICUTGEN) return;
  if (search->progress != NULL) {
    cglpk_progress progress = {0};
    glp_prob *problem = glp_ios_get_prob(tree);
    int status = glp_mip_status(problem);
    if (status == GLP_FEAS || status == GLP_OPT) {
      progress.has_incumbent = 1;
      progress.incumbent = glp_mip_obj_val(problem);
    }
    int best = glp_ios_best_node(tree);
    if (best != 0) {
      progress.has_bound = 1;
      progress.bound = glp_ios_node_bound(tree, best);
    }
    glp_ios_tree_size(tree, &progress.active_nodes, NULL, &progress.total_nodes);
    if (search->progress(search->progress_context, &progress)) {
      glp_ios_terminate(tree);
      return;
    }
  }
  if (reason == GLP_ICUTGEN && search->cut_generator != NULL) add_cuts(tree, search);
}

int cglpk_intopt(glp_prob *problem, cglpk_search *search, int log_on, int *result) {
  GUARDED({
    glp_iocp parameters;
    glp_init_iocp(&parameters);
    parameters.msg_lev = log_on ? GLP_MSG_ON : GLP_MSG_OFF;
    parameters.presolve = GLP_OFF;  // the tree must work on the original columns for heur_sol
    parameters.tm_lim = search->time_limit_ms;
    parameters.mip_gap = search->relative_gap;
    if (search->objective_tolerance > 0) parameters.tol_obj = search->objective_tolerance;
    parameters.br_tech = search->branching;
    parameters.bt_tech = search->backtracking;
    parameters.gmi_cuts = (search->cuts & 1) ? GLP_ON : GLP_OFF;
    parameters.mir_cuts = (search->cuts & 2) ? GLP_ON : GLP_OFF;
    parameters.cov_cuts = (search->cuts & 4) ? GLP_ON : GLP_OFF;
    parameters.clq_cuts = (search->cuts & 8) ? GLP_ON : GLP_OFF;
    parameters.fp_heur = search->feasibility_pump ? GLP_ON : GLP_OFF;
    parameters.ps_heur = search->proximity_search ? GLP_ON : GLP_OFF;
    parameters.cb_func = node_callback;
    parameters.cb_info = search;
    heuristic_supplied = 0;
    incumbent_reported = 0;
    *result = glp_intopt(problem, &parameters);
  })
}

int cglpk_write(glp_prob *problem, int format, const char *path, int *result) {
  GUARDED({ *result = format == 0 ? glp_write_lp(problem, NULL, path) : glp_write_mps(problem, GLP_MPS_FILE, NULL, path); })
}
