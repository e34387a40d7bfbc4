import Foundation
import Testing
@testable import SmartSpec
@testable import SmartSpecReports

/// Sheets of the bundled demo, built once for the suite.
enum DemoSheets {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/data")
    static let hasShared = FileManager.default.fileExists(atPath: shared.appendingPathComponent("PROVENANCE.md").path)

    static func builder(_ folder: URL, study: URL? = nil) throws -> SheetBuilder {
        let (dataset, _) = try DatasetLoader.load(folder: folder)
        let provenance = SheetProvenance(version: "test", commandLine: "smartspec recommend", dataset: try DatasetFingerprint(folder: folder))
        return try SheetBuilder(dataset: dataset, study: try study.map { try ForesightStudy.read($0) }, provenance: provenance)
    }

    static let demo: SheetBuilder = try! builder(repository.appendingPathComponent("Datasets/demo"),
                                                 study: repository.appendingPathComponent("Datasets/demo/foresight/study.yaml"))
}

@Suite("Vocabulary and number formats")
struct VocabularyTests {
    @Test("English and Russian have the same phrases with the same placeholders")
    func sameKeys() {
        #expect(Set(Vocabulary.english.keys) == Set(Vocabulary.russian.keys))
        let placeholders = { (s: String) in Set(s.matches(of: /\{[a-zA-Z]+\}/).map { String($0.output) }) }
        for (key, en) in Vocabulary.english {
            #expect(placeholders(en) == placeholders(Vocabulary.russian[key] ?? ""), "placeholders of \(key)")
        }
    }

    @Test("Numbers: 1,234.50 and 1 234,50 with a no-break space; minus sign; rounding half away from zero")
    func numbers() {
        #expect(SheetLanguage.en.number(1234.5, decimals: 2) == "1,234.50")
        #expect(SheetLanguage.ru.number(1234.5, decimals: 2) == "1\u{00A0}234,50")
        #expect(SheetLanguage.en.number(-0.125, decimals: 2) == "-0.13")
        #expect(SheetLanguage.ru.number(-0.125, decimals: 2) == "\u{2212}0,13")
        #expect(SheetLanguage.en.number(-0.001, decimals: 2) == "0.00")
        #expect(SheetLanguage.en.number(1_000_000, decimals: 0) == "1,000,000")
        #expect(SheetLanguage.ru.percent(0.125) == "12,5\u{00A0}%" && SheetLanguage.en.percent(0.125) == "12.5%")
        #expect(SheetLanguage.en.signed(0.25, decimals: 2) == "+0.25" && SheetLanguage.en.signed(0, decimals: 2) == "0.00")
        #expect(SheetLanguage.en.number(.nan, decimals: 2) == "–")
    }

    @Test("Escaping for HTML and Markdown")
    func escaping() {
        #expect(Escaping.html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(Escaping.markdown("a|b *c* [d](e) <f>\nnext") == "a\\|b \\*c\\* \\[d\\](e) &lt;f&gt; next")
    }
}

@Suite("Recommendation sheets of the demo")
struct SheetRenderingTests {
    static let sheet = try! DemoSheets.demo.sheet(for: "XA03")

