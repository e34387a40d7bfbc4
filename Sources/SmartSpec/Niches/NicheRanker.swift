/// The four quadrants of Balland, Boschma, Crespo & Rigby (2019): relatedness density (risk) against
/// complexity (benefit).
public enum NicheQuadrant: String, Sendable, CaseIterable, Codable {
    /// Density at or above the cut, PCI at or above 0: the ideal case.
    case lowRiskHighBenefit = "low-risk-high-benefit"
    /// Density at or above the cut, PCI below 0.
    case lowRiskLowBenefit = "low-risk-low-benefit"
    /// Density below the cut, PCI at or above 0.
    case highRiskHighBenefit = "high-risk-high-benefit"
    /// Density below the cut, PCI below 0: the least attractive.
    case highRiskLowBenefit = "high-risk-low-benefit"
}

/// How candidates are ranked.
public enum NicheRanking: String, Sendable, CaseIterable, Codable {
    /// Complexity outlook gain, ties by density (default).
    case cog
    /// Relatedness density, ties by COG.
    case density
    /// PCI, ties by density.
    case complexity
    /// Mean of the mid-rank percentiles of density and PCI among the region's candidates.
    case balanced
}

/// A held activity: one of the region's current strengths.
public struct NicheStrength: Sendable, Equatable {
    /// Activity index in the dataset.
    public let activity: Int
    /// Value (size) and share of the region's total.
    public let value: Double, share: Double
    /// RCA / location quotient, and in the earliest year when the dataset has two or more.
    public let rca: Double, earlierRCA: Double?
    /// Cluster stars (0–3) and which criteria earned them.
    public let stars: Int, size: Bool, specialisation: Bool, focus: Bool
    /// PCI, when the activity is in the computed component.
    public let pci: Double?
}

/// An activity the region does not hold, with the evidence for moving into it.
public struct NicheCandidate: Sendable, Equatable {
    /// Activity index in the dataset.
    public let activity: Int
    /// RCA, relatedness density, PCI and COG.
    public let rca: Double, density: Double, pci: Double, cog: Double
    /// Balland quadrant.
    public let quadrant: NicheQuadrant
    /// The ranking score (see ``NicheRanking``).
    public let score: Double
    /// Held activities closest to this one (largest proximity first), at most five.
    public let relatedHeld: [(activity: Int, proximity: Double)]

    public static func == (a: NicheCandidate, b: NicheCandidate) -> Bool {
        a.activity == b.activity && a.score == b.score && a.relatedHeld.map(\.activity) == b.relatedHeld.map(\.activity)
    }
}

/// A region's strengths and ranked niche candidates.
public struct RegionNiches: Sendable {
    /// Region index in the dataset.
    public let region: Int
    /// Held activities, most stars first, then highest RCA.
    public let strengths: [NicheStrength]
    /// Candidates, best first (all of them; take a prefix for a top N).
    public let candidates: [NicheCandidate]
    /// The density cut line (median density over the candidates, type 7) and the PCI cut line (0).
    public let densityCut: Double, complexityCut: Double
    /// The ranking used.
    public let ranking: NicheRanking
    /// Local activities left out of the strengths and candidates (empty with `includeLocal`),
    /// in dataset order.
    public var setAside: [Int] = []
}

/// Turns a ``NicheAnalysis`` into one region's strengths and ranked candidates.
public struct NicheRanker: Sendable {
    /// The analysis ranked.
    public let analysis: NicheAnalysis
    /// Whether local activities (``ActivityScope/local``) may be strengths and candidates; by
    /// default only traded activities are.
    public let includeLocal: Bool

    /// Creates a ranker.
    public init(_ analysis: NicheAnalysis, includeLocal: Bool = false) {
        self.analysis = analysis
        self.includeLocal = includeLocal
    }

    /// Strengths and candidates of the region with `code`.
    /// - Throws: ``NichesError/unknownRegion(_:)``.
    public func niches(for code: String, ranking: NicheRanking = .cog) throws -> RegionNiches {
        guard let r = analysis.dataset.regionIndex(of: code) else { throw NichesError.unknownRegion(code) }
        return try niches(region: r, ranking: ranking)
    }

