import Foundation
import Mustache
import SmartSpec

/// The formats a sheet is written in.
public enum SheetFormat: String, Sendable, CaseIterable {
    /// One self-contained HTML page with inline SVG charts.
    case html
    /// Markdown.
    case md
    /// JSON (validates against `Docs/schema/recommendation-sheet.schema.json`).
    case json
    /// The sheet's tables as CSV files for spreadsheets (UTF-8 with a byte-order mark).
    case csv
    /// PDF, printed from the HTML by headless Chromium.
    case pdf
}

/// Formats a ``RecommendationSheet``; it computes nothing.
public struct SheetRenderer: Sendable {
    /// The language of the texts and numbers.
    public let language: SheetLanguage

    /// Creates a renderer.
    public init(language: SheetLanguage) { self.language = language }

    private static let htmlTemplate = try! MustacheTemplate(string: Templates.html)
    private static let markdownTemplate = try! MustacheTemplate(string: Templates.markdown)

    /// The sheet as one HTML page.
    public func html(_ sheet: RecommendationSheet) -> String {
        Self.htmlTemplate.render(SheetView(sheet: sheet, lang: language, escape: { $0 }).context(charts: true))
    }

    /// The sheet as Markdown (charts are given as their tables).
    public func markdown(_ sheet: RecommendationSheet) -> String {
        Self.markdownTemplate.render(SheetView(sheet: sheet, lang: language, escape: Escaping.markdown).context(charts: false))
    }

    /// The JSON document: the sheet's data, its language and the rationale sentences.
    public func json(_ sheet: RecommendationSheet) throws -> String {
        let view = SheetView(sheet: sheet, lang: language, escape: { $0 })
        let document = JSONDocument(
            schema: JSONDocument.schemaID, language: language.rawValue, sheet: sheet,
            rationale: sheet.recommendations.map { .init(activity: $0.activity, sentences: $0.signals.map(view.sentence)) })
        return try JSONOutput.encode(document) + "\n"
    }

    /// The sheet's tables as CSV texts named by table (`profile`, `references`, ...). English uses
    /// `,` and a decimal point; Russian uses `;` and a decimal comma, as Excel expects in a Russian
    /// locale. Cells that a spreadsheet would run as formulas are neutralised.
    public func csvTables(_ sheet: RecommendationSheet) -> [(name: String, text: String)] {
        SheetTables(sheet: sheet, lang: language).tables.map { name, rows in
            (name, CSVText.render(rows, separator: language == .ru ? ";" : ",", guardFormulas: true))
        }
    }

    /// A region for which no sheet was written, and why (one sentence).
    public struct SkippedRegion: Sendable, Equatable, Codable {
        public var code: String, name: LocalizedName, country: String, reason: String
        public init(code: String, name: LocalizedName, country: String, reason: String) {
            (self.code, self.name, self.country, self.reason) = (code, name, country, reason)
        }
    }

    /// What the index shows of one sheet: its file, the region and its first recommendation.
    public struct IndexEntry: Sendable, Equatable, Codable {
        public var file: String, code: String, name: LocalizedName, country: String, top: LocalizedName?

        /// The entry of `sheet`, written to `file`.
        public init(file: String, sheet: RecommendationSheet) {
            self.file = file
            code = sheet.region.code
            name = sheet.region.name
            country = sheet.region.country
            top = sheet.recommendations.first?.label
        }
    }

    /// An index page listing sheets: `(file, region name, code, country, first priority)`, in
    /// dataset order, the skipped regions marked in place with the reason.
    /// - Precondition: `entries` and `skipped` are not both empty.
    public func index(_ entries: [(file: String, sheet: RecommendationSheet)], skipped: [SkippedRegion] = [], order: [String] = []) -> String {
        index(entries.map { IndexEntry(file: $0.file, sheet: $0.sheet) }, skipped: skipped, order: order)
    }

    /// The index page from the entries alone (as the merge of a sharded run has them).
    public func index(_ entries: [IndexEntry], skipped: [SkippedRegion] = [], order: [String] = []) -> String {
        let phrases = SheetView.phrases(language)
        var rows: [String: [String: Any]] = [:]
        for entry in entries {
            rows[entry.code] = [
                "file": entry.file, "region": language.pick(entry.name), "code": entry.code,
                "country": entry.country, "top": entry.top.map { language.pick($0) } ?? "–"]
        }
        for region in skipped {
            rows[region.code] = ["region": language.pick(region.name), "code": region.code, "country": region.country,
                                 "top": language.text("index.skipped", ["reason": region.reason]), "skipped": true]
        }
        let codes = order.isEmpty ? entries.map(\.code) + skipped.map(\.code) : order.filter { rows[$0] != nil }
        return Self.indexTemplate.render(["t": phrases, "lang": language.rawValue, "rows": codes.map { rows[$0]! }] as [String: Any])
    }

    private static let indexTemplate = try! MustacheTemplate(string: #"""
<!DOCTYPE html>
<html lang="{{lang}}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{t.index_title}}</title>
<style>body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 186mm; margin: 0 auto; padding: 6mm 0; font-size: 10.5pt; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 1mm; text-align: left; overflow-wrap: anywhere; } th { background: #eee; } tr.skipped td { color: #8a1f11; }</style>
</head><body><h1>{{t.index_title}}</h1>
<table><thead><tr><th>{{t.index_region}}</th><th>{{t.index_country}}</th><th>{{t.index_top}}</th></tr></thead><tbody>
{{#rows}}<tr{{#skipped}} class="skipped"{{/skipped}}><td>{{^skipped}}<a href="{{file}}">{{region}} ({{code}})</a>{{/skipped}}{{#skipped}}{{region}} ({{code}}){{/skipped}}</td><td>{{country}}</td><td>{{top}}</td></tr>
{{/rows}}</tbody></table></body></html>

"""#)
}

/// The JSON document of a sheet.
struct JSONDocument: Encodable {
    static let schemaID = "https://smartspec.example/schema/recommendation-sheet-1.json"
    struct Rationale: Encodable { var activity: String, sentences: [String] }
    var schema: String, language: String, sheet: RecommendationSheet, rationale: [Rationale]
}
