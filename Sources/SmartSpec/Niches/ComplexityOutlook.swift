import LinearAlgebra

/// Relatedness density, complexity outlook (COI) and complexity outlook gain (COG), as in
/// py-ecomplexity (Hausmann et al., The Atlas of Economic Complexity, 2014).
///
/// With `φ` the proximity, `s_p = Σ_b φ_bp`, `kp` the signed activity eigenvector and `σ` the
/// population standard deviation of the region vector `kc`:
/// - density `ω_rp = Σ_b M_rb φ_bp / s_p` (one GEMM);
/// - `COI_r = Σ_p ω_rp (1 − M_rp) kp_p`, then z-scored (population sd);
/// - `COG_rp = (1 − M_rp) Σ_b (1 − M_rb) φ_bp kp_b / s_b / σ`, evaluated as
///   `(1 − M_rp)(g_p − (M G)_rp) / σ` with `G_bp = φ_bp kp_b / s_b` and `g_p = Σ_b G_bp` (one GEMM).
public struct ComplexityOutlook: Sendable {
    /// Regions and activities.
    public let regionCount: Int, activityCount: Int
    /// Relatedness density, row-major.
    public let density: [Double]
    /// Complexity outlook gain, row-major (0 where the activity is held).
    public let gain: [Double]
    /// Complexity outlook index per region (z-scored).
    public let outlook: [Double]

    /// Computes the three measures.
    public init(_ presence: PresenceMatrix, proximity: Proximity, complexity: EconomicComplexity) throws {
        let (n, m) = (presence.regionCount, presence.activityCount)
        regionCount = n
        activityCount = m
        let s = proximity.strength, kp = complexity.activityVector
        // (Mφ)ᵀ = φMᵀ and (MG)ᵀ = GᵀMᵀ are activities × regions column-major, i.e. row-major
        // regions × activities: the layout of the results.
        let full = presence.matrix
        let weighted = try Matrix.product(proximity.matrix, full, transposeB: .transposed)
        var g = proximity.matrix
        var column = [Double](repeating: 0, count: m)
        for p in 0..<m {
            for b in 0..<m { g.elements[b + p * m] = s[b] > 0 ? g.elements[b + p * m] * kp[b] / s[b] : 0 }
            column[p] = g.elements[(p * m)..<((p + 1) * m)].reduce(0, +)
        }
        let loss = try Matrix.product(g, full, transposeA: .transposed, transposeB: .transposed)
        let sigma = complexity.regionVectorScale
        var density = [Double](repeating: 0, count: n * m), gain = [Double](repeating: 0, count: n * m)
        var rawOutlook = [Double](repeating: 0, count: n)
        for r in 0..<n {
            for p in 0..<m {
                let k = r * m + p
                let omega = s[p] > 0 ? weighted.elements[k] / s[p] : 0
                density[k] = omega
                guard !presence.values[k] else { continue }
                rawOutlook[r] += omega * kp[p]
                gain[k] = sigma > 0 ? (column[p] - loss.elements[k]) / sigma : 0
            }
        }
        self.density = density
        self.gain = gain
        let (mean, sd) = Statistics.moments(rawOutlook, ddof: 0)
        outlook = Statistics.scaled(rawOutlook, mean: mean, sd: sd)
    }

    /// Density of region `r` in activity `a`.
    public func density(region r: Int, activity a: Int) -> Double { density[r * activityCount + a] }
    /// COG of region `r` in activity `a`.
    public func gain(region r: Int, activity a: Int) -> Double { gain[r * activityCount + a] }
}
