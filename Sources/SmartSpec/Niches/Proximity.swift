import LinearAlgebra

/// Proximity between activities (the product space).
///
/// From the presence matrix `M` (regions × activities): co-occurrence `C = MᵀM` (BLAS `dsyrk`),
/// ubiquity `u_a = C_aa`, and
/// - `conditional` (Hidalgo et al. 2007, default): `φ_ab = C_ab / max(u_a, u_b)`;
/// - `cosine`: `φ_ab = C_ab / √(u_a u_b)`;
///
/// with the diagonal 1 and 0 in the row and column of an activity held nowhere.
public struct Proximity: Sendable {
    /// How co-occurrence is normalised.
    public enum Measure: String, Sendable, CaseIterable {
        /// Minimum of the two conditional probabilities.
        case conditional
        /// Cosine similarity of the presence columns.
        case cosine
    }

    /// `φ` (activities × activities), symmetric.
    public let matrix: Matrix
    /// Row sums `s_a = Σ_b φ_ab` (the diagonal included).
    public let strength: [Double]

    /// Computes proximities from presence.
    public init(_ presence: PresenceMatrix, measure: Measure = .conditional) throws {
        let m = presence.activityCount
        var phi = try presence.matrix.gram()
        let u = presence.ubiquity.map(Double.init)
        phi.withUnsafeMutableElements { p in
            for b in 0..<m {
                for a in 0..<m {
                    let k = a + b * m
                    guard u[a] > 0, u[b] > 0 else { p[k] = 0; continue }
                    p[k] = a == b ? 1 : (measure == .conditional ? p[k] / max(u[a], u[b]) : p[k] / (u[a] * u[b]).squareRoot())
                }
            }
        }
        matrix = phi
        strength = (0..<m).map { b in phi.elements[(b * m)..<((b + 1) * m)].reduce(0, +) }
    }

    /// The `count` activities nearest to `a` among `candidates` (largest φ first, ties by index).
    public func nearest(to a: Int, among candidates: [Int], count: Int) -> [(activity: Int, proximity: Double)] {
        let column = matrix.column(a)
        let related: [(activity: Int, proximity: Double)] = candidates.compactMap { b in
            b != a && column[b] > 0 ? (activity: b, proximity: column[b]) : nil
        }
        let sorted = related.sorted { x, y in x.proximity != y.proximity ? x.proximity > y.proximity : x.activity < y.activity }
        return Array(sorted.prefix(count))
    }
}
