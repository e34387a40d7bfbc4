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

    /// The `neighbours` nearest eligible points of the points `queries` only (a shard's regions),
    /// each list sorted by (distance, `tieBreak`): exactly the lists ``run(tieBreak:progress:)``
    /// gives them. The queries are copied after the columns (all points); a tile pairs a block of
    /// copies with a block of columns, only the copies receive neighbours, and a copy is never its
    /// own column's neighbour. Complexity: about `|queries| · n` products instead of `n²/2`.
    func run(queries: Range<Int>, tieBreak: (Int, Int) -> Bool, progress: (@Sendable (Double) -> Void)?) -> [[(index: Int, distance: Double)]] {
        BLASBackend.withSingleThreadedBLAS { search(queries: queries, tieBreak: tieBreak, progress: progress) }
    }

    private func search(queries: Range<Int>, tieBreak: (Int, Int) -> Bool, progress: (@Sendable (Double) -> Void)?) -> [[(index: Int, distance: Double)]] {
        let n = points.columns
        let keep = min(neighbours, n - 1)
        guard keep >= 1, !queries.isEmpty else { return Array(repeating: [], count: queries.count) }
        let order = SpatialOrder.clustered(points, clusterSize: Self.tile)
        var position = [Int](repeating: 0, count: n)
        for (p, index) in order.enumerated() { position[index] = p }
        // The copies follow the columns, in the columns' spatial order.
        let copies = queries.sorted { position[$0] < position[$1] }
        let all = order + copies
        let rank = Self.ranks(n, tieBreak)
        let twins = [Int32](repeating: -1, count: n) + copies.map { Int32(position[$0]) }
        let space = SearchPoints(points.selectingColumns(all), rank: all.map { Int32(rank[$0]) },
                                 eligibility: eligibility.permuted(all), twins: twins)
        let tiles = SpatialOrder.tilesByCentroidDistance(rows: n..<(n + copies.count), columns: 0..<n, space.ordered, tile: Self.tile)
        let workerCount = Self.workerCount(tiles: tiles.count, points: n + copies.count, capacity: keep)
        let workers = (0..<workerCount).map { _ in NeighbourHeaps(points: n + copies.count, capacity: keep) }
        for worker in workers { worker.receiveNothing(0..<n) }
        let rowTiles = (copies.count + Self.tile - 1) / Self.tile
        Self.searchTiles(tiles, diagonal: rowTiles, points: space, workers: workers, columnsEnd: n, progress: progress)
        let lists = NeighbourHeaps.results(workers, order: order, wanted: keep, of: n..<(n + copies.count))
        var result = [[(index: Int, distance: Double)]](repeating: [], count: queries.count)
        for (c, list) in lists.enumerated() { result[copies[c] - queries.lowerBound] = list }
        return result
    }

    /// The `neighbours` nearest eligible points of every point, each list sorted by (distance,
    /// `tieBreak`), with `progress` (0…1) reported from time to time.
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
        let workerCount = Self.workerCount(tiles: tiles.count, points: n, capacity: keep)
        let workers = (0..<workerCount).map { _ in NeighbourHeaps(points: n, capacity: keep) }
        Self.searchTiles(tiles, diagonal: (n + Self.tile - 1) / Self.tile, points: space, workers: workers, columnsEnd: n, progress: progress)
        let lists = NeighbourHeaps.results(workers, order: order, wanted: keep)
        var result = [[(index: Int, distance: Double)]](repeating: [], count: n)
        for (p, list) in lists.enumerated() { result[order[p]] = list }
        return result
    }

    /// Every tile, on one worker per heap set, in phases after each of which the workers share their limits.
    private static func searchTiles(_ tiles: [(Int, Int)], diagonal: Int, points space: SearchPoints, workers: [NeighbourHeaps], columnsEnd: Int,
                                    progress: (@Sendable (Double) -> Void)?) {
        let workerCount = workers.count
        for phase in phases(tiles: tiles.count, diagonal: diagonal) {
            DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                var buffer = [Float](repeating: 0, count: tile * tile)
                for (done, t) in stride(from: phase.lowerBound + w, to: phase.upperBound, by: workerCount).enumerated() {
                    search(tile: tiles[t], points: space, heaps: workers[w], buffer: &buffer, columnsEnd: columnsEnd)
                    if w == 0, let progress, done % 16 == 15 {
                        progress(Double(phase.lowerBound + done * workerCount) / Double(tiles.count))
                    }
                }
            }
            NeighbourHeaps.shareLimits(workers, points: workers[0].points)
            progress?(Double(phase.upperBound) / Double(tiles.count))
        }
    }

    /// One tile: its single-precision products, then the C kernel's test and exact part.
    /// `columnsEnd`: where the block of columns ends (query mode: the end of the columns, before the copies).
    private static func search(tile: (Int, Int), points space: SearchPoints, heaps: NeighbourHeaps, buffer: inout [Float], columnsEnd: Int) {
        let n = space.ordered.columns
        let rows = tile.0..<min(tile.0 + Self.tile, n), columns = tile.1..<min(tile.1 + Self.tile, columnsEnd)
        space.singles.crossProduct(rows, columns, into: &buffer)
        smartspec_neighbour_tile(space.description, heaps.description, buffer, rows.lowerBound, rows.count,
                                 columns.lowerBound, columns.count)
    }

    /// Workers: one per core, at most one per tile, and no more than fit their heaps in 1 GiB.
    static func workerCount(tiles: Int, points: Int, capacity: Int) -> Int {
        let heapBytes = points * (capacity * (MemoryLayout<Double>.size + 2 * MemoryLayout<Int32>.size) + 8)
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, tiles, (1 << 30) / max(1, heapBytes)))
    }

    /// Consecutive ranges of the tile list, after each of which the workers share their limits:
    /// first the diagonal tiles (so that every limit becomes finite), then ranges growing by half.
    static func phases(tiles: Int, diagonal: Int) -> [Range<Int>] {
        var phases: [Range<Int>] = [], start = 0, length = min(diagonal, tiles)
        while start < tiles {
            phases.append(start..<min(tiles, start + length))
            start += length
            length += (length + 1) / 2
        }
        return phases
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
    /// Point indices grouped by k-means with about `clusterSize` points per cluster (seeded
    /// deterministically along the principal axis, `iterations` Lloyd iterations on an evenly
    /// spaced sample of at most 64 points per cluster, then every point assigned to its nearest
    /// centroid); clusters follow each other along the principal axis, and ties keep index order.
    static func clustered(_ points: Matrix, clusterSize: Int, iterations: Int = 4) -> [Int] {
        let n = points.columns, m = points.rows
        let byAxis = principalOrder(points)
        let k = max(1, n / clusterSize)
        guard k > 1, m > 0 else { return byAxis }
        var centroids = points.selectingColumns((0..<k).map { byAxis[($0 * n) / k + (n / k) / 2] })
        // The centroids are fitted on an evenly spaced sample of at most 64 points per cluster;
        // then every point is assigned once.
        let sampleSize = min(n, 64 * k)
        let sample = sampleSize == n ? points : points.selectingColumns((0..<sampleSize).map { ($0 * n) / sampleSize })
        for _ in 0..<iterations {
            let assignment = assign(sample, centroids)
            var sums = Matrix(rows: m, columns: k), counts = [Int](repeating: 0, count: k)
            for i in 0..<sampleSize {
                counts[assignment[i]] += 1
                for d in 0..<m { sums[d, assignment[i]] += sample[d, i] }
            }
            for c in 0..<k where counts[c] > 0 { for d in 0..<m { centroids[d, c] = sums[d, c] / Double(counts[c]) } }
        }
        let assignment = assign(points, centroids)
        let clusterRank = ranks(of: principalOrder(centroids))
        let position = ranks(of: byAxis)
        return (0..<n).sorted { a, b in
            let (ca, cb) = (clusterRank[assignment[a]], clusterRank[assignment[b]])
            return ca < cb || (ca == cb && position[a] < position[b])
        }
    }

    /// The tiles of `range` (cut from its start) with the centroid of each.
    private static func tileCentroids(_ points: Matrix, _ range: Range<Int>, tile: Int) -> [(start: Int, centroid: [Double])] {
        Swift.stride(from: range.lowerBound, to: range.upperBound, by: tile).map { start in
            let end = min(start + tile, range.upperBound)
            return (start, (0..<points.rows).map { d in (start..<end).reduce(0.0) { $0 + points[d, $1] } / Double(end - start) })
        }
    }

    /// Pairs of tile offsets, a block of `rows` with a block of `columns` (each cut into tiles from
    /// its start), ordered by the distance between the tiles' centroids (ties: offsets).
    static func tilesByCentroidDistance(rows: Range<Int>, columns: Range<Int>, _ points: Matrix, tile: Int) -> [(Int, Int)] {
        let rowTiles = tileCentroids(points, rows, tile: tile), columnTiles = tileCentroids(points, columns, tile: tile)
        var pairs: [(Double, Int, Int)] = []
        pairs.reserveCapacity(rowTiles.count * columnTiles.count)
        for a in rowTiles {
            for b in columnTiles {
                pairs.append((zip(a.centroid, b.centroid).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }, a.start, b.start))
            }
        }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && ($0.1, $0.2) < ($1.1, $1.2)) }
        return pairs.map { ($0.1, $0.2) }
    }

    /// Pairs of tile offsets (rows ≤ columns) ordered by the distance between the tiles' centroids.
    static func tilesByCentroidDistance(_ points: Matrix, tile: Int) -> [(Int, Int)] {
        let tiles = tileCentroids(points, 0..<points.columns, tile: tile)
        let starts = tiles.map(\.start), centroids = tiles.map(\.centroid)
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

    /// Nearest centroid of every point (the first on ties), by blocked products on all cores.
    private static func assign(_ points: Matrix, _ centroids: Matrix) -> [Int] {
        let n = points.columns, k = centroids.columns, m = points.rows, chunk = 4096
        let centroidNorms = (0..<k).map { c in (0..<m).reduce(0.0) { $0 + centroids[$1, c] * centroids[$1, c] } }
        return ParallelTasks.map((n + chunk - 1) / chunk) { c -> [Int] in
            let block = points.selectingColumns(Array((c * chunk)..<min(n, (c + 1) * chunk)))
            // Finite: the search's points are checked before it starts.
            // Centroids × points, so that each point's products are contiguous.
            guard let products = try? Matrix.product(centroids, block, transposeA: .transposed, operandsAreFinite: true) else {
                return Array(repeating: 0, count: block.columns)
            }
            return products.elements.withUnsafeBufferPointer { p in
                (0..<block.columns).map { r in
                    var best = 0, bestValue = Double.infinity
                    for c in 0..<k {
                        let value = centroidNorms[c] - 2 * p[c + r * k]
                        if value < bestValue { bestValue = value; best = c }
                    }
                    return best
                }
            }
        }.flatMap { $0 }
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
