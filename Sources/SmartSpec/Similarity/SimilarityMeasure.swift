import LinearAlgebra

/// A way of measuring structural distance: the extension point of the reference-region analysis.
///
/// A measure maps every region to a point of a Euclidean space in which distance is structural
/// distance; the nearest-neighbour search, the benchmarks and the sheets then work on the points
/// whatever the measure. Adding one means a type conforming to this protocol in this folder, one
/// line in ``SimilarityMeasures/all``, its test, its section in `Methodology/reference-regions.md`
/// and its vocabulary entries (`method.<id>`, `value.<id>`); `CONTRIBUTING.md` walks through it.
public protocol SimilarityMeasure: Sendable {
    /// The measure's id on the command line and in outputs (`pca`, `mahalanobis`, ...).
    var id: String { get }
    /// Whether per-dimension weights (``SimilarityOptions/weights``) apply to it.
    var usesDimensionWeights: Bool { get }
    /// The points, one column per region (`M × n`), whose Euclidean distances are the distances.
    /// - Parameters:
    ///   - space: the standardised indicators, the per-dimension scores and the dimension weights.
    ///   - warnings: remarks for the user (for instance a singular matrix handled another way).
    func points(_ space: SimilarityMeasureInput, warnings: inout [String]) throws -> Matrix
}

/// What a ``SimilarityMeasure`` works from.
public struct SimilarityMeasureInput: Sendable {
    /// The standardised structural indicators (`n × p` z-scores).
    public let standardised: StandardisedIndicators
    /// Per-dimension principal-component scores.
    public let dimensions: [DimensionScores]
    /// Effective weight of each dimension (same order).
    public let weights: [Double]
}

/// The registry of similarity measures.
public enum SimilarityMeasures {
    /// Every measure, in the order `--help` lists them (the first is the default).
    public static let all: [any SimilarityMeasure] = [PrincipalComponentsMeasure(), MahalanobisMeasure(), EuclideanMeasure()]

    /// The measure with `id`, or nil.
    public static func measure(_ id: String) -> (any SimilarityMeasure)? { all.first { $0.id == id } }
}

/// How structural distance is measured: the id of a registered ``SimilarityMeasure``.
public struct SimilarityMethod: RawRepresentable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The measure's id.
    public let rawValue: String

    /// The method with this id; nil when no measure of ``SimilarityMeasures`` has it.
    public init?(rawValue: String) {
        guard SimilarityMeasures.measure(rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    private init(registered id: String) { rawValue = id }

    /// Per-dimension principal components (eigenvalue ≥ 1), weighted root-mean-square over dimensions (default).
    public static let pca = SimilarityMethod(registered: "pca")
    /// Mahalanobis distance on the whole structural block (correlation matrix inverted by Cholesky).
    public static let mahalanobis = SimilarityMethod(registered: "mahalanobis")
    /// Plain Euclidean distance on all structural z-scores.
    public static let euclidean = SimilarityMethod(registered: "euclidean")

    /// Every registered method.
    public static var allCases: [SimilarityMethod] { SimilarityMeasures.all.map { SimilarityMethod(registered: $0.id) } }

    /// The measure behind the id.
    public var measure: any SimilarityMeasure { SimilarityMeasures.measure(rawValue)! }

    public var description: String { rawValue }
}

/// `pca`: region `r`'s point is the concatenation over dimensions `k` of `F_k(r) · √(w_k / (m_k Σw))`,
/// so that `D(a,b) = √(Σ_k w_k D_k(a,b)² / Σ_k w_k)` with `D_k = ‖F_k(a) − F_k(b)‖ / √m_k`.
public struct PrincipalComponentsMeasure: SimilarityMeasure {
    public init() {}
    public var id: String { "pca" }
    public var usesDimensionWeights: Bool { true }

    public func points(_ space: SimilarityMeasureInput, warnings: inout [String]) throws -> Matrix {
        let (dimensions, weights) = (space.dimensions, space.weights)
        let total = weights.reduce(0, +)
        let n = dimensions[0].scores.rows
        let m = dimensions.reduce(0) { $0 + $1.components }
        var points = Matrix(rows: m, columns: n)
        var offset = 0
        for (d, weight) in zip(dimensions, weights) {
            let scale = (weight / (Double(d.components) * total)).squareRoot()
            for r in 0..<n { for j in 0..<d.components { points[offset + j, r] = d.scores[r, j] * scale } }
            offset += d.components
        }
        return points
    }
}

/// `euclidean`: the points are the z-scores themselves.
public struct EuclideanMeasure: SimilarityMeasure {
    public init() {}
    public var id: String { "euclidean" }
    public var usesDimensionWeights: Bool { false }
    public func points(_ space: SimilarityMeasureInput, warnings: inout [String]) throws -> Matrix { space.standardised.z.transposed }
}

/// `mahalanobis`: the z-scores whitened by the inverse Cholesky factor of their correlation matrix
/// (by its pseudo-inverse square root when the matrix is singular, with a warning).
public struct MahalanobisMeasure: SimilarityMeasure {
    public init() {}
    public var id: String { "mahalanobis" }
    public var usesDimensionWeights: Bool { false }

    public func points(_ space: SimilarityMeasureInput, warnings: inout [String]) throws -> Matrix {
        let z = space.standardised.z
        var correlation = try z.gram()
        correlation.scale(by: 1 / Double(z.rows - 1))
        if let factor = try? Cholesky(of: correlation), let whitening = try? factor.inverseOfFactor() {
            return try Matrix.product(z, whitening).transposed
        }
        let eigen = try SymmetricEigen(of: correlation)
        let cutoff = 1e-10 * (eigen.values.first ?? 1)
        let kept = eigen.values.filter { $0 > cutoff }.count
        warnings.append("The structural indicators are collinear: their correlation matrix is singular (rank \(kept) of \(z.columns)), so its pseudo-inverse was used.")
        var projector = eigen.vectors.selectingColumns(Array(0..<kept))
        for j in 0..<kept { for i in 0..<z.columns { projector[i, j] /= eigen.values[j].squareRoot() } }
        return try Matrix.product(z, projector).transposed
    }
}
