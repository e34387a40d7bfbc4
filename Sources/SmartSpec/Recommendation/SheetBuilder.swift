/// Options of a recommendation sheet.
public struct SheetOptions: Sendable, Equatable {
    /// Reference regions listed (and used as the peer group).
    public var references: Int = 10
    /// Candidate niches listed in detail.
    public var candidates: Int = 10
    /// Fewest and most recommended priorities.
    public var recommendations: ClosedRange<Int> = 3...7
    /// Structurally similar regions in other countries searched for partners.
    public var partnerPool: Int = 20
    /// Partners listed per recommended activity and kind.
    public var partnersPerActivity: Int = 3
    /// Share of the reference regions that must hold an activity for the peer signal to agree.
    public var peerShare: Double = 0.3
    /// Similarity method, weights and sparsity rule.
    public var similarity = SimilarityOptions()
    /// Presence threshold, complexity convention, proximity measure.
    public var niches = NicheOptions()
    /// Bootstrap draws of the evidence box's intervals (seed 1).
    public var evidenceDraws: Int = 200
    /// Whether local activities may be strengths, candidates and recommendations (by default only
    /// traded activities are; `Methodology/traded-local.md`).
    public var includeLocal = false

    /// Default options (see `Methodology/recommendation-sheets.md`).
    public init() {}
}

/// Where the inputs of a sheet came from, for its method section.
public struct SheetProvenance: Sendable, Equatable {
    /// Tool version, the exact command line, dataset and study fingerprints.
    public var version: String, commandLine: String
    public var dataset: DatasetFingerprint
    public var studyName: String?, studySHA256: String?

    /// Creates the provenance.
    public init(version: String, commandLine: String, dataset: DatasetFingerprint, studyName: String? = nil, studySHA256: String? = nil) {
        self.version = version
        self.commandLine = commandLine
        self.dataset = dataset
        self.studyName = studyName
        self.studySHA256 = studySHA256
    }
}

/// Builds recommendation sheets: runs the reference-region, niche and foresight analyses once for a
/// dataset and joins them, region by region, into ``RecommendationSheet`` values.
public struct SheetBuilder: Sendable {
    /// The dataset.
    public let dataset: Dataset
    /// Options.
    public let options: SheetOptions
    /// Structural space for reference regions.
    public let space: StructuralSpace
    /// Niche analysis (nil when the dataset has no activities).
    public let niches: NicheAnalysis?
    /// The study and its futures, when given.
    public let study: ForesightStudy?, outlook: ScenarioOutlook?
    /// The backtest of the signals from the first to the last year of activities (nil with one year
    /// or when it cannot run), for every sheet's evidence box.
    public let backtest: Backtest?
    /// The entry model fitted on that backtest's cells (nil without a panel or when it cannot be fitted).
    public let entryModel: EntryModel?
    /// Provenance for the method section.
    public let provenance: SheetProvenance

    /// Runs the analyses.
    /// - Throws: the analyses' errors (``SimilarityError``, ``NichesError``, ``ForesightError``).
    public init(dataset: Dataset, study: ForesightStudy? = nil, options: SheetOptions = SheetOptions(), provenance: SheetProvenance) throws {
        self.dataset = dataset
        self.options = options
        self.provenance = provenance
        space = try StructuralSpace(dataset, options: options.similarity)
        niches = dataset.activityTables.isEmpty ? nil : try NicheAnalysis(dataset, options: options.niches)
        self.study = study
        outlook = try study.map { try ScenarioOutlook($0) }
        let years = Set(dataset.activityTables.compactMap(\.year)).sorted()
        backtest = years.count >= 2 ? try? Backtest(dataset, baseYear: years.first!, targetYear: years.last!, bootstrap: options.evidenceDraws, seed: 1) : nil
        entryModel = backtest?.entryModel
    }

