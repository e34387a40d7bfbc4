import Foundation
import LinearAlgebra

/// Options of a structural-similarity analysis.
public struct SimilarityOptions: Sendable, Equatable {
    /// The distance.
    public var method: SimilarityMethod
    /// Weight per dimension id (default 1 for every dimension; only with `pca`).
    public var weights: [String: Double]
    /// Impute indicators or regions that are more than half missing instead of refusing.
    public var allowSparse: Bool

    /// Creates options.
    public init(method: SimilarityMethod = .pca, weights: [String: Double] = [:], allowSparse: Bool = false) {
        self.method = method
        self.weights = weights
        self.allowSparse = allowSparse
    }
}

/// The regions as points of a Euclidean space in which distance is structural distance.
///
/// With `pca`, region `r`'s point is the concatenation over dimensions `k` of
/// `F_k(r) · √(w_k / (m_k Σw))`, so that the Euclidean distance between two points is
/// `D(a,b) = √(Σ_k w_k D_k(a,b)² / Σ_k w_k)` with `D_k = ‖F_k(a) − F_k(b)‖ / √m_k`.
public struct StructuralSpace: Sendable {
    /// The dataset's regions.
    public let regions: [Region]
    /// The standardised structural indicators.
    public let standardised: StandardisedIndicators
    /// Options used.
    public let options: SimilarityOptions
    /// Per-dimension scores, in order of the dimensions' first structural indicator.
    public let dimensions: [DimensionScores]
    /// Effective weight of each dimension (same order as ``dimensions``).
    public let weights: [Double]
    /// The points: column `r` is region `r` (`M × n`).
    public let points: Matrix
    /// Remarks on the computation (for instance a singular covariance matrix).
    public let warnings: [String]

    /// Builds the space for `dataset`.
    public init(_ dataset: Dataset, options: SimilarityOptions = SimilarityOptions()) throws {
        regions = dataset.regions
        self.options = options
        let standardised = try StandardisedIndicators(dataset, allowSparse: options.allowSparse)
        self.standardised = standardised
        var order: [String] = []
        for indicator in standardised.indicators where !order.contains(indicator.dimension) { order.append(indicator.dimension) }
        dimensions = try order.map { id in
            let columns = standardised.indicators.indices.filter { standardised.indicators[$0].dimension == id }
            return try DimensionScores(dimension: id, indicators: columns.map { standardised.indicators[$0].id },
                                       z: standardised.z, columns: columns)
        }
        weights = try Self.effectiveWeights(options, dimensions: order)
        var notes: [String] = []
        points = try options.method.measure.points(SimilarityMeasureInput(standardised: standardised, dimensions: dimensions, weights: weights),
                                                   warnings: &notes)
        try LinearAlgebraCheck.finite(points)
        warnings = notes
    }

    /// Exact distance between regions `a` and `b` (summed in a fixed order, so it is reproducible).
    public func distance(_ a: Int, _ b: Int) -> Double { points.columnDistance(a, b) }

    /// `D_k(a,b) = ‖F_k(a) − F_k(b)‖ / √m_k` for every dimension, in ``dimensions`` order.
    public func dimensionDistances(_ a: Int, _ b: Int) -> [Double] {
        dimensions.map { d in
            var sum = 0.0
            for j in 0..<d.components {
                let diff = d.scores[a, j] - d.scores[b, j]
                sum += diff * diff
            }
            return (sum / Double(d.components)).squareRoot()
        }
    }

    private static func effectiveWeights(_ options: SimilarityOptions, dimensions: [String]) throws -> [Double] {
        if !options.method.measure.usesDimensionWeights, !options.weights.isEmpty {
            throw SimilarityError.weightsNotApplicable(method: options.method.rawValue)
        }
        for (name, value) in options.weights.sorted(by: { $0.key < $1.key }) {
            guard dimensions.contains(name) else {
                throw SimilarityError.weightForUnknownDimension(name, dimensions: dimensions)
            }
            guard value.isFinite, value >= 0 else { throw SimilarityError.invalidWeight(dimension: name, value: value) }
        }
        let weights = dimensions.map { options.weights[$0] ?? 1 }
        guard weights.contains(where: { $0 > 0 }) else { throw SimilarityError.allWeightsZero }
        return weights
    }
}

/// Guards against non-finite numbers reaching an output.
enum LinearAlgebraCheck {
    static func finite(_ matrix: Matrix) throws {
        guard matrix.isFinite else { throw LinearAlgebraError.nonFiniteInput(operation: "the structural distance computation") }
    }
}
