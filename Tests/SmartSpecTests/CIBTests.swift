import Foundation
import Testing
@testable import SmartSpec

@Suite("Cross-impact balance")
struct CIBTests {
    /// Two descriptors with two variants each. Rows are sources, columns targets.
    ///        A1  A2  B1  B2
    ///   A1 [  0,  0,  2, -2 ]
    ///   A2 [  0,  0, -1,  1 ]
    ///   B1 [  1, -1,  0,  0 ]
    ///   B2 [ -3,  3,  0,  0 ]
    static func twoByTwo() throws -> CrossImpactMatrix {
        let d = { (id: String) in CrossImpactMatrix.Descriptor(id: id, label: id, variants: [.init(id: id + "1", label: id + "1"), .init(id: id + "2", label: id + "2")]) }
        return try CrossImpactMatrix(descriptors: [d("A"), d("B")],
                                     impacts: [[0, 0, 2, -2], [0, 0, -1, 1], [1, -1, 0, 0], [-3, 3, 0, 0]])
    }

    @Test("Hand example: (A1,B1) and (A2,B2) are consistent")
    func handExample() throws {
        // (A1,B1): θ_A = row B1 on A = (1, −1), A1 active 1 ≥ −1 ✓; θ_B = row A1 on B = (2, −2), B1 active ✓. TIS = 1 + 2 = 3.
        // (A2,B2): θ_A = row B2 = (−3, 3), A2 ✓; θ_B = row A2 = (−1, 1), B2 ✓. TIS = 3 + 1 = 4.
        // (A1,B2): θ_A = (−3, 3): A1 has −3 < 3, inconsistency 6; θ_B = (2, −2): B2 −2 < 2, 4 ⇒ 6.
        // (A2,B1): θ_A = (1, −1): A2 −1 < 1 ⇒ 2; θ_B = (−1, 1): B1 −1 < 1 ⇒ 2 ⇒ 2.
        let solver = CIBSolver(matrix: try Self.twoByTwo())
        let consistent = try solver.solve()
        #expect(consistent == [CIBScenario(variants: [1, 1], inconsistency: 0, totalImpactScore: 4),
                               CIBScenario(variants: [0, 0], inconsistency: 0, totalImpactScore: 3)])
        #expect(solver.evaluate([0, 1]).inconsistency == 6 && solver.evaluate([1, 0]).inconsistency == 2)
        let relaxed = try CIBSolver(matrix: try Self.twoByTwo(), maxInconsistency: 2).solve()
        #expect(relaxed.map(\.variants) == [[1, 1], [0, 0], [1, 0]])
        #expect(throws: ForesightError.tooManyScenarios(limit: 1)) { try CIBSolver(matrix: try Self.twoByTwo(), limit: 1).solve() }
    }

    @Test("The search with bounds equals brute force on random matrices")
    func bruteForce() throws {
        var rng = SeededGenerator(seed: 11)
        for trial in 0..<30 {
            // Some matrices also judge descriptors on themselves, as some ScenarioWizard files do;
            // the last ten have descriptors of up to 9 variants (more than one 4-lane vector each).
            let matrix = try trial < 20 ? randomCrossImpactMatrix(descriptors: 5, selfJudged: rng.uniform() < 0.3, &rng)
                : randomCrossImpactMatrix(descriptors: 4, variants: 2...9, selfJudged: rng.uniform() < 0.3, &rng)
            let all = allScenarios(matrix)
            for t in [0, 2, 5] {
                let solver = CIBSolver(matrix: matrix, maxInconsistency: t)
                let expected = Set(all.map(solver.evaluate).filter { $0.inconsistency <= t })
                #expect(Set(try solver.solve()) == expected)
            }
        }
    }

    @Test("Malformed matrices are refused with a reason")
    func malformed() {
        let d = { (id: String) in CrossImpactMatrix.Descriptor(id: id, label: id, variants: [.init(id: "x", label: "x"), .init(id: "y", label: "y")]) }
        #expect(throws: ForesightError.self) { try CrossImpactMatrix(descriptors: [d("A"), d("B")], impacts: [[0, 0, 1, 1]]) }
        let selfJudged = try? CrossImpactMatrix(descriptors: [d("A"), d("B")], impacts: [[0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
        #expect(selfJudged?.impact(0, 1) == 1)
        #expect(selfJudged?.warnings.count == 1)
        #expect(throws: ForesightError.self) { try ScenarioWizardReader.parse("not a file", file: "x.scw") }
        // The search keeps a descriptor's variants in a 64-bit set: 65 are refused with a sentence.
        let wide = CrossImpactMatrix.Descriptor(id: "W", label: "W", variants: (0..<65).map { .init(id: "w\($0)", label: "w\($0)") })
        #expect(throws: ForesightError.tooManyVariants(descriptor: "W", count: 65, limit: 64)) {
            try CrossImpactMatrix(descriptors: [wide, d("A")], impacts: Array(repeating: Array(repeating: 0, count: 67), count: 67))
        }
    }
}

@Suite("ScenarioWizard's own solutions", .enabled(if: TestPaths.hasSharedData, Comment(rawValue: TestPaths.sharedDataMissing)))
struct ScenarioWizardSolutionTests {
    /// Reads a `.sl` solution file: one line per scenario, `"<1-based variants>",volume,...,<total impact score>,""`.
    static func solutions(_ name: String) throws -> Set<[Int]> {
        let text = try String(contentsOf: TestPaths.sharedData.appendingPathComponent("cib/\(name).sl"), encoding: .utf8)
        var result = Set<[Int]>()
        for line in text.split(separator: "\n") where line.hasPrefix("\"") {
            let fields = line.split(separator: ",")
            let variants = fields[0].dropFirst().dropLast().split(separator: " ").map { Int($0)! - 1 }
            let score = Int(fields[fields.count - 2].trimmingCharacters(in: .whitespaces))!
            result.insert(variants + [score])
        }
        return result
    }

    @Test("SmartSpec finds exactly ScenarioWizard's consistent scenarios and total impact scores",
          arguments: [("CIB_global", 4), ("CIB_natl_regional", 16), ("CIB_nested", 20)])
    func matches(name: String, count: Int) throws {
        let text = try String(contentsOf: TestPaths.sharedData.appendingPathComponent("cib/\(name).scw"), encoding: .utf8)
        let matrix = try ScenarioWizardReader.parse(text, file: "\(name).scw")
        let scenarios = try CIBSolver(matrix: matrix).solve()
        #expect(scenarios.count == count)
        #expect(Set(scenarios.map { $0.variants + [$0.totalImpactScore] }) == (try Self.solutions(name)))
    }
}

@Suite("CIB scenario limit")
struct CIBLimitTests {
    /// 8 descriptors of 3 variants with no judgement: all 3⁸ = 6,561 scenarios are consistent.
    static let flat: CrossImpactMatrix = {
        let descriptors = (0..<8).map { d in
            CrossImpactMatrix.Descriptor(id: "d\(d)", label: "D\(d)", labelRu: nil,
                                         variants: (0..<3).map { CrossImpactMatrix.Variant(id: "v\($0)", label: "V\($0)", labelRu: nil) })
        }
        return try! CrossImpactMatrix(descriptors: descriptors, impacts: Array(repeating: Array(repeating: 0, count: 24), count: 24))
    }()

    @Test("--max-scenarios bounds the whole search, however it is split among cores")
    func wholeRun() throws {
        #expect(try CIBSolver(matrix: Self.flat, limit: 6_561).solve().count == 6_561)
        for limit in [1, 100, 6_560] {
            #expect(throws: ForesightError.tooManyScenarios(limit: limit)) { try CIBSolver(matrix: Self.flat, limit: limit).solve() }
        }
    }
}
