import CKernels
import Dispatch
import Foundation
import LinearAlgebra

/// The `k` nearest neighbours of every point, by blocked cross products (BLAS `sgemm`) that use
/// the symmetry of distances, on all cores, without ever holding an `n × n` matrix.
///
/// A tile's single-precision products give a conservative test of every pair: a pair that could
/// enter a point's best `k` always passes (the rounding bound is in `Methodology/reference-regions.md`).
/// Only pairs that pass are measured, exactly, in double precision (`√Σ (a − b)²`, as
/// `Matrix.columnDistance`), and kept in a max-heap per point by (distance, tie-break rank). The
/// result is therefore exactly the `k` first by (distance, tie-break), whatever the BLAS kernels
/// or the number of threads.
struct NearestNeighbourSearch: Sendable {
    /// Points as columns (`M × n`).
    let points: Matrix
    /// Neighbours wanted per point.
    let neighbours: Int
    /// Which points may be neighbours of which (by country), as plain arrays for the hot loop.
    let eligibility: NeighbourEligibility

    /// Rows and columns of one tile.
    static let tile = Int(SMARTSPEC_NEIGHBOUR_TILE)
    /// Tiles per block that every worker searches before the rest is shared out (1: the diagonal).
    static let warmUpBlocks = 1

    func run(tieBreak: (Int, Int) -> Bool, progress: (@Sendable (Double) -> Void)?) -> [[(index: Int, distance: Double)]] {
        // The work below is parallel on its own; OpenBLAS's threads would only compete for the cores.
        BLASBackend.withSingleThreadedBLAS { search(tieBreak: tieBreak, progress: progress) }
    }

