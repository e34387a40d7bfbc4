import Foundation
import SmartSpec

/// The backtest as a self-contained HTML page (inline CSS and SVG, no script, no external
/// resource): the measures of entries and exits, the ROC curves of the signals and their precision
/// at 5 and 10 against the base rate, in English or Russian.
public enum BacktestReport {
    private static let signalColour: [Backtest.Signal: String] = [
        .density: "#2ca02c", .cog: "#ff7f0e", .pci: "#9467bd", .score: "#d62728", .rca: "#1f77b4", .ubiquity: "#8c564b", .random: "#7f7f7f",
    ]

    private struct Words {
        let title, period, cells, entriesWord, exitsWord, signal, auc, interval, ap, p5, p10, roc, rocNote, precision, precisionNote,
            baseRate, fpr, tpr, method, exitsNote, chance: String
    }

    private static func words(_ lang: SheetLanguage) -> Words {
        switch lang {
        case .en:
            return Words(title: "How well the signals predicted the past", period: "Period", cells: "open cells", entriesWord: "Entries",
                         exitsWord: "Exits", signal: "signal", auc: "ROC AUC", interval: "95% interval", ap: "average precision",
                         p5: "precision at 5", p10: "precision at 10", roc: "ROC curves of the entries",
                         rocNote: "Each curve ranks the open cells by one signal of the base year, highest first; the diagonal is chance.",
                         precision: "Precision at 5 and 10 per region",
                         precisionNote: "Share of entries among each region's 5 (light) and 10 (dark) highest-ranked open cells, averaged over regions; the line is the base rate.",
                         baseRate: "base rate", fpr: "false-positive rate", tpr: "true-positive rate",
                         method: "Method: Methodology/evidence.md. An entry is a cell held (RCA ≥ 1) in the target year that was open in the base year.",
                         exitsNote: "held cells", chance: "chance")
        case .ru:
            return Words(title: "Насколько сигналы предсказывали прошлое", period: "Период", cells: "открытых ячеек", entriesWord: "Входы",
                         exitsWord: "Выходы", signal: "сигнал", auc: "ROC AUC", interval: "95%-й интервал", ap: "средняя точность",
                         p5: "точность на 5", p10: "точность на 10", roc: "ROC-кривые входов",
                         rocNote: "Каждая кривая упорядочивает открытые ячейки по одному сигналу базового года, от наибольшего; диагональ — случайный выбор.",
                         precision: "Точность на 5 и на 10 по регионам",
                         precisionNote: "Доля входов среди 5 (светлые) и 10 (тёмные) лучших по сигналу открытых ячеек каждого региона, в среднем по регионам; линия — базовая доля.",
                         baseRate: "базовая доля", fpr: "доля ложных срабатываний", tpr: "доля верных срабатываний",
                         method: "Метод: Methodology/evidence.md. Вход — ячейка, открытая в базовом году (RCA < порога) и занятая (RCA ≥ 1) в целевом.",
                         exitsNote: "занятых ячеек", chance: "случайно")
        }
    }

    private static func number(_ x: Double?, _ digits: Int = 3) -> String {
        guard let x, x.isFinite else { return "–" }
        return String(format: "%.\(digits)f", x)
    }

    /// The page.
    /// - Parameter datasetName: shown in the title (escaped).
    public static func html(_ test: Backtest, datasetName: String, lang: SheetLanguage) -> String {
        let w = words(lang)
        let e = Escaping.html
        var page = """
        <!DOCTYPE html>
        <html lang="\(lang.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(w.title)) — \(e(datasetName))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}.note{color:#555;font-size:90%}svg{max-width:100%;height:auto}</style>
        </head><body>
        <h1>\(e(w.title))</h1>
        <p>\(e(datasetName)) · \(e(w.period)) \(test.baseYear)→\(test.targetYear) · \(test.regions.count) × \(test.activities.count)</p>

        """
        page += "<h2>\(e(w.entriesWord)): \(test.entries.events) / \(test.entries.cells) \(e(w.cells))</h2>\n" + table(test.entries, w)
        page += "<h2>\(e(w.roc))</h2>\n<p class=\"note\">\(e(w.rocNote))</p>\n" + rocChart(test.entries, w)
        page += "<h2>\(e(w.precision))</h2>\n<p class=\"note\">\(e(w.precisionNote))</p>\n" + precisionChart(test.entries, w)
        page += "<h2>\(e(w.exitsWord)): \(test.exits.events) / \(test.exits.cells) \(e(w.exitsNote))</h2>\n" + table(test.exits, w)
        page += "<p class=\"note\">\(e(w.method))</p>\n</body></html>\n"
        return page
    }

    private static func table(_ outcome: Backtest.Outcome, _ w: Words) -> String {
        var rows = "<table><thead><tr><th>\(Escaping.html(w.signal))</th><th>\(Escaping.html(w.auc))</th><th>\(Escaping.html(w.interval))</th><th>\(Escaping.html(w.ap))</th><th>\(Escaping.html(w.p5))</th><th>\(Escaping.html(w.p10))</th></tr></thead><tbody>\n"
        for m in outcome.measures {
            let interval = m.aucInterval.map { "\(number($0.lowerBound)) – \(number($0.upperBound))" } ?? "–"
            rows += "<tr><td>\(m.signal.rawValue)</td><td>\(number(m.auc))</td><td>\(interval)</td><td>\(number(m.averagePrecision))</td><td>\(number(m.precisionAt5))</td><td>\(number(m.precisionAt10))</td></tr>\n"
        }
        return rows + "</tbody></table>\n"
    }

