import Foundation
import Testing

@Suite("scenarios --ensemble, --uncertainty, --fix, --periods and levers")
struct ForesightUncertaintyCommandTests {
    static let folder = "Datasets/demo/foresight/"
    static let study = folder + "study.yaml"

    static func object(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("--ensemble prints members and scenarios with consistentIn, perMember, consistentInMean and consistentInSum")
    func ensembleContract() throws {
        let files = [Self.study, Self.folder + "panel-north.yaml", Self.folder + "panel-south.scw"]
        let object = try Self.object(["scenarios", "--ensemble"] + files + ["--format", "json"])
        #expect((object["members"] as? [Any])?.count == 3)
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        #expect(!scenarios.isEmpty)
        // Each member's consistent set equals the plain search on that member.
        for (k, file) in files.enumerated() {
            let own = try #require(try Self.object(["scenarios", file, "--format", "json"])["scenarios"] as? [[String: Any]])
            let ownSet = Set(own.map { ($0["variants"] as? [String: String]) ?? [:] })
            let inEnsemble = Set(scenarios.filter { (($0["perMember"] as? [[String: Any]])?[k]["inconsistency"] as? Int) == 0 }
                .map { ($0["variants"] as? [String: String]) ?? [:] })
            #expect(ownSet == inEnsemble, "member \(k + 1)")
        }
        for s in scenarios {
            #expect(s["consistentIn"] is Int && s["consistentInMean"] is Bool && s["consistentInSum"] is Bool)
            #expect((s["perMember"] as? [[String: Any]])?.allSatisfy { $0["inconsistency"] is Int && $0["totalImpactScore"] is Int } == true)
        }
    }

    @Test("--uncertainty prints samples and per scenario share, interval and base; U = 0 gives the base result; a seed repeats")
    func uncertaintyContract() throws {
        let object = try Self.object(["scenarios", Self.study, "--uncertainty", "1", "--samples", "60", "--seed", "5", "--format", "json"])
        #expect(object["samples"] as? Int == 60)
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        for s in scenarios {
            let share = try #require(s["share"] as? Double), interval = try #require(s["interval"] as? [Double])
            #expect(interval.count == 2 && interval[0] <= share && share <= interval[1])
            #expect(s["base"] is Bool && s["variants"] is [String: String])
        }
        let zero = try Self.object(["scenarios", Self.study, "--uncertainty", "0", "--samples", "7", "--format", "json"])
        let base = try #require(try Self.object(["scenarios", Self.study, "--format", "json"])["scenarios"] as? [[String: Any]])
        let zeroScenarios = try #require(zero["scenarios"] as? [[String: Any]])
        #expect(Set(zeroScenarios.map { ($0["variants"] as? [String: String]) ?? [:] }) == Set(base.map { ($0["variants"] as? [String: String]) ?? [:] }))
        #expect(zeroScenarios.allSatisfy { $0["share"] as? Double == 1 && $0["base"] as? Bool == true })
        let arguments = ["scenarios", Self.study, "--uncertainty", "2", "--keep-sign", "--samples", "40", "--seed", "9", "--format", "csv"]
        let first = try CLI.run(arguments), second = try CLI.run(arguments, environment: ["OPENBLAS_NUM_THREADS": "1"])
        #expect(first.status == 0 && first.stdout == second.stdout && !first.stdout.isEmpty)
    }

    @Test("--fix has the plain scenarios JSON's shape and holds the variant")
    func fixContract() throws {
        let object = try Self.object(["scenarios", Self.study, "--fix", "energy=high", "--format", "json"])
        let plainKeys = Set(try Self.object(["scenarios", Self.study, "--format", "json"]).keys)
        #expect(plainKeys.isSubset(of: Set(object.keys)))
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        #expect(!scenarios.isEmpty && scenarios.allSatisfy { ($0["variants"] as? [String: String])?["energy"] == "high" })
    }

    @Test("levers and --periods run on the demo study")
    func leversAndPathways() throws {
        let levers = try Self.object(["levers", Self.study, "--target", "policy=mission", "--format", "json"])
        #expect(levers["withoutIntervention"] is Int && levers["levers"] is [[String: Any]])
        let path = try Self.object(["scenarios", Self.study, "--periods", "3", "--format", "json"])
        let periods = try #require(path["periods"] as? [[String: Any]])
        #expect(periods.count == 4)
        #expect((periods[0]["variants"] as? [String: String])?["energy"] == "high")
    }

    @Test("Bad input is one sentence", arguments: [
        (["scenarios", "--ensemble", "Datasets/demo/foresight/study.yaml", "../shared/data/cib/CIB_global.scw"], "must have the same descriptors and variants"),
        (["scenarios", "Datasets/demo/foresight/study.yaml", "--fix", "energy=medium"], "--fix energy=medium: there is no such variant"),
        (["scenarios", "Datasets/demo/foresight/study.yaml", "--uncertainty=-1"], "--uncertainty must be from 0 to 1000; got -1."),
        (["scenarios", "Datasets/demo/foresight/study.yaml", "--uncertainty", "1", "--samples", "0"], "--samples must be from 1 to 1000000; got 0."),
        (["scenarios", "Datasets/demo/foresight/study.yaml", "--uncertainty", "1", "--samples", "2000000"], "--samples must be from 1 to 1000000"),
        (["levers", "Datasets/demo/foresight/study.yaml", "--target", "nope=x"], "--target nope=x: there is no such variant"),
        (["scenarios", "Datasets/demo/foresight/study.yaml", "--start", "energy=low"], "--start is the start of a pathway; give --periods too."),
        (["scenarios", "Datasets/demo/foresight/study.yaml", "--periods", "2", "--start", "energy=low"], "--start gives no variant for trade, talent, digital, policy"),
    ])
    func badInput(arguments: [String], message: String) throws {
        if arguments.contains(where: { $0.hasPrefix("../shared") }), !FileManager.default.fileExists(atPath: "../shared/data/cib/CIB_global.scw") {
            print("skipped: ../shared is absent"); return
        }
        let result = try CLI.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }
}

@Suite("smartspec report")
struct ForesightReportCommandTests {
    @Test("Headless Chromium: the report's PDF has every section, its charts are drawn, nothing is wider than A4",
          .enabled(if: executable("chromium") != nil && executable("pdftotext") != nil,
                   "chromium or pdftotext (poppler-utils) is not installed, so the rendering check is skipped"),
          arguments: ["en", "ru"])
    func chromium(lang: String) throws {
        let out = scratchFolder("report")
        let result = try CLI.run(["report", ForesightUncertaintyCommandTests.study, "--out", out.path, "--lang", lang])
        #expect(result.status == 0, "\(result.stderr)")
        let headings = lang == "en"
            ? ["1. Scenario tableau", "2. Impact network", "3. MICMAC influence–dependence map", "4. Delphi convergence",
               "5. Criterion weights (AHP)", "6. Priorities across scenarios"]
            : ["1. Таблица сценариев", "2. Сеть влияний", "3. Карта влияния и зависимости (MICMAC)", "4. Сходимость оценок (Дельфи)",
               "5. Веса критериев (МАИ)", "6. Приоритеты по сценариям"]
        let (status, output) = try runPython("Tests/Rendering/check_rendering.py",
                                             [out.appendingPathComponent("report.html").path, out.appendingPathComponent("report.pdf").path,
                                              executable("chromium")!] + headings)
        #expect(status == 0, "\(output)")
    }

