/// Alternatives × criteria, with criterion weights and types: the input of the multi-criteria methods.
public struct DecisionMatrix: Sendable, Equatable {
    /// Whether more of a criterion is better (benefit) or worse (cost).
    public enum CriterionType: String, Sendable, CaseIterable {
        /// More is better.
        case benefit
        /// Less is better.
        case cost
    }

    /// Values, one row per alternative.
    public let values: [[Double]]
    /// Weight of each criterion (non-negative, summing to 1 after normalisation).
    public let weights: [Double]
    /// Type of each criterion.
    public let types: [CriterionType]

    /// Number of alternatives.
    public var alternatives: Int { values.count }
    /// Number of criteria.
    public var criteria: Int { weights.count }

    /// Creates a decision matrix; weights are divided by their sum.
    /// - Throws: ``MCDAError`` when shapes disagree, a value is not finite, or the weights are unusable.
    public init(values: [[Double]], weights: [Double], types: [CriterionType]? = nil) throws {
        guard values.count >= 2 else { throw MCDAError.invalidInput("at least two alternatives are needed") }
        guard !weights.isEmpty, values.allSatisfy({ $0.count == weights.count }) else {
            throw MCDAError.invalidInput("every alternative needs one value per criterion (\(weights.count))")
        }
        guard values.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { throw MCDAError.invalidInput("a value is missing or not finite") }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.reduce(0, +) > 0 else {
            throw MCDAError.invalidInput("weights must be finite, non-negative and not all zero")
        }
        let types = types ?? Array(repeating: .benefit, count: weights.count)
        guard types.count == weights.count else { throw MCDAError.invalidInput("one criterion type per criterion is needed") }
        let total = weights.reduce(0, +)
        self.values = values
        self.weights = weights.map { $0 / total }
        self.types = types
    }

    /// Column `j`.
    func column(_ j: Int) -> [Double] { values.map { $0[j] } }
}

/// Why a multi-criteria computation cannot run; each case prints a sentence.
public enum MCDAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is malformed.
    case invalidInput(String)
    /// The AHP comparison matrix is too inconsistent.
    case inconsistentJudgements(consistencyRatio: Double, limit: Double)

    public var description: String {
        switch self {
        case let .invalidInput(detail):
            return "The multi-criteria input is not usable: \(detail)."
        case let .inconsistentJudgements(ratio, limit):
            return "The pairwise comparisons are too inconsistent (consistency ratio \((ratio * 1000).rounded() / 1000) > \(limit)); revise them, or force the computation."
        }
    }
}
