import Dispatch
import Foundation
import LinearAlgebra

/// The `k` nearest neighbours of every point, by blocked cross products (BLAS `dgemm`) that use
/// the symmetry of distances, on all cores, without ever holding an `n × n` matrix.
///
/// Squared distances of a tile are `‖a‖² + ‖b‖² − 2 a·b`; each worker keeps, for every point, a
/// bounded max-heap of its best candidates (a few more than `k`). The candidates are then
/// re-measured exactly by ``StructuralSpace/distance(_:_:)``-style summation and sorted by
/// distance and a tie-break, so the result does not depend on the BLAS kernels or thread count.
struct NearestNeighbourSearch: Sendable {
    /// Points as columns (`M × n`).
    let points: Matrix
    /// Neighbours wanted per point.
    let neighbours: Int
    /// Whether point `j` may be a neighbour of point `i` (`i ≠ j` is already guaranteed).
    let allows: @Sendable (Int, Int) -> Bool

    /// Rows and columns of one tile.
    static let tile = 512
    /// Extra candidates kept beyond `k`, so near-ties decided by rounding cannot change the result.
    static let margin = 4

    func run(tieBreak: (Int, Int) -> Bool, progress: (@Sendable (Double) -> Void)?) -> [[(index: Int, distance: Double)]] {
        let n = points.columns
        let keep = min(neighbours + Self.margin, n - 1)
        let norms = (0..<n).map { i in (0..<points.rows).reduce(0.0) { $0 + points[$1, i] * points[$1, i] } }
        let tiles = stride(from: 0, to: n, by: Self.tile).flatMap { i in
            stride(from: i, to: n, by: Self.tile).map { j in (i, j) }
        }
        let workerCount = max(1, min(ProcessInfo.processInfo.activeProcessorCount, tiles.count))
        let workers = (0..<workerCount).map { _ in CandidateHeaps(points: n, capacity: keep) }
        BLASBackend.withSingleThreadedBLAS {
            DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                var buffer = [Double](repeating: 0, count: Self.tile * Self.tile)
                let mine = stride(from: w, to: tiles.count, by: workerCount).map { tiles[$0] }
                for (done, (i0, j0)) in mine.enumerated() {
                    let rows = i0..<min(i0 + Self.tile, n), columns = j0..<min(j0 + Self.tile, n)
                    points.columnCrossProduct(rows, columns, into: &buffer)
                    workers[w].scan(buffer, rows: rows, columns: columns, norms: norms, allows: allows)
                    if w == 0, let progress, done % 16 == 0 { progress(Double(done) / Double(mine.count)) }
                }
            }
        }
        progress?(1)
        return (0..<n).map { i in
            var candidates = Set<Int>()
            for worker in workers { candidates.formUnion(worker.members(of: i)) }
            return candidates.map { (index: $0, distance: exactDistance(i, $0)) }
                .sorted { $0.distance < $1.distance || ($0.distance == $1.distance && tieBreak($0.index, $1.index)) }
                .prefix(neighbours).map { $0 }
        }
    }

    /// Distance summed in a fixed order from the points themselves.
    func exactDistance(_ a: Int, _ b: Int) -> Double {
        let m = points.rows
        var sum = 0.0
        points.elements.withUnsafeBufferPointer { p in
            for k in 0..<m {
                let d = p[a * m + k] - p[b * m + k]
                sum += d * d
            }
        }
        return sum.squareRoot()
    }
}

/// One worker's bounded max-heaps of candidate neighbours, keyed by (squared distance, index).
final class CandidateHeaps: @unchecked Sendable {
    private let capacity: Int
    private var distances: [Double]
    private var indices: [Int32]
    private var counts: [Int32]
    /// Largest kept squared distance of each point (+∞ until its heap is full).
    private var thresholds: [Double]

