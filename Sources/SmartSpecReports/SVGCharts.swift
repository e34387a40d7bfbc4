import SmartSpec

/// The sheet's charts as inline SVG (no scripts, no external resources). Every chart has a
/// `<title>` and `role="img"`; the renderers put a table of the same numbers beside it.
enum SVGCharts {
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"]
    static func colour(_ quadrant: NicheQuadrant) -> String {
        switch quadrant {
        case .lowRiskHighBenefit: return "#2ca02c"
        case .lowRiskLowBenefit: return "#1f77b4"
        case .highRiskHighBenefit: return "#ff7f0e"
        case .highRiskLowBenefit: return "#7f7f7f"
        }
    }

    private static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    private static func open(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"><title>\(Escaping.html(title))</title><rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>"
    }

    private static func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "start", size: Int = 11, fill: String = "#222") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" fill=\"\(fill)\">\(Escaping.html(s))</text>"
    }

    /// Dot plot: one row per dimension, one coloured dot per reference region, legend below.
    static func dimensionDistances(_ sheet: RecommendationSheet, _ lang: SheetLanguage) -> String? {
        let refs = Array(sheet.references.prefix(5))
        guard !refs.isEmpty, !sheet.dimensions.isEmpty else { return nil }
        let (left, right, rowHeight, top) = (190.0, 620.0, 26.0, 20.0)
        let legendTop = top + rowHeight * Double(sheet.dimensions.count) + 50
        let height = Int(legendTop + 18 * Double(refs.count) + 8)
        let maximum = max(refs.flatMap(\.dimensionDistances).max() ?? 1, 1e-9) * 1.05
        let x = { (d: Double) in left + (right - left) * d / maximum }
        var svg = open(width: 640, height: height, title: lang.text("references.chart"))
        for (i, dimension) in sheet.dimensions.enumerated() {
            let y = top + rowHeight * Double(i) + rowHeight / 2
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(right))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>"
            svg += text(left - 6, y + 4, Escaping.short(lang.pick(dimension.label), 30), anchor: "end")
            for (j, ref) in refs.enumerated() where i < ref.dimensionDistances.count {
                svg += "<circle cx=\"\(f(x(ref.dimensionDistances[i])))\" cy=\"\(f(y + Double(j - 2) * 3))\" r=\"5\" fill=\"\(palette[j])\" fill-opacity=\"0.85\"/>"
            }
        }
        let axisY = top + rowHeight * Double(sheet.dimensions.count) + 4
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(axisY))\" x2=\"\(f(right))\" y2=\"\(f(axisY))\" stroke=\"#444\"/>"
        for t in 0...4 {
            let value = maximum * Double(t) / 4
            svg += text(x(value), axisY + 14, lang.number(value, decimals: 2), anchor: "middle", size: 10)
        }
        svg += text((left + right) / 2, axisY + 30, lang.text("references.chartAxis"), anchor: "middle", size: 10, fill: "#555")
        for (j, ref) in refs.enumerated() {
            let y = legendTop + 18 * Double(j)
            svg += "<circle cx=\"\(f(left + 6))\" cy=\"\(f(y))\" r=\"5\" fill=\"\(palette[j])\"/>"
            svg += text(left + 16, y + 4, "\(ref.rank). " + Escaping.short("\(lang.pick(ref.name)) (\(ref.code))", 60))
        }
        return svg + "</svg>"
    }

    /// Scatter of every candidate: x density, y PCI, quadrant cut lines, the top candidates labelled.
    static func niches(_ section: RecommendationSheet.CandidateSection, _ lang: SheetLanguage) -> String? {
        guard !section.all.isEmpty else { return nil }
        let (left, right, top, bottom) = (56.0, 620.0, 16.0, 330.0)
        let xs = section.all.map(\.density) + [section.densityCut], ys = section.all.map(\.pci) + [0]
        let (x0, x1) = padded(xs.min()!, xs.max()!), (y0, y1) = padded(ys.min()!, ys.max()!)
        let x = { (v: Double) in left + (right - left) * (v - x0) / (x1 - x0) }
        let y = { (v: Double) in bottom - (bottom - top) * (v - y0) / (y1 - y0) }
        var svg = open(width: 640, height: 380, title: lang.text("candidates.chart"))
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(right - left))\" height=\"\(f(bottom - top))\" fill=\"none\" stroke=\"#444\"/>"
        svg += "<line x1=\"\(f(x(section.densityCut)))\" y1=\"\(f(top))\" x2=\"\(f(x(section.densityCut)))\" y2=\"\(f(bottom))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(0)))\" x2=\"\(f(right))\" y2=\"\(f(y(0)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>"
        let corners: [(NicheQuadrant, Double, Double, String)] = [
            (.highRiskHighBenefit, left + 4, top + 12, "start"), (.lowRiskHighBenefit, right - 4, top + 12, "end"),
            (.highRiskLowBenefit, left + 4, bottom - 6, "start"), (.lowRiskLowBenefit, right - 4, bottom - 6, "end"),
        ]
        for (q, cx, cy, anchor) in corners {
            svg += text(cx, cy, lang.text("quadrant.\(q.rawValue)"), anchor: anchor, size: 10, fill: colour(q))
        }
        for c in section.all {
            svg += "<circle cx=\"\(f(x(c.density)))\" cy=\"\(f(y(c.pci)))\" r=\"3.5\" fill=\"\(colour(c.quadrant))\" fill-opacity=\"0.75\"/>"
        }
        var placed: [(Double, Double, Double, Double)] = corners.map { q, cx, cy, anchor in
            let width = Double(lang.text("quadrant.\(q.rawValue)").count) * 5.6
            return (anchor == "end" ? cx - width : cx, cy - 10, width, 13)
        }
        for c in section.top {
            let (px, py) = (x(c.density), y(c.pci))
            svg += "<circle cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"5\" fill=\"none\" stroke=\"#000\"/>"
            let label = Escaping.short(c.activity, 14), width = Double(label.count) * 6.2
            // The first free spot around the point, so that labels do not overprint each other.
            let spots = [(7.0, -5.0), (7, 12), (-7 - width, -5), (-7 - width, 12), (7, -17), (-width / 2, -12), (-width / 2, 22), (7, 24)]
            let spot = spots.first { dx, dy in
                let box = (px + dx, py + dy - 10, width, 12.0)
                return box.0 >= left && box.0 + box.2 <= right && box.1 >= top && box.1 + box.3 <= bottom
                    && !placed.contains { $0.0 < box.0 + box.2 && box.0 < $0.0 + $0.2 && $0.1 < box.1 + box.3 && box.1 < $0.1 + $0.3 }
            } ?? spots[0]
            placed.append((px + spot.0, py + spot.1 - 10, width, 12))
            svg += text(px + spot.0, py + spot.1, label, size: 10)
        }
        for t in 0...4 {
            let vx = x0 + (x1 - x0) * Double(t) / 4, vy = y0 + (y1 - y0) * Double(t) / 4
            svg += text(x(vx), bottom + 14, lang.number(vx, decimals: 2), anchor: "middle", size: 10)
            svg += text(left - 5, y(vy) + 3, lang.number(vy, decimals: 1), anchor: "end", size: 10)
        }
        svg += text((left + right) / 2, bottom + 30, lang.text("candidates.xAxis"), anchor: "middle", size: 11, fill: "#555")
        svg += "<text x=\"14\" y=\"\(f((top + bottom) / 2))\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f((top + bottom) / 2)))\">\(Escaping.html(lang.text("candidates.yAxis")))</text>"
        return svg + "</svg>"
    }

    /// The scenario tableau: per scenario a figure whose columns are the descriptors and rows their
    /// variants, the active variant filled; the caption gives the weight, the inconsistency and the
    /// support across panels and under judgement uncertainty.
    static func tableau(_ futures: RecommendationSheet.Futures, _ lang: SheetLanguage) -> String? {
        guard let descriptors = futures.descriptors, !descriptors.isEmpty, !futures.scenarios.isEmpty else { return nil }
        let width = 640.0, cellWidth = (width - 10) / Double(descriptors.count), rowHeight = 20.0, top = 34.0
        let rows = descriptors.map(\.variants.count).max() ?? 2
        let height = Int(top + rowHeight * Double(rows) + 8)
        let characters = max(4, Int(cellWidth / 6.5))
        var html = ""
        for scenario in futures.scenarios {
            guard let active = scenario.active, active.count == descriptors.count else { continue }
            var caption = [scenario.id, lang.text("futures.tableau.weight", ["weight": lang.percent(scenario.weight)])]
            if let inconsistency = scenario.inconsistency { caption.append(lang.text("futures.tableau.inconsistency", ["value": "\(inconsistency)"])) }
            caption += support(scenario, of: futures, lang)
            var svg = open(width: Int(width), height: height, title: "\(lang.text("futures.tableau")) \(scenario.id)")
            for (d, descriptor) in descriptors.enumerated() {
                let x = 5 + cellWidth * Double(d)
                svg += text(x + cellWidth / 2, 14, Escaping.short(lang.pick(descriptor.label), characters), anchor: "middle", size: 10)
                for (v, variant) in descriptor.variants.enumerated() {
                    let y = top - 14 + rowHeight * Double(v), on = active[d] == v
                    svg += "<rect x=\"\(f(x + 2))\" y=\"\(f(y))\" width=\"\(f(cellWidth - 4))\" height=\"\(f(rowHeight - 3))\" fill=\"\(on ? "#1f77b4" : "#f2f2f2")\" stroke=\"#bbb\"/>"
                    svg += text(x + cellWidth / 2, y + 12, Escaping.short(lang.pick(variant), characters), anchor: "middle", size: 9, fill: on ? "#ffffff" : "#555")
                }
            }
            html += "<figure class=\"tableau\"><figcaption>\(Escaping.html(caption.joined(separator: " · ")))</figcaption>\n\(svg)</svg></figure>\n"
        }
        return html
    }

    /// A scenario's support across panels and under judgement uncertainty, as phrases (none without either).
    static func support(_ scenario: RecommendationSheet.Futures.Scenario, of futures: RecommendationSheet.Futures, _ lang: SheetLanguage) -> [String] {
        var phrases: [String] = []
        if let n = scenario.panels, let panels = futures.panels {
            phrases.append(lang.text("futures.support.panels", ["count": "\(n)", "panels": "\(panels.count)"]))
        }
        if let share = scenario.uncertaintyShare, let interval = scenario.uncertaintyInterval, let u = futures.uncertainty {
            phrases.append(lang.text("futures.support.uncertainty", [
                "share": lang.percent(share), "samples": "\(u.samples)", "spread": "\(u.spread)",
                "low": lang.percent(interval[0]), "high": lang.percent(interval[1])]))
        }
        return phrases
    }

    /// Heat map of priority scores (rows) by scenario (columns), diverging colours around 0.
    static func heatMap(_ futures: RecommendationSheet.Futures, _ lang: SheetLanguage) -> String? {
        guard !futures.priorities.isEmpty, !futures.scenarios.isEmpty else { return nil }
        let columns = futures.scenarios.count
        let (left, top) = (200.0, 24.0)
        let cell = min(60.0, (620 - left) / Double(columns)), rowHeight = 24.0
        let height = Int(top + rowHeight * Double(futures.priorities.count) + 10)
        let extreme = max(futures.priorities.flatMap(\.scores).map(abs).max() ?? 1, 1e-9)
        var svg = open(width: 640, height: height, title: lang.text("futures.chart"))
        for (s, scenario) in futures.scenarios.enumerated() {
            svg += text(left + cell * (Double(s) + 0.5), top - 8, scenario.id, anchor: "middle", size: 10)
        }
        for (p, priority) in futures.priorities.enumerated() {
            let y = top + rowHeight * Double(p)
            svg += text(left - 6, y + rowHeight / 2 + 4, Escaping.short(lang.pick(priority.label), 32), anchor: "end")
            for (s, score) in priority.scores.enumerated() {
                let t = score / extreme
                let colour = t >= 0 ? blend(t, to: (44, 160, 44)) : blend(-t, to: (214, 39, 40))
                svg += "<rect x=\"\(f(left + cell * Double(s)))\" y=\"\(f(y))\" width=\"\(f(cell - 2))\" height=\"\(f(rowHeight - 2))\" fill=\"\(colour)\"/>"
                svg += text(left + cell * (Double(s) + 0.5), y + rowHeight / 2 + 3, lang.number(score, decimals: 1), anchor: "middle", size: 10)
            }
        }
        return svg + "</svg>"
    }

    private static func blend(_ t: Double, to rgb: (Int, Int, Int)) -> String {
        let mix = { (c: Int) in Int((255 + (Double(c) - 255) * min(max(t, 0), 1) * 0.8).rounded()) }
        return String(format: "#%02x%02x%02x", mix(rgb.0), mix(rgb.1), mix(rgb.2))
    }

    private static func padded(_ low: Double, _ high: Double) -> (Double, Double) {
        let span = high - low
        return span > 0 ? (low - span * 0.06, high + span * 0.06) : (low - 1, high + 1)
    }
}
