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
        public var indicator: String, label: LocalizedName, dimension: LocalizedName, role: IndicatorRole, unit: String?
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
        public var indicator: String, label: LocalizedName, direction: IndicatorDirection, unit: String?
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
        public var rca: Double, density: Double, pci: Double, cog: Double, quadrant: NicheQuadrant, score: Double
        public var relatedHeld: [RelatedActivity]
        /// The entry model's probability of entry and its 95% interval (nil without a panel).
        public var entryProbability: Double? = nil, entryInterval: [Double]? = nil
        /// The frontier's axes (feasibility: the entry probability, or density without a panel;
        /// benefit: PCI), the candidate's frontier layer (0 = on the frontier) and, when dominated,
        /// the code of a candidate both more feasible and more valuable.
        public var feasibility: Double = 0, benefit: Double = 0, layer: Int = 0, dominatedBy: String? = nil
    }

    /// The entry model of the sheet's method section (``EntryModel``).
    public struct EntryModelSummary: Sendable, Equatable, Codable {
        public var baseYear: Int, targetYear: Int, terms: [String], coefficients: [Double], standardErrors: [Double]
        public var cells: Int, entries: Int, outOfSampleAUC: Double?
    }

    /// How well the signals predicted the past in this dataset (``Backtest``, first year to last).
    public struct Evidence: Sendable, Equatable, Codable {
        /// The period, when the dataset has two years of activities; nil when it has one.
        public var baseYear: Int?, targetYear: Int?
        /// Open cells and entries of the backtest.
        public var cells: Int?, entries: Int?
        /// ROC AUC of relatedness density and of the candidate score, with their 95% bootstrap intervals.
        public var densityAUC: Double?, densityInterval: [Double]?, scoreAUC: Double?, scoreInterval: [Double]?
    }

    /// The candidate niches: every candidate's position for the chart, and the top ones in detail.
    public struct CandidateSection: Sendable, Equatable, Codable {
        /// `ranking` is `frontier`: the candidates are in the feasibility–benefit frontier's order.
        public var densityCut: Double, complexityCut: Double, ranking: String
        public var all: [CandidateRow], top: [CandidateRow]
        /// Local activities left out of strengths, candidates and recommendations (code and label).
        public var setAside: [SetAside] = []
    }

    /// A local activity the sheet set aside.
    public struct SetAside: Sendable, Equatable, Codable {
        public var code: String, label: LocalizedName
    }

    /// 6. The futures of a foresight study.
    public struct Futures: Sendable, Equatable, Codable {
        /// One consistent scenario: its variant per descriptor, volume weight and total impact score.
        public struct Scenario: Sendable, Equatable, Codable {
            public var id: String, variants: [ScenarioVariant], weight: Double, totalImpactScore: Int
            /// With several panels: in how many it is consistent.
            public var panels: Int?
            /// With judgement uncertainty: its share of consistent samples and the share's 95 % Wilson interval.
            public var uncertaintyShare: Double?, uncertaintyInterval: [Double]?
            /// The active variant of every descriptor, as an index into ``Futures/descriptors``' variants.
            public var active: [Int]?
            /// Its inconsistency in the study's own matrix.
            public var inconsistency: Int?
        }
        /// A descriptor with all its variants (for the scenario tableau).
        public struct Descriptor: Sendable, Equatable, Codable {
            public var label: LocalizedName, variants: [LocalizedName]
        }
        /// The judgement uncertainty of ``Scenario/uncertaintyShare``.
        public struct Uncertainty: Sendable, Equatable, Codable {
            public var spread: Int, samples: Int, seed: UInt64, keepSign: Bool
        }
        /// A descriptor's active variant.
        public struct ScenarioVariant: Sendable, Equatable, Codable {
            public var descriptor: LocalizedName, variant: LocalizedName
        }
        /// A study priority scored across the scenarios.
        public struct Priority: Sendable, Equatable, Codable {
            public var id: String, label: LocalizedName, activities: [String]
            public var scores: [Double], expected: Double, worst: Double, topHalfShare: Double, robustness: PriorityRobustness
        }
        public var study: LocalizedName, weighting: ScenarioOutlook.WeightingUsed, scenarios: [Scenario], priorities: [Priority]
        /// With several panels: their names (the study's own first, as `study`).
        public var panels: [String]?
        /// With judgement uncertainty: its settings.
        public var uncertainty: Uncertainty?
        /// The descriptors with all their variants.
        public var descriptors: [Descriptor]?
    }

    /// What a signal measures.
    public enum SignalKind: String, Sendable, Equatable, Codable, CaseIterable {
        /// The region's RCA in a held activity.
        case specialisation
        /// The activity's cluster stars.
        case cluster
        /// Relatedness density of a candidate.
        case relatedness
        /// Complexity outlook gain of a candidate.
        case outlook
        /// The activity's complexity (PCI).
        case complexity
        /// How many reference regions hold the activity.
        case peers
        /// The robustness of the study priority that covers the activity.
        case foresight
    }

    /// Why an activity is recommended: one signal and whether it agrees.
    public struct Signal: Sendable, Equatable, Codable {
        /// What the signal measures.
        public var kind: SignalKind
        /// Whether it speaks for the activity.
        public var agrees: Bool
        /// The numbers the sentence is built from (names are fixed per kind, see Methodology).
        public var values: [String: Double]
        /// The study priority a `foresight` signal refers to, and its robustness.
        public var priority: String?, robustness: PriorityRobustness?

        /// Creates a signal.
        public init(kind: SignalKind, agrees: Bool, values: [String: Double], priority: String? = nil, robustness: PriorityRobustness? = nil) {
            (self.kind, self.agrees, self.values, self.priority, self.robustness) = (kind, agrees, values, priority, robustness)
        }

        private enum CodingKeys: String, CodingKey { case kind, agrees, values, texts }
        private struct Texts: Codable, Equatable { var priority: String?, robustness: PriorityRobustness? }

        /// The JSON form keeps the text values together under `texts` (schema 1).
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(agrees, forKey: .agrees)
            try c.encode(values, forKey: .values)
            try c.encode(Texts(priority: priority, robustness: robustness), forKey: .texts)
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let texts = try c.decodeIfPresent(Texts.self, forKey: .texts)
            self.init(kind: try c.decode(SignalKind.self, forKey: .kind), agrees: try c.decode(Bool.self, forKey: .agrees),
                      values: try c.decode([String: Double].self, forKey: .values), priority: texts?.priority, robustness: texts?.robustness)
        }
    }

    /// Whether a recommendation keeps a strength or opens a new activity.
    public enum RecommendationKind: String, Sendable, Equatable, Codable, CaseIterable {
        /// A held strength.
        case consolidate
        /// A candidate niche.
        case diversify
    }

    /// How many of a recommendation's signals agree.
    public enum Confidence: String, Sendable, Equatable, Codable, CaseIterable {
        /// All signals but at most one agree.
        case high
        /// More than half agree.
        case medium
        /// Half or fewer agree.
        case low
    }

    /// 7. A recommended priority.
    public struct Recommendation: Sendable, Equatable, Codable {
        public var rank: Int, activity: String, label: LocalizedName
        /// A held strength or a candidate niche.
        public var kind: RecommendationKind
        public var signals: [Signal]
        /// Signals that agree, and signals available.
        public var agreeing: Int, available: Int
        /// How many of the signals agree.
        public var confidence: Confidence
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
        /// The analyses' parameters by name (`similarity.method`, `niches.threshold`, ...).
        public var parameters: [String: ParameterValue]
        public var commandLine: String
        public var methodology: [String]

        /// The presence threshold of the niche analyses (1 when not recorded).
        public var threshold: Double {
            switch parameters["niches.threshold"] {
            case .number(let x)?: return x
            case .count(let n)?: return Double(n)
            default: return 1
            }
        }
    }

    public var region: RegionInfo
    /// Structural dimensions used for similarity, in order.
    public var dimensions: [DimensionInfo]
    public var profile: [ProfileRow]
    public var references: [ReferenceRow]
    public var gaps: [GapRow]
    public var strengths: [StrengthRow]
    public var candidates: CandidateSection?
    /// The backtest box (with activities); says when no backtest is possible.
    public var evidence: Evidence?
    /// The entry model behind the candidates' entry probabilities (nil without a panel).
    public var entryModel: EntryModelSummary? = nil
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

