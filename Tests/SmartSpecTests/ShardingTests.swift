import Foundation
import Testing
@testable import SmartSpec
import LinearAlgebra

@Suite("Shards and the checks of their parts")
struct ShardingTests {
    @Test("I/N is parsed strictly; 0 ≤ I < N ≤ 100000")
    func parsing() throws {
        #expect(try Shard(parsing: "0/4") == Shard(index: 0, count: 4))
        #expect(try Shard(parsing: "99999/100000").index == 99999)
        for bad in ["4/4", "-1/4", "0/0", "1/100001", "1", "a/b", "1/2/3", "01/4", " 1/4", "1/+4", ""] {
            #expect(throws: ShardError.invalid(bad)) { try Shard(parsing: bad) }
        }
    }

    @Test("The shards' ranges are contiguous, in order, and cover every unit once", arguments: [0, 1, 5, 90, 1000, 20_000])
    func ranges(total: Int) throws {
        for n in [1, 2, 3, 7, 64, 1000] {
            let ranges = try (0..<n).map { try Shard(index: $0, count: n).range(of: total) }
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == total)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            // Balanced: sizes differ by at most one.
            let sizes = ranges.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1)
        }
        // Hand example: 10 units in 3 shards: ⌊0·10/3⌋ = 0, ⌊10/3⌋ = 3, ⌊20/3⌋ = 6, 10.
        #expect(try (0..<3).map { try Shard(index: $0, count: 3).range(of: 10) } == [0..<3, 3..<6, 6..<10])
    }

    static func manifest(_ shard: Int, of count: Int, options: String = "smartspec similar --all", input: String = "abc",
                         version: String = "1", command: String = "similar --all", blas: String = "OpenBLAS Prescott") throws -> (path: String, manifest: ShardManifest) {
        ("part-\(shard)", ShardManifest(command: command, inputSHA256: input, options: options, shard: try Shard(index: shard, count: count),
                                        toolVersion: version, blas: blas, units: 10, files: []))
    }

    @Test("The merge's checks: parts in shard order; a missing, repeated or mismatched part is named")
    func completeness() throws {
        let parts = try [2, 0, 1].map { try Self.manifest($0, of: 3) }
        #expect(try ShardManifest.complete(parts).map(\.manifest.shard) == [0, 1, 2])
        #expect(throws: ShardError.missing([1], count: 3)) { try ShardManifest.complete([try Self.manifest(0, of: 3), try Self.manifest(2, of: 3)]) }
        #expect(throws: ShardError.repeated(shard: 1, paths: ["part-1", "part-1"])) {
            try ShardManifest.complete(try [0, 1, 1, 2].map { try Self.manifest($0, of: 3) })
        }
        #expect(throws: ShardError.noParts) { try ShardManifest.complete([]) }
        let mismatches: [((path: String, manifest: ShardManifest), String)] = [
            (try Self.manifest(1, of: 3, options: "smartspec similar --all --top 5"), "options"),
            (try Self.manifest(1, of: 3, input: "def"), "input data"),
            (try Self.manifest(1, of: 3, version: "2"), "smartspec version"),
            (try Self.manifest(1, of: 4), "shard count"),
            (try Self.manifest(1, of: 3, command: "recommend --all"), "command"),
            (try Self.manifest(1, of: 3, blas: "OpenBLAS SkylakeX"), "BLAS kernels"),
        ]
        for (other, field) in mismatches {
            #expect(throws: ShardError.mismatch(field: field, first: "part-0", other: "part-1")) {
                try ShardManifest.complete([try Self.manifest(0, of: 3), other, try Self.manifest(2, of: 3)])
            }
        }
    }

    @Test("The shards' pair blocks hold every pair of units exactly once, in about equal shares", arguments: [0, 1, 2, 5, 9, 90, 257])
    func pairBlocks(total: Int) throws {
        for n in [1, 2, 3, 4, 5, 7, 8, 16] {
            var seen = [Int](repeating: 0, count: total * total)
            var shares: [Int] = []
            for i in 0..<n {
                let blocks = try Shard(index: i, count: n).pairBlocks(of: total)
                // Any two ranges of one shard are equal or disjoint.
                let ranges = Set(blocks.flatMap { [$0.rows, $0.columns] })
                for a in ranges { for b in ranges where a != b { #expect(!a.overlaps(b)) } }
                for block in blocks {
                    for r in block.rows { for c in block.columns where block.rows != block.columns || r < c { seen[min(r, c) * total + max(r, c)] += 1 } }
                }
                shares.append(blocks.reduce(0) { $0 + $1.pairCount })
            }
            for a in 0..<total { for b in (a + 1)..<max(a + 1, total) { #expect(seen[a * total + b] == 1, "pair \(a), \(b) of \(total) in \(n) shards") } }
            #expect(shares.reduce(0, +) == total * (total - 1) / 2)
            // Each share is about 1/n of the pairs: within a few ranges' worth of rounding.
            if total >= 30 * n { #expect(Double(shares.max()!) <= 1.15 * Double(total * (total - 1) / 2) / Double(n)) }
        }
    }

    @Test("The shards' partial neighbour lists merge into exactly the lists of the whole search", arguments: [1, 2, 3, 4, 7])
    func partialSearches(shards: Int) throws {
        var rng = SeededGenerator(seed: 8)
        // 1,500 points in 6 dimensions, some duplicated, so that ties and many tiles occur.
        var columns: [[Double]] = (0..<1400).map { _ in (0..<6).map { _ in rng.normal() } }
        columns += columns.prefix(100)
        let points = try Matrix(rows: 6, columns: columns.count, columnMajor: columns.flatMap { $0 })
        for eligibility in [NeighbourEligibility(group: (0..<columns.count).map { Int32($0 % 5) }, excludeSameGroup: true, allowedGroups: nil),
                            NeighbourEligibility(group: (0..<columns.count).map { Int32($0 % 3) }, excludeSameGroup: false, allowedGroups: [true, false, true])] {
            let search = NearestNeighbourSearch(points: points, neighbours: 7, eligibility: eligibility)
            let whole = search.run(tieBreak: { $0 < $1 }, progress: nil)
            let partials = try (0..<shards).flatMap { i in
                search.run(blocks: try Shard(index: i, count: shards).pairBlocks(of: columns.count), tieBreak: { $0 < $1 }, progress: nil)
            }
            let merged = NearestNeighbourSearch.merge(partials, points: columns.count, neighbours: 7, tieBreak: { $0 < $1 })
            #expect(merged.count == whole.count)
            for q in whole.indices {
                #expect(merged[q].map(\.index) == whole[q].map(\.index) && merged[q].map(\.distance) == whole[q].map(\.distance))
            }
            // The whole search itself against brute force, for a few points.
            for q in [0, 1, 700, 1499] {
                func eligible(_ j: Int) -> Bool {
                    if j == q { return false }
                    if eligibility.excludeSameGroup, eligibility.group[j] == eligibility.group[q] { return false }
                    return eligibility.allowedGroups?[Int(eligibility.group[j])] ?? true
                }
                let measured: [(Int, Double)] = (0..<columns.count).filter(eligible).map { ($0, points.columnDistance(q, $0)) }
                let brute = measured.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(7)
                #expect(whole[q].map(\.index) == brute.map { $0.0 })
            }
        }
    }
}
