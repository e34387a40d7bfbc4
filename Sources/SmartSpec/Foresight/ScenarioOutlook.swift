/// A study's futures for the recommendation sheets: its consistent scenarios (exact CIB
/// enumeration), their weights, and each priority scored across them (``PriorityScoring``).
///
/// Weights are the global-succession volume weights (basin sizes, ``Succession/basins(_:rule:limit:progress:)``)
/// when the scenario space has at most `volumeLimit` scenarios and every consistent scenario has a
/// basin; otherwise every scenario counts the same, and ``weighting`` says so. A study with
/// several panels (`panels:`) takes the scenarios consistent in at least one panel, each panel
/// voting equally (``StudyScenarios/panelWeights``). A study with an `uncertainty:` section also
/// gives every scenario its share of consistent uncertainty samples of the study's own matrix.
public struct ScenarioOutlook: Sendable {
    /// How the scenarios were weighted.
    public enum WeightingUsed: String, Sendable, Codable, CaseIterable {
        /// Basin sizes of global succession.
        case volume
        /// All scenarios the same.
        case equal
        /// Panels vote equally; each spreads its vote equally over its consistent scenarios.
        case panels
    }

    /// The consistent scenarios (inconsistency 0; with panels, in at least one panel), in enumeration order.
    public let scenarios: [CIBScenario]
    /// With panels: per scenario, in how many panels it is consistent; and the panels' names.
    public let panelSupport: [Int]?, panelNames: [String]
    /// With an `uncertainty:` section: per scenario, its share of consistent samples and the settings.
    public let uncertainty: [JudgementUncertainty.Scenario]?, uncertaintySettings: ForesightStudy.UncertaintySettings?
    /// Weight of each scenario (sums to 1).
    public let weights: [Double]
    /// How the weights were obtained.
    public let weighting: WeightingUsed
    /// Priority scores across the scenarios.
    public let scoring: PriorityScoring