    @Test("The report is self-contained, escapes the study's text and is byte-identical on a second run")
    func selfContained() throws {
        let folder = scratchFolder("report-escape")
        let study = folder.appendingPathComponent("study.yaml")
        try """
        study: {name: "<script>alert(1)</script> & co"}
        descriptors:
          - {id: a, label: "A <b>", variants: [{id: one, label: One}, {id: two, label: "Two & more"}]}
          - {id: b, label: B, variants: [{id: one, label: One}, {id: two, label: Two}]}
        cross_impacts:
          a.one: [0, 0, 2, -2]
          a.two: [0, 0, -1, 1]
          b.one: [1, -1, 0, 0]
          b.two: [-3, 3, 0, 0]
        """.write(to: study, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        for _ in 0..<2 { #expect(try CLI.run(["report", study.path, "--out", out.path, "--file-types", "html", "--force"]).status == 0) }
        let first = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!first.contains("<script") && first.contains("&lt;script&gt;") && first.contains("Two &amp; more"))
        #expect(!first.contains("http://") || first.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        let out2 = folder.appendingPathComponent("out2")
        #expect(try CLI.run(["report", study.path, "--out", out2.path, "--file-types", "html"]).status == 0)
        #expect(try String(contentsOf: out2.appendingPathComponent("report.html"), encoding: .utf8) == first)
    }
}