    @Test("The sheet has every section with content, 3–7 priorities, and futures")
    func content() throws {
        let s = Self.sheet
        #expect(s.references.count == 10 && s.references.map(\.rank) == Array(1...10))
        #expect(s.profile.count == DemoSheets.demo.dataset.indicators.count)
        #expect(!s.gaps.isEmpty && !s.strengths.isEmpty && s.candidates != nil)
        #expect((3...7).contains(s.recommendations.count))
        let futures = try #require(s.futures)
        // The demo study has three panels (its own, north, south). Their consistent scenarios are
        // found here by brute force over all 72 scenarios (sum of the active rows, each active
        // variant at the top of its descriptor), independently of the solver; each panel then votes
        // 1/3, spread equally over its own scenarios, and a scenario's weight is the sum of its votes.
        let study = try ForesightStudy.read(DemoSheets.repository.appendingPathComponent("Datasets/demo/foresight/study.yaml"))
        let matrices = study.panelMatrices
        #expect(futures.weighting == .panels && futures.panels == ["study", "north", "south"] && matrices.count == 3)
        let sizes = matrices[0].descriptors.map(\.variants.count)
        let all = sizes.reduce([[Int]]([[]])) { p, size in p.flatMap { prefix in (0..<size).map { prefix + [$0] } } }
        func consistent(_ m: CrossImpactMatrix, _ s: [Int]) -> Bool {
            let n = m.variantCount
            var balance = [Int](repeating: 0, count: n)
            for (d, v) in s.enumerated() { for t in 0..<n { balance[t] += m.impacts[(m.offsets[d] + v) * n + t] } }
            return s.indices.allSatisfy { d in
                (0..<sizes[d]).allSatisfy { balance[m.offsets[d] + $0] <= balance[m.offsets[d] + s[d]] }
            }
        }
        let sets = matrices.map { m in Set(all.filter { consistent(m, $0) }) }
        let union = sets.reduce(Set<[Int]>()) { $0.union($1) }
        #expect(futures.scenarios.count == union.count)
        for scenario in futures.scenarios {
            let variants = try #require(scenario.active)
            let support = sets.filter { $0.contains(variants) }.count
            let weight = sets.reduce(0.0) { $0 + ($1.contains(variants) ? 1 / (3 * Double($1.count)) : 0) }
            #expect(scenario.panels == support)
            #expect(abs(scenario.weight - weight) < 1e-12)
        }
        #expect(futures.uncertainty?.samples == 200)
        #expect(futures.scenarios.allSatisfy { s in
            guard let share = s.uncertaintyShare, let interval = s.uncertaintyInterval else { return false }
            return interval[0] <= share && share <= interval[1] && (0...1).contains(share)
        })
        #expect(!s.partners.isEmpty)
        for p in s.partners {
            #expect((p.learnFrom + p.cooperateWith).allSatisfy { $0.country != s.region.country })
        }
        #expect(s.method.datasetSHA256.count == 64)
    }

    @Test("Recommendations follow the documented rule: strengths with 2+ stars, then the frontier in the table's order; none dominated")
    func rule() throws {
        let s = Self.sheet
        let r = s.recommendations
        let consolidate = r.filter { $0.kind == .consolidate }, diversify = r.filter { $0.kind == .diversify }
        #expect(r.map(\.kind) == consolidate.map(\.kind) + diversify.map(\.kind), "consolidation first")
        #expect(consolidate.count <= 3 && r.count <= 7 && !diversify.isEmpty)
        let strengths = Dictionary(uniqueKeysWithValues: s.strengths.map { ($0.activity, $0) })
        #expect(consolidate.allSatisfy { (strengths[$0.activity]?.stars ?? 0) >= 2 })
        let candidates = try #require(s.candidates).all
        // Brute force: no recommended diversification has a candidate with both a higher entry probability and a higher PCI.
        for rec in diversify {
            let c = try #require(candidates.first { $0.activity == rec.activity })
            let p = try #require(c.entryProbability)
            #expect(!candidates.contains { ($0.entryProbability ?? -1) > p && $0.pci > c.pci }, "\(rec.activity) is dominated")
        }
        // One order: the diversifications are the first candidates of the table.
        #expect(diversify.map(\.activity) == Array(candidates.prefix(diversify.count).map(\.activity)))
        #expect(candidates.allSatisfy { ($0.entryProbability ?? -1) >= 0 && ($0.entryProbability ?? 2) <= 1 })
        for rec in r {
            #expect(rec.agreeing == rec.signals.filter(\.agrees).count && rec.available == rec.signals.count)
            let expected: RecommendationSheet.Confidence = rec.agreeing >= rec.available - 1 ? .high : (2 * rec.agreeing > rec.available ? .medium : .low)
            #expect(rec.confidence == expected)
        }
    }

    @Test("HTML: self-contained, no script, charts with titles, every section heading")
    func html() {
        let html = SheetRenderer(language: .en).html(Self.sheet)
        #expect(!html.lowercased().contains("<script"))
        // No external reference: the only address is the SVG namespace.
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("://"))
        // Reference distances, niches, priorities by scenario, and the tableau of the 4 scenarios.
        #expect(html.components(separatedBy: "<svg").count - 1 == 3 + 4)
        #expect(html.components(separatedBy: "<title>").count - 1 >= 4)
        for k in ["profile", "references", "gaps", "strengths", "candidates", "futures", "recommendations", "partners", "method"] {
            #expect(html.contains(SheetLanguage.en.text("section.\(k)")))
        }
    }

    @Test("Russian sheet: every heading and phrase from the Russian table, no English phrase")
    func russian() {
        let html = SheetRenderer(language: .ru).html(Self.sheet)
        for k in ["profile", "references", "gaps", "strengths", "candidates", "futures", "recommendations", "partners", "method"] {
            #expect(html.contains(SheetLanguage.ru.text("section.\(k)")))
        }
        for (key, english) in Vocabulary.english where english != Vocabulary.russian[key] {
            for fragment in english.split(separator: /\{[a-zA-Z]+\}/) where fragment.count >= 12 {
                #expect(!html.contains(Escaping.html(String(fragment))), "English phrase \(key) in the Russian sheet")
            }
        }
    }

    @Test("Rendering is deterministic")
    func deterministic() throws {
        let again = try DemoSheets.demo.sheet(for: "XA03")
        let r = SheetRenderer(language: .en)
        let (j1, j2) = (try r.json(again), try r.json(Self.sheet))
        #expect(r.html(again) == r.html(Self.sheet) && j1 == j2 && r.markdown(again) == r.markdown(Self.sheet))
    }

    @Test("CSV tables: Russian ones use ';' and decimal commas")
    func csv() {
        let en = SheetRenderer(language: .en).csvTables(Self.sheet), ru = SheetRenderer(language: .ru).csvTables(Self.sheet)
        #expect(en.map(\.name) == ru.map(\.name))
        let enProfile = en.first { $0.name == "profile" }!.text, ruProfile = ru.first { $0.name == "profile" }!.text
        #expect(enProfile.hasPrefix("code,") && ruProfile.hasPrefix("код;"))
        #expect(ruProfile.contains(",") && !ruProfile.split(separator: "\n")[1].contains("."))
    }
}

