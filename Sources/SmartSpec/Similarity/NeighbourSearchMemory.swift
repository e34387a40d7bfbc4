import CKernels
import Dispatch
import Foundation
import LinearAlgebra

// Raw memory of the nearest-neighbour search, kept in this file: the two classes below own every
// buffer the C kernel (CKernels/neighbour_tile.c) reads or writes. Each buffer is allocated and
// initialised in `init`, freed in `deinit`, and outlives every call into C that uses it (the
// search holds the instances for the whole run). Sizes are asserted in debug builds.

/// The points of one search in their spatial order, with what the C kernel reads: the exact
/// coordinates, a centred single-precision copy scaled by a power of two, the test norms, the
/// tie-break ranks and the eligibility rule. The C description and the memory it points at are
/// made once and owned by the instance.
final class SearchPoints: @unchecked Sendable {
    /// The points, in the spatial order.
    let ordered: Matrix
    /// The single-precision copy of `(ordered − mean) · scale`.
    let singles: SinglePrecisionColumns
    /// What the C kernel reads; valid as long as the instance.
    let description: UnsafeMutablePointer<smartspec_neighbour_points>
    private var owned: [UnsafeMutableRawPointer] = []

    /// - Parameters: `ordered`: the points in the spatial order; `rank`: their tie-break ranks;
    ///   `eligibility`: the rule for these positions.
    init(_ ordered: Matrix, rank: [Int32], eligibility: NeighbourEligibility) {
        self.ordered = ordered
        // The test runs on the points less their mean (distances do not change, and the rounding
        // bound, relative to the norms, is smallest there), scaled by a power of two so that the
        // coordinates are at most 1 in magnitude: squares and sums stay far from Float's
        // overflow, and the scaling itself is exact.
        let m = ordered.rows, n = ordered.columns
        let mean = (0..<m).map { d in (0..<n).reduce(0.0) { $0 + ordered[d, $1] } / Double(max(n, 1)) }
        var centred = ordered
        for p in 0..<n { for d in 0..<m { centred[d, p] -= mean[d] } }
        let largest = centred.elements.reduce(0.0) { max($0, abs($1)) }
        let scale = largest > 0 ? Double(sign: .plus, exponent: -(largest.exponent + 1), significand: 1) : 1
        singles = SinglePrecisionColumns(centred, scale: scale)
        let kappa = Self.testSlack(dimension: m)
        let testNorms = (0..<n).map { p in
            var sum = 0.0
            for d in 0..<m { let x = centred[d, p] * scale; sum += x * x }
            return Float((1 - kappa) * sum)
        }
        description = .allocate(capacity: 1)
        description.initialize(to: smartspec_neighbour_points(
            points: nil, dimension: m, testNorms: nil, slack: kappa, scaleSquared: scale * scale, rank: nil, group: nil,
            excludeSameGroup: eligibility.excludeSameGroup ? 1 : 0, allowedGroups: nil))
        description.pointee.points = UnsafePointer(own(ordered.elements))
        description.pointee.testNorms = UnsafePointer(own(testNorms))
        description.pointee.rank = UnsafePointer(own(rank))
        description.pointee.group = UnsafePointer(own(eligibility.group))
        if let allowed = eligibility.allowedGroups { description.pointee.allowedGroups = UnsafePointer(own(allowed.map { $0 ? UInt8(1) : 0 })) }
    }

    deinit {
        for pointer in owned { pointer.deallocate() }
        description.deallocate()
    }

    /// κ: the relative slack that makes the single-precision test conservative for points of
    /// `dimension` coordinates: twice the bound `(m + 6)·u·(‖a‖² + ‖b‖²)` on its rounding error.
    static func testSlack(dimension m: Int) -> Double { 2 * Double(m + 8) * 0x1p-24 }

    /// A copy of `values` in memory owned by the instance.
    private func own<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
        pointer.initialize(from: values, count: values.count)
        owned.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }
}

/// One worker's best neighbours so far for every point: per point a max-heap of `capacity`
/// exact distances by (distance, tie-break rank), filled by the C kernel. Storage is raw memory
/// owned by the instance: this is the hot loop of `similar --all`.
final class NeighbourHeaps: @unchecked Sendable {
    let capacity: Int, points: Int
    private let distances: UnsafeMutablePointer<Double>
    private let members: UnsafeMutablePointer<Int32>
    private let ranks: UnsafeMutablePointer<Int32>
    private let sizes: UnsafeMutablePointer<Int32>
    private let limits: UnsafeMutablePointer<Float>
    /// What the C kernel fills; valid as long as the instance.
    let description: UnsafeMutablePointer<smartspec_neighbour_heaps>

    init(points: Int, capacity: Int) {
        precondition(points >= 0 && capacity >= 1, "a heap needs room for at least one neighbour")
        self.capacity = capacity
        self.points = points
        distances = .allocate(capacity: points * capacity)
        members = .allocate(capacity: points * capacity)
        ranks = .allocate(capacity: points * capacity)
        sizes = .allocate(capacity: points)
        sizes.initialize(repeating: 0, count: points)
        limits = .allocate(capacity: points)
        limits.initialize(repeating: .infinity, count: points)
        description = .allocate(capacity: 1)
        description.initialize(to: smartspec_neighbour_heaps(capacity: capacity, distances: distances, members: members,
                                                             ranks: ranks, sizes: sizes, limits: limits))
    }

    deinit {
        distances.deallocate(); members.deallocate(); ranks.deallocate(); sizes.deallocate(); limits.deallocate()
        description.deallocate()
    }

    /// Gives every worker the lowest limit of any worker, point by point (between phases, when no
    /// worker runs): a pair beyond another worker's k-th best cannot be among the best k.
    static func shareLimits(_ heaps: [NeighbourHeaps], points: Int) {
        guard heaps.count > 1 else { return }
        assert(heaps.allSatisfy { $0.points == points }, "every worker's heaps cover the same points")
        for i in 0..<points {
            let lowest = heaps.reduce(Float.infinity) { min($0, $1.limits[i]) }
            for heap in heaps { heap.limits[i] = lowest }
        }
    }

    /// The best `wanted` neighbours of every point (by position) over all `heaps`, sorted by
    /// (distance, rank), as original indices (`order[position]`), computed on all cores.
    static func results(_ heaps: [NeighbourHeaps], order: [Int], wanted: Int) -> [[(index: Int, distance: Double)]] {
        let chunk = 4096
        assert(!heaps.isEmpty && heaps.allSatisfy { $0.points >= order.count && $0.capacity >= wanted }, "heaps too small for the result")
        return ParallelTasks.map((order.count + chunk - 1) / chunk) { c in
            let range = (c * chunk)..<min(order.count, (c + 1) * chunk)
            var members = [Int32](repeating: 0, count: range.count * wanted)
            var distances = [Double](repeating: 0, count: range.count * wanted)
            var found = [Int32](repeating: 0, count: range.count)
            var scratch = [Int64](repeating: 0, count: (smartspec_neighbour_results_scratch(heaps.count, heaps[0].capacity) + 7) / 8)
            smartspec_neighbour_results(heaps.map(\.description), heaps.count, range.lowerBound, range.upperBound, wanted,
                                        &scratch, &members, &distances, &found)
            assert(found.allSatisfy { $0 >= 0 && Int($0) <= wanted }, "the merge found more neighbours than wanted")
            return range.indices.map { p in
                let offset = (p - range.lowerBound) * wanted
                return (0..<Int(found[p - range.lowerBound])).map { (index: order[Int(members[offset + $0])], distance: distances[offset + $0]) }
            }
        }.flatMap { $0 }
    }
}
