import CKernels
import Dispatch
import Foundation
import LinearAlgebra

/// The `k` nearest neighbours of every point, by blocked cross products (BLAS `dgemm`) that use
/// the symmetry of distances, on all cores, without ever holding an `n × n` matrix.
///
/// Squared distances of a tile are `‖a‖² + ‖b‖² − 2 a·b`; each worker keeps, for every point, its
/// best candidates (a few more than `k`). The candidates are then
/// re-measured exactly by ``StructuralSpace/distance(_:_:)``-style summation and sorted by
/// distance and a tie-break, so the result does not depend on the BLAS kernels or thread count.
struct NearestNeighbourSearch: Sendable {
    /// Points as columns (`M × n`).
    let points: Matrix
    /// Neighbours wanted per point.
    let neighbours: Int
    /// Which points may be neighbours of which (by country), as plain arrays for the hot loop.
    let eligibility: NeighbourEligibility

    /// Rows and columns of one tile.
    static let tile = 256
    /// Extra candidates kept beyond `k`, so near-ties decided by rounding cannot change the result.
    static let margin = 4
    /// Tiles per block that every worker searches before the rest is shared out (1: the diagonal).
    static let warmUpBlocks = 1

    func run(tieBreak: (Int, Int) -> Bool, progress: (@Sendable (Double) -> Void)?) -> [[(index: Int, distance: Double)]] {
        // The work below is parallel on its own; OpenBLAS's threads would only compete for the cores.
        BLASBackend.withSingleThreadedBLAS { search(tieBreak: tieBreak, progress: progress) }
    }

    private func search(tieBreak: (Int, Int) -> Bool, progress: (@Sendable (Double) -> Void)?) -> [[(index: Int, distance: Double)]] {
        let n = points.columns
        let keep = min(neighbours + Self.margin, n - 1)
        // Group near points (k-means) and visit tiles by the distance of their centroids: near
        // points meet early, the candidate limits tighten fast, and most far tiles are dismissed
        // by the vectorised test alone.
        let order = SpatialOrder.clustered(points, clusterSize: Self.tile)
        let ordered = points.selectingColumns(order)
        let orderedEligibility = eligibility.permuted(order)
        let norms = (0..<n).map { i in (0..<ordered.rows).reduce(0.0) { $0 + ordered[$1, i] * ordered[$1, i] } }
        let tiles = SpatialOrder.tilesByCentroidDistance(ordered, tile: Self.tile)
        let workerCount = max(1, min(ProcessInfo.processInfo.activeProcessorCount, tiles.count))
        let workers = (0..<workerCount).map { _ in CandidateHeaps(points: n, capacity: keep) }
        do {
            DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                var buffer = [Double](repeating: 0, count: Self.tile * Self.tile)
                // Every worker first takes the diagonal tiles (each block with itself: the first in
                // the order), so that its candidate limits are finite for every point from the start
                // (4–7% faster at 20,000); the rest is shared out. Pairs met twice are merged away below.
                let warm = workerCount > 1 ? min(tiles.count, Self.warmUpBlocks * ((n + Self.tile - 1) / Self.tile)) : 0
                let mine = Array(tiles[..<warm]) + stride(from: warm + w, to: tiles.count, by: workerCount).map { tiles[$0] }
                for (done, (i0, j0)) in mine.enumerated() {
                    let rows = i0..<min(i0 + Self.tile, n), columns = j0..<min(j0 + Self.tile, n)
                    ordered.columnCrossProduct(rows, columns, into: &buffer)
                    workers[w].scan(buffer, rows: rows, columns: columns, norms: norms, eligibility: orderedEligibility)
                    if w == 0, let progress, done % 16 == 0 { progress(Double(done) / Double(mine.count)) }
                }
            }
        }
        progress?(1)
        // Rank of every point under the tie-break, so that the final sort compares integers.
        let rank = Self.ranks(n, tieBreak)
        var result = [[(index: Int, distance: Double)]](repeating: [], count: n)
        var candidates: [(index: Int, distance: Double)] = []
        for position in 0..<n {
            let i = order[position]
            candidates.removeAll(keepingCapacity: true)
            for worker in workers {
                worker.forEachMember(of: position) { p in
                    let j = order[p]
                    if !candidates.contains(where: { $0.index == j }) { candidates.append((j, points.columnDistance(i, j))) }
                }
            }
            candidates.sort { $0.distance < $1.distance || ($0.distance == $1.distance && rank[$0.index] < rank[$1.index]) }
            result[i] = Array(candidates.prefix(neighbours))
        }
        return result
    }

    /// Position of every point in the order given by `precedes`.
    static func ranks(_ n: Int, _ precedes: (Int, Int) -> Bool) -> [Int] {
        var rank = [Int](repeating: 0, count: n)
        for (position, index) in (0..<n).sorted(by: precedes).enumerated() { rank[index] = position }
        return rank
    }

}