@Suite("A sheet for a real Russian region", .enabled(if: DemoSheets.hasShared, "../shared/data is absent, so the Russian real-data sheet is skipped"))
struct TatarstanSheetTests {
    @Test("Tatarstan (RU-TA): Russian names, Russian units, no English phrase, no cross-border partners")
    func tatarstan() throws {
        let builder = try DemoSheets.builder(DemoSheets.shared.appendingPathComponent("rosstat-regions-2022"))
        let sheet = try builder.sheet(for: "RU-TA")
        let md = SheetRenderer(language: .ru).markdown(sheet)
        #expect(md.contains("Республика Татарстан"))
        #expect(md.contains("Обрабатывающие производства"))
        #expect(!md.contains("persons") && !md.contains("RUB") && !md.contains("per 10k"))
        #expect(md.contains(SheetLanguage.ru.text("partners.none")))
        for (key, english) in Vocabulary.english where english != Vocabulary.russian[key] {
            for fragment in english.split(separator: /\{[a-zA-Z]+\}/) where fragment.count >= 12 {
                #expect(!md.contains(Escaping.markdown(String(fragment))), "English phrase \(key)")
            }
        }
        // Visible text outside names, codes and the method block has no Latin word of three or more letters.
        // (Region codes such as RU-SAM, the dataset's name and command-line options are identifiers, not words.)
        let body = md.components(separatedBy: "## 9.")[0].replacing(/[A-Z]{2}-[A-Z]{1,3}/, with: "")
            .replacing(/--[a-z-]+/, with: "").replacingOccurrences(of: sheet.method.dataset, with: "")
        let words = body.matches(of: /[A-Za-z]{3,}/).map { String($0.output) }.filter { !["PCI", "COG", "RCA", "LQ"].contains($0) }
        #expect(words.isEmpty, "Latin words in the Russian sheet: \(Set(words).sorted())")
    }
}

