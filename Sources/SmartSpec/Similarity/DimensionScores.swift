import LinearAlgebra

/// The reduced scores of one dimension: its principal components with eigenvalue ≥ 1.
///
/// For a dimension with one indicator the score is its z-value. With several, the correlation
/// matrix `R = ZᵀZ/(n − 1)` is decomposed (LAPACK `dsyevr`), the components with eigenvalue
/// `λ ≥ 1 − 10⁻¹⁰` are kept (at least one), and the standardised scores are `F = Z V Λ^(−1/2)`
/// (unit variance each). Loadings `V Λ^(1/2)` are varimax-rotated when two or more are kept; the
/// rotation names the factors but does not change distances.
public struct DimensionScores: Sendable {
    /// Dimension identifier.
    public let dimension: String
    /// Indicator ids of the dimension, in dataset order.
    public let indicators: [String]
    /// All eigenvalues of the correlation matrix, largest first (`[1]` for a single indicator).
    public let eigenvalues: [Double]
    /// Standardised scores of the kept components (`n × m`).
    public let scores: Matrix
    /// Unrotated loadings of the kept components (`p × m`).
    public let loadings: Matrix
    /// Varimax-rotated loadings (equal to ``loadings`` when `m = 1`).
    public let rotatedLoadings: Matrix

    /// Number of kept components.
    public var components: Int { scores.columns }

    /// Share of the dimension's variance the kept components explain.
    public var explainedShare: Double { eigenvalues.prefix(components).reduce(0, +) / Double(indicators.count) }

    /// Eigenvalues at or above this count as ≥ 1.
    public static let retentionThreshold = 1 - 1e-10

    /// Reduces the columns `columns` of `z` (which must be standardised).
    public init(dimension: String, indicators: [String], z: Matrix, columns: [Int]) throws {
        self.dimension = dimension
        self.indicators = indicators
        let block = z.selectingColumns(columns)
        guard columns.count > 1 else {
            eigenvalues = [1]
            scores = block
            loadings = try Matrix(rowMajor: [[1]])
            rotatedLoadings = loadings
            return
        }
        let n = Double(z.rows - 1)
        var correlation = try block.gram()
        correlation.scale(by: 1 / n)
        let eigen = try SymmetricEigen(of: correlation)
        eigenvalues = eigen.values
        let kept = max(1, eigen.values.filter { $0 >= Self.retentionThreshold }.count)
        var projector = eigen.vectors.selectingColumns(Array(0..<kept))
        var loadingMatrix = projector
        for j in 0..<kept {
            let lambda = max(eigen.values[j], 1e-300)
            for i in 0..<columns.count {
                projector[i, j] /= lambda.squareRoot()
                loadingMatrix[i, j] *= lambda.squareRoot()
            }
        }
        scores = try Matrix.product(block, projector)
        loadings = loadingMatrix
        rotatedLoadings = try Varimax(loadingMatrix).loadings
    }

    /// For each kept (rotated) factor, the indicators that load on it most (|loading| ≥ 0.5, at
    /// least the strongest one), strongest first.
    public var factorNames: [[(indicator: String, loading: Double)]] {
        (0..<rotatedLoadings.columns).map { j in
            let ranked = indicators.indices.map { (indicators[$0], rotatedLoadings[$0, j]) }
                .sorted { abs($0.1) > abs($1.1) || (abs($0.1) == abs($1.1) && $0.0 < $1.0) }
            let strong = ranked.filter { abs($0.1) >= 0.5 }
            return (strong.isEmpty ? Array(ranked.prefix(1)) : strong).map { (indicator: $0.0, loading: $0.1) }
        }
    }
}
