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

/// Cross-impact search: whether some lane of `balance[c] − active + bound[c] > limit` for the
/// `chunks` 4-lane vectors (16-byte aligned) of one descriptor, i.e. whether the descriptor's
/// active variant can no longer end with an inconsistency within the limit.
static inline int smartspec_cib_exceeds(const int32_t *balance, int32_t active, const int32_t *bound,
                                        long chunks, int32_t limit) {
    typedef int32_t lanes __attribute__((vector_size(16), aligned(16)));
    const lanes *b = (const lanes *)balance, *m = (const lanes *)bound;
    lanes failed = {0, 0, 0, 0};
    for (long c = 0; c < chunks; c++) failed |= (b[c] - active + m[c]) > limit;
    return __builtin_reduce_or(failed) != 0;
}

/// Cross-impact search: of the variants in `domain` (a bit set over the descriptor's variants),
/// those that can still end with an inconsistency within `limit`: variant w stays when no lane of
/// `balance[c] − balance_w + bound[w·widest + c] > limit` for the descriptor's `chunks` 4-lane
/// vectors (`balance` and `bound` point at the descriptor's first chunk and first variant's table).
static inline uint64_t smartspec_cib_viable(const int32_t *balance, const int32_t *bound, long chunks,
                                            long widest, uint64_t domain, int32_t limit) {
    uint64_t kept = domain;
    while (domain) {
        int w = __builtin_ctzll(domain);
        domain &= domain - 1;
        if (smartspec_cib_exceeds(balance, balance[w], bound + 4 * w * widest, chunks, limit)) kept &= ~(1ull << w);
    }
    return kept;
}

#endif