    /// Computes the outlook.
    /// - Throws: the errors of ``StudyScenarios/init(_:maxInconsistency:)``.
    /// - Parameter requirePriorities: refuse a study without priorities (the sheets need some; the report does not).
    public init(_ study: ForesightStudy, volumeLimit: Double = 2_000_000, requirePriorities: Bool = true) throws {
        let futures = try StudyScenarios(study, panels: study.panels.map { ($0.id, $0.matrix) }, requirePriorities: requirePriorities)
        let (matrix, scenarios) = (futures.matrix, futures.scenarios)
        var weights = scenarios.map { _ in 1.0 }
        var weighting = WeightingUsed.equal
        if let panelWeights = futures.panelWeights {
            weights = panelWeights
            weighting = .panels
        } else if matrix.scenarioCount <= volumeLimit {
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
        panelSupport = futures.panelSupport
        panelNames = study.panelNames
        if let settings = study.uncertainty {
            let model = try JudgementUncertainty(base: matrix, spread: settings.spread, keepSign: settings.keepSign, seed: settings.seed)
            let counts = try model.counts(samples: 0..<settings.samples)
            uncertainty = scenarios.map { JudgementUncertainty.Scenario($0.variants, count: counts[$0.variants] ?? 0, of: settings.samples,
                                                                         base: $0.inconsistency == 0) }
        } else {
            uncertainty = nil
        }
        uncertaintySettings = study.uncertainty
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
    /// With further panels: per scenario, in how many panels (the study's own included) it is consistent.
    public let panelSupport: [Int]?
    /// With further panels: each panel votes 1/M (M panels with a consistent scenario), spread
    /// equally over its consistent scenarios; a scenario's weight is the sum of its votes.
    public let panelWeights: [Double]?

    /// Enumerates the scenarios.
    /// - Throws: ``ForesightError/studyWithoutMatrix`` or ``ForesightError/studyWithoutPriorities``, ``ForesightError/noConsistentScenario(maxInconsistency:)`` when
    ///   no scenario qualifies, and the solver's errors.
    /// - Parameter panels: further panels' matrices, with the names errors give them; given, the
    ///   scenarios are those consistent in at least one panel (the study's own matrix is the first),
    ///   in ``CIBEnsemble``'s order, with their figures in the study's own matrix.
    /// - Throws: also ``ForesightError/ensembleMembersDiffer(member:first:difference:)`` for a panel of other descriptors.
    public init(_ study: ForesightStudy, maxInconsistency: Int = 0, panels: [(name: String, matrix: CrossImpactMatrix)] = [],
                requirePriorities: Bool = true) throws {
        guard let matrix = study.matrix else { throw ForesightError.studyWithoutMatrix }
        guard !study.priorities.isEmpty || !requirePriorities else { throw ForesightError.studyWithoutPriorities }
        let scenarios: [CIBScenario]
        if panels.isEmpty {
            scenarios = try CIBSolver(matrix: matrix, maxInconsistency: maxInconsistency).solve()
            panelSupport = nil
            panelWeights = nil
        } else {
            let ensemble = try CIBEnsemble(members: [matrix] + panels.map(\.matrix), names: ["the study"] + panels.map(\.name))
            let found = try ensemble.analyse(maxInconsistency: maxInconsistency)
            scenarios = found.map { $0.perMember[0] }
            panelSupport = found.map(\.consistentIn)
            let sizes = (0...panels.count).map { m in found.filter { $0.perMember[m].inconsistency <= maxInconsistency }.count }
            let voting = Double(sizes.filter { $0 > 0 }.count)
            panelWeights = found.map { s in
                (0...panels.count).reduce(0.0) { total, m in
                    s.perMember[m].inconsistency <= maxInconsistency ? total + 1 / (voting * Double(sizes[m])) : total
                }
            }
        }
        guard !scenarios.isEmpty else { throw ForesightError.noConsistentScenario(maxInconsistency: maxInconsistency) }
        self.matrix = matrix
        self.scenarios = scenarios
        activeVariants = scenarios.map { s in s.variants.enumerated().map { matrix.offsets[$0.offset] + $0.element } }
    }
}

extension RecommendationSheet.Futures {
    /// The futures of `study` as the sheets and the study report show them.
    /// - Precondition: the study has a matrix (the outlook was computed from it).
    public init(study: ForesightStudy, outlook: ScenarioOutlook) {
        let matrix = study.matrix!
        let scenarios = outlook.scenarios.enumerated().map { i, s in
            Scenario(id: "S\(i + 1)",
                     variants: zip(matrix.descriptors, s.variants).map { d, v in
                         .init(descriptor: LocalizedName(d.label, ru: d.labelRu), variant: LocalizedName(d.variants[v].label, ru: d.variants[v].labelRu))
                     },
                     weight: outlook.weights[i], totalImpactScore: s.totalImpactScore, panels: outlook.panelSupport?[i],
                     uncertaintyShare: outlook.uncertainty?[i].share,
                     uncertaintyInterval: outlook.uncertainty.map { [$0[i].interval.lowerBound, $0[i].interval.upperBound] },
                     active: s.variants, inconsistency: s.inconsistency)
        }
        let scoring = outlook.scoring
        let priorities = study.priorities.enumerated().map { p, item in
            Priority(id: item.id, label: LocalizedName(item.label, ru: item.labelRu), activities: item.activities,
                     scores: scoring.scores[p], expected: scoring.expected[p], worst: scoring.worst[p],
                     topHalfShare: scoring.topHalfShare[p], robustness: scoring.robustness[p])
        }
        self.init(study: LocalizedName(study.name, ru: study.nameRu), weighting: outlook.weighting,
                  scenarios: scenarios, priorities: priorities, panels: outlook.panelSupport == nil ? nil : outlook.panelNames,
                  uncertainty: outlook.uncertaintySettings.map { .init(spread: $0.spread, samples: $0.samples, seed: $0.seed, keepSign: $0.keepSign) },
                  descriptors: matrix.descriptors.map { d in
                      Descriptor(label: LocalizedName(d.label, ru: d.labelRu), variants: d.variants.map { LocalizedName($0.label, ru: $0.labelRu) })
                  })
    }
}