    /// The sheet of the region with `code`.
    /// - Throws: ``SimilarityError/unknownRegion(_:suggestion:)`` for an unknown code.
    public func sheet(for code: String) throws -> RecommendationSheet {
        let finder = ReferenceRegionFinder(space: space)
        let r = try finder.index(of: code)
        let region = dataset.regions[r]
        let available = space.regions.count - 1
        let references = try finder.references(for: code, top: min(options.references, available))
        let peers = references.references.map { dataset.regionIndex(of: $0.region.code)! }
        let regionNiches = try niches.map { try NicheRanker($0, includeLocal: options.includeLocal).niches(region: r) }
        let ranked = regionNiches.map(frontierRows)
        let futures = self.futures()
        let recommendations = recommend(region: r, peers: peers, niches: regionNiches, frontier: ranked?.frontier ?? [], futures: futures)
        return RecommendationSheet(
            region: .init(code: region.code, name: LocalizedName(region.name, ru: region.nameRu), country: region.country),
            dimensions: space.dimensions.map { d in
                let info = dataset.dimensions.first { $0.id == d.dimension }
                return .init(id: d.dimension, label: LocalizedName(info?.label ?? d.dimension, ru: info?.labelRu))
            },
            profile: profile(region: r), references: referenceRows(references),
            gaps: PeerBenchmark.gaps(dataset, region: r, peers: peers).map(gapRow),
            strengths: regionNiches.map { $0.strengths.map(strengthRow) } ?? [],
            candidates: regionNiches.map { candidateSection($0, rows: ranked!.rows) }, evidence: niches == nil ? nil : evidence(),
            entryModel: niches == nil ? nil : entryModelSummary(), futures: futures, recommendations: recommendations,
            partners: try partners(for: recommendations, region: r, finder: finder),
            method: method(), warnings: space.warnings + (niches?.warnings ?? []) + (study?.matrix?.warnings ?? []))
    }

    // MARK: Sections

    private func profile(region r: Int) -> [RecommendationSheet.ProfileRow] {
        dataset.indicators.enumerated().map { k, indicator in
            let column = dataset.indicatorValues.column(k).compactMap { $0 }
            let value = dataset.indicatorValues[region: r, indicator: k]
            let dimension = dataset.dimensions.first { $0.id == indicator.dimension }
            return .init(indicator: indicator.id, label: LocalizedName(indicator.label, ru: indicator.labelRu),
                         dimension: LocalizedName(dimension?.label ?? indicator.dimension, ru: dimension?.labelRu),
                         role: indicator.role, unit: indicator.unit, value: value,
                         percentile: value.flatMap { Statistics.percentile(of: $0, among: column) },
                         rank: value.map { v in 1 + column.filter { $0 > v }.count }, regionsWithData: column.count)
        }
    }

    private func referenceRows(_ result: ReferenceRegions) -> [RecommendationSheet.ReferenceRow] {
        result.references.map { ref in
            let (closest, differing) = result.contrast(ref)
            return .init(rank: ref.rank, code: ref.region.code, name: LocalizedName(ref.region.name, ru: ref.region.nameRu),
                         country: ref.region.country, distance: ref.distance, similarity: ref.similarity,
                         dimensionDistances: ref.dimensionDistances, closest: closest, differing: differing)
        }
    }

    private func gapRow(_ g: PerformanceGap) -> RecommendationSheet.GapRow {
        .init(indicator: g.indicator.id, label: LocalizedName(g.indicator.label, ru: g.indicator.labelRu), direction: g.indicator.direction,
              unit: g.indicator.unit, value: g.value, peerMedian: g.median, lowerQuartile: g.lowerQuartile, upperQuartile: g.upperQuartile,
              percentile: g.percentile, gap: g.gap, standardisedGap: g.standardisedGap, bestPeer: g.bestPeer)
    }

    func activityName(_ a: Int) -> LocalizedName {
        LocalizedName(dataset.activities[a].label, ru: dataset.activities[a].labelRu)
    }

    private func strengthRow(_ s: NicheStrength) -> RecommendationSheet.StrengthRow {
        .init(activity: dataset.activities[s.activity].code, label: activityName(s.activity), value: s.value, share: s.share,
              rca: s.rca, earlierRCA: s.earlierRCA, stars: s.stars, size: s.size, specialisation: s.specialisation, focus: s.focus, pci: s.pci)
    }

    private func candidateRow(_ c: NicheCandidate) -> RecommendationSheet.CandidateRow {
        .init(activity: dataset.activities[c.activity].code, label: activityName(c.activity), rca: c.rca, density: c.density, pci: c.pci,
              cog: c.cog, quadrant: c.quadrant, score: c.score,
              relatedHeld: c.relatedHeld.map { .init(activity: dataset.activities[$0.activity].code, label: activityName($0.activity), proximity: $0.proximity) })
    }