    private static func rocChart(_ outcome: Backtest.Outcome, _ w: Words) -> String {
        let (size, margin) = (360.0, 50.0)
        let x = { (v: Double) in margin + v * size }, y = { (v: Double) in margin + (1 - v) * size }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(size + 2 * margin + 170)) \(Int(size + 2 * margin))\" width=\"\(Int(size + 2 * margin + 170))\"><title>\(Escaping.html(w.roc))</title>"
        svg += "<rect x=\"\(margin)\" y=\"\(margin)\" width=\"\(size)\" height=\"\(size)\" fill=\"none\" stroke=\"#999\"/>"
        svg += "<line x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(1))\" y2=\"\(y(1))\" stroke=\"#bbb\" stroke-dasharray=\"4 4\"/>"
        for t in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += "<text x=\"\(x(t))\" y=\"\(y(0) + 16)\" font-size=\"11\" text-anchor=\"middle\">\(number(t, 2))</text>"
            svg += "<text x=\"\(x(0) - 6)\" y=\"\(y(t) + 4)\" font-size=\"11\" text-anchor=\"end\">\(number(t, 2))</text>"
        }
        svg += "<text x=\"\(x(0.5))\" y=\"\(y(0) + 36)\" font-size=\"12\" text-anchor=\"middle\">\(Escaping.html(w.fpr))</text>"
        svg += "<text transform=\"translate(14 \(y(0.5))) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">\(Escaping.html(w.tpr))</text>"
        for (k, m) in outcome.measures.enumerated() where !m.roc.isEmpty {
            let colour = signalColour[m.signal] ?? "#000"
            let points = m.roc.map { "\(String(format: "%.2f", x($0.falsePositiveRate))),\(String(format: "%.2f", y($0.truePositiveRate)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\" points=\"\(points)\"><title>\(m.signal.rawValue): AUC \(number(m.auc))</title></polyline>"
            let ly = margin + 14 + Double(k) * 18
            svg += "<line x1=\"\(size + margin + 20)\" y1=\"\(ly - 4)\" x2=\"\(size + margin + 40)\" y2=\"\(ly - 4)\" stroke=\"\(colour)\" stroke-width=\"3\"/>"
            svg += "<text x=\"\(size + margin + 46)\" y=\"\(ly)\" font-size=\"12\">\(m.signal.rawValue) \(number(m.auc))</text>"
        }
        return svg + "</svg>\n"
    }

    private static func precisionChart(_ outcome: Backtest.Outcome, _ w: Words) -> String {
        let measures = outcome.measures
        let base = outcome.cells > 0 ? Double(outcome.events) / Double(outcome.cells) : 0
        let top = max(0.05, (measures.flatMap { [$0.precisionAt5, $0.precisionAt10] }.filter(\.isFinite) + [base]).max() ?? 0) * 1.1
        let (width, height, margin) = (620.0, 260.0, 50.0)
        let slot = (width - 2 * margin) / Double(max(1, measures.count))
        let y = { (v: Double) in height - margin - v / top * (height - 2 * margin) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\"><title>\(Escaping.html(w.precision))</title>"
        svg += "<line x1=\"\(margin)\" y1=\"\(y(0))\" x2=\"\(width - margin)\" y2=\"\(y(0))\" stroke=\"#999\"/>"
        for (k, m) in measures.enumerated() {
            let colour = signalColour[m.signal] ?? "#000", left = margin + Double(k) * slot + slot * 0.15, bar = slot * 0.33
            for (j, value) in [m.precisionAt5, m.precisionAt10].enumerated() where value.isFinite {
                svg += "<rect x=\"\(String(format: "%.1f", left + Double(j) * bar))\" y=\"\(String(format: "%.1f", y(value)))\" width=\"\(String(format: "%.1f", bar - 2))\" height=\"\(String(format: "%.1f", y(0) - y(value)))\" fill=\"\(colour)\" fill-opacity=\"\(j == 0 ? "0.45" : "0.9")\"><title>\(m.signal.rawValue): \(j == 0 ? w.p5 : w.p10) \(number(value))</title></rect>"
            }
            svg += "<text x=\"\(String(format: "%.1f", left + bar))\" y=\"\(y(0) + 16)\" font-size=\"11\" text-anchor=\"middle\">\(m.signal.rawValue)</text>"
        }
        svg += "<line x1=\"\(margin)\" y1=\"\(String(format: "%.1f", y(base)))\" x2=\"\(width - margin)\" y2=\"\(String(format: "%.1f", y(base)))\" stroke=\"#222\" stroke-dasharray=\"5 3\"/>"
        svg += "<text x=\"\(width - margin)\" y=\"\(String(format: "%.1f", y(base) - 4))\" font-size=\"11\" text-anchor=\"end\">\(Escaping.html(w.baseRate)) \(number(base))</text>"
        for t in [0.0, top / 2, top / 1.1] {
            svg += "<text x=\"\(margin - 6)\" y=\"\(String(format: "%.1f", y(t) + 4))\" font-size=\"11\" text-anchor=\"end\">\(number(t, 2))</text>"
        }
        return svg + "</svg>\n"
    }
}
