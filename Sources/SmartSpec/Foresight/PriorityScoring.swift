/// Scores of candidate priorities in each scenario, and decision rules across scenarios.
///
/// A priority's score in a scenario is the sum of its impacts (−3…+3) from the scenario's active
/// variants, plus its criteria score when one is given.
public struct PriorityScoring: Sendable, Equatable {
    /// Scenario weights for the expected value.
    public enum Weighting: Sendable, Equatable {
        /// Every scenario counts the same.
        case equal
        /// Given weights (volume weights or probabilities), divided by their sum.
        case given([Double])
    }

    /// `scores[p][s]`: priority p in scenario s.
    public let scores: [[Double]]
    /// Expected score under the weighting.
    public let expected: [Double]
    /// Worst score over scenarios (maximin).
    public let worst: [Double]
    /// Best score over scenarios (maximax).
    public let best: [Double]
    /// Hurwicz `α · best + (1 − α) · worst`.
    public let hurwicz: [Double]
    /// Largest regret over scenarios (minimax regret; lower is better).
    public let maxRegret: [Double]
    /// Number of scenarios in which the priority has the top score (ties count for each).
    public let wins: [Int]
    /// Share of scenarios (0–1) in which the priority is in the top half (ranks 1…⌈P/2⌉, ties shared).
    public let topHalfShare: [Double]

    /// Scores priorities.
    /// - Parameters:
    ///   - impacts: `impacts[p][v]`, impact of flat variant `v` on priority `p`.
    ///   - scenarios: active flat variants of each scenario.
    ///   - base: criteria score of each priority added in every scenario (0 when absent).
    public init(impacts: [[Double]], scenarios: [[Int]], base: [Double]? = nil, weighting: Weighting = .equal, alpha: Double = 0.5) throws {
        guard !scenarios.isEmpty else { throw ForesightError.noScenarios }
        let p = impacts.count
        let baseScores = base ?? Array(repeating: 0, count: p)
        let table = (0..<p).map { i in scenarios.map { active in active.reduce(baseScores[i]) { $0 + impacts[i][$1] } } }
        let weights: [Double]
        switch weighting {
        case .equal: weights = Array(repeating: 1 / Double(scenarios.count), count: scenarios.count)
        case .given(let w):
            guard w.count == scenarios.count, w.allSatisfy({ $0 >= 0 && $0.isFinite }), w.reduce(0, +) > 0 else {
                throw ForesightError.invalidScenarioWeights(given: w.count, scenarios: scenarios.count)
            }
            let total = w.reduce(0, +)
            weights = w.map { $0 / total }
        }
        // Without priorities every list is empty (a study report may show scenarios only).
        let columnBest = (0..<scenarios.count).map { s in table.map { $0[s] }.max() ?? 0 }
        scores = table
        expected = table.map { zip($0, weights).reduce(0) { $0 + $1.0 * $1.1 } }
        worst = table.map { $0.min()! }
        best = table.map { $0.max()! }
        hurwicz = (0..<p).map { alpha * table[$0].max()! + (1 - alpha) * table[$0].min()! }
        maxRegret = table.map { row in zip(columnBest, row).map { $0 - $1 }.max()! }
        wins = table.map { row in zip(columnBest, row).filter { $0.0 == $0.1 }.count }
        let half = (p + 1) / 2
        topHalfShare = (0..<p).map { i in
            let inTop = (0..<scenarios.count).filter { s in table.filter { $0[s] > table[i][s] }.count < half }.count
            return Double(inTop) / Double(scenarios.count)
        }
    }

    /// Robustness of each priority (see ``PriorityRobustness``).
    public var robustness: [PriorityRobustness] {
        topHalfShare.map { $0 == 1 ? .robust : $0 > 0 ? .scenarioDependent : .weak }
    }
}

/// How a priority fares across the scenarios.
public enum PriorityRobustness: String, Sendable, Equatable, Codable, CaseIterable {
    /// In the top half of the priorities in every scenario.
    case robust
    /// In the top half in some scenarios only: it depends on which future comes.
    case scenarioDependent = "scenario-dependent"
    /// In the top half in none.
    case weak
}
