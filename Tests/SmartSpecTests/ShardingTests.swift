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
                         version: String = "1", command: String = "similar --all") throws -> (path: String, manifest: ShardManifest) {
        ("part-\(shard)", ShardManifest(command: command, inputSHA256: input, options: options, shard: try Shard(index: shard, count: count),
                                        toolVersion: version, units: 10, files: []))
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
        ]
        for (other, field) in mismatches {
            #expect(throws: ShardError.mismatch(field: field, first: "part-0", other: "part-1")) {
                try ShardManifest.complete([try Self.manifest(0, of: 3), other, try Self.manifest(2, of: 3)])
            }
        }
    }

    @Test("A query subset of the neighbour search equals the same lists of the whole search")
    func querySubset() throws {
        var rng = SeededGenerator(seed: 8)
        // 1,500 points in 6 dimensions, some duplicated, so that ties and many tiles occur.
        var columns: [[Double]] = (0..<1400).map { _ in (0..<6).map { _ in rng.normal() } }
        columns += columns.prefix(100)
        let points = try Matrix(rows: 6, columns: columns.count, columnMajor: columns.flatMap { $0 })
        let eligibility = NeighbourEligibility(group: (0..<columns.count).map { Int32($0 % 5) }, excludeSameGroup: true, allowedGroups: nil)
        let search = NearestNeighbourSearch(points: points, neighbours: 7, eligibility: eligibility)
        let whole = search.run(tieBreak: { $0 < $1 }, progress: nil)
        for range in [0..<1500, 0..<1, 700..<701, 100..<1100, 1499..<1500, 300..<600] {
            let part = search.run(queries: range, tieBreak: { $0 < $1 }, progress: nil)
            #expect(part.count == range.count)
            for (k, q) in range.enumerated() {
                #expect(part[k].map(\.index) == whole[q].map(\.index) && part[k].map(\.distance) == whole[q].map(\.distance))
            }
        }
    }
}
