// One tile of the blocked nearest-neighbour search (see NearestNeighbourSearch.swift): a cheap,
// provably conservative single-precision test of every pair, then the exact double-precision
// distance and a bounded max-heap per point for the pairs that pass.
#include <math.h>
#include <string.h>
#include "CKernels.h"

// Whether point j may be a neighbour of point i (i ≠ j).
static inline int eligible(const smartspec_neighbour_points *p, long i, long j) {
    if (p->excludeSameGroup && p->group[i] == p->group[j]) return 0;
    if (p->allowedGroups && !p->allowedGroups[p->group[j]]) return 0;
    return 1;
}

// √Σ (a_d − b_d)² in coordinate order, without fused multiply-adds: the same bits as
// LinearAlgebra's `Matrix.columnDistance`.
static inline double exact_distance(const double *a, const double *b, long m) {
#pragma clang fp contract(off)
    double sum = 0;
    for (long d = 0; d < m; d++) {
        double t = a[d] - b[d];
        sum += t * t;
    }
    return sqrt(sum);
}

// Rounds `bound` up to a float, with room for the rounding of the computation that made it.
static inline float float_above(double bound) {
    bound = bound * (1.0 + 0x1p-20) + 0x1p-100;
    float limit = (float)bound;
    if ((double)limit < bound) limit = nextafterf(limit, INFINITY);
    return limit;
}

static inline int precedes(double da, int32_t ra, double db, int32_t rb) {
    return da < db || (da == db && ra < rb);
}

// The single-precision limit of point i once its heap is full: an upper bound, in the scaled
// units of the test, of the squared distance of any pair that can still enter.
static inline void update_limit(const smartspec_neighbour_points *p, smartspec_neighbour_heaps *h, long i) {
    double worst = h->distances[i * h->capacity];
    float limit = float_above(worst * worst * p->scaleSquared);
    if (limit < h->limits[i]) h->limits[i] = limit;
}

// Puts (distance, member, rank) at the root of the max-heap d/x/q of `size` entries, whose root
// entry is being replaced, and sifts it down to its place.
static inline void sift_down(double *d, int32_t *x, int32_t *q, long size, double distance, int32_t member, int32_t rank) {
    long hole = 0;
    for (;;) {
        long child = 2 * hole + 1;
        if (child >= size) break;
        if (child + 1 < size && precedes(d[child], q[child], d[child + 1], q[child + 1])) child++;
        if (!precedes(distance, rank, d[child], q[child])) break;
        d[hole] = d[child]; x[hole] = x[child]; q[hole] = q[child];
        hole = child;
    }
    d[hole] = distance; x[hole] = member; q[hole] = rank;
}

// Offers j (at `distance`) to the heap of i, a max-heap by (distance, rank of the member).
static inline void offer(const smartspec_neighbour_points *p, smartspec_neighbour_heaps *h,
                         long i, long j, double distance) {
    long k = h->capacity;
    double *d = h->distances + i * k;
    int32_t *x = h->members + i * k, *q = h->ranks + i * k;
    int32_t rank = p->rank[j];
    long size = h->sizes[i];
    long hole;
    if (size < k) {
        hole = size;   // sift up from the new leaf
        while (hole > 0) {
            long parent = (hole - 1) / 2;
            if (!precedes(d[parent], q[parent], distance, rank)) break;
            d[hole] = d[parent]; x[hole] = x[parent]; q[hole] = q[parent];
            hole = parent;
        }
        d[hole] = distance; x[hole] = (int32_t)j; q[hole] = rank;
        h->sizes[i] = (int32_t)(size + 1);
        if (size + 1 == k) update_limit(p, h, i);
        return;
    }
    if (!precedes(distance, rank, d[0], q[0])) return;
    sift_down(d, x, q, k, distance, (int32_t)j, rank);   // replaces the worst
    update_limit(p, h, i);
}

// The k-th smallest of `count` non-negative floats given by their bit patterns (which order like
// the values), k ≤ count: the smallest pattern x with at least k patterns ≤ x, by bisection
// over the patterns with a vectorised count in each step.
static inline __attribute__((always_inline)) uint32_t kth_smallest(const uint32_t *bits, long count, long k) {
    uint32_t low = 0, high = 0x7f800000u;   // +∞
    while (low < high) {
        uint32_t middle = low + (high - low) / 2;
        int32_t below = 0;   // 32-bit lanes: eight per AVX2 vector
        for (long r = 0; r < count; r++) below += bits[r] <= middle;
        if (below >= k) high = middle; else low = middle + 1;
    }
    return low;
}

// Before the exact scan of a diagonal tile (the full square block of one group of points):
// for each point, the k-th smallest upper bound of its squared distances to the other points
// of the block is a limit, since those are k real points.
static inline __attribute__((always_inline)) void limits_from_block(const smartspec_neighbour_points *p, smartspec_neighbour_heaps *h,
                                     const float *products, long i0, long size, uint32_t *scratch) {
    const float *norms = p->testNorms + i0;
    long k = h->capacity;
    float widen = 2.0f * (float)p->slack;
    for (long c = 0; c < size; c++) {
        long j = i0 + c, count = 0;
        const float *g = products + c * size;
        for (long r = 0; r < size; r++) {
            if (r == c || !eligible(p, j, i0 + r)) continue;
            // The tested value is at most d² − κS/2, and d² is at most it + 1.5κS ≤ it + 2κ(n_r + n_c);
            // a negative bound is raised to 0, which keeps it a bound.
            float bound = norms[r] + norms[c] - 2.0f * g[r] + widen * (norms[r] + norms[c]);
            bound = bound > 0 ? bound : 0;
            memcpy(scratch + count++, &bound, sizeof bound);
        }
        if (count < k) continue;
        uint32_t kth = kth_smallest(scratch, count, k);
        float value;
        memcpy(&value, &kth, sizeof value);
        float limit = float_above(value);
        if (limit < h->limits[j]) h->limits[j] = limit;
    }
}

