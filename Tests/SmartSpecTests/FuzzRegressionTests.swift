import Foundation
import Testing
@testable import SmartSpec

/// Inputs that made a fuzz target crash (`Tests/Fuzz/regressions`), run the way the target runs them.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    static let folder = TestPaths.repository.appendingPathComponent("Tests/Fuzz/regressions")
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    @Test("ScenarioWizard reproducers are refused or solved, never a trap", arguments: files.filter { $0.hasSuffix(".scw") })
    func scenarioWizard(name: String) throws {
        let text = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent(name)), as: UTF8.self)
        if let matrix = try? ScenarioWizardReader.parse(text, file: name), matrix.scenarioCount <= 10_000 {
            _ = try? CIBSolver(matrix: matrix, limit: 1_000).solve()
            _ = try? Succession.basins(matrix, rule: .global, limit: 10_000)
        }
    }

    @Test("Judgements beyond ±1,000,000 are refused with their place")
    func largeJudgement() {
        let descriptors = (0..<2).map { d in CrossImpactMatrix.Descriptor(id: "d\(d)", label: "d\(d)", variants: [.init(id: "a", label: "a"), .init(id: "b", label: "b")]) }
        #expect(throws: ForesightError.self) {
            try CrossImpactMatrix(descriptors: descriptors, impacts: [[0, 0, 1, 2], [0, 0, Int.min, 0], [1, 1, 0, 0], [0, 0, 0, 0]])
        }
    }
}
