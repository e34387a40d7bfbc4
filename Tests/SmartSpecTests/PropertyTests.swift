import Foundation
import LinearAlgebra
import Testing
@testable import SmartSpec

/// Invariants checked on seeded random inputs (the seed is in each test, so a failure reproduces).
@Suite("Properties on seeded random inputs")
struct PropertyTests {
    /// A random dataset of `n` regions with `k` structural indicators in two dimensions and an activity table.
    static func dataset(_ rng: inout SeededGenerator, regions n: Int, indicators k: Int, activities m: Int) -> Dataset {
        let regions = (0..<n).map { Region(code: "R\($0)", name: "R\($0)", country: "C\($0 % 3)") }
        let indicators = (0..<k).map { Indicator(id: "x\($0)", label: "x\($0)", dimension: $0 % 2 == 0 ? "technology" : "economy", role: .structural) }
        var values = IndicatorTable(regionCount: n, indicatorIDs: indicators.map(\.id))
        for r in 0..<n { for j in 0..<k { values[region: r, indicator: j] = rng.normal() } }
        var table = ActivityTable(year: nil, regionCount: n, activityCount: m)
        for i in 0..<(n * m) { table.values[i] = rng.uniform() < 0.3 ? 0 : (rng.uniform() * 100).rounded() }
        return Dataset(info: DatasetInfo(name: "random"), regions: regions, indicators: indicators,
                       dimensions: DimensionVocabulary.known.filter { ["technology", "economy"].contains($0.id) },
                       indicatorValues: values, activities: (0..<m).map { Activity(code: "A\($0)", label: "A\($0)") }, activityTables: [table])
    }

    @Test("Structural distances are symmetric, zero on the diagonal, non-negative and finite", arguments: [1, 2, 3] as [UInt64])
    func distances(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let space = try StructuralSpace(Self.dataset(&rng, regions: 30, indicators: 6, activities: 5))
        for a in 0..<30 {
            #expect(space.distance(a, a) == 0)
            for b in 0..<30 {
                let d = space.distance(a, b)
                #expect(d.isFinite && d >= 0 && abs(d - space.distance(b, a)) <= 1e-12)
            }
        }
    }

    @Test("RCA weighted by the regions' shares of the grand total averages 1 for every activity", arguments: [4, 5, 6] as [UInt64])
    func rcaMeans(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let data = Self.dataset(&rng, regions: 25, indicators: 2, activities: 8)
        let table = data.activityTables[0], s = Specialisation(table)
        // Σ_r (x_r / X) · RCA_ra = Σ_r x_ra / (X · S_a) = 1 for every activity with a total.
        let rowTotals = (0..<25).map { r in (0..<8).reduce(0.0) { $0 + table[region: r, activity: $1] } }
        let total = rowTotals.reduce(0, +)
        for a in 0..<8 where (0..<25).contains(where: { table[region: $0, activity: a] > 0 }) {
            let mean = (0..<25).reduce(0.0) { $0 + rowTotals[$1] / total * s.value(region: $1, activity: a) }
            #expect(abs(mean - 1) < 1e-12)
        }
        #expect(s.rca.allSatisfy { $0.isFinite && $0 >= 0 })
    }

    @Test("Complexity outputs are finite for random tables; density lies in [0, 1]", arguments: [7, 8, 9] as [UInt64])
    func complexityFinite(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let analysis = try NicheAnalysis(Self.dataset(&rng, regions: 40, indicators: 2, activities: 12))
        let eci = analysis.complexity.eci.compactMap { $0 }, pci = analysis.complexity.pci.compactMap { $0 }
        #expect(eci.allSatisfy { $0.isFinite } && pci.allSatisfy { $0.isFinite })
        #expect(analysis.outlook.density.allSatisfy { $0.isFinite && $0 >= -1e-12 && $0 <= 1 + 1e-12 })
        #expect((try analysis.outlook.gains(regions: Array(0..<analysis.outlook.regionCount))).allSatisfy { $0.isFinite } && analysis.outlook.outlook.allSatisfy { $0.isFinite })
    }

    @Test("AHP weights are positive and sum to 1 for random consistent-ish matrices", arguments: [10, 11, 12] as [UInt64])
    func ahpWeights(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for n in 3...7 {
            let w = (0..<n).map { _ in 1 + rng.uniform() * 8 }
            let matrix = (0..<n).map { i in (0..<n).map { j in w[i] / w[j] * (i == j ? 1 : (0.95 + 0.1 * rng.uniform())) } }
            var reciprocal = matrix
            for i in 0..<n { for j in 0..<i { reciprocal[i][j] = 1 / reciprocal[j][i] } }
            let ahp = try AHP(comparisons: reciprocal, force: true)
            #expect(abs(ahp.weights.reduce(0, +) - 1) < 1e-12 && ahp.weights.allSatisfy { $0 > 0 })
        }
    }

    @Test("Every consistent CIB scenario is a fixed point of global and local succession", arguments: [13, 14, 15] as [UInt64])
    func cibFixedPoints(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let descriptors = (0..<6).map { d in
            CrossImpactMatrix.Descriptor(id: "d\(d)", label: "d\(d)", variants: (0..<3).map { .init(id: "v\($0)", label: "v\($0)") })
        }
        let size = 18
        let impacts = (0..<size).map { i in (0..<size).map { j in i / 3 == j / 3 ? 0 : Int((rng.uniform() * 7).rounded(.down)) - 3 } }
        let matrix = try CrossImpactMatrix(descriptors: descriptors, impacts: impacts)
        for scenario in try CIBSolver(matrix: matrix).solve() {
            #expect(Succession.step(matrix, scenario.variants, rule: .global) == scenario.variants)
            #expect(Succession.step(matrix, scenario.variants, rule: .local) == scenario.variants)
        }
    }
}
