import Foundation
import SmartSpec

/// The union page (`index.html` of `smartspec union`): one self-contained file — inline CSS and a
/// few lines of plain JavaScript, no external resource — with the domain × country matrix and
/// crowding, every region with links to its sheet, the cross-border partnerships and the audit of
/// declared priorities; filters by country and domain and a search box. English or Russian.
public enum UnionReport {
    private static func mapSVG(_ view: UnionView, _ map: Map, _ lang: SheetLanguage) -> String {
        let e = Escaping.html, ru = lang == .ru
        let palette = ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"]
        let counts = view.regions.map(\.frontierCandidates).sorted()
        let cut = { (q: Double) in counts.isEmpty ? 0 : counts[min(counts.count - 1, Int(q * Double(counts.count)))] }
        let bins = [cut(0.2), cut(0.4), cut(0.6), cut(0.8)]
        var svg = "<h2>\(ru ? "Карта" : "Map")</h2>\n<svg role=\"img\" viewBox=\"0 0 900 600\" width=\"900\"><title>\(ru ? "Карта регионов" : "Map of the regions")</title>"
        for r in view.regions {
            guard let d = map.paths[r.code] else { continue }
            let colour: String, value: String
            if let domain = map.domain {
                let holds = r.holds.contains(domain), recommended = r.recommended.contains(domain)
                colour = holds ? "#31a354" : (recommended ? "#ff7f0e" : "#dddddd")
                value = holds ? (ru ? "специализация" : "holds") : (recommended ? (ru ? "рекомендация" : "recommended") : "–")
            } else {
                colour = palette[bins.filter { r.frontierCandidates > $0 }.count]
                value = "\(r.frontierCandidates) " + (ru ? "ниш на границе" : "frontier candidates")
            }
            svg += "<path d=\"\(d)\" fill=\"\(colour)\" stroke=\"#555\" stroke-width=\"0.5\" data-region=\"\(e(r.code))\"><title>\(e(r.code)) \(e(lang.pick(r.name))): \(e(value))</title></path>"
        }
        svg += "</svg>\n"
        let legend: String
        if let domain = map.domain {
            legend = "<span style=\"color:#31a354\">■</span> \(ru ? "специализация" : "holds") \(e(domain)) · <span style=\"color:#ff7f0e\">■</span> \(ru ? "рекомендация" : "recommended") · <span style=\"color:#aaaaaa\">■</span> –"
        } else {
            let edges = [counts.first ?? 0] + bins + [counts.last ?? 0]
            legend = (ru ? "Ниш на границе «осуществимость — отдача»: " : "Candidates on the feasibility–benefit frontier: ")
                + (0..<5).map { "<span style=\"color:\(palette[$0])\">■</span> ≤ \(edges[$0 + 1])" }.joined(separator: " · ")
        }
        return svg + "<p class=\"note\">\(legend). \(ru ? "Проекция: равнопромежуточная" : "Projection: equirectangular") (x = λ·cos φ₀, y = −φ).</p>\n"
    }

    private static func words(_ lang: SheetLanguage) -> [String: String] {
        switch lang {
        case .en:
            return ["title": "The union: priorities across regions", "intro": "Every region's held and recommended domains (NACE divisions and sections, or activity groups), how crowded each domain is, and which regions in different countries should work together. Method: Methodology/union.md.",
                    "country": "Country", "domain": "Domain", "all": "all", "search": "Search regions", "domains": "Domains", "code": "Code",
                    "label": "Domain", "holding": "Regions holding", "recommended": "Regions recommended", "crowding": "Crowding",
                    "byCountry": "By country (holding / recommended)", "regions": "Regions", "region": "Region", "name": "Name",
                    "holds": "Holds", "recommends": "Recommended", "partnerships": "Cross-border partnerships", "pair": "Regions",
                    "roles": "Roles", "score": "Score", "audit": "Declared priorities against the evidence", "priority": "Priority",
                    "verdict": "Verdict", "reasons": "Why", "undeclared": "Strongest undeclared candidates",
                    "crowdingNote": "Crowding = (regions recommended + 1) / (regions holding + 1); above 1, more regions are steered into the domain than have a strength in it."]
        case .ru:
            return ["title": "Союз: приоритеты регионов", "intro": "Освоенные и рекомендуемые области каждого региона (разделы и подразделы NACE/ОКВЭД2 или группы видов деятельности), насколько каждая область переполнена и каким регионам разных стран стоит сотрудничать. Метод: Methodology/union.md.",
                    "country": "Страна", "domain": "Область", "all": "все", "search": "Поиск региона", "domains": "Области", "code": "Код",
                    "label": "Область", "holding": "Регионов со специализацией", "recommended": "Регионов с рекомендацией", "crowding": "Переполненность",
                    "byCountry": "По странам (специализация / рекомендация)", "regions": "Регионы", "region": "Регион", "name": "Название",
                    "holds": "Специализация", "recommends": "Рекомендации", "partnerships": "Трансграничные партнёрства", "pair": "Регионы",
                    "roles": "Роли", "score": "Оценка", "audit": "Заявленные приоритеты и данные", "priority": "Приоритет",
                    "verdict": "Вывод", "reasons": "Почему", "undeclared": "Сильнейшие незаявленные ниши",
                    "crowdingNote": "Переполненность = (регионов с рекомендацией + 1) / (регионов со специализацией + 1); больше 1 — в область направляют больше регионов, чем имеют в ней специализацию."]
        }
    }

