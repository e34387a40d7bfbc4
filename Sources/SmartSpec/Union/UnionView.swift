/// The union view (`Methodology/union.md`): every region's held and recommended domains, the
/// domain × country matrix with a crowding index, and cross-border partnerships per domain.
public struct UnionView: Sendable, Codable {
    /// One domain across the union.
    public struct DomainRow: Sendable, Equatable, Codable {
        public var code: String, label: LocalizedName
        /// The NACE section of a division domain.
        public var section: String?
        /// Regions holding the domain (a held traded activity of it) and regions recommended it.
        public var regionsHolding: Int, regionsRecommended: Int
        /// (regions recommended + 1) / (regions holding + 1): above 1, more regions are steered
        /// into the domain than have a strength in it.
        public var crowding: Double
        /// The same counts by country.
        public var holdingByCountry: [String: Int], recommendedByCountry: [String: Int]
    }

    /// A pair of regions in different countries that share a domain.
    public struct Partnership: Sendable, Equatable, Codable {
        public var domain: String
        /// The two region codes and their countries (in region order of the dataset).
        public var regions: [String], countries: [String]
        /// ½ · structural similarity 1 / (1 + distance) + ½ · complementarity (1: one holds what the
        /// other is recommended; 0.5: both hold; 0: both are only recommended).
        public var score: Double, similarity: Double, complementarity: Double
        /// What each region does in the domain: `holds` or `recommended`.
        public var roles: [String]
    }

    /// One region: its country and its held and recommended domains.
    public struct RegionRow: Sendable, Equatable, Codable {
        public var code: String, name: LocalizedName, country: String
        public var holds: [String], recommended: [String]
        /// Candidates on its feasibility–benefit frontier (the map's colour).
        public var frontierCandidates: Int
    }

    public var regions: [RegionRow]
    public var domains: [DomainRow]
    public var partnerships: [Partnership]
    /// With declared priorities, their audit.
    public var audit: [AuditEntry]?

    /// Partnerships kept per domain, best first.
    public static let partnershipsPerDomain = 10

    /// Builds the view from the sheets of every region.
    /// - Parameters:
    ///   - sheets: the sheet of every region of the dataset, in any order.
    /// - Complexity: O(D · P²) pairs for D domains with P participating regions each.
    public init(builder: SheetBuilder, sheets: [RecommendationSheet], domains taxonomy: DomainTaxonomy, audit: [AuditEntry]? = nil) {
        let dataset = builder.dataset
        let domainOf = Dictionary(uniqueKeysWithValues: dataset.activities.indices.map { (dataset.activities[$0].code, taxonomy.domains[taxonomy.domainOfActivity[$0]].code) })
        let bySheet = Dictionary(uniqueKeysWithValues: sheets.map { ($0.region.code, $0) })
        var rows: [RegionRow] = []
        for region in dataset.regions {
            guard let sheet = bySheet[region.code] else { continue }
            let holds = Set(sheet.strengths.compactMap { domainOf[$0.activity] })
            let recommended = Set(sheet.recommendations.compactMap { domainOf[$0.activity] })
            rows.append(RegionRow(code: region.code, name: LocalizedName(region.name, ru: region.nameRu), country: region.country,
                                  holds: taxonomy.domains.map(\.code).filter(holds.contains),
                                  recommended: taxonomy.domains.map(\.code).filter(recommended.contains),
                                  frontierCandidates: sheet.candidates?.all.filter { $0.layer == 0 }.count ?? 0))
        }
        regions = rows
        // Domains whose activities are all local take no part: they are never strengths or recommendations.
        let tradedDomains = Set(dataset.activities.indices.filter { dataset.activities[$0].scope == .traded || builder.options.includeLocal }
            .map { taxonomy.domainOfActivity[$0] })
        self.domains = taxonomy.domains.indices.filter(tradedDomains.contains).map { taxonomy.domains[$0] }.map { d in
            let holding = rows.filter { $0.holds.contains(d.code) }, recommended = rows.filter { $0.recommended.contains(d.code) }
            let count = { (list: [RegionRow]) in Dictionary(grouping: list, by: \.country).mapValues(\.count) }
            return DomainRow(code: d.code, label: d.label, section: d.section, regionsHolding: holding.count, regionsRecommended: recommended.count,
                             crowding: Double(recommended.count + 1) / Double(holding.count + 1),
                             holdingByCountry: count(holding), recommendedByCountry: count(recommended))
        }
        var pairs: [Partnership] = []
        for d in self.domains {
            let members = rows.filter { $0.holds.contains(d.code) || $0.recommended.contains(d.code) }
            var candidates: [Partnership] = []
            for i in members.indices {
                for j in (i + 1)..<max(members.count, i + 1) where members[i].country != members[j].country {
                    let (a, b) = (members[i], members[j])
                    guard let ia = dataset.regionIndex(of: a.code), let ib = dataset.regionIndex(of: b.code) else { continue }
                    let similarity = 1 / (1 + builder.space.distance(ia, ib))
                    let aHolds = a.holds.contains(d.code), bHolds = b.holds.contains(d.code)
                    let complementarity = aHolds != bHolds ? 1.0 : (aHolds ? 0.5 : 0)
                    candidates.append(Partnership(domain: d.code, regions: [a.code, b.code], countries: [a.country, b.country],
                                                  score: OutputRounding.significant(similarity / 2 + complementarity / 2),
                                                  similarity: OutputRounding.significant(similarity), complementarity: complementarity,
                                                  roles: [aHolds ? "holds" : "recommended", bHolds ? "holds" : "recommended"]))
                }
            }
            candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.regions.lexicographicallyPrecedes($1.regions) }
            pairs += candidates.prefix(Self.partnershipsPerDomain)
        }
        partnerships = pairs
        self.audit = audit
    }
}
