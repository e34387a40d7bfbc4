import SmartSpec

/// The sheet's tables as rows of text for CSV, headers in the sheet's language.
struct SheetTables {
    let sheet: RecommendationSheet
    let lang: SheetLanguage

    private func n(_ x: Double?, _ decimals: Int = 6) -> String { x.map { lang.number($0, decimals: decimals).replacingOccurrences(of: lang.groupSeparator, with: "") } ?? "" }

    var tables: [(String, [[String]])] {
        let t = { (key: String) in lang.text(key) }
        var out: [(String, [[String]])] = []
        out.append(("profile", [[t("csv.code"), t("profile.indicator"), t("profile.dimension"), t("profile.role"), t("profile.value"), t("profile.percentile"), t("profile.rank")]]
            + sheet.profile.map { [$0.indicator, lang.pick($0.label), lang.pick($0.dimension), t("role.\($0.role)"), n($0.value), n($0.percentile, 1), $0.rank.map(String.init) ?? ""] }))
        out.append(("references", [[t("references.rank"), t("csv.code"), t("references.region"), t("references.country"), t("references.distance"), t("references.similarity")]
            + sheet.dimensions.map { lang.pick($0.label) }]
            + sheet.references.map { r in ["\(r.rank)", r.code, lang.pick(r.name), r.country, n(r.distance), n(r.similarity)] + r.dimensionDistances.map { n($0) } }))
        out.append(("gaps", [[t("csv.code"), t("gaps.indicator"), t("gaps.value"), t("gaps.median"), t("gaps.percentile"), t("gaps.gap"), t("gaps.bestPeer")]]
            + sheet.gaps.map { [$0.indicator, lang.pick($0.label), n($0.value), n($0.peerMedian), n($0.percentile, 1), n($0.standardisedGap), $0.bestPeer ?? ""] }))
        if let candidates = sheet.candidates {
            out.append(("strengths", [[t("csv.code"), t("strengths.activity"), t("strengths.stars"), t("strengths.lq"), t("strengths.share"), t("strengths.pci")]]
                + sheet.strengths.map { [$0.activity, lang.pick($0.label), "\($0.stars)", n($0.rca), n($0.share), n($0.pci)] }))
            out.append(("candidates", [[t("csv.code"), t("candidates.activity"), t("candidates.density"), t("candidates.pci"), t("candidates.cog"), t("candidates.quadrant")]]
                + candidates.all.map { [$0.activity, lang.pick($0.label), n($0.density), n($0.pci), n($0.cog), t("quadrant.\($0.quadrant.rawValue)")] }))
        }
        if let futures = sheet.futures {
            out.append(("priorities-by-scenario", [[t("futures.priority"), t("futures.expected"), t("futures.worst"), t("futures.robustness")] + futures.scenarios.map(\.id)]
                + futures.priorities.map { [lang.pick($0.label), n($0.expected), n($0.worst), t("robustness.\($0.robustness.rawValue)")] + $0.scores.map { n($0) } }))
        }
        out.append(("recommendations", [[t("references.rank"), t("csv.code"), t("strengths.activity"), t("csv.kind"), t("csv.confidence")]]
            + sheet.recommendations.map { ["\($0.rank)", $0.activity, lang.pick($0.label), t("kind.\($0.kind.rawValue)"), t("confidence.\($0.confidence.rawValue)")] }))
        return out
    }
}