    /// The candidates in the frontier's order, with their entry probabilities and frontier fields,
    /// and the frontier's candidates (layer 0) in that order.
    private func frontierRows(_ n: RegionNiches) -> (rows: [RecommendationSheet.CandidateRow], frontier: [NicheCandidate]) {
        var rows = n.candidates.map(candidateRow)
        if let entryModel {
            for (i, c) in n.candidates.enumerated() {
                let p = entryModel.probability(density: c.density, rca: c.rca)
                rows[i].entryProbability = p.value
                rows[i].entryInterval = [p.low, p.high]
            }
        }
        for i in rows.indices {
            rows[i].feasibility = rows[i].entryProbability ?? rows[i].density
            rows[i].benefit = rows[i].pci
        }
        let ranking = FeasibilityBenefitFrontier.rank(feasibility: rows.map(\.feasibility), benefit: rows.map(\.benefit), codes: rows.map(\.activity))
        for i in rows.indices {
            rows[i].layer = ranking.layer[i]
            rows[i].dominatedBy = ranking.dominatedBy[i].map { rows[$0].activity }
        }
        return (ranking.order.map { rows[$0] }, ranking.order.filter { ranking.layer[$0] == 0 }.map { n.candidates[$0] })
    }

    private func entryModelSummary() -> RecommendationSheet.EntryModelSummary? {
        entryModel.map { m in
            .init(baseYear: m.baseYear, targetYear: m.targetYear, terms: EntryModel.terms, coefficients: m.coefficients,
                  standardErrors: m.standardErrors, cells: m.cells, entries: m.entries, outOfSampleAUC: m.outOfSampleAUC.isFinite ? m.outOfSampleAUC : nil)
        }
    }

    private func candidateSection(_ n: RegionNiches, rows all: [RecommendationSheet.CandidateRow]) -> RecommendationSheet.CandidateSection {
        return .init(densityCut: n.densityCut, complexityCut: n.complexityCut, ranking: "frontier",
                     all: all, top: Array(all.prefix(options.candidates)),
                     setAside: n.setAside.map { .init(code: dataset.activities[$0].code, label: activityName($0)) })
    }

    private func evidence() -> RecommendationSheet.Evidence {
        guard let backtest else { return .init() }
        let measure = { (s: Backtest.Signal) in backtest.entries.measures.first { $0.signal == s }! }
        let (density, score) = (measure(.density), measure(.score))
        let finite = { (x: Double) in x.isFinite ? x : nil }
        return .init(baseYear: backtest.baseYear, targetYear: backtest.targetYear, cells: backtest.entries.cells, entries: backtest.entries.events,
                     densityAUC: finite(density.auc), densityInterval: density.aucInterval.map { [$0.lowerBound, $0.upperBound] },
                     scoreAUC: finite(score.auc), scoreInterval: score.aucInterval.map { [$0.lowerBound, $0.upperBound] })
    }

    private func futures() -> RecommendationSheet.Futures? {
        guard let study, let outlook else { return nil }
        return RecommendationSheet.Futures(study: study, outlook: outlook)
    }

    private func method() -> RecommendationSheet.Method {
        let o = options
        var parameters: [String: ParameterValue] = [
            "references": .count(o.references), "similarity.method": .choice(o.similarity.method.rawValue),
            "similarity.weights": o.similarity.weights.isEmpty ? .equalWeights : .weights(o.similarity.weights),
            "similarity.allowSparse": .flag(o.similarity.allowSparse), "niches.threshold": .number(o.niches.threshold),
            "niches.convention": .choice(o.niches.convention.rawValue), "niches.proximity": .choice(o.niches.proximity.rawValue),
            "niches.ranking": .choice("frontier"), "candidates": .count(o.candidates), "niches.includeLocal": .flag(o.includeLocal),
            "frontier.feasibility": .choice(entryModel == nil ? "density" : "entryProbability"), "frontier.benefit": .choice("pci"),
            "recommendations": .range(o.recommendations),
            "partners.pool": .count(o.partnerPool), "partners.perActivity": .count(o.partnersPerActivity), "signals.peerShare": .number(o.peerShare),
        ]
        if let outlook { parameters["foresight.weighting"] = .choice(outlook.weighting.rawValue) }
        return .init(tool: "smartspec", version: provenance.version, dataset: dataset.info.name, datasetSynthetic: dataset.info.synthetic,
                     datasetSHA256: provenance.dataset.sha256, datasetFiles: provenance.dataset.files.map { "\($0.name) \($0.sha256)" },
                     datasetRegions: dataset.regions.count,
                     study: provenance.studyName, studySHA256: provenance.studySHA256, parameters: parameters,
                     commandLine: provenance.commandLine,
                     methodology: ["Methodology/reference-regions.md", "Methodology/niches.md", "Methodology/traded-local.md",
                                   "Methodology/foresight.md", "Methodology/recommendation-sheets.md"])
    }
}
