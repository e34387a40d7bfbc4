import LinearAlgebra

/// Proximity between activities and the relatedness density of every region–activity pair.
///
/// From the presence matrix `M` (regions × activities): co-occurrence `C = MᵀM` (BLAS `dsyrk`),
/// ubiquity `u_a = C_aa`, and
/// - `conditional` (Hidalgo et al. 2007, default): `φ_ab = C_ab / max(u_a, u_b)`;
/// - `cosine`: `φ_ab = C_ab / √(u_a u_b)`;
///
/// with the diagonal set to 1 and 0 wherever an activity is held nowhere. Relatedness density
/// `ω_ra = Σ_b M_rb φ_ab / Σ_b φ_ab` (the diagonal included, as in py-ecomplexity), by GEMM.
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

    /// Computes proximities from presence (`presence[r * activities + a]`).
    public init(presence: [Bool], regions: Int, activities: Int, measure: Measure = .conditional) throws {
        let co = try Self.presenceMatrix(presence, regions: regions, activities: activities).gram()
        var phi = Matrix(rows: activities, columns: activities)
        for b in 0..<activities {
            for a in 0..<activities {
                let (ua, ub) = (co[a, a], co[b, b])
                guard ua > 0, ub > 0 else { continue }
                if a == b { phi[a, b] = 1; continue }
                phi[a, b] = measure == .conditional ? co[a, b] / max(ua, ub) : co[a, b] / (ua * ub).squareRoot()
            }
        }
        matrix = phi
    }

    /// Relatedness density `ω_ra` (row-major, regions × activities); 0 for an activity with no proximity.
    public func density(presence: [Bool], regions: Int) throws -> [Double] {
        let activities = matrix.rows
        let weighted = try Matrix.product(Self.presenceMatrix(presence, regions: regions, activities: activities), matrix)
        let totals = (0..<activities).map { a in (0..<activities).reduce(0.0) { $0 + matrix[$1, a] } }
        var density = [Double](repeating: 0, count: regions * activities)
        for r in 0..<regions {
            for a in 0..<activities where totals[a] > 0 { density[r * activities + a] = weighted[r, a] / totals[a] }
        }
        return density
    }

    /// Presence (row-major booleans) as a 0/1 matrix for BLAS.
    private static func presenceMatrix(_ presence: [Bool], regions: Int, activities: Int) throws -> Matrix {
        try Matrix(rows: regions, columns: activities,
                   columnMajor: (0..<(regions * activities)).map { k in presence[(k % regions) * activities + k / regions] ? 1 : 0 })
    }
}
