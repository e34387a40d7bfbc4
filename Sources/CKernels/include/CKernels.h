/*
 * CKernels.h — small branch-free loops that Swift does not vectorise on its own.
 * They select candidates; all linear algebra stays in BLAS/LAPACK.
 */
#ifndef SMARTSPEC_CKERNELS_H
#define SMARTSPEC_CKERNELS_H

#include <stdint.h>

/// The points of a nearest-neighbour search, read-only and shared by all workers.
typedef struct {
    /// Exact coordinates, `dimension × count`, column-major.
    const double *points;
    long dimension;
    /// Per point, (1 − κ)·‖s·x‖² in single precision: the norms of the conservative test.
    const float *testNorms;
    /// κ, the relative slack of the test.
    double slack;
    /// s², the square of the power-of-two scale of the single-precision copy.
    double scaleSquared;
    /// Position of every point under the tie-break (smaller first among equal distances).
    const int32_t *rank;
    /// Country group of every point, for the eligibility rules.
    const int32_t *group;
    /// Leave out neighbours of the point's own group.
    int excludeSameGroup;
    /// Per group, whether its points may be neighbours (NULL: all groups).
    const uint8_t *allowedGroups;
} smartspec_neighbour_points;

/// One worker's best neighbours so far for every point.
typedef struct {
    /// Neighbours kept per point (k ≥ 1).
    long capacity;
    /// `count × capacity`: per point a max-heap of exact distances by (distance, rank).
    double *distances;
    /// `count × capacity`: the members of the heaps.
    int32_t *members;
    /// `count × capacity`: the members' tie-break ranks.
    int32_t *ranks;
    /// Per point, how many heap entries are used.
    int32_t *sizes;
    /// Per point, the test's limit (scaled units): +∞ until some worker's heap for the point is
    /// full, then an upper bound of the squared distance of any pair that can still enter the
    /// best k of all workers. Lowered by this worker's heap, and between phases by the others'.
    float *limits;
} smartspec_neighbour_heaps;

/// Rows and columns of one tile, at most.
#define SMARTSPEC_NEIGHBOUR_TILE 256

/// Offers every pair of one tile to both of its points. `products` is `height × width`,
/// column-major, holding the single-precision dot products of the scaled points i0 + r and
/// j0 + c; on a diagonal tile (i0 == j0) only pairs r < c are used. A pair whose tested squared
/// distance passes a point's limit is re-measured exactly and offered to that point's heap.
void smartspec_neighbour_tile(const smartspec_neighbour_points *points, smartspec_neighbour_heaps *heaps,
                              const float *products, long i0, long height, long j0, long width);

/// Lowers the limits of the points i0 ..< i0 + size from their own block (`products` is its
/// `size × size` products, as for a diagonal tile) without offering any pair: for each point the
/// k-th smallest upper bound of its squared distances to the block's other eligible points.
void smartspec_neighbour_block_limits(const smartspec_neighbour_points *points, smartspec_neighbour_heaps *heaps,
                                      const float *products, long i0, long size);

/// The best `wanted` neighbours of points first..<last over the heaps of all `workers` (each
/// pair is in one worker's heap at most), sorted by (distance, rank): point i's are written to
/// `members` and `distances` from (i − first)·wanted on, and their number to `found[i − first]`. `scratch` holds
/// at least `smartspec_neighbour_results_scratch(workers, capacity)` bytes, 8-byte aligned.
void smartspec_neighbour_results(smartspec_neighbour_heaps *const *heaps, long workers, long first, long last,
                                 long wanted, void *scratch, int32_t *members, double *distances, int32_t *found);

/// Bytes of scratch memory that `smartspec_neighbour_results` needs.
long smartspec_neighbour_results_scratch(long workers, long capacity);

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

/// The Mann–Whitney sums of 32 bootstrap draws over `count` cells sorted by score ascending.
/// `cells[k]` = region << 2 | positive << 1 | last-of-its-tie-group; `weights` holds 32 doubles per
/// region (the draws' counts of that region); `sums` receives, per draw, Σ over positives of
/// weight × (weighted negatives below + half the weighted negatives tied).
void smartspec_bootstrap_auc32(const uint32_t *cells, long count, const double *weights, double *sums);

/// Large blocks freed by the process stay in its heap for reuse instead of returning to the
/// kernel (glibc's mallopt: mmap threshold 512 MB, trim threshold 1 GB); no effect elsewhere.
void smartspec_keep_freed_memory(void);

#endif
