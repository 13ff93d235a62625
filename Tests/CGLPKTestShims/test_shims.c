// GLPK misused on purpose; see include/CGLPKTestShims.h.
#include "CGLPKTestShims.h"

typedef struct {
  int rows, columns, count;
  const int *row, *column;
  const double *value;
} matrix;

static void load_matrix(void *context) {
  const matrix *m = context;
  glp_prob *problem = glp_create_prob();
  glp_add_rows(problem, m->rows);
  glp_add_cols(problem, m->columns);
  glp_load_matrix(problem, m->count, m->row, m->column, m->value);
  glp_delete_prob(problem);
}

int cglpk_test_load_matrix_unchecked(int rows, int columns, int count, const int *row, const int *column,
                                     const double *value) {
  matrix m = {rows, columns, count, row, column, value};
  return cglpk_guarded_call(load_matrix, &m);
}

static void relax4(void *context) {
  (void)context;
  glp_graph *graph = glp_create_graph(0, 0);
  glp_add_vertices(graph, 2);
  glp_add_arc(graph, 1, 2);
  glp_mincost_relax4(graph, -1, -1, -1, -1, 0, NULL, -1, -1);
  glp_delete_graph(graph);
}

int cglpk_test_call_disabled_relax4(void) { return cglpk_guarded_call(relax4, NULL); }
