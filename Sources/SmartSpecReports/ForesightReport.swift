import Foundation
import SmartSpec

/// A foresight study as a self-contained HTML page a panel can read (inline CSS and SVG, no script,
/// no external resource; printable to A4 by headless Chromium), in English or Russian: the scenario
/// tableau, the impact network, the MICMAC influence–dependence maps, Delphi convergence, the AHP
/// weights and the priorities' scores across scenarios — each when the study has its section.
public enum ForesightReport {
    private struct Words {
        let title, tableau, tableauNote, network, networkNote, promotes, restricts,
            micmac, micmacDirect, micmacIndirect, influence, dependence, delphi, delphiNote, round, iqr, ahp, cr, criterion,
            scores, scoresNote, priority, expected, worst, robustness, none, method: String
        let quadrant: [MICMAC.Quadrant: String]
    }

    private static func words(_ lang: SheetLanguage) -> Words {
        switch lang {
        case .en:
            return Words(title: "Foresight report", tableau: "Scenario tableau",
                         tableauNote: "One column per descriptor, its variants as rows; the consistent scenario's active variant is filled.",
                         network: "Impact network", networkNote: "The strongest cross-impacts between descriptors (largest judgement of a variant of one on a variant of the other); green promotes, red restricts.",
                         promotes: "promotes", restricts: "restricts",
                         micmac: "MICMAC influence–dependence map", micmacDirect: "Direct", micmacIndirect: "Indirect",
                         influence: "influence", dependence: "dependence",
                         delphi: "Delphi convergence", delphiNote: "Interquartile range of the ratings per item and round; falling lines converge.",
                         round: "round", iqr: "IQR", ahp: "Criterion weights (AHP)", cr: "consistency ratio", criterion: "criterion",
                         scores: "Priorities across scenarios", scoresNote: "Each priority's score in every consistent scenario (sum of the study's impacts of the active variants).",
                         priority: "priority", expected: "expected", worst: "worst", robustness: "robustness", none: "The study has no such section.",
                         method: "Method: Methodology/foresight.md. Study file format: Docs/study-file.md.",
                         quadrant: [.influential: "influential", .relay: "relay", .dependent: "dependent", .autonomous: "autonomous"])
        case .ru:
            return Words(title: "Отчёт форсайт-исследования", tableau: "Таблица сценариев",
                         tableauNote: "Столбец — фактор, строки — его состояния; закрашено состояние, активное в согласованном сценарии.",
                         network: "Сеть влияний", networkNote: "Сильнейшие перекрёстные влияния между факторами (наибольшая оценка влияния состояния одного на состояние другого); зелёное — усиливает, красное — ослабляет.",
                         promotes: "усиливает", restricts: "ослабляет",
                         micmac: "Карта влияния и зависимости (MICMAC)", micmacDirect: "Прямые", micmacIndirect: "Косвенные",
                         influence: "влияние", dependence: "зависимость",
                         delphi: "Сходимость оценок (Дельфи)", delphiNote: "Межквартильный размах оценок по позиции и туру; снижающиеся линии сходятся.",
                         round: "тур", iqr: "МКР", ahp: "Веса критериев (МАИ)", cr: "отношение согласованности", criterion: "критерий",
                         scores: "Приоритеты по сценариям", scoresNote: "Оценка каждого приоритета в каждом согласованном сценарии (сумма влияний активных состояний).",
                         priority: "приоритет", expected: "ожидаемая", worst: "худшая", robustness: "устойчивость", none: "В исследовании нет этого раздела.",
                         method: "Метод: Methodology/foresight.md. Формат файла исследования: Docs/study-file.md.",
                         quadrant: [.influential: "влияющие", .relay: "связующие", .dependent: "зависимые", .autonomous: "автономные"])
        }
    }

