/// Everything a study's report shows, computed once (load → analyse → report model → render): the
/// futures (scenarios with weights, support across panels and under uncertainty, the priorities'
/// scores), MICMAC, the Delphi rounds and the AHP weights, each when the study has its section.
public struct StudyReport: Sendable {
    /// The study.
    public let study: ForesightStudy
    /// The futures, when the study has a matrix (``ScenarioOutlook``; its priorities may be none).
    public let outlook: ScenarioOutlook?
    /// The same futures as the sheets show them.
    public let futures: RecommendationSheet.Futures?
    /// MICMAC, when the study has a `micmac` section.
    public let micmac: MICMAC?
    /// The Delphi table, when the study has ratings.
    public let delphi: [ForesightStudy.DelphiRound]
    /// The AHP weights, when criteria are given by comparisons.
    public let ahp: AHP?

    /// Analyses the study.
    /// - Throws: the errors of the analyses (``ForesightError``).
    public init(_ study: ForesightStudy) throws {
        self.study = study
        outlook = try study.matrix.map { _ in try ScenarioOutlook(study, requirePriorities: false) }
        futures = outlook.map { RecommendationSheet.Futures(study: study, outlook: $0) }
        micmac = study.micmacVariables.isEmpty ? nil : try MICMAC(matrix: study.micmacMatrix())
        delphi = study.ratings.isEmpty ? [] : try study.delphiRounds(rule: DelphiRule(scale: study.scale))
        ahp = try study.ahpComparisons.map { try AHP(comparisons: $0, force: true) }
    }

    /// The strongest links between descriptors: for every ordered pair, the largest absolute
    /// judgement of a variant of one on a variant of the other, the `count` largest (ties: pair order).
    public func strongestLinks(_ count: Int) -> [(source: Int, target: Int, strength: Int, sign: Int)] {
        guard let matrix = study.matrix else { return [] }
        var links: [(source: Int, target: Int, strength: Int, sign: Int)] = []
        for a in matrix.descriptors.indices {
            for b in matrix.descriptors.indices where a != b {
                var best = 0, sign = 0
                for u in matrix.offsets[a]..<(matrix.offsets[a] + matrix.descriptors[a].variants.count) {
                    for v in matrix.offsets[b]..<(matrix.offsets[b] + matrix.descriptors[b].variants.count) {
                        let x = matrix.impact(u, v)
                        if abs(x) > best { best = abs(x); sign = x.signum() }
                    }
                }
                if best > 0 { links.append((a, b, best, sign)) }
            }
        }
        return Array(links.enumerated().sorted { ($1.element.strength, $0.offset) < ($0.element.strength, $1.offset) }.map(\.element).prefix(count))
    }
}
