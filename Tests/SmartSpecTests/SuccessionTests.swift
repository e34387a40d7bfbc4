import Foundation
import Testing
@testable import SmartSpec

@Suite("Succession analysis")
struct SuccessionTests {
    @Test("Consistent scenarios are fixed points of both successions (property, seeded)")
    func fixedPoints() throws {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<10 {
            let matrix = try randomCrossImpactMatrix(descriptors: 4, selfJudged: false, &rng)
            for scenario in try CIBSolver(matrix: matrix).solve() {
                for rule in Succession.Rule.allCases {
                    #expect(Succession.step(matrix, scenario.variants, rule: rule) == scenario.variants)
                    #expect(Succession.attractor(matrix, from: scenario.variants, rule: rule) == .fixedPoint(scenario.variants))
                }
            }
            // Every basin ends in a fixed point that is consistent, or in a cycle.
            for (attractor, _) in try Succession.basins(matrix, rule: .global) {
                if case .fixedPoint(let s) = attractor { #expect(CIBSolver(matrix: matrix).evaluate(s).inconsistency == 0) }
            }
        }
    }

    @Test("Hand example: global succession from (A1, B2) reaches a cycle or a fixed point as computed")
    func handExample() throws {
        let matrix = try CIBTests.twoByTwo()
        // (A1,B2): θ_A = row B2 = (−3, 3) → A2; θ_B = row A1 = (2, −2) → B1. Global: (A2, B1).
        // (A2,B1): θ_A = row B1 = (1, −1) → A1; θ_B = row A2 = (−1, 1) → B2. Global: back to (A1, B2): a 2-cycle.
        #expect(Succession.step(matrix, [0, 1], rule: .global) == [1, 0])
        #expect(Succession.attractor(matrix, from: [0, 1], rule: .global) == .cycle([[0, 1], [1, 0]]))
        // Local: (A1,B2) has inconsistencies A: 6, B: 4 → A switches first: (A2, B2), consistent.
        #expect(Succession.attractor(matrix, from: [0, 1], rule: .local) == .fixedPoint([1, 1]))
        let basins = try Succession.basins(matrix, rule: .global)
        #expect(basins[.fixedPoint([0, 0])] == 1 && basins[.fixedPoint([1, 1])] == 1 && basins[.cycle([[0, 1], [1, 0]])] == 2)
    }

    @Test("Global succession volumes equal ScenarioWizard's on CIB_global (4, 12, 1, 2)", .enabled(if: TestPaths.hasSharedData, Comment(rawValue: TestPaths.sharedDataMissing)))
    func scenarioWizardVolumes() throws {
        let text = try String(contentsOf: TestPaths.sharedData.appendingPathComponent("cib/CIB_global.scw"), encoding: .utf8)
        let matrix = try ScenarioWizardReader.parse(text, file: "CIB_global.scw")
        let basins = try Succession.basins(matrix, rule: .global)
        // The .sl lines "<1-based variants>",volume: " 2 3 2",4  " 3 1 3",12  " 2 2 2",1  " 1 2 3",2
        #expect(basins[.fixedPoint([1, 2, 1])] == 4)
        #expect(basins[.fixedPoint([2, 0, 2])] == 12)
        #expect(basins[.fixedPoint([1, 1, 1])] == 1)
        #expect(basins[.fixedPoint([0, 1, 2])] == 2)
        #expect(basins.values.reduce(0, +) == 36)
    }
}

/// A random cross-impact matrix with 2–3 variants per descriptor and judgements in −3…3; with
/// `selfJudged`, descriptors also judge their own variants (as some ScenarioWizard files do).
func randomCrossImpactMatrix(descriptors count: Int, variants: ClosedRange<Int> = 2...3, selfJudged: Bool,
                             _ rng: inout SeededGenerator) throws -> CrossImpactMatrix {
    let sizes = (0..<count).map { _ in rng.integer(in: variants) }
    let descriptors = sizes.enumerated().map { d, size in
        CrossImpactMatrix.Descriptor(id: "D\(d)", label: "D\(d)", variants: (0..<size).map { .init(id: "v\($0)", label: "v\($0)") })
    }
    var owner: [Int] = []
    for (d, size) in sizes.enumerated() { owner += Array(repeating: d, count: size) }
    let impacts = owner.map { source in owner.map { target in source == target && !selfJudged ? 0 : rng.integer(in: -3...3) } }
    return try CrossImpactMatrix(descriptors: descriptors, impacts: impacts)
}

/// Every scenario of a matrix, for brute-force checks.
func allScenarios(_ matrix: CrossImpactMatrix) -> [[Int]] {
    matrix.descriptors.map(\.variants.count).reduce([[Int]]([[]])) { p, size in p.flatMap { prefix in (0..<size).map { prefix + [$0] } } }
}
