/// Alternatives × criteria, with criterion weights and types: the input of the multi-criteria methods.
public struct DecisionMatrix: Sendable, Equatable {
    /// Whether more of a criterion is better (benefit) or worse (cost).
    public enum CriterionType: String, Sendable, CaseIterable, Codable {
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
        guard values.count >= 2 else { throw MCDAError.tooFewAlternatives(values.count) }
        guard !weights.isEmpty, values.allSatisfy({ $0.count == weights.count }) else {
            throw MCDAError.raggedValues(criteria: weights.count)
        }
        guard values.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { throw MCDAError.nonFiniteValue }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.reduce(0, +) > 0 else {
            throw MCDAError.invalidWeights
        }
        let types = types ?? Array(repeating: .benefit, count: weights.count)
        guard types.count == weights.count else { throw MCDAError.criterionTypeCount(types: types.count, criteria: weights.count) }
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
    /// Fewer than two alternatives.
    case tooFewAlternatives(Int)
    /// An alternative does not have one value per criterion.
    case raggedValues(criteria: Int)
    /// A value is missing or not finite.
    case nonFiniteValue
    /// Weights that are negative, not finite or all zero.
    case invalidWeights
    /// The criterion types are not one per criterion.
    case criterionTypeCount(types: Int, criteria: Int)
    /// The AHP comparison matrix is not square.
    case comparisonsNotSquare
    /// An AHP comparison is not a positive number.
    case nonPositiveComparison(row: Int, column: Int)
    /// Two AHP comparisons are not reciprocal.
    case notReciprocal(row: Int, column: Int, value: Double, reciprocal: Double)
    /// The random-index table has no value for this many criteria.
    case randomIndexTooShort(criteria: Int)
    /// The comparison matrix has no real principal eigenvalue.
    case noPrincipalEigenvalue
    /// The AHP comparison matrix is too inconsistent.
    case inconsistentJudgements(consistencyRatio: Double, limit: Double)

    public var description: String {
        switch self {
        case let .tooFewAlternatives(n): return "The multi-criteria input is not usable: at least two alternatives are needed, not \(n)."
        case let .raggedValues(criteria): return "The multi-criteria input is not usable: every alternative needs one value per criterion (\(criteria))."
        case .nonFiniteValue: return "The multi-criteria input is not usable: a value is missing or not finite."
        case .invalidWeights: return "The multi-criteria input is not usable: weights must be finite, non-negative and not all zero."
        case let .criterionTypeCount(types, criteria):
            return "The multi-criteria input is not usable: \(types) criterion type(s) were given for \(criteria) criteria."
        case .comparisonsNotSquare: return "The AHP comparison matrix must be square."
        case let .nonPositiveComparison(row, column): return "AHP comparison (\(row), \(column)) must be a positive number."
        case let .notReciprocal(row, column, a, b):
            return "AHP comparisons (\(row), \(column)) and (\(column), \(row)) are not reciprocal (\(a) and \(b))."
        case let .randomIndexTooShort(n): return "The random-index table has no value for \(n) criteria."
        case .noPrincipalEigenvalue: return "The AHP comparison matrix has no real principal eigenvalue."
        case let .inconsistentJudgements(ratio, limit):
            return "The pairwise comparisons are too inconsistent (consistency ratio \((ratio * 1000).rounded() / 1000) > \(limit)); revise them, or pass --accept-inconsistent."
        }
    }
}