/// Orders points so that near points are processed together, which makes the candidate limits
/// tighten early and most tiles fail the vectorised test outright. Only the speed depends on it:
/// the result of the search does not.
enum SpatialOrder {
    /// Point indices grouped by a few Lloyd iterations of k-means with about `clusterSize` points
    /// per cluster (seeded deterministically along the principal axis); clusters follow each other
    /// along the principal axis, and ties keep index order.
    static func clustered(_ points: Matrix, clusterSize: Int, iterations: Int = 4) -> [Int] {
        let n = points.columns, m = points.rows
        let byAxis = principalOrder(points)
        let k = max(1, n / clusterSize)
        guard k > 1, m > 0 else { return byAxis }
        var centroids = points.selectingColumns((0..<k).map { byAxis[($0 * n) / k + (n / k) / 2] })
        var assignment = [Int](repeating: 0, count: n)
        for _ in 0..<iterations {
            assignment = assign(points, centroids)
            var sums = Matrix(rows: m, columns: k), counts = [Int](repeating: 0, count: k)
            for i in 0..<n {
                counts[assignment[i]] += 1
                for d in 0..<m { sums[d, assignment[i]] += points[d, i] }
            }
            for c in 0..<k where counts[c] > 0 { for d in 0..<m { centroids[d, c] = sums[d, c] / Double(counts[c]) } }
        }
        let clusterRank = ranks(of: principalOrder(centroids))
        let position = ranks(of: byAxis)
        return (0..<n).sorted { a, b in
            let (ca, cb) = (clusterRank[assignment[a]], clusterRank[assignment[b]])
            return ca < cb || (ca == cb && position[a] < position[b])
        }
    }

    /// Pairs of tile offsets (rows ≤ columns) ordered by the distance between the tiles' centroids.
    static func tilesByCentroidDistance(_ points: Matrix, tile: Int) -> [(Int, Int)] {
        let n = points.columns, m = points.rows
        let starts = Array(Swift.stride(from: 0, to: n, by: tile))
        let centroids = starts.map { start -> [Double] in
            let end = min(start + tile, n)
            return (0..<m).map { d in (start..<end).reduce(0.0) { $0 + points[d, $1] } / Double(end - start) }
        }
        var pairs: [(Double, Int, Int)] = []
        for a in starts.indices {
            for b in a..<starts.count {
                let distance = zip(centroids[a], centroids[b]).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                pairs.append((distance, a, b))
            }
        }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && ($0.1, $0.2) < ($1.1, $1.2)) }
        return pairs.map { (starts[$0.1], starts[$0.2]) }
    }

    /// Nearest centroid of every point, by blocked products.
    private static func assign(_ points: Matrix, _ centroids: Matrix) -> [Int] {
        let n = points.columns, k = centroids.columns, m = points.rows
        let centroidNorms = (0..<k).map { c in (0..<m).reduce(0.0) { $0 + centroids[$1, c] * centroids[$1, c] } }
        var assignment = [Int](repeating: 0, count: n)
        for start in Swift.stride(from: 0, to: n, by: 4096) {
            let chunk = points.selectingColumns(Array(start..<min(start + 4096, n)))
            guard let products = try? Matrix.product(chunk, centroids, transposeA: .transposed) else { continue }
            for r in 0..<chunk.columns {
                var best = 0, bestValue = Double.infinity
                for c in 0..<k {
                    let value = centroidNorms[c] - 2 * products[r, c]
                    if value < bestValue { bestValue = value; best = c }
                }
                assignment[start + r] = best
            }
        }
        return assignment
    }

    /// Point indices sorted by their coordinate on the points' principal axis (ties by index).
    static func principalOrder(_ points: Matrix) -> [Int] {
        let n = points.columns
        guard points.rows > 1, let axis = try? SymmetricEigen(of: points.gram(.none), selection: .largest(1)).vectors.column(0),
              let projection = try? points.multiplied(by: axis, .transposed) else { return Array(0..<n) }
        return (0..<n).sorted { projection[$0] < projection[$1] || (projection[$0] == projection[$1] && $0 < $1) }
    }

    private static func ranks(of order: [Int]) -> [Int] {
        var rank = [Int](repeating: 0, count: order.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        return rank
    }
}

/// Which points may be neighbours of which: by country group, without strings or closures.
struct NeighbourEligibility: Sendable {
    /// Country group of each point.
    let group: [Int32]
    /// Leave out points of the same group.
    let excludeSameGroup: Bool
    /// Groups allowed as neighbours (nil = all).
    let allowedGroups: [Bool]?

    /// The same rule for points renumbered so that new point `p` is old point `order[p]`.
    func permuted(_ order: [Int]) -> NeighbourEligibility {
        NeighbourEligibility(group: order.map { group[$0] }, excludeSameGroup: excludeSameGroup, allowedGroups: allowedGroups)
    }

    /// Whether point `j` may be a neighbour of point `i` (`i ≠ j` holds already).
    @inline(__always)
    func allows(_ i: Int, _ j: Int) -> Bool {
        if excludeSameGroup && group[i] == group[j] { return false }
        if let allowedGroups, !allowedGroups[Int(group[j])] { return false }
        return true
    }
}

