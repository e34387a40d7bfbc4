import LinearAlgebra

/// How ECI and PCI are signed and scaled.
public enum ComplexityConvention: String, Sendable, CaseIterable {
    /// The Atlas of Economic Complexity and py-ecomplexity: signed so that ECI correlates positively
    /// with diversity; ECI z-scored with the population standard deviation; PCI standardised with
    /// ECI's mean and standard deviation.
    case atlas
    /// R economiccomplexity's eigenvalue method: ECI and PCI each z-scored with the sample standard
    /// deviation and each signed to correlate positively with the method of reflections.
    case standard
}

/// Economic complexity of regions (ECI) and activities (PCI) from the presence matrix, by the
/// eigenvector of the second-largest eigenvalue.
///
/// With `D` the diversities and `U` the ubiquities on the largest connected component, the
/// eigenvectors come from the symmetric matrix `S = A Aᵀ` (regions the smaller side) or `AᵀA`
/// (activities the smaller side), `A = D^-1/2 M U^-1/2`, by LAPACK `dsyevr`; `S` has the
/// eigenvalues of `D⁻¹MU⁻¹Mᵀ`. The activity vector is `kp = U^-1/2 v` (or `U⁻¹Mᵀkc` from the
/// region side) and the region vector always `kc = D⁻¹M kp`, the mean of the activities held.
public struct EconomicComplexity: Sendable {
    /// ECI per region; nil outside the component that was computed.
    public let eci: [Double?]
    /// PCI per activity; nil outside the component.
    public let pci: [Double?]
    /// The signed, unscaled activity eigenvector `kp` (0 outside the component), used by the outlook.
    public let activityVector: [Double]
    /// Population standard deviation of the signed region vector `kc` (the Atlas scale of COG).
    public let regionVectorScale: Double
    /// The three largest eigenvalues (fewer on a tiny component).
    public let eigenvalues: [Double]
    /// ECI and PCI by the method of reflections (sample z-scores).
    public let reflections: (eci: [Double?], pci: [Double?])
    /// Fitness of regions and complexity of activities (Tacchella et al. 2012), each with mean 1.
    public let fitness: (regions: [Double?], activities: [Double?])
    /// Plain-language warnings (left-out regions and activities, repeated eigenvalue, ...).
    public let warnings: [String]

    /// Iterations of the method of reflections and of the fitness–complexity algorithm.
    public static let iterations = 20

    /// Computes the indices.
    /// - Throws: ``NichesError/tooSmallForComplexity(regions:activities:)`` when the largest
    ///   component has fewer than two regions or two activities.
    public init(_ presence: PresenceMatrix, regionCodes: [String], activityCodes: [String],
                convention: ComplexityConvention = .atlas) throws {
        let (rs, ps) = presence.component
        guard rs.count >= 2, ps.count >= 2 else {
            throw NichesError.tooSmallForComplexity(regions: rs.count, activities: ps.count)
        }
        var warnings = Self.leftOutWarnings(presence, regionCodes: regionCodes, activityCodes: activityCodes)
        let m = presence.matrix(regions: rs, activities: ps)
        let d = rs.map { Double(presence.diversity[$0]) }, u = ps.map { Double(presence.ubiquity[$0]) }
        let (values, kpRaw) = try Self.eigenvector(m, diversity: d, ubiquity: u)
        eigenvalues = values
        if values.count >= 3, abs(values[1] - values[2]) <= 1e-9 * max(1, abs(values[1])) {
            warnings.append("The second-largest eigenvalue (\(values[1])) is repeated, so the complexity ranking is not unique; treat ECI and PCI with caution.")
        }
        let (reflections, fit) = try Self.iterations(m, diversity: d, ubiquity: u)
        var kp = kpRaw
        var kc = try m.multiplied(by: kp, matrixIsFinite: true).enumerated().map { $1 / d[$0] }
        let reference = convention == .atlas ? d : reflections.eci
        if Statistics.correlation(kc, reference) < 0 {
            kp = kp.map { -$0 }
            kc = kc.map { -$0 }
        }
        let (meanC, sdC) = Statistics.moments(kc, ddof: 0)
        regionVectorScale = sdC
        var eciValues: [Double], pciValues: [Double]
        switch convention {
        case .atlas:
            eciValues = Statistics.scaled(kc, mean: meanC, sd: sdC)
            pciValues = Statistics.scaled(kp, mean: meanC, sd: sdC)
        case .standard:
            if Statistics.correlation(kp, reflections.pci) < 0 { kp = kp.map { -$0 } }
            let (mc, sc) = Statistics.moments(kc, ddof: 1), (mp, sp) = Statistics.moments(kp, ddof: 1)
            eciValues = Statistics.scaled(kc, mean: mc, sd: sc)
            pciValues = Statistics.scaled(kp, mean: mp, sd: sp)
        }
        if sdC == 0 {
            warnings.append("Every region of the component has the same complexity, so ECI and PCI are 0 throughout.")
            eciValues = eciValues.map { _ in 0 }
            pciValues = pciValues.map { _ in 0 }
        }
        eci = Self.spread(eciValues, rs, presence.regionCount)
        pci = Self.spread(pciValues, ps, presence.activityCount)
        activityVector = Self.spread(kp, ps, presence.activityCount).map { $0 ?? 0 }
        self.reflections = (Self.spread(reflections.eci, rs, presence.regionCount), Self.spread(reflections.pci, ps, presence.activityCount))
        fitness = (Self.spread(fit.regions, rs, presence.regionCount), Self.spread(fit.activities, ps, presence.activityCount))
        self.warnings = warnings
    }

