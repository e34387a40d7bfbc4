/*
 * CKernels.h — small branch-free loops that Swift does not vectorise on its own.
 * They select candidates; all linear algebra stays in BLAS/LAPACK.
 */
#ifndef SMARTSPEC_CKERNELS_H
#define SMARTSPEC_CKERNELS_H

#include <stdint.h>

/// For one column j of a tile of dot products g[r] = a_r · b_j (r < count): writes into `rows`
/// the r for which the squared distance rowNorms[r] + normJ − 2 g[r] is at most
/// max(rowLimits[r], limitJ), and returns how many were written.
long smartspec_tile_column_candidates(const double *g, const double *rowNorms, const double *rowLimits,
                                      double normJ, double limitJ, long count, int32_t *rows);

#endif
