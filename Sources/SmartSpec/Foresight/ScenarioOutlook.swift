/// A study's futures for the recommendation sheets: its consistent scenarios (exact CIB
/// enumeration), their weights, and each priority scored across them (``PriorityScoring``).
///
/// Weights are the global-succession volume weights (basin sizes, ``Succession/basins(_:rule:limit:progress:)``)
/// when the scenario space has at most `volumeLimit` scenarios and every consistent scenario has a
/// basin; otherwise every scenario counts the same, and ``weighting`` says so.
public struct ScenarioOutlook: Sendable {
    /// How the scenarios were weighted.
    public enum WeightingUsed: String, Sendable, Codable, CaseIterable {
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
    /// - Throws: the errors of ``StudyScenarios/init(_:maxInconsistency:)``.
    public init(_ study: ForesightStudy, volumeLimit: Double = 2_000_000) throws {
        let futures = try StudyScenarios(study)
        let (matrix, scenarios) = (futures.matrix, futures.scenarios)
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
        scoring = try PriorityScoring(impacts: study.impacts, scenarios: futures.activeVariants, weighting: .given(self.weights))
    }
}

/// The scenarios of a study that priorities are scored in: those of its cross-impact matrix with
/// inconsistency at most `maxInconsistency` (exact CIB enumeration), and each one's active
/// variants as indices into the matrix's rows, the form ``PriorityScoring`` takes.
public struct StudyScenarios: Sendable {
    /// The study's cross-impact matrix.
    public let matrix: CrossImpactMatrix
    /// The scenarios, in enumeration order (at least one).
    public let scenarios: [CIBScenario]
    /// Per scenario, the matrix row of each descriptor's variant.
    public let activeVariants: [[Int]]

    /// Enumerates the scenarios.
    /// - Throws: ``ForesightError/studyWithoutMatrix`` or ``ForesightError/studyWithoutPriorities``, ``ForesightError/noConsistentScenario(maxInconsistency:)`` when
    ///   no scenario qualifies, and the solver's errors.
    public init(_ study: ForesightStudy, maxInconsistency: Int = 0) throws {
        guard let matrix = study.matrix else { throw ForesightError.studyWithoutMatrix }
        guard !study.priorities.isEmpty else { throw ForesightError.studyWithoutPriorities }
        let scenarios = try CIBSolver(matrix: matrix, maxInconsistency: maxInconsistency).solve()
        guard !scenarios.isEmpty else { throw ForesightError.noConsistentScenario(maxInconsistency: maxInconsistency) }
        self.matrix = matrix
        self.scenarios = scenarios
        activeVariants = scenarios.map { s in s.variants.enumerated().map { matrix.offsets[$0.offset] + $0.element } }
    }
}