    /// The three largest eigenvalues and the activity vector of the second, from the smaller side.
    private static func eigenvector(_ m: Matrix, diversity d: [Double], ubiquity u: [Double]) throws -> ([Double], [Double]) {
        var a = m
        for j in 0..<m.columns {
            for i in 0..<m.rows where a[i, j] != 0 { a[i, j] = 1 / (d[i] * u[j]).squareRoot() }
        }
        let regionSide = m.rows <= m.columns
        let s = try a.gram(regionSide ? .none : .transposed)
        let eigen = try SymmetricEigen(of: s, selection: .largest(min(3, s.rows)))
        let v = eigen.vectors.column(1)
        if regionSide {
            let kc = v.enumerated().map { $1 / d[$0].squareRoot() }
            return (eigen.values, try m.multiplied(by: kc, .transposed, matrixIsFinite: true).enumerated().map { $1 / u[$0] })
        }
        return (eigen.values, v.enumerated().map { $1 / u[$0].squareRoot() })
    }

    /// The method of reflections and the fitness–complexity algorithm, run side by side: every
    /// step multiplies `M` by two vectors and `Mᵀ` by two (one GEMM each), so `M` is read half as
    /// often as by two separate loops.
    ///
    /// Reflections, as R economiccomplexity: `k_c,0 = d`, `k_p,0 = u`, `k_c,n = D⁻¹M k_p,n−1`,
    /// `k_p,n = U⁻¹Mᵀ k_c,n−1`; ECI = z(k_c,18), PCI = z(k_p,19) (sample sd).
    ///
    /// Fitness–complexity (Tacchella et al. 2012), updated together as R economiccomplexity does:
    /// `F_n = M Q_n−1 / mean`, `Q_n = 1 / (Mᵀ (1/F_n−1)) / mean`, from `F_0 = Q_0 = 1`; fitness is
    /// `F` after 19 steps, activity complexity `Q` after 20 (both mean 1).
    static func iterations(_ m: Matrix, diversity d: [Double], ubiquity u: [Double]) throws
        -> (reflections: (eci: [Double], pci: [Double]), fitness: (regions: [Double], activities: [Double])) {
        var kc = d, kp = u
        var f = [Double](repeating: 1, count: m.rows), q = [Double](repeating: 1, count: m.columns)
        var eciRaw = d, fitnessAtPenultimate = f
        for step in 1..<iterations {
            let right = try Matrix(rows: m.columns, columns: 2, columnMajor: kp + q)
            let left = try Matrix(rows: m.rows, columns: 2, columnMajor: kc + f.map { 1 / $0 })
            let byRight = try Matrix.product(m, right, operandsAreFinite: true)
            let byLeft = try Matrix.product(m, left, transposeA: .transposed, operandsAreFinite: true)
            kc = (0..<m.rows).map { byRight.elements[$0] / d[$0] }
            kp = (0..<m.columns).map { byLeft.elements[$0] / u[$0] }
            f = normalisedToMeanOne(Array(byRight.elements[m.rows...]))
            q = normalisedToMeanOne(byLeft.elements[m.columns...].map { 1 / $0 })
            if step == iterations - 2 { (eciRaw, fitnessAtPenultimate) = (kc, f) }
        }
        let (mc, sc) = Statistics.moments(eciRaw, ddof: 1), (mp, sp) = Statistics.moments(kp, ddof: 1)
        return ((Statistics.scaled(eciRaw, mean: mc, sd: sc), Statistics.scaled(kp, mean: mp, sd: sp)), (fitnessAtPenultimate, q))
    }

    private static func normalisedToMeanOne(_ x: [Double]) -> [Double] {
        let mean = x.reduce(0, +) / Double(x.count)
        return mean > 0 && mean.isFinite ? x.map { $0 / mean } : x.map { _ in 1 }
    }

    /// Warnings for regions with no activity, activities held nowhere, and smaller components.
    private static func leftOutWarnings(_ p: PresenceMatrix, regionCodes: [String], activityCodes: [String]) -> [String] {
        var warnings = [String]()
        let emptyRegions = (0..<p.regionCount).filter { p.diversity[$0] == 0 }.map { regionCodes[$0] }
        let emptyActivities = (0..<p.activityCount).filter { p.ubiquity[$0] == 0 }.map { activityCodes[$0] }
        if !emptyRegions.isEmpty {
            warnings.append("\(emptyRegions.count) region(s) hold no activity at the presence threshold and have no ECI: \(listed(emptyRegions)).")
        }
        if !emptyActivities.isEmpty {
            warnings.append("\(emptyActivities.count) activit(y/ies) are held by no region at the presence threshold and have no PCI: \(listed(emptyActivities)).")
        }
        if p.componentCount > 1 {
            let inside = Set(p.component.regions), insideA = Set(p.component.activities)
            let outR = (0..<p.regionCount).filter { !inside.contains($0) && p.diversity[$0] > 0 }.map { regionCodes[$0] }
            let outA = (0..<p.activityCount).filter { !insideA.contains($0) && p.ubiquity[$0] > 0 }.map { activityCodes[$0] }
            warnings.append("The region–activity network falls into \(p.componentCount) separate parts; complexity is computed on the largest (\(p.component.regions.count) regions, \(p.component.activities.count) activities). Left out: regions \(listed(outR)); activities \(listed(outA)).")
        }
        return warnings
    }

    private static func listed(_ codes: [String]) -> String {
        codes.isEmpty ? "none" : codes.prefix(20).joined(separator: ", ") + (codes.count > 20 ? " and \(codes.count - 20) more" : "")
    }

    /// Places component values at their dataset positions.
    private static func spread(_ values: [Double], _ positions: [Int], _ count: Int) -> [Double?] {
        var out = [Double?](repeating: nil, count: count)
        for (value, position) in zip(values, positions) { out[position] = value }
        return out
    }
}
