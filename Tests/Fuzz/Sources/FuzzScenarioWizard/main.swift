import Foundation
import FuzzDriver
import SmartSpec

/// Fuzzes the ScenarioWizard `.scw` reader (and, for small matrices, the CIB search and succession).
runFuzzer { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    guard let matrix = try? ScenarioWizardReader.parse(text, file: "fuzz.scw") else { return }
    if matrix.scenarioCount <= 10_000 {
        _ = try? CIBSolver(matrix: matrix, limit: 1_000).solve()
        _ = try? Succession.basins(matrix, rule: .global, limit: 10_000)
    }
}
