/// The analyses of a study's expert panel that every front end needs: the decision matrix of the
/// multi-criteria methods and the Delphi table, computed here so that the command-line tool only
/// prints them.
extension ForesightStudy {
    /// Every priority's latest-round median rating on every criterion (Hyndman–Fan type 7), with
    /// the criteria's weights and types: the input of the multi-criteria methods.
    /// - Throws: ``ForesightError/studyWithoutCriteria`` without priorities or criteria,
    ///   ``ForesightError/missingRating(priority:criterion:)`` for a pair no expert rated, and
    ///   the ``DecisionMatrix`` errors.
    /// - Complexity: O(P · C · R) for P priorities, C criteria and R ratings.
    public func decisionMatrix() throws -> DecisionMatrix {
        guard !criteria.isEmpty, !priorities.isEmpty else { throw ForesightError.studyWithoutCriteria }
        var byPair: [String: [Rating]] = [:]
        for rating in ratings { byPair["\(rating.priority)\u{1F}\(rating.criterion)", default: []].append(rating) }
        let values = try priorities.map { p in
            try criteria.map { c in
                let pair = byPair["\(p.id)\u{1F}\(c.item.id)"] ?? []
                guard let round = pair.map(\.round).max() else {
                    throw ForesightError.missingRating(priority: p.id, criterion: c.item.id)
                }
                return Statistics.quantile(pair.filter { $0.round == round }.map(\.value), 0.5)!
            }
        }
        return try DecisionMatrix(values: values, weights: criteria.map(\.weight), types: criteria.map(\.type))
    }

    /// One row of the Delphi table: an item (priority × criterion) in one round.
    public struct DelphiRound: Sendable, Equatable {
        /// The item.
        public var priority: String, criterion: String
        /// The round.
        public var round: Int
        /// Median, quartiles, top-band share and consensus of the round's ratings.
        public var summary: DelphiSummary
        /// Share of the experts of the previous round who kept their rating (nil in the first
        /// round, or when no expert rated in both).
        public var stability: Double?
    }

    /// The Delphi table: every rated item, in order of (priority, criterion) ids, and its rounds in
    /// order. An expert who rated an item twice in one round counts with the last rating for the
    /// stability.
    /// - Throws: the errors of ``Delphi/summarise(_:rule:)`` (a rating outside the scale).
    /// - Complexity: O(R log R) for R ratings.
    public func delphiRounds(rule: DelphiRule) throws -> [DelphiRound] {
        var byItem: [String: [Rating]] = [:]
        for rating in ratings { byItem["\(rating.priority)\u{1F}\(rating.criterion)", default: []].append(rating) }
        var rows: [DelphiRound] = []
        for key in byItem.keys.sorted() {
            let item = byItem[key]!
            var previous: [String: Double]? = nil
            for round in Set(item.map(\.round)).sorted() {
                let current = item.filter { $0.round == round }
                let summary = try Delphi.summarise(current.map(\.value), rule: rule)
                let byExpert = Dictionary(current.map { ($0.expert, $0.value) }, uniquingKeysWith: { $1 })
                rows.append(DelphiRound(priority: item[0].priority, criterion: item[0].criterion, round: round, summary: summary,
                                        stability: previous.flatMap { Delphi.stability(previous: $0, current: byExpert) }))
                previous = byExpert
            }
        }
        return rows
    }
}

/// How the scenarios of a study are weighted in a priority's expected score.
public enum ScenarioWeighting: Sendable, Equatable {
    /// Every scenario counts the same.
    case equal
    /// Each scenario by the size of its succession basin under the rule (volume weights).
    case volume(Succession.Rule)
    /// Probabilities (or any non-negative weights), one per scenario in enumeration order.
    case given([Double])
    /// Each panel votes equally (``StudyScenarios/panelWeights``); needs panels.
    case panels
}

extension StudyScenarios {
    /// The weighting of ``PriorityScoring`` for `choice`.
    /// - Throws: ``ForesightError/invalidScenarioWeights(given:scenarios:)`` for a wrong count of
    ///   given weights, and the errors of ``Succession/basins(_:rule:limit:progress:)``.
    public func weighting(_ choice: ScenarioWeighting, progress: (@Sendable (Double) -> Void)? = nil) throws -> PriorityScoring.Weighting {
        switch choice {
        case .equal: return .equal
        case .volume(let rule):
            let basins = try Succession.basins(matrix, rule: rule, progress: progress)
            return .given(scenarios.map { Double(basins[.fixedPoint($0.variants)] ?? 0) })
        case .panels:
            guard let panelWeights else { throw ForesightError.noPanels }
            return .given(panelWeights)
        case .given(let weights):
            guard weights.count == scenarios.count else {
                throw ForesightError.invalidScenarioWeights(given: weights.count, scenarios: scenarios.count)
            }
            return .given(weights)
        }
    }

    /// Each priority's criteria score for ``PriorityScoring``'s `base`: the weighted sum of its
    /// latest-round median ratings (min–max normalised), times the number of descriptors, so that
    /// it weighs like the impacts of one scenario.
    /// - Throws: the errors of ``ForesightStudy/decisionMatrix()``.
    public func criteriaBase(_ study: ForesightStudy) throws -> [Double] {
        WeightedSum.scores(try study.decisionMatrix()).map { $0 * Double(matrix.descriptors.count) }
    }
}