    /// The map: SVG path data per region code (``RegionGeometry/paths(width:height:margin:)``) and,
    /// optionally, the domain whose holders and recommended regions it colours (otherwise it
    /// colours the number of frontier candidates).
    public struct Map: Sendable {
        public var paths: [String: String], domain: String?
        public init(paths: [String: String], domain: String? = nil) { (self.paths, self.domain) = (paths, domain) }
    }

    /// The page. `sheets` maps region codes to their sheet's file name (relative links).
    public static func html(_ view: UnionView, datasetName: String, lang: SheetLanguage, sheets: [String: String], map: Map? = nil) -> String {
        let w = words(lang), e = Escaping.html
        let countries = Array(Set(view.regions.map(\.country))).sorted()
        let label = { (code: String) in view.domains.first { $0.code == code }.map { lang.pick($0.label) } ?? code }
        let link = { (code: String) in sheets[code].map { "<a href=\"\(e($0))\">\(e(code))</a>" } ?? e(code) }
        var page = """
        <!DOCTYPE html>
        <html lang="\(lang.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(w["title"]!)) — \(e(datasetName))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}td.n{text-align:right}.filters{display:flex;gap:1em;flex-wrap:wrap;margin:1em 0}.note{color:#555;font-size:90%}</style>
        </head><body>
        <h1>\(e(w["title"]!))</h1>
        <p>\(e(datasetName)) · \(e(w["intro"]!))</p>
        <div class="filters"><label>\(e(w["country"]!)) <select id="country"><option value="">\(e(w["all"]!))</option>\(countries.map { "<option value=\"\(e($0))\">\(e($0))</option>" }.joined())</select></label>
        <label>\(e(w["domain"]!)) <select id="domain"><option value="">\(e(w["all"]!))</option>\(view.domains.map { "<option value=\"\(e($0.code))\">\(e($0.code)) \(e(lang.pick($0.label)))</option>" }.joined())</select></label>
        <label>\(e(w["search"]!)) <input id="search" type="search"></label></div>

        """
        if let map { page += mapSVG(view, map, lang) }
        page += "<h2>\(e(w["domains"]!))</h2>\n<p class=\"note\">\(e(w["crowdingNote"]!))</p>\n<table id=\"domains\"><thead><tr><th>\(e(w["code"]!))</th><th>\(e(w["label"]!))</th><th>\(e(w["holding"]!))</th><th>\(e(w["recommended"]!))</th><th>\(e(w["crowding"]!))</th><th>\(e(w["byCountry"]!))</th></tr></thead><tbody>\n"
        for d in view.domains {
            let byCountry = countries.map { c in "\(c) \(d.holdingByCountry[c] ?? 0)/\(d.recommendedByCountry[c] ?? 0)" }.joined(separator: "; ")
            page += "<tr data-domain=\"\(e(d.code))\" data-countries=\"\(e(countries.joined(separator: " ")))\"><td>\(e(d.code))</td><td>\(e(lang.pick(d.label)))</td><td class=\"n\">\(d.regionsHolding)</td><td class=\"n\">\(d.regionsRecommended)</td><td class=\"n\">\(String(format: "%.2f", d.crowding))</td><td>\(e(byCountry))</td></tr>\n"
        }
        page += "</tbody></table>\n<h2>\(e(w["regions"]!))</h2>\n<table id=\"regions\"><thead><tr><th>\(e(w["region"]!))</th><th>\(e(w["name"]!))</th><th>\(e(w["country"]!))</th><th>\(e(w["holds"]!))</th><th>\(e(w["recommends"]!))</th></tr></thead><tbody>\n"
        for r in view.regions {
            let domains = (r.holds + r.recommended).joined(separator: " ")
            page += "<tr data-countries=\"\(e(r.country))\" data-domain=\"\(e(domains))\" data-search=\"\(e((r.code + " " + lang.pick(r.name)).lowercased()))\"><td>\(link(r.code))</td><td>\(e(lang.pick(r.name)))</td><td>\(e(r.country))</td><td>\(e(r.holds.map(label).joined(separator: "; ")))</td><td>\(e(r.recommended.map(label).joined(separator: "; ")))</td></tr>\n"
        }
        page += "</tbody></table>\n<h2>\(e(w["partnerships"]!))</h2>\n<table id=\"partnerships\"><thead><tr><th>\(e(w["domain"]!))</th><th>\(e(w["pair"]!))</th><th>\(e(w["country"]!))</th><th>\(e(w["roles"]!))</th><th>\(e(w["score"]!))</th></tr></thead><tbody>\n"
        for p in view.partnerships {
            page += "<tr data-domain=\"\(e(p.domain))\" data-countries=\"\(e(p.countries.joined(separator: " ")))\" data-search=\"\(e(p.regions.joined(separator: " ").lowercased()))\"><td>\(e(p.domain)) \(e(label(p.domain)))</td><td>\(link(p.regions[0])) – \(link(p.regions[1]))</td><td>\(e(p.countries.joined(separator: " – ")))</td><td>\(e(p.roles.joined(separator: " / ")))</td><td class=\"n\">\(String(format: "%.3f", p.score))</td></tr>\n"
        }
        page += "</tbody></table>\n"
        if let audit = view.audit {
            page += "<h2>\(e(w["audit"]!))</h2>\n<table id=\"audit\"><thead><tr><th>\(e(w["region"]!))</th><th>\(e(w["priority"]!))</th><th>\(e(w["verdict"]!))</th><th>\(e(w["reasons"]!))</th><th>\(e(w["undeclared"]!))</th></tr></thead><tbody>\n"
            let countryOf = Dictionary(uniqueKeysWithValues: view.regions.map { ($0.code, $0.country) })
            for a in audit {
                page += "<tr data-countries=\"\(e(countryOf[a.region] ?? ""))\" data-search=\"\(e(a.region.lowercased()))\"><td>\(link(a.region))</td><td>\(e(a.label))</td><td>\(e(a.verdict.rawValue))</td><td>\(e(a.reasons.joined(separator: " ")))</td><td>\(e(a.undeclared.joined(separator: ", ")))</td></tr>\n"
            }
            page += "</tbody></table>\n"
        }
        page += """
        <script>
        (function () {
          var country = document.getElementById('country'), domain = document.getElementById('domain'), search = document.getElementById('search');
          function apply() {
            var c = country.value, d = domain.value, s = search.value.trim().toLowerCase();
            document.querySelectorAll('tbody tr').forEach(function (row) {
              var countries = (row.getAttribute('data-countries') || '').split(' ');
              var domains = (row.getAttribute('data-domain') || '').split(' ');
              var text = row.getAttribute('data-search');
              var show = (!c || countries.indexOf(c) >= 0) && (!d || !row.hasAttribute('data-domain') || domains.indexOf(d) >= 0)
                && (!s || text === null || text.indexOf(s) >= 0);
              row.style.display = show ? '' : 'none';
            });
          }
          country.addEventListener('change', apply); domain.addEventListener('change', apply); search.addEventListener('input', apply);
          // A link can carry the filters: index.html#country=KZ&domain=C&q=alm
          var hash = new URLSearchParams(window.location.hash.slice(1));
          if (hash.get('country')) country.value = hash.get('country');
          if (hash.get('domain')) domain.value = hash.get('domain');
          if (hash.get('q')) search.value = hash.get('q');
          apply();
        })();
        </script>
        </body></html>

        """
        return page
    }
}
