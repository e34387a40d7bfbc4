import SmartSpec

/// The sheet as the values the templates print: every number formatted and every label chosen
/// for the language, every text passed through `escape` (identity for HTML, where the template
/// engine escapes; Markdown escaping for Markdown).
struct SheetView {
    let sheet: RecommendationSheet
    let lang: SheetLanguage
    let escape: (String) -> String

    /// The phrase `key`, escaped.
    func t(_ key: String, _ values: [String: String] = [:]) -> String { escape(lang.text(key, values)) }
    func name(_ n: LocalizedName) -> String { escape(lang.pick(n)) }

    /// Every phrase of the vocabulary, keyed with `_` for `.` and `-` (Mustache reads dots as paths).
    var phrases: [String: String] { Self.phrases(lang, escape: escape) }

    /// Every phrase of `lang`'s vocabulary, for templates.
    static func phrases(_ lang: SheetLanguage, escape: (String) -> String = { $0 }) -> [String: String] {
        Dictionary(uniqueKeysWithValues: templateKeys.map { key, name in (name, escape(lang.text(key))) })
    }

    /// Each phrase key and its name in templates.
    private static let templateKeys: [(String, String)] = Vocabulary.english.keys.sorted().map { key in
        (key, key.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_"))
    }

    func dimensionLabel(_ id: String) -> String {
        sheet.dimensions.first { $0.id == id }.map { name($0.label) } ?? escape(id)
    }

    func activityLabel(_ code: String, _ label: LocalizedName) -> String { escape("\(lang.pick(label)) (\(code))") }

    /// An indicator's label with its unit, unless the label already ends with it; units in Russian
    /// sheets are translated when the vocabulary knows them.
    func indicatorLabel(_ label: LocalizedName, _ unit: String?) -> String {
        let text = lang.pick(label)
        guard let unit, !unit.isEmpty else { return escape(text) }
        let shown = lang == .ru ? (Vocabulary.russianUnits[unit] ?? unit) : unit
        return escape(text.hasSuffix(shown) || text.hasSuffix(unit) ? text : "\(text), \(shown)")
    }

    /// The context of the templates.
    func context(charts: Bool) -> [String: Any] {
        let s = sheet
        var c: [String: Any] = [
            "t": phrases, "lang": lang.rawValue,
            "title": t("sheet.title"),
            "subtitle": t("sheet.subtitle", ["region": lang.pick(s.region.name), "code": s.region.code, "country": s.region.country]),
            "synthetic": s.method.datasetSynthetic, "dataset": t("sheet.dataset", ["dataset": s.method.dataset]),
            "profileIntro": t("profile.intro", ["count": "\(s.method.datasetRegions)"]),
            "profile": s.profile.map(profileRow),
            "referencesIntro": t("references.intro", ["count": "\(s.references.count)", "method": lang.text("method.\(s.method.parameters["similarity.method"]?.description ?? SimilarityMethod.pca.rawValue)")]),
            "references": s.references.map(referenceRow),
            "hasGaps": !s.gaps.isEmpty, "gaps": s.gaps.prefix(10).map(gapRow),
            "hasActivities": s.candidates != nil,
            "strengthsIntro": t("strengths.intro", ["threshold": lang.number(s.method.threshold, decimals: 2)]),
            "hasStrengths": !s.strengths.isEmpty, "strengths": s.strengths.map(strengthRow),
            "hasRecommendations": !s.recommendations.isEmpty, "recommendations": s.recommendations.map(recommendation),
            "hasPartners": !s.partners.isEmpty, "partners": s.partners.map(partnerRow),
            "method": methodRows, "parameters": parameterRows, "commandRaw": s.method.commandLine.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " "),
            "methodology": s.method.methodology.map { ["path": escape($0)] },
            "hasWarnings": !s.warnings.isEmpty, "warnings": s.warnings.map { ["text": escape($0)] },
        ]
        if let evidence = s.evidence {
            c["hasEvidence"] = true
            if let base = evidence.baseYear, let target = evidence.targetYear {
                let n = { (x: Double?) in x.map { lang.number($0, decimals: 2) } ?? "–" }
                c["evidenceText"] = t("evidence.text", ["base": "\(base)", "target": "\(target)", "entries": lang.number(Double(evidence.entries ?? 0), decimals: 0),
                                                        "cells": lang.number(Double(evidence.cells ?? 0), decimals: 0), "density": n(evidence.densityAUC),
                                                        "densityLow": n(evidence.densityInterval?.first), "densityHigh": n(evidence.densityInterval?.last),
                                                        "score": n(evidence.scoreAUC), "scoreLow": n(evidence.scoreInterval?.first), "scoreHigh": n(evidence.scoreInterval?.last)])
            } else {
                c["evidenceText"] = t("evidence.none")
            }
        }
        if let candidates = s.candidates {
            c["candidatesIntro"] = t("candidates.intro", ["cut": lang.number(candidates.densityCut, decimals: 3),
                                                          "feasibility": lang.text(s.entryModel == nil ? "feasibility.density" : "feasibility.probability")])
            if let m = s.entryModel {
                let n = { (x: Double) in lang.number(x, decimals: 3) }
                c["hasEntryModel"] = true
                c["entryText"] = t("entry.text", ["cells": lang.number(Double(m.cells), decimals: 0), "entries": lang.number(Double(m.entries), decimals: 0),
                                                  "base": "\(m.baseYear)", "target": "\(m.targetYear)", "years": "\(m.targetYear - m.baseYear)",
                                                  "b0": n(m.coefficients[0]), "b1": n(m.coefficients[1]), "b2": n(m.coefficients[2]),
                                                  "s0": n(m.standardErrors[0]), "s1": n(m.standardErrors[1]), "s2": n(m.standardErrors[2]),
                                                  "auc": m.outOfSampleAUC.map { lang.number($0, decimals: 3) } ?? "–"])
            }
            if !candidates.setAside.isEmpty {
                c["hasSetAside"] = true
                c["setAsideText"] = t("setaside.text", ["activities": candidates.setAside.map { lang.pick($0.label) }.joined(separator: "; ")])
            }
            c["candidates"] = candidates.top.map(candidateRow)
            if charts { c["nicheChart"] = SVGCharts.niches(candidates, lang) ?? "" }
        }
        if let futures = s.futures {
            c["hasFutures"] = true
            c["futuresIntro"] = t("futures.intro", ["count": "\(futures.scenarios.count)", "study": lang.pick(futures.study),
                                                    "weighting": lang.text("futures.weighting.\(futures.weighting.rawValue)")])
            c["scenarios"] = futures.scenarios.map { scenario in
                let support = SVGCharts.support(scenario, of: futures, lang)
                return ["id": escape(scenario.id), "weight": lang.percent(scenario.weight),
                        "description": escape(scenario.variants.map { "\(lang.pick($0.descriptor)): \(lang.pick($0.variant))" }.joined(separator: "; ")),
                        "hasSupport": !support.isEmpty, "support": escape(support.joined(separator: "; "))] as [String: Any]
            }
            c["priorities"] = futures.priorities.map { p in
                ["label": name(p.label), "expected": lang.number(p.expected, decimals: 2), "worst": lang.number(p.worst, decimals: 2),
                 "robustness": t("robustness.\(p.robustness.rawValue)"),
                 "scores": p.scores.map { ["value": lang.number($0, decimals: 1)] }] as [String: Any]
            }
            c["scenarioIDs"] = futures.scenarios.map { ["id": escape($0.id)] }
            if charts {
                c["heatMap"] = SVGCharts.heatMap(futures, lang) ?? ""
                c["tableau"] = SVGCharts.tableau(futures, lang) ?? ""
            }
        }
        if charts { c["referenceChart"] = SVGCharts.dimensionDistances(s, lang) ?? "" }
        c["dimensionHeaders"] = s.dimensions.map { ["label": name($0.label)] }
        return c
    }