    private func search(tieBreak: (Int, Int) -> Bool, progress: (@Sendable (Double) -> Void)?) -> [[(index: Int, distance: Double)]] {
        let n = points.columns
        let keep = min(neighbours, n - 1)
        guard keep >= 1 else { return Array(repeating: [], count: n) }
        // Group near points (k-means) and visit tiles by the distance of their centroids: near
        // points meet early, the limits tighten fast, and most far tiles are dismissed by the
        // vectorised test alone.
        let order = SpatialOrder.clustered(points, clusterSize: Self.tile)
        let rank = Self.ranks(n, tieBreak)
        let space = SearchPoints(points.selectingColumns(order), rank: order.map { Int32(rank[$0]) },
                                 eligibility: eligibility.permuted(order))
        let tiles = SpatialOrder.tilesByCentroidDistance(space.ordered, tile: Self.tile)
        let workerCount = max(1, min(ProcessInfo.processInfo.activeProcessorCount, tiles.count))
        let workers = (0..<workerCount).map { _ in NeighbourHeaps(points: n, capacity: keep) }
        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            var buffer = [Float](repeating: 0, count: Self.tile * Self.tile)
            // Every worker first takes the diagonal tiles (each block with itself: the first in
            // the order), so that its limits are finite for every point from the start; the rest
            // is shared out. Pairs met twice are merged away below.
            let warm = workerCount > 1 ? min(tiles.count, Self.warmUpBlocks * ((n + Self.tile - 1) / Self.tile)) : 0
            let mine = Array(tiles[..<warm]) + stride(from: warm + w, to: tiles.count, by: workerCount).map { tiles[$0] }
            for (done, (i0, j0)) in mine.enumerated() {
                let rows = i0..<min(i0 + Self.tile, n), columns = j0..<min(j0 + Self.tile, n)
                space.singles.crossProduct(rows, columns, into: &buffer)
                buffer.withUnsafeBufferPointer { products in
                    space.withDescription { description in
                        workers[w].withDescription { heaps in
                            smartspec_neighbour_tile(description, heaps, products.baseAddress!, rows.lowerBound, rows.count,
                                                     columns.lowerBound, columns.count)
                        }
                    }
                }
                if w == 0, let progress, done % 16 == 0 { progress(Double(done) / Double(mine.count)) }
            }
        }
        progress?(1)
        var result = [[(index: Int, distance: Double)]](repeating: [], count: n)
        for p in 0..<n {
            result[order[p]] = NeighbourHeaps.merged(workers, position: p).prefix(neighbours)
                .map { (index: order[$0.member], distance: $0.distance) }
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

/// The points of one search in their spatial order, with what the C kernel reads: the exact
/// coordinates, a single-precision copy scaled by a power of two, the test norms, the tie-break
/// ranks and the eligibility rule. Storage is owned by the instance and read-only once made.
final class SearchPoints: @unchecked Sendable {
    /// The points, in the spatial order.
    let ordered: Matrix
    /// The single-precision copy of `ordered · scale`.
    let singles: SinglePrecisionColumns
    /// Tie-break rank of every point (by position).
    let rank: [Int32]
    private let testNorms: [Float]
    private let scale: Double
    private let group: [Int32]
    private let excludeSameGroup: Bool
    private let allowedGroups: [UInt8]?

    /// - Parameters: `ordered`: the points in the spatial order; `rank`: their tie-break ranks;
    ///   `eligibility`: the rule for these positions.
    init(_ ordered: Matrix, rank: [Int32], eligibility: NeighbourEligibility) {
        self.ordered = ordered
        self.rank = rank
        let largest = ordered.elements.reduce(0.0) { max($0, abs($1)) }
        // A power of two, so that the scaled coordinates are at most 1 in magnitude: squares and
        // sums stay far from Float's overflow, and scaling itself is exact.
        let scale = largest > 0 ? Double(sign: .plus, exponent: -(largest.exponent + 1), significand: 1) : 1
        self.scale = scale
        singles = SinglePrecisionColumns(ordered, scale: scale)
        let m = ordered.rows
        let kappa = Self.testSlack(dimension: m)
        testNorms = (0..<ordered.columns).map { p in
            var sum = 0.0
            for d in 0..<m { let x = ordered[d, p] * scale; sum += x * x }
            return Float((1 - kappa) * sum)
        }
        group = eligibility.group
        excludeSameGroup = eligibility.excludeSameGroup
        allowedGroups = eligibility.allowedGroups.map { $0.map { $0 ? 1 : 0 } }
    }

    /// κ: the relative slack that makes the single-precision test conservative for points of
    /// `dimension` coordinates: twice the bound `(m + 6)·u·(‖a‖² + ‖b‖²)` on its rounding error.
    static func testSlack(dimension m: Int) -> Double { 2 * Double(m + 8) * 0x1p-24 }

    /// Calls `body` with the C description of the points, valid during the call.
    func withDescription<T>(_ body: (UnsafePointer<smartspec_neighbour_points>) -> T) -> T {
        ordered.elements.withUnsafeBufferPointer { coordinates in
            testNorms.withUnsafeBufferPointer { norms in
                rank.withUnsafeBufferPointer { ranks in
                    group.withUnsafeBufferPointer { groups in
                        withAllowedGroups { allowed in
                            var description = smartspec_neighbour_points(
                                points: coordinates.baseAddress, dimension: ordered.rows, testNorms: norms.baseAddress,
                                scaleSquared: scale * scale, rank: ranks.baseAddress, group: groups.baseAddress,
                                excludeSameGroup: excludeSameGroup ? 1 : 0, allowedGroups: allowed)
                            return body(&description)
                        }
                    }
                }
            }
        }
    }

    private func withAllowedGroups<T>(_ body: (UnsafePointer<UInt8>?) -> T) -> T {
        guard let allowedGroups else { return body(nil) }
        return allowedGroups.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

/// One worker's best neighbours so far for every point: per point a max-heap of `capacity`
/// exact distances by (distance, tie-break rank), filled by the C kernel. Storage is raw memory
/// owned by the instance: this is the hot loop of `similar --all`.
final class NeighbourHeaps: @unchecked Sendable {
    private let capacity: Int
    private let distances: UnsafeMutablePointer<Double>
    private let members: UnsafeMutablePointer<Int32>
    private let ranks: UnsafeMutablePointer<Int32>
    private let sizes: UnsafeMutablePointer<Int32>
    private let limits: UnsafeMutablePointer<Float>

    init(points: Int, capacity: Int) {
        self.capacity = capacity
        distances = .allocate(capacity: points * capacity)
        members = .allocate(capacity: points * capacity)
        ranks = .allocate(capacity: points * capacity)
        sizes = .allocate(capacity: points)
        sizes.initialize(repeating: 0, count: points)
        limits = .allocate(capacity: points)
        limits.initialize(repeating: .infinity, count: points)
    }

    deinit {
        distances.deallocate(); members.deallocate(); ranks.deallocate(); sizes.deallocate(); limits.deallocate()
    }

    /// Calls `body` with the C description of the heaps, valid during the call.
    func withDescription<T>(_ body: (UnsafeMutablePointer<smartspec_neighbour_heaps>) -> T) -> T {
        var description = smartspec_neighbour_heaps(capacity: capacity, distances: distances, members: members,
                                                    ranks: ranks, sizes: sizes, limits: limits)
        return body(&description)
    }

    /// The entries of point `p` (a position) in all `heaps`, sorted by (distance, rank), each
    /// member once (a pair met by two workers is in both heaps with the same distance).
    static func merged(_ heaps: [NeighbourHeaps], position p: Int) -> [(member: Int, distance: Double)] {
        var entries: [(member: Int, distance: Double, rank: Int32)] = []
        for heap in heaps {
            for k in (p * heap.capacity)..<(p * heap.capacity + Int(heap.sizes[p])) {
                entries.append((Int(heap.members[k]), heap.distances[k], heap.ranks[k]))
            }
        }
        entries.sort { $0.distance < $1.distance || ($0.distance == $1.distance && $0.rank < $1.rank) }
        var unique: [(member: Int, distance: Double)] = []
        for entry in entries where unique.last?.member != entry.member { unique.append((entry.member, entry.distance)) }
        return unique
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
}
