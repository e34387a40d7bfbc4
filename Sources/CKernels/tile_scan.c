// Candidate selection for the blocked nearest-neighbour search (see NearestNeighbourSearch.swift).
#include "CKernels.h"

// A vectorised test of the whole column first: in most columns no pair qualifies.
__attribute__((target_clones("avx2", "default")))
static int column_has_candidate(const double *g, const double *rowNorms, const double *rowLimits,
                                double normJ, double limitJ, long count) {
    long hits = 0;
    for (long r = 0; r < count; r++) {
        double squared = rowNorms[r] + normJ - 2.0 * g[r];
        double limit = rowLimits[r] > limitJ ? rowLimits[r] : limitJ;
        hits |= squared <= limit;
    }
    return hits != 0;
}

long smartspec_tile_column_candidates(const double *g, const double *rowNorms, const double *rowLimits,
                                      double normJ, double limitJ, long count, int32_t *rows) {
    if (!column_has_candidate(g, rowNorms, rowLimits, normJ, limitJ, count)) return 0;
    long found = 0;
    for (long r = 0; r < count; r++) {
        double squared = rowNorms[r] + normJ - 2.0 * g[r];
        double limit = rowLimits[r] > limitJ ? rowLimits[r] : limitJ;
        rows[found] = (int32_t)r;
        found += squared <= limit;
    }
    return found;
}
