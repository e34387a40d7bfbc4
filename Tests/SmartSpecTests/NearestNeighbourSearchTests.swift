import Foundation
import Testing
@testable import LinearAlgebra
@testable import SmartSpec

/// The `k` first of every point by (distance, index), from every distance measured directly.
private func bruteForce(_ points: Matrix, k: Int, eligible: (Int, Int) -> Bool) -> [[(index: Int, distance: Double)]] {
    (0..<points.columns).map { i -> [(index: Int, distance: Double)] in
        let others = (0..<points.columns).filter { $0 != i && eligible(i, $0) }
        let measured: [(index: Int, distance: Double)] = others.map { (index: $0, distance: points.columnDistance(i, $0)) }
        let sorted = measured.sorted { a, b in a.distance < b.distance || (a.distance == b.distance && a.index < b.index) }
        return Array(sorted.prefix(k))
    }
}

/// Points as columns from a closure of (point, coordinate).
private func points(_ count: Int, dimension: Int, _ value: (Int, Int) -> Double) throws -> Matrix {
    try Matrix(rows: dimension, columns: count, columnMajor: (0..<(count * dimension)).map { value($0 / dimension, $0 % dimension) })
}

private func search(_ points: Matrix, k: Int, group: [Int32]? = nil, excludeSameGroup: Bool = false,
                    allowedGroups: [Bool]? = nil) -> [[(index: Int, distance: Double)]] {
    let eligibility = NeighbourEligibility(group: group ?? Array(repeating: 0, count: points.columns),
                                           excludeSameGroup: excludeSameGroup, allowedGroups: allowedGroups)
    return NearestNeighbourSearch(points: points, neighbours: k, eligibility: eligibility).run(tieBreak: { $0 < $1 }, progress: nil)
}

private func expectSame(_ found: [[(index: Int, distance: Double)]], _ expected: [[(index: Int, distance: Double)]]) {
    #expect(found.count == expected.count)
    var mismatches = 0
    for (a, b) in zip(found, expected) where a.map(\.index) != b.map(\.index) || a.map(\.distance) != b.map(\.distance) {
        mismatches += 1
    }
    #expect(mismatches == 0, "\(mismatches) of \(expected.count) points have other neighbours than the direct computation")
}

/// The blocked search tests pairs in single precision and keeps exact distances; these cases
/// are built so that single precision alone would get them wrong, and compare the result with
/// every distance measured directly (several tiles of 256 points each).
@Suite("All-pairs neighbour search against every distance measured directly")
struct NearestNeighbourSearchTests {
    @Test("Exact ties far beyond k are decided by the tie-break, on every point")
    func ties() throws {
        // 60 copies of each of 5 points (distance 0 within a group, exact ties everywhere), then 400 random points.
        var rng = SeededGenerator(seed: 3)
        let random = (0..<(400 * 6)).map { _ in rng.normal() }
        let p = try points(700, dimension: 6) { i, d in i < 300 ? Double(i / 60) + 0.25 * Double(d) : random[(i - 300) * 6 + d] }
        expectSame(search(p, k: 10), bruteForce(p, k: 10) { _, _ in true })
    }

    @Test("Neighbours whose distances differ below single-precision resolution are ordered in double precision")
    func nearTies() throws {
        // 80 centres, far apart, each with 8 satellites at distances 1 + 1e-10·q (q uniform in [0, 1)):
        // single precision sees the same distance to all 8, double precision orders them.
        var rng = SeededGenerator(seed: 5)
        var columns: [Double] = []
        for _ in 0..<80 {
            let centre = (0..<4).map { _ in 10 * rng.normal() }
            columns += centre
            for _ in 0..<8 {
                let direction = (0..<4).map { _ in rng.normal() }
                let length = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let radius = 1 + 1e-10 * rng.uniform()
                columns += (0..<4).map { centre[$0] + radius * direction[$0] / length }
            }
        }
        let p = try Matrix(rows: 4, columns: 720, columnMajor: columns)
        expectSame(search(p, k: 5), bruteForce(p, k: 5) { _, _ in true })
    }

    @Test("Two tight clusters far apart, and coordinates of 1e-140 and 1e120, give the direct result", arguments: [1.0, 1e-140, 1e120])
    func farAndScaled(scale: Double) throws {
        var rng = SeededGenerator(seed: 7)
        let values = (0..<(600 * 5)).map { _ in rng.normal(sd: 1e-4) }
        let p = try points(600, dimension: 5) { i, d in scale * ((i % 2 == 0 ? 500.0 : -500.0) + values[i * 5 + d]) }
        expectSame(search(p, k: 8), bruteForce(p, k: 8) { _, _ in true })
    }

    @Test("Country rules: own group left out, or only some groups allowed", arguments: [false, true])
    func eligibility(restrict: Bool) throws {
        var rng = SeededGenerator(seed: 11)
        let values = (0..<(650 * 3)).map { _ in rng.normal() }
        let p = try points(650, dimension: 3) { i, d in values[i * 3 + d] }
        let group = (0..<650).map { Int32($0 % 5) }
        let allowed = [true, false, true, false, false]
        let found = restrict ? search(p, k: 5, group: group, allowedGroups: allowed) : search(p, k: 5, group: group, excludeSameGroup: true)
        expectSame(found, bruteForce(p, k: 5) { i, j in restrict ? allowed[Int(group[j])] : group[i] != group[j] })
    }

    @Test("k as large as the number of other points")
    func everyOtherPoint() throws {
        var rng = SeededGenerator(seed: 13)
        let values = (0..<(300 * 2)).map { _ in rng.normal() }
        let p = try points(300, dimension: 2) { i, d in values[i * 2 + d] }
        expectSame(search(p, k: 299), bruteForce(p, k: 299) { _, _ in true })
    }
}
