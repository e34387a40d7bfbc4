import LinearAlgebra

/// Relatedness density, complexity outlook (COI) and complexity outlook gain (COG), as in
/// py-ecomplexity (Hausmann et al., The Atlas of Economic Complexity, 2014).
///
/// With `φ` the proximity, `s_p = Σ_b φ_bp`, `kp` the signed activity eigenvector and `σ` the
/// population standard deviation of the region vector `kc`:
/// - density `ω_rp = Σ_b M_rb φ_bp / s_p` (one GEMM);
/// - `COI_r = Σ_p ω_rp (1 − M_rp) kp_p`, then z-scored (population sd);
/// - `COG_rp = (1 − M_rp) Σ_b (1 − M_rb) φ_bp kp_b / s_b / σ`, evaluated as
///   `(1 − M_rp)(g_p − (M G)_rp) / σ` with `G_bp = φ_bp kp_b / s_b` and `g_p = Σ_b G_bp` — one
///   GEMM over the regions asked for (``gains(regions:)``), so that a run that reports only ECI,
///   PCI and COI, or the niches of one region, does not pay a second full product.
public struct ComplexityOutlook: Sendable {
    /// Regions and activities.
    public let regionCount: Int, activityCount: Int
    /// Relatedness density, row-major.
    public let density: [Double]
    /// Complexity outlook index per region (z-scored).
    public let outlook: [Double]
    private let presence: PresenceMatrix
    /// `G` (activities × activities, column-major), its column sums `g`, and `σ`.
    private let weights: Matrix
    private let columnSums: [Double]
    private let sigma: Double

    /// Computes density and COI, and prepares COG.
    public init(_ presence: PresenceMatrix, proximity: Proximity, complexity: EconomicComplexity) throws {
        let (n, m) = (presence.regionCount, presence.activityCount)
        regionCount = n
        activityCount = m
        self.presence = presence
        let s = proximity.strength, kp = complexity.activityVector
        // (Mφ)ᵀ = φMᵀ is activities × regions column-major, i.e. row-major regions × activities:
        // the layout of the results.
        let weighted = try Matrix.product(proximity.matrix, presence.matrix, transposeB: .transposed)
        var g = proximity.matrix
        var column = [Double](repeating: 0, count: m)
        for p in 0..<m {
            for b in 0..<m { g[b, p] = s[b] > 0 ? g[b, p] * kp[b] / s[b] : 0 }
            column[p] = g.elements[(p * m)..<((p + 1) * m)].reduce(0, +)
        }
        weights = g
        columnSums = column
        sigma = complexity.regionVectorScale
        var density = [Double](repeating: 0, count: n * m)
        var rawOutlook = [Double](repeating: 0, count: n)
        for r in 0..<n {
            for p in 0..<m {
                let k = r * m + p
                let omega = s[p] > 0 ? weighted.elements[k] / s[p] : 0
                density[k] = omega
                if !presence.values[k] { rawOutlook[r] += omega * kp[p] }
            }
        }
        self.density = density
        let (mean, sd) = Statistics.moments(rawOutlook, ddof: 0)
        outlook = Statistics.scaled(rawOutlook, mean: mean, sd: sd)
    }

    /// Density of region `r` in activity `a`.
    public func density(region r: Int, activity a: Int) -> Double { density[r * activityCount + a] }

    /// COG of the given regions in every activity, row-major (`regions.count` × activities; 0 where
    /// the activity is held).
    public func gains(regions: [Int]) throws -> [Double] {
        guard !regions.isEmpty else { return [] }
        // (M G)ᵀ = Gᵀ Mᵀ is activities × regions column-major, i.e. row-major regions × activities.
        let rows = presence.matrix(regions: regions, activities: Array(0..<activityCount))
        let loss = try Matrix.product(weights, rows, transposeA: .transposed, transposeB: .transposed)
        var gain = [Double](repeating: 0, count: regions.count * activityCount)
        for (i, r) in regions.enumerated() {
            for p in 0..<activityCount where !presence.values[r * activityCount + p] && sigma > 0 {
                gain[i * activityCount + p] = (columnSums[p] - loss.elements[i * activityCount + p]) / sigma
            }
        }
        return gain
    }

    /// COG of region `r` in every activity (0 where held).
    public func gains(region r: Int) throws -> [Double] { try gains(regions: [r]) }
}
