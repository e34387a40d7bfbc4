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

    /// The `neighbours` nearest eligible points of every point, each list sorted by (distance,
    /// `tieBreak`), with `progress` (0…1) reported from time to time.
    func run(tieBreak: (Int, Int) -> Bool, progress: (@Sendable (Double) -> Void)?) -> [[(index: Int, distance: Double)]] {
        let all = 0..<points.columns
        var lists = [[(index: Int, distance: Double)]](repeating: [], count: points.columns)
        for (point, list) in run(blocks: [PairBlock(rows: all, columns: all)], tieBreak: tieBreak, progress: progress) { lists[point] = list }
        return lists
    }

    /// Partial lists from the pairs of `blocks` only (a shard's share of the pairs, see
    /// ``Shard/pairBlocks(of:)``): for every point of the blocks, its `neighbours` nearest eligible
    /// points among those it is paired with there, sorted by (distance, `tieBreak`), in the search's order of the points.
    /// Limits on the k-th distance come from each range's own tiles as well, so that pairs beyond
    /// a point's k-th nearest of all points may be left out of its list. When every pair of points
    /// is in exactly one block of a set of runs, the first `neighbours` of the union of a point's
    /// partial lists, by (distance, `tieBreak`), are its list in the search over all points
    /// (``merge(_:neighbours:tieBreak:)``).
    /// - Precondition: every two ranges of the blocks are equal or disjoint.
    /// - Complexity: about the number of pairs in the blocks, in products.
    func run(blocks: [PairBlock], tieBreak: (Int, Int) -> Bool, progress: (@Sendable (Double) -> Void)?) -> [(point: Int, list: [(index: Int, distance: Double)])] {
        // The work below is parallel on its own; OpenBLAS's threads would only compete for the cores.
        BLASBackend.withSingleThreadedBLAS { search(blocks.filter { !$0.rows.isEmpty && !$0.columns.isEmpty }, tieBreak: tieBreak, progress: progress) }
    }

    /// The first `neighbours` of the union of each point's partial lists, by (distance, `tieBreak`):
    /// the lists of the whole search when the partial lists come from runs whose blocks hold every
    /// pair once. `partials` may hold a point several times (once per run); each list is sorted
    /// by (distance, `tieBreak`), as ``run(blocks:tieBreak:progress:)`` gives it, so a point's lists
    /// are merged in one pass. Complexity: O(n log n) for the tie-break ranks, then linear.
    static func merge(_ partials: [(point: Int, list: [(index: Int, distance: Double)])], points: Int, neighbours: Int,
                      tieBreak: (Int, Int) -> Bool) -> [[(index: Int, distance: Double)]] {
        let rank = ranks(points, tieBreak), keep = min(neighbours, points - 1)
        var gathered = [[Int]](repeating: [], count: points)
        for (p, partial) in partials.enumerated() { gathered[partial.point].append(p) }
        let lists = gathered
        return ParallelTasks.map(points) { p in
            let sources = lists[p].map { partials[$0].list }
            var heads = [Int](repeating: 0, count: sources.count), merged: [(index: Int, distance: Double)] = []
            while merged.count < keep {
                var best = -1
                for s in sources.indices where heads[s] < sources[s].count {
                    let candidate = sources[s][heads[s]]
                    if best < 0 { best = s; continue }
                    let current = sources[best][heads[best]]
                    if candidate.distance < current.distance || (candidate.distance == current.distance && rank[candidate.index] < rank[current.index]) {
                        best = s
                    }
                }
                guard best >= 0 else { break }
                merged.append(sources[best][heads[best]])
                heads[best] += 1
            }
            return merged
        }
    }

    private func search(_ blocks: [PairBlock], tieBreak: (Int, Int) -> Bool,
                        progress: (@Sendable (Double) -> Void)?) -> [(point: Int, list: [(index: Int, distance: Double)])] {
        let n = points.columns
        let keep = min(neighbours, n - 1)
        let ranges = Array(Set(blocks.flatMap { [$0.rows, $0.columns] })).sorted { $0.lowerBound < $1.lowerBound }
        precondition(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound }, "the blocks' ranges overlap")
        guard keep >= 1, !ranges.isEmpty else { return ranges.flatMap { $0 }.map { (point: $0, list: []) } }
        // Each range's points grouped near with near (k-means) and laid out one range after the
        // other; tiles visited by the distance of their centroids: near points meet early, the
        // limits tighten fast, and most far tiles are dismissed by the vectorised test alone.
        // A shard's ranges are clustered side by side; one range on this thread, whose heap the
        // search then reuses (memory freed on a worker thread stays with that thread).
        let points = self.points
        let cluster = { @Sendable (range: Range<Int>) in SpatialOrder.clustered(points.selectingColumns(Array(range)), clusterSize: Self.tile) }
        let clustered = ranges.count == 1 ? [cluster(ranges[0])] : ParallelTasks.map(ranges.count) { cluster(ranges[$0]) }
        var order: [Int] = [], segments: [Range<Int>: Range<Int>] = [:]
        for (range, local) in zip(ranges, clustered) {
            segments[range] = order.count..<(order.count + range.count)
            order += local.map { range.lowerBound + $0 }
        }
        let rank = Self.ranks(n, tieBreak)
        let space = SearchPoints(points.selectingColumns(order), rank: order.map { Int32(rank[$0]) },
                                 eligibility: eligibility.permuted(order))
        let paired = blocks.map { (segments[$0.rows]!, segments[$0.columns]!) }
        // A range without a block of its own (another shard's regions) meets only this shard's
        // regions here; its points' limits come first from its own diagonal tiles (the k-th
        // nearest of a point's tile is a bound on its k-th nearest of all), whose pairs are not offered.
        let unpaired = ranges.map { segments[$0]! }.filter { segment in !paired.contains { $0.0 == segment && $0.1 == segment } }
        let tiles = SpatialOrder.tiles(paired, limitsOnly: unpaired, space.ordered, tile: Self.tile)
        let workerCount = Self.workerCount(tiles: tiles.count, points: order.count, capacity: keep)
        let workers = (0..<workerCount).map { _ in NeighbourHeaps(points: order.count, capacity: keep) }
        let diagonal = max(1, tiles.prefix { $0.rows == $0.columns }.count)
        Self.searchTiles(tiles, diagonal: diagonal, points: space, workers: workers, progress: progress)
        let lists = NeighbourHeaps.results(workers, order: order, wanted: keep)
        return zip(order, lists).map { (point: $0, list: $1) }
    }

    /// Every tile, on one worker per heap set, in phases after each of which the workers share their limits.
    private static func searchTiles(_ tiles: [SpatialOrder.Tile], diagonal: Int, points space: SearchPoints, workers: [NeighbourHeaps],
                                    progress: (@Sendable (Double) -> Void)?) {
        let workerCount = workers.count
        for phase in phases(tiles: tiles.count, diagonal: diagonal) {
            DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                var buffer = [Float](repeating: 0, count: tile * tile)
                for (done, t) in stride(from: phase.lowerBound + w, to: phase.upperBound, by: workerCount).enumerated() {
                    search(tile: tiles[t], points: space, heaps: workers[w], buffer: &buffer)
                    if w == 0, let progress, done % 16 == 15 {
                        progress(Double(phase.lowerBound + done * workerCount) / Double(tiles.count))
                    }
                }
            }
            NeighbourHeaps.shareLimits(workers, points: workers[0].points)
            progress?(Double(phase.upperBound) / Double(tiles.count))
        }
    }

    /// One tile: its single-precision products, then the C kernel's test and exact part (or, for
    /// a tile that only gives limits, the limits alone).
    private static func search(tile: SpatialOrder.Tile, points space: SearchPoints, heaps: NeighbourHeaps, buffer: inout [Float]) {
        space.singles.crossProduct(tile.rows, tile.columns, into: &buffer)
        if tile.limitsOnly {
            smartspec_neighbour_block_limits(space.description, heaps.description, buffer, tile.rows.lowerBound, tile.rows.count)
        } else {
            smartspec_neighbour_tile(space.description, heaps.description, buffer, tile.rows.lowerBound, tile.rows.count,
                                     tile.columns.lowerBound, tile.columns.count)
        }
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

    /// One tile of a search: a block of rows with a block of columns (positions in the spatial
    /// order); a tile that only gives limits is the diagonal tile of a range without its own block.
    struct Tile: Equatable {
        var rows: Range<Int>, columns: Range<Int>, limitsOnly = false
    }

    /// The tiles of `range` (cut from its start) with the centroid of each.
    private static func tileCentroids(_ points: Matrix, _ range: Range<Int>, tile: Int) -> [(rows: Range<Int>, centroid: [Double])] {
        Swift.stride(from: range.lowerBound, to: range.upperBound, by: tile).map { start in
            let end = min(start + tile, range.upperBound)
            return (start..<end, (0..<points.rows).map { d in (start..<end).reduce(0.0) { $0 + points[d, $1] } / Double(end - start) })
        }
    }

    /// The tiles of the `blocks` (pairs of segments of the spatial order, each cut into tiles from
    /// its start; a block of one segment with itself gives its tiles' pairs once): first the
    /// diagonal tiles of the `limitsOnly` segments, then every tile pair ordered by the distance
    /// between the tiles' centroids (ties: offsets) — the diagonal tiles, at distance 0, first.
    static func tiles(_ blocks: [(Range<Int>, Range<Int>)], limitsOnly: [Range<Int>] = [], _ points: Matrix, tile: Int) -> [Tile] {
        var cut: [Range<Int>: [(rows: Range<Int>, centroid: [Double])]] = [:]
        for segment in Set(blocks.flatMap { [$0.0, $0.1] }) { cut[segment] = tileCentroids(points, segment, tile: tile) }
        var pairs: [(Double, Int, Int, Range<Int>, Range<Int>)] = []
        for (rows, columns) in blocks {
            let a = cut[rows]!, b = cut[columns]!
            for i in a.indices {
                for j in (rows == columns ? i : 0)..<b.count {
                    let distance = zip(a[i].centroid, b[j].centroid).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                    pairs.append((distance, a[i].rows.lowerBound, b[j].rows.lowerBound, a[i].rows, b[j].rows))
                }
            }
        }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && ($0.1, $0.2) < ($1.1, $1.2)) }
        let limits = limitsOnly.flatMap { segment in
            Swift.stride(from: segment.lowerBound, to: segment.upperBound, by: tile).map { start in
                let rows = start..<min(start + tile, segment.upperBound)
                return Tile(rows: rows, columns: rows, limitsOnly: true)
            }
        }
        return limits + pairs.map { Tile(rows: $0.3, columns: $0.4) }
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
