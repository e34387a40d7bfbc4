import Foundation
import FuzzDriver
import SmartSpec

/// Fuzzes the YAML study reader (and, for small studies, the analyses that read it).
let file = FileManager.default.temporaryDirectory.appendingPathComponent("smartspec-fuzz-study-\(getpid()).yaml")

runFuzzer { bytes in
    try? Data(bytes).write(to: file)
    guard let study = try? ForesightStudy.read(file) else { return }
    if let matrix = study.matrix, matrix.scenarioCount <= 10_000 {
        _ = try? CIBSolver(matrix: matrix, limit: 1_000).solve()
        _ = try? ScenarioOutlook(study, volumeLimit: 10_000)
    }
}
