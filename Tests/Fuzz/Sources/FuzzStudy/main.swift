import Foundation
import FuzzDriver
import SmartSpec

/// Fuzzes the YAML study reader (and, for small studies, the analyses that read it: the CIB
/// search, the outlook, the Delphi table, the decision matrix and the MCDA rankings, AHP and MICMAC).
let file = FileManager.default.temporaryDirectory.appendingPathComponent("smartspec-fuzz-study-\(getpid()).yaml")

runFuzzer { bytes in
    try? Data(bytes).write(to: file)
    guard let study = try? ForesightStudy.read(file) else { return }
    if let matrix = study.matrix, matrix.scenarioCount <= 10_000 {
        _ = try? CIBSolver(matrix: matrix, limit: 1_000).solve()
        _ = try? ScenarioOutlook(study, volumeLimit: 10_000)
    }
    _ = try? study.delphiRounds(rule: DelphiRule(scale: study.scale))
    if let matrix = try? study.decisionMatrix() {
        for method in MultiCriteriaMethods.all() { _ = MultiCriteriaRanking(matrix, method: method) }
    }
    if let comparisons = study.ahpComparisons { _ = try? AHP(comparisons: comparisons, force: true) }
    if !study.micmacVariables.isEmpty, study.micmacVariables.count <= 64 { _ = try? MICMAC(matrix: study.micmacMatrix()) }
}
