// One pass of the region bootstrap of a backtest (see BootstrapAUC in Backtest.swift): the
// Mann–Whitney sums of 32 bootstrap draws at once, over cells sorted by score. 32 lanes give the
// processor four independent chains of additions per cell, so the pass is not bound by their
// latency.
//
// Every quantity is a small integer or a half (cell weights are region draw counts), so the sums
// are exact whatever the instruction set: the clones for AVX-512, AVX2 and the baseline give the
// same bits.
#include "CKernels.h"

__attribute__((target_clones("avx512f", "avx2", "default")))
void smartspec_bootstrap_auc32(const uint32_t *cells, long count, const double *weights, double *sums) {
    double sum[32] = {0}, below[32] = {0}, positives[32] = {0}, negatives[32] = {0};
    for (long k = 0; k < count; k++) {
        const uint32_t cell = cells[k];
        const double *w = weights + (long)(cell >> 2) * 32;
        const double positive = (double)((cell >> 1) & 1), negative = 1.0 - positive;
        const double last = (double)(cell & 1), keep = 1.0 - last;
        for (int lane = 0; lane < 32; lane++) {
            positives[lane] += w[lane] * positive;
            negatives[lane] += w[lane] * negative;
            sum[lane] += last * positives[lane] * (below[lane] + 0.5 * negatives[lane]);
            below[lane] += last * negatives[lane];
            positives[lane] *= keep;
            negatives[lane] *= keep;
        }
    }
    for (int lane = 0; lane < 32; lane++) sums[lane] = sum[lane];
}
