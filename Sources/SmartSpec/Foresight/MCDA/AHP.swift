import LinearAlgebra

/// Analytic hierarchy process (Saaty 1980): weights from the principal right eigenvector of a
/// reciprocal pairwise-comparison matrix (LAPACK `dgeev`), with its consistency.
public struct AHP: Sendable, Equatable {
    /// Published tables of random consistency indices, by matrix order (index n − 1; n = 1, 2 have 0).
    public enum RandomIndexTable: String, Sendable, CaseIterable {
        /// Saaty (1980), n = 3…10: 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 (the default).
        case saaty1980
        /// Saaty (2005), n = 3…15 (ahpy's `random_index="saaty"`).
        case saaty2005
        /// Donegan & Dodd (1991), n = 3…20 (ahpy's default `"dd"`).
        case doneganDodd = "donegan-dodd"

        /// The indices, index n − 1.
        public var values: [Double] {
            switch self {
            case .saaty1980: return [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
            case .saaty2005: return [0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59]
            case .doneganDodd:
                return [0, 0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822,
                        1.4969, 1.5078, 1.5153, 1.5262, 1.5313, 1.5371]
            }
        }
    }

    /// Random consistency indices for n = 1…10 (Saaty 1980); n = 1, 2 have 0.
    public static let saatyRandomIndex: [Double] = RandomIndexTable.saaty1980.values

    /// Weights, summing to 1.
    public let weights: [Double]
    /// Principal eigenvalue λmax.
    public let lambdaMax: Double
    /// Consistency index `(λmax − n)/(n − 1)` (0 for n ≤ 2).
    public let consistencyIndex: Double
    /// Consistency ratio `CI / RI(n)` (0 for n ≤ 2).
    public let consistencyRatio: Double

    /// Computes AHP weights.
    /// - Parameters:
    ///   - comparisons: square matrix with `a[i][j]` = how much more important i is than j; must
    ///     be positive and reciprocal (`a[j][i]·a[i][j] = 1` within 1%, so that `0.333` passes for
    ///     1/3). The upper triangle is authoritative: the lower one is replaced by its exact reciprocal.
    ///   - randomIndex: RI by matrix order (index n − 1).
    ///   - limit: largest acceptable consistency ratio; `force` accepts any.
    public init(comparisons: [[Double]], randomIndex: [Double] = AHP.saatyRandomIndex, limit: Double = 0.1, force: Bool = false) throws {
        let n = comparisons.count
        guard n >= 1, comparisons.allSatisfy({ $0.count == n }) else { throw MCDAError.comparisonsNotSquare }
        for i in 0..<n {
            for j in 0..<n {
                let (a, b) = (comparisons[i][j], comparisons[j][i])
                guard a.isFinite, a > 0 else { throw MCDAError.nonPositiveComparison(row: i + 1, column: j + 1) }
                guard abs(a * b - 1) <= 0.01 else {
                    throw MCDAError.notReciprocal(row: i + 1, column: j + 1, value: a, reciprocal: b)
                }
            }
        }
        guard n <= randomIndex.count else { throw MCDAError.randomIndexTooShort(criteria: n) }
        var exact = comparisons
        for i in 0..<n { for j in 0..<i { exact[i][j] = 1 / exact[j][i] } }
        let eigen = try GeneralEigen(of: Matrix(rowMajor: exact))
        guard let k = eigen.indexOfLargestRealEigenvalue else { throw MCDAError.noPrincipalEigenvalue }
        let vector = eigen.rightVectors.column(k)
        let total = vector.reduce(0, +)
        weights = vector.map { $0 / total }
        lambdaMax = eigen.real[k]
        consistencyIndex = n > 2 ? (lambdaMax - Double(n)) / Double(n - 1) : 0
        consistencyRatio = n > 2 && randomIndex[n - 1] > 0 ? consistencyIndex / randomIndex[n - 1] : 0
        if consistencyRatio > limit && !force { throw MCDAError.inconsistentJudgements(consistencyRatio: consistencyRatio, limit: limit) }
    }
}
