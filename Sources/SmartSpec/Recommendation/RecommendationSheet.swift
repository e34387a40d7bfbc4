/// A name in the languages the sheets are written in; `ru` is nil when the data gives none.
public struct LocalizedName: Sendable, Equatable, Codable {
    /// English (or the dataset's main language).
    public var en: String
    /// Russian.
    public var ru: String?

    /// Creates a name.
    public init(_ en: String, ru: String? = nil) {
        self.en = en
        self.ru = ru
    }
}

/// Everything one recommendation sheet says about a region, as data: the renderers (HTML, Markdown,
/// JSON, CSV) only format it. Sections follow the order of the sheet.
public struct RecommendationSheet: Sendable, Equatable, Codable {
    /// The region the sheet is about.
    public struct RegionInfo: Sendable, Equatable, Codable {
        public var code: String, name: LocalizedName, country: String
    }

    /// 1. One indicator of the profile: the region's value against the whole dataset.
    public struct ProfileRow: Sendable, Equatable, Codable {
        public var indicator: String, label: LocalizedName, dimension: LocalizedName, role: String, unit: String?
        /// The value (nil when missing), its mid-rank percentile (0–100) and rank (1 = highest) among the regions with data.
        public var value: Double?, percentile: Double?, rank: Int?, regionsWithData: Int
    }

    /// 2. One reference region.
    public struct ReferenceRow: Sendable, Equatable, Codable {
        public var rank: Int, code: String, name: LocalizedName, country: String
        public var distance: Double, similarity: Double
        /// Distance in each dimension, in ``RecommendationSheet/dimensions`` order.
        public var dimensionDistances: [Double]
        /// The dimensions that make the regions closest and those in which they differ most (ids).
        public var closest: [String], differing: [String]
    }

    /// 3. A performance gap against the peers.
    public struct GapRow: Sendable, Equatable, Codable {
        public var indicator: String, label: LocalizedName, direction: String, unit: String?
        public var value: Double?, peerMedian: Double?, lowerQuartile: Double?, upperQuartile: Double?
        public var percentile: Double?, gap: Double?, standardisedGap: Double?, bestPeer: String?
    }

    /// 4. A held activity.
    public struct StrengthRow: Sendable, Equatable, Codable {
        public var activity: String, label: LocalizedName, value: Double, share: Double
        public var rca: Double, earlierRCA: Double?, stars: Int, size: Bool, specialisation: Bool, focus: Bool, pci: Double?
    }

    /// A held activity near a candidate.
    public struct RelatedActivity: Sendable, Equatable, Codable {
        public var activity: String, label: LocalizedName, proximity: Double
    }

    /// 5. A candidate niche.
    public struct CandidateRow: Sendable, Equatable, Codable {
        public var activity: String, label: LocalizedName
        public var rca: Double, density: Double, pci: Double, cog: Double, quadrant: String, score: Double
        public var relatedHeld: [RelatedActivity]
    }

    /// The candidate niches: every candidate's position for the chart, and the top ones in detail.
    public struct CandidateSection: Sendable, Equatable, Codable {
        public var densityCut: Double, complexityCut: Double, ranking: String
        public var all: [CandidateRow], top: [CandidateRow]
    }

    /// 6. The futures of a foresight study.
    public struct Futures: Sendable, Equatable, Codable {
        /// One consistent scenario: its variant per descriptor, volume weight and total impact score.
        public struct Scenario: Sendable, Equatable, Codable {
            public var id: String, variants: [ScenarioVariant], weight: Double, totalImpactScore: Int
        }
        /// A descriptor's active variant.
        public struct ScenarioVariant: Sendable, Equatable, Codable {
            public var descriptor: LocalizedName, variant: LocalizedName
        }
        /// A study priority scored across the scenarios.
        public struct Priority: Sendable, Equatable, Codable {
            public var id: String, label: LocalizedName, activities: [String]
            public var scores: [Double], expected: Double, worst: Double, topHalfShare: Double, robustness: String
        }
        public var study: LocalizedName, weighting: String, scenarios: [Scenario], priorities: [Priority]
    }

    /// Why an activity is recommended: one signal and whether it agrees.
    public struct Signal: Sendable, Equatable, Codable {
        /// What the signal measures (`specialisation`, `cluster`, `relatedness`, `outlook`,
        /// `complexity`, `peers`, `foresight`).
        public var kind: String
        /// Whether it speaks for the activity.
        public var agrees: Bool
        /// The numbers the sentence is built from (names are fixed per kind, see Methodology).
        public var values: [String: Double]
        /// Text values (a priority id, a robustness class, activity codes).
        public var texts: [String: String]
    }

    /// 7. A recommended priority.
    public struct Recommendation: Sendable, Equatable, Codable {
        public var rank: Int, activity: String, label: LocalizedName
        /// `consolidate` (a held strength) or `diversify` (a candidate niche).
        public var kind: String
        public var signals: [Signal]
        /// Signals that agree, and signals available.
        public var agreeing: Int, available: Int
        /// `high` (all but at most one agree), `medium` (more than half), `low`.
        public var confidence: String
    }

    /// 8. A partner region in another country.
    public struct Partner: Sendable, Equatable, Codable {
        public var code: String, name: LocalizedName, country: String, distance: Double
        /// Activities that make it a partner (the recommended one, or complementary ones).
        public var activities: [String]
    }

    /// Partners for one recommended activity.
    public struct PartnerRow: Sendable, Equatable, Codable {
        public var activity: String, label: LocalizedName
        public var learnFrom: [Partner], cooperateWith: [Partner]
    }

    /// 9. How the sheet was made.
    public struct Method: Sendable, Equatable, Codable {
        public var tool: String, version: String
        public var dataset: String, datasetSynthetic: Bool, datasetSHA256: String, datasetFiles: [String]
        /// Number of regions in the dataset.
        public var datasetRegions: Int
        public var study: String?, studySHA256: String?
        public var parameters: [String: String]
        public var commandLine: String
        public var methodology: [String]
    }

    public var region: RegionInfo
    /// Structural dimensions used for similarity, in order.
    public var dimensions: [DimensionInfo]
    public var profile: [ProfileRow]
    public var references: [ReferenceRow]
    public var gaps: [GapRow]
    public var strengths: [StrengthRow]
    public var candidates: CandidateSection?
    public var futures: Futures?
    public var recommendations: [Recommendation]
    public var partners: [PartnerRow]
    public var method: Method
    /// Plain-language warnings of the analyses.
    public var warnings: [String]

    /// A structural dimension.
    public struct DimensionInfo: Sendable, Equatable, Codable {
        public var id: String, label: LocalizedName
    }
}