__attribute__((target_clones("avx2", "default")))
void smartspec_neighbour_block_limits(const smartspec_neighbour_points *p, smartspec_neighbour_heaps *h,
                                      const float *products, long i0, long size) {
    uint32_t scratch[SMARTSPEC_NEIGHBOUR_TILE];
    limits_from_block(p, h, products, i0, size, scratch);
}

__attribute__((target_clones("avx2", "default")))
void smartspec_neighbour_tile(const smartspec_neighbour_points *p, smartspec_neighbour_heaps *h,
                              const float *products, long i0, long height, long j0, long width) {
    const float *norms = p->testNorms + i0;
    float *limits = h->limits;
    int diagonal = i0 == j0;
    uint8_t passes[SMARTSPEC_NEIGHBOUR_TILE + 8];
    uint32_t scratch[SMARTSPEC_NEIGHBOUR_TILE];
    if (diagonal && height == width) limits_from_block(p, h, products, i0, height, scratch);
    for (long c = 0; c < width; c++) {
        long j = j0 + c;
        const float *g = products + c * height;
        long upper = diagonal ? c : height;
        float normJ = p->testNorms[j], limitJ = limits[j];
        // A vectorised test of the whole column first: in most columns no pair passes.
        int any = 0;
        for (long r = 0; r < upper; r++) {
            float squared = norms[r] + normJ - 2.0f * g[r];
            float limit = limits[i0 + r] > limitJ ? limits[i0 + r] : limitJ;
            passes[r] = squared <= limit;
            any |= passes[r];
        }
        if (!any) continue;
        for (long r = upper; r < upper + 8; r++) passes[r] = 0;
        // The rows that passed, eight flags at a time.
        for (long r0 = 0; r0 < upper; r0 += 8) {
            uint64_t word;
            memcpy(&word, passes + r0, 8);
            while (word) {
                long r = r0 + __builtin_ctzll(word) / 8, i = i0 + r;
                word &= word - 1;
                float squared = norms[r] + normJ - 2.0f * g[r];
                int forI = squared <= limits[i] && eligible(p, i, j);
                int forJ = squared <= limits[j] && eligible(p, j, i);
                if (!(forI | forJ)) continue;
                double distance = exact_distance(p->points + i * p->dimension, p->points + j * p->dimension, p->dimension);
                if (forI) offer(p, h, i, j, distance);
                if (forJ) offer(p, h, j, i, distance);
            }
        }
    }
}

// Sorts a max-heap of `size` entries by (distance, rank) into ascending order, in place.
static void heap_sort(double *d, int32_t *x, int32_t *q, long size) {
    for (long end = size - 1; end > 0; end--) {
        double distance = d[end]; int32_t member = x[end], rank = q[end];
        d[end] = d[0]; x[end] = x[0]; q[end] = q[0];
        sift_down(d, x, q, end, distance, member, rank);   // the former last entry, within [0, end)
    }
}

long smartspec_neighbour_results_scratch(long workers, long capacity) {
    return workers * capacity * (long)(sizeof(double) + 2 * sizeof(int32_t)) + workers * 2 * (long)sizeof(long);
}

void smartspec_neighbour_results(smartspec_neighbour_heaps *const *heaps, long workers, long first, long last,
                                 long wanted, void *scratch, int32_t *members, double *distances, int32_t *found) {
    long k = heaps[0]->capacity;
    long *head = scratch, *size = head + workers;
    double *d = (double *)(size + workers);
    int32_t *x = (int32_t *)(d + workers * k), *q = x + workers * k;
    for (long i = first; i < last; i++) {
        // Each worker's heap, copied and sorted; then the sorted lists merged.
        for (long w = 0; w < workers; w++) {
            const smartspec_neighbour_heaps *h = heaps[w];
            size[w] = h->sizes[i];
            head[w] = 0;
            memcpy(d + w * k, h->distances + i * k, sizeof(double) * (size_t)size[w]);
            memcpy(x + w * k, h->members + i * k, sizeof(int32_t) * (size_t)size[w]);
            memcpy(q + w * k, h->ranks + i * k, sizeof(int32_t) * (size_t)size[w]);
            heap_sort(d + w * k, x + w * k, q + w * k, size[w]);
        }
        long count = 0;
        for (; count < wanted; count++) {
            long best = -1;
            long e = -1;   // the entry of worker `best` that comes first
            for (long w = 0; w < workers; w++) {
                if (head[w] == size[w]) continue;
                long candidate = w * k + head[w];
                if (best < 0 || precedes(d[candidate], q[candidate], d[e], q[e])) { best = w; e = candidate; }
            }
            if (best < 0) break;
            head[best]++;
            distances[(i - first) * wanted + count] = d[e];
            members[(i - first) * wanted + count] = x[e];
        }
        found[i - first] = (int32_t)count;
    }
}