    private func profileRow(_ p: RecommendationSheet.ProfileRow) -> [String: Any] {
        ["indicator": indicatorLabel(p.label, p.unit), "dimension": name(p.dimension),
         "role": t("role.\(p.role.rawValue)"), "value": lang.amount(p.value),
         "percentile": p.percentile.map { lang.number($0, decimals: 0) } ?? "–", "rank": p.rank.map { "\($0)" } ?? "–"]
    }

    private func referenceRow(_ r: RecommendationSheet.ReferenceRow) -> [String: Any] {
        ["rank": r.rank, "region": escape("\(lang.pick(r.name)) (\(r.code))"), "country": escape(r.country),
         "distance": lang.number(r.distance, decimals: 3), "similarity": lang.number(r.similarity, decimals: 3),
         "closest": r.closest.map(dimensionLabel).joined(separator: ", "), "differing": r.differing.map(dimensionLabel).joined(separator: ", "),
         "dimensions": r.dimensionDistances.map { ["value": lang.number($0, decimals: 2)] }]
    }

    private func gapRow(_ g: RecommendationSheet.GapRow) -> [String: Any] {
        ["indicator": indicatorLabel(g.label, g.unit), "value": lang.amount(g.value), "median": lang.amount(g.peerMedian),
         "quartiles": "\(lang.amount(g.lowerQuartile)) – \(lang.amount(g.upperQuartile))",
         "percentile": g.percentile.map { lang.number($0, decimals: 0) } ?? "–",
         "gap": g.standardisedGap.map { lang.signed($0, decimals: 2) } ?? "–", "bestPeer": escape(g.bestPeer ?? "–")]
    }