/// One worker's candidate neighbours per point: an append buffer of `capacity + slack` entries,
/// cut back to the best `capacity` by (squared distance, index) whenever it fills. Appending is a
/// store; the occasional cut is an insertion sort of the new entries into the kept, sorted prefix.
/// Storage is raw memory owned by the instance: this is the hot loop of `similar --all`.
final class CandidateHeaps: @unchecked Sendable {
    private let capacity: Int
    private let stride: Int
    private let distances: UnsafeMutablePointer<Double>
    private let indices: UnsafeMutablePointer<Int32>
    private let counts: UnsafeMutablePointer<Int32>
    /// The `capacity`-th best squared distance kept so far for each point (+∞ until known).
    private let thresholds: UnsafeMutablePointer<Double>
    /// Scratch space for the rows of one column that pass the test.
    private var candidateRows = [Int32](repeating: 0, count: NearestNeighbourSearch.tile)

    init(points: Int, capacity: Int) {
        self.capacity = capacity
        stride = capacity + 96
        distances = .allocate(capacity: points * stride)
        indices = .allocate(capacity: points * stride)
        counts = .allocate(capacity: points)
        counts.initialize(repeating: 0, count: points)
        thresholds = .allocate(capacity: points)
        thresholds.initialize(repeating: .infinity, count: points)
    }

    deinit {
        distances.deallocate(); indices.deallocate(); counts.deallocate(); thresholds.deallocate()
    }

    /// Calls `body` with each index kept for point `i` (at most `capacity`).
    func forEachMember(of i: Int, _ body: (Int) -> Void) {
        if Int(counts[i]) > capacity { cut(i) }
        for k in 0..<Int(counts[i]) { body(Int(indices[i * stride + k])) }
    }

    /// Offers every pair of a tile to both of its points. `tile` is `rows × columns`, column-major,
    /// holding dot products; on a diagonal tile only pairs `i < j` are used.
    func scan(_ tile: [Double], rows: Range<Int>, columns: Range<Int>, norms: [Double], eligibility: NeighbourEligibility) {
        let height = rows.count
        let diagonal = rows.lowerBound == columns.lowerBound
        let i0 = rows.lowerBound
        let allows = eligibility
        tile.withUnsafeBufferPointer { g in
            norms.withUnsafeBufferPointer { normBuffer in
                let norm = normBuffer.baseAddress!
                let rowNorms = norm + i0, rowLimits = thresholds + i0
                candidateRows.withUnsafeMutableBufferPointer { found in
                    for (c, j) in columns.enumerated() {
                        let column = g.baseAddress! + c * height
                        let upper = diagonal ? c : height
                        let normJ = norm[j]
                        let count = smartspec_tile_column_candidates(column, rowNorms, rowLimits, normJ, thresholds[j], upper, found.baseAddress!)
                        for k in 0..<count {
                            let r = Int(found[k])
                            offerPair(i0 + r, j, rowNorms[r] + normJ - 2 * column[r], allows)
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private func offerPair(_ i: Int, _ j: Int, _ squared: Double, _ allows: NeighbourEligibility) {
        let value = max(0, squared)
        if value <= thresholds[i], allows.allows(i, j) { append(j, value, to: i) }
        if value <= thresholds[j], allows.allows(j, i) { append(i, value, to: j) }
    }

    @inline(__always)
    private func append(_ j: Int, _ value: Double, to i: Int) {
        let count = Int(counts[i])
        distances[i * stride + count] = value
        indices[i * stride + count] = Int32(j)
        counts[i] = Int32(count + 1)
        if count + 1 == stride { cut(i) }
    }

    /// Keeps the best `capacity` entries of point `i` by (squared distance, index), found by
    /// quickselect (the kept ones are not sorted: the final merge sorts them).
    private func cut(_ i: Int) {
        let d = distances + i * stride, x = indices + i * stride
        let count = Int(counts[i])
        guard count > capacity else { return }
        @inline(__always) func less(_ a: Int, _ b: Int) -> Bool { d[a] < d[b] || (d[a] == d[b] && x[a] < x[b]) }
        @inline(__always) func swap(_ a: Int, _ b: Int) {
            let (dt, xt) = (d[a], x[a])
            d[a] = d[b]; x[a] = x[b]; d[b] = dt; x[b] = xt
        }
        // Place the capacity-th smallest at position capacity − 1, smaller ones before it.
        var low = 0, high = count - 1
        let target = capacity - 1
        while low < high {
            let middle = (low + high) / 2
            if less(middle, low) { swap(middle, low) }
            if less(high, low) { swap(high, low) }
            if less(high, middle) { swap(high, middle) }
            swap(middle, high)   // median of three as the pivot, at `high`
            var store = low
            for k in low..<high where less(k, high) {
                swap(k, store)
                store += 1
            }
            swap(store, high)
            if store == target { break }
            if store < target { low = store + 1 } else { high = store - 1 }
        }
        counts[i] = Int32(capacity)
        var largest = d[0]
        for k in 1..<capacity where d[k] > largest { largest = d[k] }
        thresholds[i] = largest
    }
}

private extension UnsafeMutablePointer {
    func swapAt(_ a: Int, _ b: Int) {
        let t = self[a]
        self[a] = self[b]
        self[b] = t
    }
}
