/// The rules that turn the analyses into recommended priorities and cross-border partners
/// (`Methodology/recommendation-sheets.md` states them in words).
extension SheetBuilder {
    /// The study priority that covers activity `a` (by code or group), if any.
    func linkedPriority(_ a: Int, _ futures: RecommendationSheet.Futures?) -> RecommendationSheet.Futures.Priority? {
        let activity = dataset.activities[a]
        return futures?.priorities.first { p in p.activities.contains(activity.code) || activity.group.map(p.activities.contains) == true }
    }

    /// The recommended priorities, by two rules (`Methodology/recommendation-sheets.md`):
    /// - **consolidate**: the strengths with at least two cluster stars, most stars first, then
    ///   highest RCA — at most 3;
    /// - **diversify**: the candidates on the feasibility–benefit frontier, in the frontier's order
    ///   (the order of the candidate table), filling the list up to 7; a dominated candidate is
    ///   never recommended.
    /// Every recommendation carries the signals that describe it (specialisation, stars, density,
    /// COG, PCI, peers, foresight) and a confidence from how many of them agree.
    func recommend(region r: Int, peers: [Int], niches: RegionNiches?, frontier: [NicheCandidate],
                   futures: RecommendationSheet.Futures?) -> [RecommendationSheet.Recommendation] {
        guard let niches, let analysis = self.niches else { return [] }
        typealias Signal = RecommendationSheet.Signal
        func peerSignal(_ a: Int) -> Signal {
            let holding = peers.filter { analysis.presence[region: $0, activity: a] }.count
            let share = peers.isEmpty ? 0 : Double(holding) / Double(peers.count)
            return Signal(kind: .peers, agrees: share >= options.peerShare, values: ["share": share, "holding": Double(holding), "peers": Double(peers.count)])
        }
        func complexitySignal(_ pci: Double?) -> Signal? {
            pci.map { Signal(kind: .complexity, agrees: $0 >= 0, values: ["pci": $0]) }
        }
        func foresightSignal(_ a: Int) -> Signal? {
            linkedPriority(a, futures).map { p in
                Signal(kind: .foresight, agrees: p.robustness == .robust, values: ["topHalfShare": p.topHalfShare, "expected": p.expected],
                       priority: p.id, robustness: p.robustness)
            }
        }
        var choices: [(activity: Int, kind: RecommendationSheet.RecommendationKind, signals: [Signal])] = []
        let consolidate = niches.strengths.filter { $0.stars >= 2 }
            .sorted { x, y in x.stars != y.stars ? x.stars > y.stars : (x.rca != y.rca ? x.rca > y.rca : x.activity < y.activity) }
            .prefix(3)
        for s in consolidate {
            let signals = [Signal(kind: .specialisation, agrees: s.rca >= analysis.options.threshold, values: ["rca": s.rca]),
                           Signal(kind: .cluster, agrees: s.stars >= 2, values: ["stars": Double(s.stars)])]
                + [complexitySignal(s.pci), peerSignal(s.activity), foresightSignal(s.activity)].compactMap { $0 }
            choices.append((s.activity, .consolidate, signals))
        }
        for c in frontier.prefix(max(0, options.recommendations.upperBound - choices.count)) {
            let signals = [Signal(kind: .relatedness, agrees: c.density >= niches.densityCut, values: ["density": c.density, "cut": niches.densityCut]),
                           Signal(kind: .outlook, agrees: c.cog > 0, values: ["cog": c.cog])]
                + [complexitySignal(c.pci), peerSignal(c.activity), foresightSignal(c.activity)].compactMap { $0 }
            choices.append((c.activity, .diversify, signals))
        }
        return choices.enumerated().map { i, o in
            let (yes, all) = (o.signals.filter(\.agrees).count, o.signals.count)
            return .init(rank: i + 1, activity: dataset.activities[o.activity].code, label: activityName(o.activity), kind: o.kind,
                         signals: o.signals, agreeing: yes, available: all,
                         confidence: yes >= all - 1 ? .high : (2 * yes > all ? .medium : .low))
        }
    }

    /// For each recommendation: structurally similar regions in other countries that hold the
    /// activity (learn from) or, without it, one of its three most proximate activities (co-operate with).
    func partners(for recommendations: [RecommendationSheet.Recommendation], region r: Int,
                  finder: ReferenceRegionFinder) throws -> [RecommendationSheet.PartnerRow] {
        guard let analysis = niches, !recommendations.isEmpty else { return [] }
        let filter = CandidateFilter(excludeSameCountry: true)
        let region = dataset.regions[r]
        let pool = dataset.regions.filter { $0.country != region.country }.count
        guard pool > 0 else { return [] }
        let others = try finder.references(for: region.code, top: min(options.partnerPool, pool), filter: filter).references
        let m = dataset.activities.count
        return recommendations.map { rec in
            let a = dataset.activities.firstIndex { $0.code == rec.activity }!
            let complementary = analysis.proximity.nearest(to: a, among: Array(0..<m), count: 3).map(\.activity)
            func partner(_ ref: ReferenceRegion, _ activities: [Int]) -> RecommendationSheet.Partner {
                .init(code: ref.region.code, name: LocalizedName(ref.region.name, ru: ref.region.nameRu), country: ref.region.country,
                      distance: ref.distance, activities: activities.map { dataset.activities[$0].code })
            }
            var learn: [RecommendationSheet.Partner] = [], cooperate: [RecommendationSheet.Partner] = []
            for ref in others {
                let p = dataset.regionIndex(of: ref.region.code)!
                if analysis.presence[region: p, activity: a] {
                    if learn.count < options.partnersPerActivity { learn.append(partner(ref, [a])) }
                } else {
                    let held = complementary.filter { analysis.presence[region: p, activity: $0] }
                    if !held.isEmpty, cooperate.count < options.partnersPerActivity { cooperate.append(partner(ref, held)) }
                }
            }
            return .init(activity: rec.activity, label: rec.label, learnFrom: learn, cooperateWith: cooperate)
        }
    }
}