    private func strengthRow(_ s: RecommendationSheet.StrengthRow) -> [String: Any] {
        ["activity": activityLabel(s.activity, s.label), "stars": String(repeating: "★", count: s.stars) + String(repeating: "☆", count: 3 - s.stars),
         "lq": lang.number(s.rca, decimals: 2), "share": lang.percent(s.share),
         "trend": s.earlierRCA.map { "\(lang.number($0, decimals: 2)) → \(lang.number(s.rca, decimals: 2))" } ?? "–",
         "pci": s.pci.map { lang.number($0, decimals: 2) } ?? "–"]
    }

    private func candidateRow(_ c: RecommendationSheet.CandidateRow) -> [String: Any] {
        let frontier = c.dominatedBy.map { code in
            t("frontier.below", ["other": sheet.candidates?.all.first { $0.activity == code }.map { lang.pick($0.label) } ?? code])
        } ?? t("frontier.on")
        return ["activity": activityLabel(c.activity, c.label), "density": lang.number(c.density, decimals: 3), "pci": lang.number(c.pci, decimals: 2),
         "cog": lang.number(c.cog, decimals: 3), "quadrant": frontier + "; " + t("quadrant.\(c.quadrant.rawValue)"),
         "entry": c.entryProbability.map { lang.number($0, decimals: 3) } ?? "–",
         "related": c.relatedHeld.prefix(3).map { activityLabel($0.activity, $0.label) }.joined(separator: "; ")]
    }

