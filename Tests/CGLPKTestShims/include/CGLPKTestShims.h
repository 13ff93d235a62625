// GLPK misused on purpose, under the product's guard, for the tests that prove the guard.
#ifndef CGLPK_TEST_SHIMS_H
#define CGLPK_TEST_SHIMS_H

#include "CGLPKShims.h"

/// Loads `count` matrix entries (1-based arrays, slot 0 ignored), unchecked, into a fresh
/// problem of `rows` × `columns` on this thread; returns CGLPK_OK or CGLPK_FATAL.
int cglpk_test_load_matrix_unchecked(int rows, int columns, int count, const int *row, const int *column,
                                     const double *value);

/// Calls GLPK's min-cost-flow RELAX-IV entry, a stub in GLPK 5.0 that raises a fatal error.
int cglpk_test_call_disabled_relax4(void);

#endif
