/// One reference region of a region, with why it is close.
public struct ReferenceRegion: Sendable, Equatable {
    /// 1 for the closest.
    public var rank: Int
    /// The reference region.
    public var region: Region
    /// Structural distance `D`.
    public var distance: Double
    /// `1 / (1 + D)`.
    public var similarity: Double { 1 / (1 + distance) }
    /// `D_k` per dimension, in the space's dimension order.
    public var dimensionDistances: [Double]
    /// Standardised difference (reference − region) per structural indicator, in indicator order.
    public var indicatorDifferences: [Double]
}

/// The reference regions of one region.
public struct ReferenceRegions: Sendable {
    /// The region.
    public var region: Region
    /// Its reference regions, closest first (ties broken by code).
    public var references: [ReferenceRegion]
    /// Dimension ids, for ``ReferenceRegion/dimensionDistances``.
    public var dimensions: [String]
    /// Indicator ids, for ``ReferenceRegion/indicatorDifferences``.
    public var indicators: [String]

    /// The dimensions in which `reference` is closest to the region and those in which it differs
    /// most (ids): the `k = min(2, ⌊K/2⌋)` dimensions of smallest and of largest `D_k`, ties broken
    /// by dimension id, so that the two lists never share a dimension (K dimensions in all).
    /// - Complexity: O(K log K).
    public func contrast(_ reference: ReferenceRegion) -> (closest: [String], differing: [String]) {
        let order = dimensions.indices.sorted {
            let (a, b) = (reference.dimensionDistances[$0], reference.dimensionDistances[$1])
            return a != b ? a < b : dimensions[$0] < dimensions[$1]
        }
        let k = min(2, order.count / 2)
        return (order.prefix(k).map { dimensions[$0] }, order.reversed().prefix(k).map { dimensions[$0] })
    }
}

/// Which regions may be reference regions.
public struct CandidateFilter: Sendable, Equatable {
    /// Leave out regions of the region's own country.
    public var excludeSameCountry: Bool
    /// Only regions of these countries (nil = all).
    public var countries: Set<String>?

    /// Creates a filter.
    public init(excludeSameCountry: Bool = false, countries: Set<String>? = nil) {
        self.excludeSameCountry = excludeSameCountry
        self.countries = countries
    }

    /// The smallest number of candidates any region has under this filter (computed from country counts).
    public func fewestCandidates(among regions: [Region]) -> Int {
        var perCountry: [String: Int] = [:]
        for region in regions { perCountry[region.country, default: 0] += 1 }
        let allowedTotal = countries.map { allowed in perCountry.filter { allowed.contains($0.key) }.values.reduce(0, +) } ?? regions.count
        return perCountry.map { country, count in
            let own = countries.map { $0.contains(country) } ?? true
            return excludeSameCountry ? allowedTotal - (own ? count : 0) : allowedTotal - (own ? 1 : 0)
        }.min() ?? 0
    }

    /// The filter as country groups, for the all-pairs search.
    func eligibility(for regions: [Region]) -> NeighbourEligibility {
        var groups: [String: Int32] = [:]
        let group = regions.map { region in
            if let g = groups[region.country] { return g }
            let g = Int32(groups.count)
            groups[region.country] = g
            return g
        }
        let allowed = countries.map { set in
            groups.sorted { $0.value < $1.value }.map { set.contains($0.key) }
        }
        return NeighbourEligibility(group: group, excludeSameGroup: excludeSameCountry, allowedGroups: allowed)
    }

    /// Whether `candidate` may be a reference region of `region`.
    public func allows(_ candidate: Region, for region: Region) -> Bool {
        candidate.code != region.code
            && (!excludeSameCountry || candidate.country != region.country)
            && (countries?.contains(candidate.country) ?? true)
    }
}

/// Finds reference regions: the regions structurally closest to a region.
public struct ReferenceRegionFinder: Sendable {
    /// The structural space.
    public let space: StructuralSpace

    /// Creates a finder.
    public init(space: StructuralSpace) { self.space = space }