    init(points: Int, capacity: Int) {
        self.capacity = capacity
        distances = Array(repeating: 0, count: points * capacity)
        indices = Array(repeating: 0, count: points * capacity)
        counts = Array(repeating: 0, count: points)
        thresholds = Array(repeating: .infinity, count: points)
    }

    /// Indices kept for point `i`.
    func members(of i: Int) -> [Int] {
        (0..<Int(counts[i])).map { Int(indices[i * capacity + $0]) }
    }

    /// Offers every pair of a tile to both of its points' heaps. `tile` is `rows × columns`,
    /// column-major, holding dot products; on a diagonal tile only pairs `i < j` are used.
    func scan(_ tile: [Double], rows: Range<Int>, columns: Range<Int>, norms: [Double], allows: (Int, Int) -> Bool) {
        let height = rows.count
        let diagonal = rows.lowerBound == columns.lowerBound
        tile.withUnsafeBufferPointer { g in
            norms.withUnsafeBufferPointer { norm in
                for (c, j) in columns.enumerated() {
                    let column = g.baseAddress! + c * height
                    let upper = diagonal ? c : height
                    var r = 0
                    while r + 8 <= upper {
                        let products = UnsafeRawPointer(column + r).loadUnaligned(as: SIMD8<Double>.self)
                        let rowNorms = UnsafeRawPointer(norm.baseAddress! + rows.lowerBound + r).loadUnaligned(as: SIMD8<Double>.self)
                        let squared = rowNorms + SIMD8(repeating: norm[j]) - 2 * products
                        let rowLimits = thresholds.withUnsafeBufferPointer {
                            UnsafeRawPointer($0.baseAddress! + rows.lowerBound + r).loadUnaligned(as: SIMD8<Double>.self)
                        }
                        if any(squared .<= rowLimits) || squared.min() <= thresholds[j] {
                            for lane in 0..<8 { offerPair(rows.lowerBound + r + lane, j, squared[lane], allows) }
                        }
                        r += 8
                    }
                    while r < upper {
                        let i = rows.lowerBound + r
                        offerPair(i, j, norm[i] + norm[j] - 2 * column[r], allows)
                        r += 1
                    }
                }
            }
        }
    }

    private func offerPair(_ i: Int, _ j: Int, _ squared: Double, _ allows: (Int, Int) -> Bool) {
        let value = max(0, squared)
        if value <= thresholds[i], allows(i, j) { insert(j, value, into: i) }
        if value <= thresholds[j], allows(j, i) { insert(i, value, into: j) }
    }

    private func precedes(_ d1: Double, _ j1: Int32, _ d2: Double, _ j2: Int32) -> Bool { d1 > d2 || (d1 == d2 && j1 > j2) }

    private func insert(_ j: Int, _ value: Double, into i: Int) {
        let base = i * capacity
        let count = Int(counts[i])
        let index = Int32(j)
        if count < capacity {
            var k = count
            distances[base + k] = value; indices[base + k] = index
            while k > 0 {
                let parent = (k - 1) / 2
                guard precedes(distances[base + k], indices[base + k], distances[base + parent], indices[base + parent]) else { break }
                distances.swapAt(base + k, base + parent); indices.swapAt(base + k, base + parent)
                k = parent
            }
            counts[i] = Int32(count + 1)
            if count + 1 == capacity { thresholds[i] = distances[base] }
            return
        }
        guard precedes(distances[base], indices[base], value, index) else { return }
        distances[base] = value; indices[base] = index
        var k = 0
        while true {
            let left = 2 * k + 1, right = left + 1
            var largest = k
            if left < capacity, precedes(distances[base + left], indices[base + left], distances[base + largest], indices[base + largest]) { largest = left }
            if right < capacity, precedes(distances[base + right], indices[base + right], distances[base + largest], indices[base + largest]) { largest = right }
            if largest == k { break }
            distances.swapAt(base + k, base + largest); indices.swapAt(base + k, base + largest)
            k = largest
        }
        thresholds[i] = distances[base]
    }
}