    /// The sentence of one signal, from the numbers it carries.
    func sentence(_ signal: RecommendationSheet.Signal) -> String {
        let v = signal.values
        let mark = signal.agrees ? "yes" : "no"
        switch signal.kind {
        case .specialisation: return t("signal.specialisation.\(mark)", ["rca": lang.number(v["rca"] ?? 0, decimals: 2)])
        case .cluster: return t("signal.cluster.\(mark)", ["stars": "\(Int(v["stars"] ?? 0))"])
        case .relatedness:
            return t("signal.relatedness.\(mark)", ["density": lang.number(v["density"] ?? 0, decimals: 3), "cut": lang.number(v["cut"] ?? 0, decimals: 3)])
        case .outlook: return t("signal.outlook.\(mark)", ["cog": lang.signed(v["cog"] ?? 0, decimals: 3)])
        case .complexity: return t("signal.complexity.\(mark)", ["pci": lang.signed(v["pci"] ?? 0, decimals: 2)])
        case .peers: return t("signal.peers.\(mark)", ["holding": "\(Int(v["holding"] ?? 0))", "peers": "\(Int(v["peers"] ?? 0))"])
        case .foresight:
            let id = signal.priority ?? ""
            let label = sheet.futures?.priorities.first { $0.id == id }.map { lang.pick($0.label) } ?? id
            return t("signal.foresight.\((signal.robustness ?? .weak).rawValue)", ["priority": label, "share": lang.percent(v["topHalfShare"] ?? 0, decimals: 0)])
        }
    }

    private func recommendation(_ r: RecommendationSheet.Recommendation) -> [String: Any] {
        ["rank": r.rank, "title": activityLabel(r.activity, r.label), "kind": t("kind.\(r.kind.rawValue)"),
         "confidence": t("confidence.line", ["confidence": lang.text("confidence.\(r.confidence.rawValue)"), "agreeing": "\(r.agreeing)", "available": "\(r.available)"]),
         "reasons": r.signals.map { ["text": sentence($0), "mark": $0.agrees ? "✓" : "✗"] }]
    }

    private func partnerRow(_ p: RecommendationSheet.PartnerRow) -> [String: Any] {
        let list = { (partners: [RecommendationSheet.Partner]) in
            partners.isEmpty ? t("partners.nobody") : partners.map { escape("\(lang.pick($0.name)) (\($0.code), \($0.country))") }.joined(separator: "; ")
        }
        return ["activity": activityLabel(p.activity, p.label), "learn": list(p.learnFrom), "cooperate": list(p.cooperateWith)]
    }

    private var methodRows: [[String: String]] {
        let m = sheet.method
        var rows = [["label": t("method.tool"), "value": escape("\(m.tool) \(m.version)")],
                    ["label": t("method.dataset"), "value": escape(m.dataset)],
                    ["label": t("method.sha"), "value": escape(m.datasetSHA256)],
                    ["label": t("method.files"), "value": escape(m.datasetFiles.joined(separator: "; "))]]
        if let study = m.study { rows.append(["label": t("method.study"), "value": escape("\(study) (SHA-256 \(m.studySHA256 ?? "–"))")]) }
        if let e = sheet.entryModel {
            let n = { (x: Double) in lang.number(x, decimals: 4) }
            rows.append(["label": t("method.entryModel"),
                         "value": t("method.entryModel.value", ["base": "\(e.baseYear)", "target": "\(e.targetYear)",
                                                                "cells": lang.number(Double(e.cells), decimals: 0), "entries": lang.number(Double(e.entries), decimals: 0),
                                                                "b0": n(e.coefficients[0]), "b1": n(e.coefficients[1]), "b2": n(e.coefficients[2]),
                                                                "s0": n(e.standardErrors[0]), "s1": n(e.standardErrors[1]), "s2": n(e.standardErrors[2]),
                                                                "auc": e.outOfSampleAUC.map { lang.number($0, decimals: 3) } ?? "–"])])
        }
        return rows
    }

    private var parameterRows: [[String: String]] {
        sheet.method.parameters.keys.sorted().map { key in
            let value: String
            switch sheet.method.parameters[key]! {
            case .equalWeights: value = lang.text("value.equalWeights")
            case .flag(let b): value = lang.text("value.\(b)")
            case .choice(let id): value = lang.text("value.\(id)", fallback: id)
            case .number(let x): value = x == x.rounded() ? "\(Int(x))" : lang.number(x, decimals: 2)
            case let other: value = other.description
            }
            return ["label": t("parameter.\(key)"), "value": escape(value)]
        }
    }
}