    /// Strengths and candidates of region `r`.
    /// - Throws: a ``LinearAlgebraError`` if the COG product fails.
    public func niches(region r: Int, ranking: NicheRanking = .cog) throws -> RegionNiches {
        let a = analysis, m = a.table.activityCount
        let gains = try a.outlook.gains(region: r)
        let eligible = { (p: Int) in self.includeLocal || a.dataset.activities[p].scope == .traded }
        let heldAll = (0..<m).filter { a.presence[region: r, activity: $0] }
        let held = heldAll.filter(eligible)
        let open = (0..<m).filter { !a.presence[region: r, activity: $0] && a.complexity.pci[$0] != nil && eligible($0) }
        let densities = open.map { a.outlook.density(region: r, activity: $0) }
        let densityCut = Statistics.quantile(densities, 0.5) ?? 0
        let pcis = open.map { a.complexity.pci[$0]! }
        let scores = score(open, gains: gains, ranking: ranking, densities: densities, pcis: pcis)
        var candidates = open.enumerated().map { i, p in
            NicheCandidate(activity: p, rca: a.specialisation.value(region: r, activity: p), density: densities[i], pci: pcis[i],
                           cog: gains[p],
                           quadrant: Self.quadrant(density: densities[i], pci: pcis[i], densityCut: densityCut),
                           score: scores[i], relatedHeld: a.proximity.nearest(to: p, among: heldAll, count: 5))
        }
        candidates.sort { x, y in
            if x.score != y.score { return x.score > y.score }
            let (tx, ty) = ranking == .density ? (x.cog, y.cog) : (x.density, y.density)
            if tx != ty { return tx > ty }
            return a.dataset.activities[x.activity].code < a.dataset.activities[y.activity].code
        }
        return RegionNiches(region: r, strengths: strengths(region: r, held: held), candidates: candidates,
                            densityCut: densityCut, complexityCut: 0, ranking: ranking,
                            setAside: (0..<m).filter { !eligible($0) })
    }

    /// The quadrant of a candidate.
    public static func quadrant(density: Double, pci: Double, densityCut: Double) -> NicheQuadrant {
        switch (density >= densityCut, pci >= 0) {
        case (true, true): return .lowRiskHighBenefit
        case (true, false): return .lowRiskLowBenefit
        case (false, true): return .highRiskHighBenefit
        case (false, false): return .highRiskLowBenefit
        }
    }

    private func score(_ open: [Int], gains: [Double], ranking: NicheRanking, densities: [Double], pcis: [Double]) -> [Double] {
        switch ranking {
        case .cog: return open.map { gains[$0] }
        case .density: return densities
        case .complexity: return pcis
        case .balanced:
            return zip(Statistics.midRankPercentiles(densities), Statistics.midRankPercentiles(pcis)).map { ($0 + $1) / 2 }
        }
    }

    private func strengths(region r: Int, held: [Int]) -> [NicheStrength] {
        let a = analysis, m = a.table.activityCount
        let total = a.table.values[(r * m)..<((r + 1) * m)].reduce(0, +)
        return held.map { p in
            let c = a.stars.criteria[r * m + p]
            return NicheStrength(activity: p, value: a.table[region: r, activity: p],
                                 share: total > 0 ? a.table[region: r, activity: p] / total : 0,
                                 rca: a.specialisation.value(region: r, activity: p),
                                 earlierRCA: a.earlierSpecialisation?.value(region: r, activity: p),
                                 stars: a.stars.stars(region: r, activity: p), size: c.size, specialisation: c.specialisation,
                                 focus: c.focus, pci: a.complexity.pci[p])
        }.sorted { x, y in
            if x.stars != y.stars { return x.stars > y.stars }
            if x.rca != y.rca { return x.rca > y.rca }
            return a.dataset.activities[x.activity].code < a.dataset.activities[y.activity].code
        }
    }
}