@Suite("JSON number rounding")
struct JSONNumberTests {
    @Test("Fractions are rounded to 12 significant digits; integers, strings and literals are kept")
    func rounding() {
        let input = #"{"a" : 0.4867235734727321, "b" : [1, -2.50000000000001e-3, 3e2], "c" : "0.12345678901234 \" e", "d" : true, "e" : false}"#
        #expect(JSONOutput.roundedNumbers(input) == #"{"a" : 0.486723573473, "b" : [1, -0.0025, 300], "c" : "0.12345678901234 \" e", "d" : true, "e" : false}"#)
    }
}

@Suite("Vocabulary")
struct VocabularyFallbackTests {
    @Test("A missing phrase falls back to English, then to the given text or the key; it never stops the program")
    func missingPhrases() {
        #expect(SheetLanguage.ru.text("value.pca") != SheetLanguage.en.text("value.pca"))
        #expect(SheetLanguage.ru.text("no.such.phrase", fallback: "cosine") == "cosine")
        #expect(SheetLanguage.en.text("no.such.phrase") == "no.such.phrase")
    }

    @Test("Every enum value a sheet shows has a phrase in both languages")
    func enumPhrases() {
        let keys = NicheQuadrant.allCases.map { "quadrant.\($0.rawValue)" }
            + PriorityRobustness.allCases.map { "robustness.\($0.rawValue)" }
            + RecommendationSheet.RecommendationKind.allCases.map { "kind.\($0.rawValue)" }
            + RecommendationSheet.Confidence.allCases.map { "confidence.\($0.rawValue)" }
            + ScenarioOutlook.WeightingUsed.allCases.map { "futures.weighting.\($0.rawValue)" }
            + SimilarityMethod.allCases.flatMap { ["method.\($0.rawValue)", "value.\($0.rawValue)"] }
            + IndicatorRole.allCases.map { "role.\($0.rawValue)" }
        for language in SheetLanguage.allCases {
            for key in keys { #expect(Vocabulary.phrases[language]?[key] != nil, "\(language.rawValue): \(key)") }
        }
    }
}

@Suite("The evidence box of the sheets")
struct EvidenceBoxTests {
    @Test("With two years of activities the sheet carries the backtest (density and score AUC with intervals), in English and Russian")
    func twoYears() throws {
        let sheet = try DemoSheets.demo.sheet(for: "XA03")
        let evidence = try #require(sheet.evidence)
        #expect(evidence.baseYear == 2021 && evidence.targetYear == 2024 && (evidence.entries ?? 0) > 0)
        let (auc, interval) = (try #require(evidence.densityAUC), try #require(evidence.densityInterval))
        #expect(interval.count == 2 && interval[0] <= auc && auc <= interval[1] && (0...1).contains(auc))
        let en = SheetRenderer(language: .en).html(sheet), ru = SheetRenderer(language: .ru).html(sheet)
        #expect(en.contains("How well these signals predicted the past") && ru.contains("Насколько эти сигналы предсказывали прошлое"))
        #expect(SheetRenderer(language: .en).markdown(sheet).contains("region–activity pairs"))
    }

    @Test("With one year the box says that no backtest is possible")
    func oneYear() throws {
        var sheet = try DemoSheets.demo.sheet(for: "XA03")
        sheet.evidence = RecommendationSheet.Evidence()
        #expect(SheetRenderer(language: .en).html(sheet).contains("no backtest of these signals is possible"))
        #expect(SheetRenderer(language: .ru).html(sheet).contains("проверить сигналы на прошлом нельзя"))
    }
}
