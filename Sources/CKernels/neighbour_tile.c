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

static inline int precedes(double da, int32_t ra, double db, int32_t rb) {
    return da < db || (da == db && ra < rb);
}

// The single-precision limit of point i once its heap is full: an upper bound, in the scaled
// units of the test, of the squared distance of any pair that can still enter.
static inline void update_limit(const smartspec_neighbour_points *p, smartspec_neighbour_heaps *h, long i) {
    double worst = h->distances[i * h->capacity];
    double bound = worst * worst * p->scaleSquared * (1.0 + 0x1p-20) + 0x1p-100;
    float limit = (float)bound;
    if ((double)limit < bound) limit = nextafterf(limit, INFINITY);
    h->limits[i] = limit;
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
    hole = 0;   // replace the worst and sift down
    for (;;) {
        long child = 2 * hole + 1;
        if (child >= k) break;
        if (child + 1 < k && precedes(d[child], q[child], d[child + 1], q[child + 1])) child++;
        if (!precedes(distance, rank, d[child], q[child])) break;
        d[hole] = d[child]; x[hole] = x[child]; q[hole] = q[child];
        hole = child;
    }
    d[hole] = distance; x[hole] = (int32_t)j; q[hole] = rank;
    update_limit(p, h, i);
}

__attribute__((target_clones("avx2", "default")))
void smartspec_neighbour_tile(const smartspec_neighbour_points *p, smartspec_neighbour_heaps *h,
                              const float *products, long i0, long height, long j0, long width) {
    const float *norms = p->testNorms + i0;
    float *limits = h->limits;
    int diagonal = i0 == j0;
    uint8_t passes[SMARTSPEC_NEIGHBOUR_TILE + 8];
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
                long i = i0 + r0 + __builtin_ctzll(word) / 8;
                word &= word - 1;
                float squared = norms[i - i0] + normJ - 2.0f * g[i - i0];
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
