import Foundation
import Testing

/// `smartspec audit`: a held, a related, an unrelated and a local declared priority on the demo, and
/// malformed declared files.
@Suite("audit command")
struct AuditCommandTests {
    static func write(_ text: String) -> URL {
        let url = scratchFolder("audit").appendingPathComponent("declared.csv")
        try! Data(text.utf8).write(to: url)
        return url
    }

    @Test("Verdicts: held → supported, related → plausible, neither → unsupported, local only → unsupported; JSON is the audit array")
    func verdicts() throws {
        // The region's own numbers, from its sheet: a strength, a candidate at or above the density cut, one below it.
        let out = scratchFolder("audit-sheet")
        let sheetRun = try CLI.run(["recommend", "--region", "XA03", "--file-types", "json", "--out", out.path, "--no-study"])
        #expect(sheetRun.status == 0, "\(sheetRun.stderr)")
        let sheet = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("XA03.json"))) as? [String: Any])?["sheet"] as? [String: Any])
        let strength = try #require((sheet["strengths"] as? [[String: Any]])?.first?["activity"] as? String)
        let section = try #require(sheet["candidates"] as? [String: Any])
        let cut = try #require(section["densityCut"] as? Double)
        let candidates = try #require(section["all"] as? [[String: Any]])
        let related = try #require(candidates.first { ($0["density"] as? Double ?? 0) >= cut }?["activity"] as? String)
        let unrelated = try #require(candidates.first { ($0["density"] as? Double ?? 1) < cut }?["activity"] as? String)
        let file = Self.write("region,priority,label,codes\nXA03,held,Held,\(strength)\nXA03,near,Near,\(related)\nXA03,far,Far,\(unrelated)\nXA03,water,Water,ENE03\n")
        let result = try CLI.run(["audit", "--declared", file.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let audit = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(audit.map { $0["verdict"] as? String } == ["supported", "plausible", "unsupported", "unsupported"])
        #expect(audit.allSatisfy { ($0["reasons"] as? [String])?.isEmpty == false && $0["region"] as? String == "XA03" })
        #expect((audit[3]["reasons"] as? [String])?.first?.contains("local") == true)
        // Domains expand to their activities: the demo's groups.
        let domain = try CLI.run(["audit", "--declared", Self.write("region,priority,label,codes\nXA03,digital,Digital,ICT\n").path, "--format", "json"])
        let entry = try #require((try JSONSerialization.jsonObject(with: Data(domain.stdout.utf8)) as? [[String: Any]])?.first)
        #expect((entry["evidence"] as? [[String: Any]])?.count == 6)
    }

    @Test("Malformed declared files: one error per problem, with line, column and field; exit status 1", arguments: [
        ("region,priority,codes\nXA03,a,ICT\n", "label"),
        ("region,priority,label,codes\nNOPE,a,A,ICT\n", "declared.csv:2:1 (region)"),
        ("region,priority,label,codes\nXA03,a,A,XYZ\n", "'XYZ' is neither an activity nor a domain"),
        ("region,priority,label,codes\nXA03,a,A,\n", "lists no activity or domain code"),
        ("region,priority,label,codes\nXA03,a,A,ICT\nXA03,a,B,AGR\n", "declares the priority 'a' twice"),
        ("region,priority,label,codes\n", "declares no priority"),
    ])
    func malformed(text: String, message: String) throws {
        let result = try CLI.run(["audit", "--declared", Self.write(text).path])
        #expect(result.status == 1 && result.stderr.contains(message), "\(result.stderr)")
    }
}