    /// Index of a region code, or an error with the nearest code as a suggestion.
    public func index(of code: String) throws -> Int {
        if let index = space.regions.firstIndex(where: { $0.code == code }) { return index }
        let lower = code.lowercased()
        let suggestion = space.regions.first { $0.code.lowercased() == lower }?.code
            ?? space.regions.min { editDistance($0.code.lowercased(), lower) < editDistance($1.code.lowercased(), lower) }
                .flatMap { editDistance($0.code.lowercased(), lower) <= 2 ? $0.code : nil }
        throw SimilarityError.unknownRegion(code, suggestion: suggestion)
    }

    /// The `top` reference regions of `code`.
    public func references(for code: String, top: Int, filter: CandidateFilter = CandidateFilter()) throws -> ReferenceRegions {
        let r = try index(of: code)
        let region = space.regions[r]
        let candidates = space.regions.indices.filter { filter.allows(space.regions[$0], for: region) }
        guard !candidates.isEmpty else { throw SimilarityError.noCandidates("the country filter leaves no region") }
        guard top >= 1, top <= candidates.count else { throw SimilarityError.tooManyReferences(requested: top, available: candidates.count) }
        let ranked = candidates.map { ($0, space.distance(r, $0)) }
            .sorted { $0.1 < $1.1 || ($0.1 == $1.1 && space.regions[$0.0].code < space.regions[$1.0].code) }
            .prefix(top)
        let z = space.standardised.z
        let references = ranked.enumerated().map { rank, pair in
            ReferenceRegion(rank: rank + 1, region: space.regions[pair.0], distance: pair.1,
                            dimensionDistances: space.dimensionDistances(r, pair.0),
                            indicatorDifferences: (0..<z.columns).map { z[pair.0, $0] - z[r, $0] })
        }
        return ReferenceRegions(region: region, references: references, dimensions: space.dimensions.map(\.dimension),
                                indicators: space.standardised.indicators.map(\.id))
    }

    /// The `top` reference regions of every region (index and distance), by blocked products.
    public func allReferences(top: Int, filter: CandidateFilter = CandidateFilter(),
                              progress: (@Sendable (Double) -> Void)? = nil) throws -> [[(index: Int, distance: Double)]] {
        try search(top: top, filter: filter).run(tieBreak: tieBreak, progress: progress)
    }

    /// A shard's part of ``allReferences(top:filter:progress:)``: the partial lists from the pairs
    /// of regions the shard computes (``Shard/pairBlocks(of:)``), for every region of those pairs, by region.
    /// ``mergeReferences(_:top:)`` joins the parts of all shards into exactly the unsharded lists.
    /// Complexity: about `n²/(2·count)` products for `n` regions.
    public func partialReferences(top: Int, filter: CandidateFilter = CandidateFilter(), shard: Shard,
                                  progress: (@Sendable (Double) -> Void)? = nil) throws -> [(region: Int, references: [(index: Int, distance: Double)])] {
        try search(top: top, filter: filter).run(blocks: shard.pairBlocks(of: space.regions.count), tieBreak: tieBreak, progress: progress)
            .map { (region: $0.point, references: $0.list) }.sorted { $0.region < $1.region }
    }

    /// The lists of ``allReferences(top:filter:progress:)`` from the parts of every shard
    /// (``partialReferences(top:filter:shard:progress:)``), given the regions' `codes` in dataset
    /// order: per region, the first `top` of the union of its partial lists by (distance, code).
    public static func mergeReferences(_ parts: [(region: Int, references: [(index: Int, distance: Double)])], codes: [String],
                                       top: Int) -> [[(index: Int, distance: Double)]] {
        NearestNeighbourSearch.merge(parts.map { (point: $0.region, list: $0.references) }, points: codes.count, neighbours: top,
                                     tieBreak: { codes[$0] < codes[$1] })
    }

    /// Ties in distance are broken by region code.
    private var tieBreak: (Int, Int) -> Bool {
        let regions = space.regions
        return { regions[$0].code < regions[$1].code }
    }

    private func search(top: Int, filter: CandidateFilter) throws -> NearestNeighbourSearch {
        let available = filter.fewestCandidates(among: space.regions)
        guard top >= 1, top <= available else { throw SimilarityError.tooManyReferences(requested: top, available: available) }
        return NearestNeighbourSearch(points: space.points, neighbours: top, eligibility: filter.eligibility(for: space.regions))
    }
}

/// Levenshtein distance, for suggesting a region code.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