/// A parameter of the analyses, as the method section of a sheet records it. In JSON every value is
/// a string (schema 1): numbers in Swift's shortest form, flags `true`/`false`, ranges `3-7`.
public enum ParameterValue: Sendable, Equatable, Codable, CustomStringConvertible {
    /// A number.
    case number(Double)
    /// A whole number.
    case count(Int)
    /// A yes/no setting.
    case flag(Bool)
    /// One value of a fixed vocabulary (a method's id such as `pca`, `atlas`, `volume`).
    case choice(String)
    /// A range of whole numbers.
    case range(ClosedRange<Int>)
    /// Every structural dimension weighs 1.
    case equalWeights
    /// Dimension weights given by the user, by dimension id.
    case weights([String: Double])

    public var description: String {
        switch self {
        case .number(let x): return "\(x)"
        case .count(let n): return "\(n)"
        case .flag(let b): return "\(b)"
        case .choice(let id): return id
        case .range(let r): return "\(r.lowerBound)-\(r.upperBound)"
        case .equalWeights: return "1 for every dimension"
        case .weights(let w): return w.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// Reads the string form back (a plain word becomes a ``choice(_:)``).
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text == ParameterValue.equalWeights.description { self = .equalWeights }
        else if let b = Bool(text) { self = .flag(b) }
        else if let n = Int(text) { self = .count(n) }
        else if let x = Double(text) { self = .number(x) }
        else if let r = Self.range(text) { self = .range(r) }
        else if text.contains("=") {
            var w: [String: Double] = [:]
            for pair in text.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let v = Double(parts[1]) else { self = .choice(text); return }
                w[String(parts[0])] = v
            }
            self = .weights(w)
        } else { self = .choice(text) }
    }

    private static func range(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b else { return nil }
        return a...b
    }
}
