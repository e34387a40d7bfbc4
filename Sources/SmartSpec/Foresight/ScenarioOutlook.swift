/// A study's futures for the recommendation sheets: its consistent scenarios (exact CIB
/// enumeration), their weights, and each priority scored across them (``PriorityScoring``).
///
/// Weights are the global-succession volume weights (basin sizes, ``Succession/basins(_:rule:limit:progress:)``)
/// when the scenario space has at most `volumeLimit` scenarios and every consistent scenario has a
/// basin; otherwise every scenario counts the same, and ``weighting`` says so.
public struct ScenarioOutlook: Sendable {
    /// How the scenarios were weighted.
    public enum WeightingUsed: String, Sendable {
        /// Basin sizes of global succession.
        case volume
        /// All scenarios the same.
        case equal
    }

    /// The consistent scenarios (inconsistency 0), in enumeration order.
    public let scenarios: [CIBScenario]
    /// Weight of each scenario (sums to 1).
    public let weights: [Double]
    /// How the weights were obtained.
    public let weighting: WeightingUsed
    /// Priority scores across the scenarios.
    public let scoring: PriorityScoring

    /// Computes the outlook.
    /// - Throws: ``ForesightError`` when the study has no cross-impact matrix, no priorities, or
    ///   no consistent scenario.
    public init(_ study: ForesightStudy, volumeLimit: Double = 2_000_000) throws {
        guard let matrix = study.matrix else { throw ForesightError.invalidMatrix("the study has no descriptors and cross-impacts") }
        guard !study.priorities.isEmpty else { throw ForesightError.invalidMatrix("the study has no priorities") }
        let scenarios = try CIBSolver(matrix: matrix).solve()
        guard !scenarios.isEmpty else { throw ForesightError.invalidMatrix("the cross-impact matrix has no consistent scenario") }
        var weights = scenarios.map { _ in 1.0 }
        var weighting = WeightingUsed.equal
        if matrix.scenarioCount <= volumeLimit {
            let basins = try Succession.basins(matrix, rule: .global, limit: volumeLimit)
            let volumes = scenarios.map { Double(basins[.fixedPoint($0.variants)] ?? 0) }
            if volumes.allSatisfy({ $0 > 0 }) {
                weights = volumes
                weighting = .volume
            }
        }
        let total = weights.reduce(0, +)
        self.weights = weights.map { $0 / total }
        self.weighting = weighting
        self.scenarios = scenarios
        let active = scenarios.map { s in s.variants.enumerated().map { matrix.offsets[$0.offset] + $0.element } }
        scoring = try PriorityScoring(impacts: study.impacts, scenarios: active, weighting: .given(self.weights))
    }
}