    private static let e = Escaping.html
    private static func f(_ x: Double) -> String { String(format: "%.1f", x) }
    private static func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "start", size: Int = 11, fill: String = "#222") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" fill=\"\(fill)\">\(e(s))</text>"
    }
    private static func svg(_ width: Int, _ height: Int, _ title: String, _ body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"><title>\(e(title))</title><rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\(body)</svg>\n"
    }
    private static func label(_ en: String, _ ru: String?, _ lang: SheetLanguage) -> String { lang == .ru ? (ru ?? en) : en }

    /// The page.
    public static func html(_ report: StudyReport, lang: SheetLanguage) -> String {
        let w = words(lang), study = report.study
        var page = """
        <!DOCTYPE html>
        <html lang="\(lang.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(w.title)) — \(e(label(study.name, study.nameRu, lang)))</title>
        <style>body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}.note{color:#555;font-size:90%}svg{max-width:100%;height:auto;break-inside:avoid}h2{break-after:avoid}figure{margin:1em 0;break-inside:avoid}@page{size:A4;margin:12mm}</style>
        </head><body>
        <h1>\(e(w.title)): \(e(label(study.name, study.nameRu, lang)))</h1>

        """
        page += "<h2 id=\"tableau\">1. \(e(w.tableau))</h2>\n" + tableau(report, w, lang)
        page += "<h2 id=\"network\">2. \(e(w.network))</h2>\n" + network(report, w, lang)
        page += "<h2 id=\"micmac\">3. \(e(w.micmac))</h2>\n" + micmac(report, w, lang)
        page += "<h2 id=\"delphi\">4. \(e(w.delphi))</h2>\n" + delphi(report, w, lang)
        page += "<h2 id=\"ahp\">5. \(e(w.ahp))</h2>\n" + ahp(report, w, lang)
        page += "<h2 id=\"scores\">6. \(e(w.scores))</h2>\n" + scores(report, w, lang)
        page += "<p class=\"note\">\(e(w.method))</p>\n</body></html>\n"
        return page
    }

    private static func none(_ w: Words) -> String { "<p class=\"note\">\(e(w.none))</p>\n" }

    private static func tableau(_ report: StudyReport, _ w: Words, _ lang: SheetLanguage) -> String {
        guard let futures = report.futures, let figures = SVGCharts.tableau(futures, lang) else { return none(w) }
        return "<p class=\"note\">\(e(w.tableauNote))</p>\n" + figures
    }

    private static func network(_ report: StudyReport, _ w: Words, _ lang: SheetLanguage) -> String {
        guard let matrix = report.study.matrix else { return none(w) }
        let links = report.strongestLinks(2 * matrix.descriptors.count)
        let n = matrix.descriptors.count, (cx, cy, radius) = (350.0, 190.0, 140.0)
        let point = { (d: Int) in (cx + radius * cos(2 * Double.pi * Double(d) / Double(n) - Double.pi / 2), cy + radius * sin(2 * Double.pi * Double(d) / Double(n) - Double.pi / 2)) }
        var body = "<defs><marker id=\"arrow-p\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#2ca02c\"/></marker><marker id=\"arrow-r\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#d62728\"/></marker></defs>"
        let strongest = Double(links.map(\.strength).max() ?? 1)
        for link in links {
            let (x1, y1) = point(link.source), (x2, y2) = point(link.target)
            let length = max(1, ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot())
            let (ux, uy) = ((x2 - x1) / length, (y2 - y1) / length)
            // Offset sideways so that a→b and b→a are both visible.
            let (ox, oy) = (-uy * 4, ux * 4)
            body += "<line x1=\"\(f(x1 + 18 * ux + ox))\" y1=\"\(f(y1 + 18 * uy + oy))\" x2=\"\(f(x2 - 18 * ux + ox))\" y2=\"\(f(y2 - 18 * uy + oy))\" stroke=\"\(link.sign > 0 ? "#2ca02c" : "#d62728")\" stroke-width=\"\(f(1 + 3 * Double(link.strength) / strongest))\" marker-end=\"url(#arrow-\(link.sign > 0 ? "p" : "r"))\" opacity=\"0.8\"/>"
        }
        for (d, descriptor) in matrix.descriptors.enumerated() {
            let (x, y) = point(d)
            body += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"16\" fill=\"#1f77b4\"/>" + text(x, y + 4, "\(d + 1)", anchor: "middle", size: 11, fill: "#ffffff")
            body += text(x + (x >= cx ? 22 : -22), y + 4, Escaping.short(label(descriptor.label, descriptor.labelRu, lang), 28), anchor: x >= cx ? "start" : "end", size: 10)
        }
        var table = "<table><thead><tr><th>\(e(w.network))</th><th>±</th></tr></thead><tbody>"
        for link in links {
            table += "<tr><td>\(e(label(matrix.descriptors[link.source].label, matrix.descriptors[link.source].labelRu, lang))) → \(e(label(matrix.descriptors[link.target].label, matrix.descriptors[link.target].labelRu, lang)))</td><td>\(link.sign > 0 ? "+" : "−")\(link.strength) (\(e(link.sign > 0 ? w.promotes : w.restricts)))</td></tr>"
        }
        return "<p class=\"note\">\(e(w.networkNote))</p>\n<figure>" + svg(700, 380, w.network, body) + "</figure>\n" + table + "</tbody></table>\n"
    }

    private static func micmac(_ report: StudyReport, _ w: Words, _ lang: SheetLanguage) -> String {
        guard let result = report.micmac else { return none(w) }
        let variables = report.study.micmacVariables
        func plane(_ title: String, _ influence: [Double], _ dependence: [Double]) -> String {
            let (left, right, top, bottom) = (50.0, 330.0, 20.0, 290.0)
            let maxX = max(dependence.max() ?? 1, 1e-9) * 1.1, maxY = max(influence.max() ?? 1, 1e-9) * 1.1
            let x = { (v: Double) in left + (right - left) * v / maxX }, y = { (v: Double) in bottom - (bottom - top) * v / maxY }
            let meanX = dependence.reduce(0, +) / Double(max(1, dependence.count)), meanY = influence.reduce(0, +) / Double(max(1, influence.count))
            var body = "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\" stroke=\"#444\"/><line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\" stroke=\"#444\"/>"
            body += "<line x1=\"\(f(x(meanX)))\" y1=\"\(f(top))\" x2=\"\(f(x(meanX)))\" y2=\"\(f(bottom))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/><line x1=\"\(f(left))\" y1=\"\(f(y(meanY)))\" x2=\"\(f(right))\" y2=\"\(f(y(meanY)))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>"
            body += text(left + 4, top + 10, w.quadrant[.influential]!, size: 9, fill: "#777") + text(right - 4, top + 10, w.quadrant[.relay]!, anchor: "end", size: 9, fill: "#777")
            body += text(left + 4, bottom - 4, w.quadrant[.autonomous]!, size: 9, fill: "#777") + text(right - 4, bottom - 4, w.quadrant[.dependent]!, anchor: "end", size: 9, fill: "#777")
            for (i, variable) in variables.enumerated() where i < influence.count {
                body += "<circle cx=\"\(f(x(dependence[i])))\" cy=\"\(f(y(influence[i])))\" r=\"5\" fill=\"#ff7f0e\"/>"
                body += text(x(dependence[i]) + 7, y(influence[i]) - 5, Escaping.short(label(variable.label, variable.labelRu, lang), 22), size: 9)
            }
            body += text((left + right) / 2, bottom + 24, w.dependence, anchor: "middle", size: 10, fill: "#555")
            body += "<text x=\"14\" y=\"\(f((top + bottom) / 2))\" font-size=\"10\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f((top + bottom) / 2)))\">\(e(w.influence))</text>"
            return svg(345, 320, "\(w.micmac): \(title)", text(190, 12, title, anchor: "middle", size: 11) + body)
        }
        var table = "<table><thead><tr><th></th><th>\(e(w.influence))</th><th>\(e(w.dependence))</th><th>\(e(w.micmacIndirect))</th></tr></thead><tbody>"
        for (i, variable) in variables.enumerated() {
            table += "<tr><td>\(e(label(variable.label, variable.labelRu, lang)))</td><td>\(f(result.directInfluence[i]))</td><td>\(f(result.directDependence[i]))</td><td>\(e(w.quadrant[result.quadrants[i]]!))</td></tr>"
        }
        return "<figure style=\"display:flex;gap:8px\">" + plane(w.micmacDirect, result.directInfluence, result.directDependence)
            + plane(w.micmacIndirect, result.indirectInfluence, result.indirectDependence) + "</figure>\n" + table + "</tbody></table>\n"
    }

    private static func delphi(_ report: StudyReport, _ w: Words, _ lang: SheetLanguage) -> String {
        guard !report.delphi.isEmpty else { return none(w) }
        var items: [(key: String, points: [(Int, Double)])] = []
        for row in report.delphi {
            let key = "\(row.priority) · \(row.criterion)"
            if items.last?.key == key { items[items.count - 1].points.append((row.round, row.summary.interquartileRange)) }
            else { items.append((key, [(row.round, row.summary.interquartileRange)])) }
        }
        let rounds = report.delphi.map(\.round).max() ?? 1
        let span = report.study.scale.upperBound - report.study.scale.lowerBound
        let (left, right, top, bottom) = (50.0, 480.0, 16.0, 230.0)
        let x = { (r: Int) in rounds == 1 ? (left + right) / 2 : left + (right - left) * Double(r - 1) / Double(rounds - 1) }
        let y = { (v: Double) in bottom - (bottom - top) * v / max(span, 1e-9) }
        var body = "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\" stroke=\"#444\"/><line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\" stroke=\"#444\"/>"
        for r in 1...rounds { body += text(x(r), bottom + 14, "\(w.round) \(r)", anchor: "middle", size: 10) }
        body += text(left - 6, y(span) + 4, String(format: "%.1f", span), anchor: "end", size: 9) + text(left - 6, bottom + 4, "0", anchor: "end", size: 9)
        body += "<text x=\"14\" y=\"\(f((top + bottom) / 2))\" font-size=\"10\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f((top + bottom) / 2)))\">\(e(w.iqr))</text>"
        for (k, item) in items.enumerated() {
            let colour = SVGCharts.palette[k % SVGCharts.palette.count]
            body += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(item.points.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " "))\"/>"
            for point in item.points { body += "<circle cx=\"\(f(x(point.0)))\" cy=\"\(f(y(point.1)))\" r=\"3\" fill=\"\(colour)\"/>" }
            body += "<rect x=\"500\" y=\"\(f(top + 14 * Double(k)))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>" + text(514, top + 9 + 14 * Double(k), Escaping.short(item.key, 28), size: 9)
        }
        let height = Int(max(bottom + 24, top + 14 * Double(items.count) + 10))
        return "<p class=\"note\">\(e(w.delphiNote))</p>\n<figure>" + svg(700, height, w.delphi, body) + "</figure>\n"
    }

    private static func ahp(_ report: StudyReport, _ w: Words, _ lang: SheetLanguage) -> String {
        guard let ahp = report.ahp else { return none(w) }
        let criteria = report.study.criteria
        var body = ""
        for (i, c) in criteria.enumerated() {
            let y = 10 + 24 * Double(i)
            body += text(190, y + 13, Escaping.short(label(c.item.label, c.item.labelRu, lang), 30), anchor: "end", size: 10)
            body += "<rect x=\"196\" y=\"\(f(y))\" width=\"\(f(440 * ahp.weights[i]))\" height=\"18\" fill=\"#9467bd\"/>"
            body += text(200 + 440 * ahp.weights[i], y + 13, String(format: "%.3f", ahp.weights[i]), size: 10)
        }
        let note = "λmax \(String(format: "%.3f", ahp.lambdaMax)) · \(w.cr) \(String(format: "%.3f", ahp.consistencyRatio))"
        return "<figure>" + svg(700, 20 + 24 * criteria.count, w.ahp, body) + "<figcaption>\(e(note))</figcaption></figure>\n"
    }

    private static func scores(_ report: StudyReport, _ w: Words, _ lang: SheetLanguage) -> String {
        guard let futures = report.futures, let chart = SVGCharts.heatMap(futures, lang) else { return none(w) }
        var table = "<table><thead><tr><th>\(e(w.priority))</th><th>\(e(w.expected))</th><th>\(e(w.worst))</th><th>\(e(w.robustness))</th></tr></thead><tbody>"
        for priority in futures.priorities {
            table += "<tr><td>\(e(lang.pick(priority.label)))</td><td>\(lang.number(priority.expected, decimals: 2))</td><td>\(lang.number(priority.worst, decimals: 2))</td><td>\(e(lang.text("robustness.\(priority.robustness.rawValue)")))</td></tr>"
        }
        return "<p class=\"note\">\(e(w.scoresNote))</p>\n<figure>" + chart + "</figure>\n" + table + "</tbody></table>\n"
    }
}
