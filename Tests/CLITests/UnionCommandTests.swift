import Foundation
import Testing

/// `smartspec union`: the site's files and JSON, escaping, and the page in a real browser.
@Suite("union command")
struct UnionCommandTests {
    @Test("The demo's union: index.html without external resources naming every region, union.json with its fields, a sheet per region")
    func contract() throws {
        let out = scratchFolder("union")
        let declared = scratchFolder("union-declared").appendingPathComponent("declared.csv")
        try Data("region,priority,label,codes\nXA03,digital,Digital,ICT\nXB01,water,Water,ENE03\n".utf8).write(to: declared)
        let result = try CLI.run(["union", "--dataset", "Datasets/demo", "--out", out.path, "--declared", declared.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("http:") && !html.contains("https:"))
        let regions = try String(contentsOf: CLI.repository.appendingPathComponent("Datasets/demo/regions.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        for code in regions {
            #expect(html.contains(">\(code)<"), "\(code) missing from index.html")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(code).html").path), "no sheet for \(code)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("union.json"))) as? [String: Any])
        let domains = try #require(json["domains"] as? [[String: Any]])
        #expect(!domains.isEmpty && domains.allSatisfy { d in ["code", "label", "regionsHolding", "regionsRecommended", "crowding"].allSatisfy { d[$0] != nil } })
        let partnerships = try #require(json["partnerships"] as? [[String: Any]])
        #expect(!partnerships.isEmpty)
        for p in partnerships {
            let pair = try #require(p["regions"] as? [String]), countries = try #require(p["countries"] as? [String])
            #expect(pair.count == 2 && countries.count == 2 && countries[0] != countries[1] && p["score"] is Double && p["domain"] is String)
        }
        let audit = try #require(json["audit"] as? [[String: Any]])
        #expect(audit.map { $0["verdict"] as? String }.allSatisfy { ["supported", "plausible", "unsupported"].contains($0 ?? "") })
        #expect(audit.allSatisfy { $0["region"] is String && $0["priority"] is String && ($0["reasons"] as? [String])?.isEmpty == false })
        for file in ["domains.csv", "partnerships.csv", "audit.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        if pythonHas(["jsonschema"]) {
            let (status, output) = try runPython("Methodology/validation/sheet_schema.py",
                                                 ["--schema", CLI.repository.appendingPathComponent("Docs/schema/union.schema.json").path,
                                                  out.appendingPathComponent("union.json").path])
            #expect(status == 0, "union.json against Docs/schema/union.schema.json: \(output)")
        }
    }

    @Test("Hostile region names are escaped in the page")
    func hostile() throws {
        let out = scratchFolder("union-hostile")
        let result = try CLI.run(["union", "--dataset", try RecommendCommandTests.hostileDataset().path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("<script>alert") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.components(separatedBy: "<script>").count == 2, "only the page's own script")
    }

    @Test("In headless Chromium the page loads without console errors and the filters hide rows (a link's #country=…&domain=…)",
          .enabled(if: executable("chromium") != nil, "chromium is not installed, so the browser check is skipped"))
    func browser() throws {
        let out = scratchFolder("union-browser")
        #expect(try CLI.run(["union", "--dataset", "Datasets/demo", "--out", out.path]).status == 0)
        func dom(_ fragment: String) throws -> (dom: String, log: String) {
            let (status, output) = try runTool([executable("chromium")!, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                                                "--dump-dom", "file://" + out.appendingPathComponent("index.html").path + fragment])
            #expect(status == 0)
            return (output, output)
        }
        let plain = try dom("")
        #expect(!plain.log.contains("CONSOLE") || !plain.log.contains("Uncaught"), "console errors: \(plain.log.suffix(500))")
        #expect(!plain.dom.contains("display: none"))
        let filtered = try dom("#country=XB&domain=ICT")
        let hidden = filtered.dom.components(separatedBy: "display: none").count - 1
        #expect(hidden > 0 && !filtered.log.contains("Uncaught"))
        // Every link to a sheet resolves to a file in --out.
        let links = plain.dom.matches(of: /href="([^"#]+)"/).map { String($0.output.1) }
        #expect(!links.isEmpty)
        for link in Set(links) { #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(link).path), "\(link)") }
    }

    @Test("With --geometry the page draws every region with its code and name on hover, coloured by frontier candidates or a domain")
    func map() throws {
        let out = scratchFolder("union-map")
        let result = try CLI.run(["union", "--dataset", "Datasets/demo", "--out", out.path, "--geometry", "Datasets/demo/geometry.geojson", "--lang", "ru"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<path ").count - 1 == 90)
        #expect(html.contains("<title>XA03 ") && html.contains("Карта") && !html.contains("http"))
        let byDomain = try CLI.run(["union", "--dataset", "Datasets/demo", "--out", out.path, "--geometry", "Datasets/demo/geometry.geojson", "--map-domain", "ICT"])
        #expect(byDomain.status == 0, "\(byDomain.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8).contains("#ff7f0e"))
    }

    @Test("Bad geometry: one sentence, exit status 1, nothing written", arguments: [
        ("not json", "is not readable GeoJSON"),
        ("{\"type\": \"Feature\"}", "is not a GeoJSON FeatureCollection"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {}, \"geometry\": null}]}", "feature 1 has no property 'code'"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"code\": \"ZZ9\"}, \"geometry\": null}]}", "region 'ZZ9', which is not in the dataset"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"code\": \"XA01\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}]}", "only Polygon and MultiPolygon"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"code\": \"XA01\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [500, 1]]]}}]}", "at least 3"),
    ])
    func badGeometry(text: String, message: String) throws {
        let out = scratchFolder("union-bad")
        let file = scratchFolder("union-geo").appendingPathComponent("g.geojson")
        try Data(text.utf8).write(to: file)
        let result = try CLI.run(["union", "--dataset", "Datasets/demo", "--out", out.path, "--geometry", file.path])
        #expect(result.status == 1 && result.stderr.contains(message), "\(result.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { !$0.hasPrefix(".") }.isEmpty)
    }
}
