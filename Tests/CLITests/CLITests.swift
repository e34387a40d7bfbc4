import Foundation
import Testing

/// Runs the built `smartspec` binary the way a user does.
struct CLI {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("smartspec")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repository.appendingPathComponent(".build/debug/smartspec")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repository
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("Command-line tool")
struct CLITests {
    @Test("validate passes on the bundled demo")
    func validateDemo() throws {
        let result = try CLI.run(["validate", "--dataset", "Datasets/demo"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("90 in 5 countries"))
        #expect(result.stdout.contains("No problems found."))
    }

    @Test("validate lists every problem of the broken fixture and exits 1")
    func validateBroken() throws {
        let result = try CLI.run(["validate", "--dataset", "Tests/SmartSpecTests/Fixtures/broken-dataset"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("19 problems:"))
        #expect(result.stdout.contains("indicators.csv:3:7 (rate): 'abc' is not a number"))
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack"))
    }

    @Test("validate --format json and csv are machine-readable")
    func machineReadable() throws {
        let json = try CLI.run(["validate", "--dataset", "Tests/SmartSpecTests/Fixtures/broken-dataset", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        let issues = try #require(object["issues"] as? [[String: Any]])
        #expect(issues.filter { $0["severity"] as? String == "error" }.count == 19)
        #expect(issues.contains { $0["file"] as? String == "regions.csv" && $0["line"] as? Int == 4 && $0["column"] as? Int == 1 })
        let csv = try CLI.run(["validate", "--dataset", "Datasets/demo", "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("severity,file,line,column,field,message"))
    }

    @Test("Errors are one sentence on stderr with a non-zero status")
    func errors() throws {
        let missing = try CLI.run(["validate", "--dataset", "/nonexistent/folder"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("the dataset folder does not exist"))
        let badFormat = try CLI.run(["validate", "--format", "xml"])
        #expect(badFormat.status != 0 && badFormat.stderr.contains("xml"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        let tsv = folder.appendingPathComponent("t.tsv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("unit,geo\\time\t2014 \nPC,AT11\t1.0 \nPC,AT12\t2.0 \n".utf8).write(to: tsv)
        let wrong = try CLI.run(["import", "eurostat", tsv.path, "--indicator", "x", "--year", "2014", "--where", "unit=EUR",
                                 "--out", folder.appendingPathComponent("ds").path])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("No row has unit = 'EUR'; the values of unit are PC."))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ds").path))
        let right = try CLI.run(["import", "eurostat", tsv.path, "--indicator", "x", "--year", "2014", "--where", "unit=PC",
                                 "--level", "2", "--dimension", "technology", "--out", folder.appendingPathComponent("ds").path])
        #expect(right.status == 0, "\(right.stderr)")
        #expect(try CLI.run(["validate", "--dataset", folder.appendingPathComponent("ds").path]).status == 0)
    }

    @Test("doctor names the BLAS library")
    func doctor() throws {
        let result = try CLI.run(["doctor", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["blasLibrary"] as? String)?.contains("blas") == true)
    }

    @Test("--help lists the subcommands")
    func help() throws {
        let result = try CLI.run(["--help"])
        for name in ["validate", "import", "generate", "doctor"] { #expect(result.stdout.contains(name)) }
    }
}

@Suite("Documentation")
struct DocumentationTests {
    @Test("Docs/cli-reference.md is what the argument parser prints now")
    func cliReferenceIsCurrent() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cli-reference-\(UUID().uuidString).md")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLI.repository.appendingPathComponent("Docs/generate-cli-reference.sh").path, CLI.binary.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["OUT": output.path]) { $1 }
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let fresh = try String(contentsOf: output, encoding: .utf8)
        let committed = try String(contentsOf: CLI.repository.appendingPathComponent("Docs/cli-reference.md"), encoding: .utf8)
        #expect(fresh == committed, "Docs/cli-reference.md is stale: run `bash Docs/generate-cli-reference.sh`")
    }
}

/// Runs a Python script of the repository with arguments; returns its status and combined output.
func runPython(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    try runTool(["python3", "-W", "ignore", CLI.repository.appendingPathComponent(script).path] + arguments)
}

/// Runs a program found on the PATH (`arguments[0]`), returning its status and its standard output and error together.
func runTool(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// Whether python3 can import the given modules.
func pythonHas(_ modules: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import " + modules.joined(separator: ", ")]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

let sharedData = CLI.repository.deletingLastPathComponent().appendingPathComponent("shared/data")
let hasSharedData = FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("PROVENANCE.md").path)
let hasReferenceRegionPeers = pythonHas(["numpy", "sklearn", "factor_analyzer", "yaml"])

@Suite("Reference regions against the independent numpy / scikit-learn / factor-analyzer script",
       .enabled(if: hasReferenceRegionPeers, "python3 with numpy, scikit-learn, factor-analyzer and PyYAML is not available, so the cross-check is skipped"))
struct ReferenceRegionCrossCheck {
    static func check(_ dataset: String) throws {
        let (status, output) = try runPython("Methodology/validation/reference_regions.py", [dataset, CLI.binary.path, "--top", "20"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK"))
    }

    @Test("Bundled demo")
    func demo() throws { try Self.check(CLI.repository.appendingPathComponent("Datasets/demo").path) }

    @Test("Real data: EU NUTS-2 2014 and 85 Russian regions 2022", .enabled(if: hasSharedData, "../shared/data is absent"),
          arguments: ["eurostat-nuts2-2014", "rosstat-regions-2022"])
    func real(name: String) throws { try Self.check(sharedData.appendingPathComponent(name).path) }
}

@Suite("similar and benchmark commands")
struct SimilarCommandTests {
    @Test("similar --region prints the JSON contract")
    func json() throws {
        let result = try CLI.run(["similar", "--region", "XA03", "--top", "5", "--format", "json", "--bootstrap", "10", "--seed", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["region"] as? String == "XA03")
        let references = try #require(object["references"] as? [[String: Any]])
        #expect(references.count == 5 && references[0]["rank"] as? Int == 1)
        let first = references[0]
        for key in ["code", "name", "distance", "similarity", "dimensions", "stability"] { #expect(first[key] != nil, "\(key)") }
        let distance = try #require(first["distance"] as? Double), similarity = try #require(first["similarity"] as? Double)
        #expect(abs(similarity - 1 / (1 + distance)) < 1e-9)
        #expect((object["method"] as? [String: Any])?["name"] as? String == "pca")
        #expect(object["imputed"] is [Any])
    }

    @Test("similar --all --format csv lists region,rank,code,distance for every region")
    func all() throws {
        let result = try CLI.run(["similar", "--all", "--top", "3", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines[0] == "region,rank,code,distance")
        #expect(lines.count == 1 + 90 * 3)
    }

    @Test("--export-scores writes the score matrix whose plain Euclidean distances are the reported ones")
    func exportedScores() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scores-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["similar", "--all", "--top", "3", "--format", "csv", "--write-scores", file.path])
        #expect(result.status == 0)
        let rows = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(rows[0].first == "code" && rows[0].dropFirst().allSatisfy { $0.hasPrefix("s") })
        #expect(rows.count == 1 + 90)
        var scores: [String: [Double]] = [:]
        for row in rows.dropFirst() { scores[row[0]] = row.dropFirst().compactMap(Double.init) }
        // √Σ (score_a − score_b)² by hand, against every reported distance (printed to 12 significant digits).
        for line in result.stdout.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            let a = try #require(scores[cells[0]]), b = try #require(scores[cells[2]])
            var squared = 0.0
            for (x, y) in zip(a, b) { squared += (x - y) * (x - y) }
            let reported = try #require(Double(cells[3]))
            #expect(abs(squared.squareRoot() - reported) <= 1e-9 * max(1, reported), "\(line)")
        }
    }

    @Test("benchmark lists the performance gaps")
    func benchmark() throws {
        let result = try CLI.run(["benchmark", "--region", "XA03", "--top", "10", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let gaps = try #require(object["gaps"] as? [[String: Any]])
        #expect(gaps.count == 7)
        let standardised = gaps.compactMap { $0["standardisedGap"] as? Double }
        #expect(standardised == standardised.sorted(by: >))
    }

    @Test("Bad requests: one sentence and a non-zero status", arguments: [
        (["similar", "--region", "XA3"], "The region 'XA3' is not in the dataset; did you mean"),
        (["similar", "--region", "XA03", "--top", "500"], "500 reference regions were requested, but only 89 regions are candidates."),
        (["similar", "--region", "XA03", "--weights", "culture=2"], "'culture' names no dimension with structural indicators"),
        (["similar", "--region", "XA03", "--all"], "Give either --region CODE or --all."),
    ])
    func errors(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }
}

@Suite("Foresight commands on the demo study")
struct ForesightCommandTests {
    static let study = "Datasets/demo/foresight/study.yaml"

    @Test("scenarios on a study file gives the JSON contract")
    func scenarios() throws {
        let result = try CLI.run(["scenarios", Self.study, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // 4 consistent scenarios; the best scores 21 (low, open, inflow, fast, mission): an independent
        // brute force over all 72 scenarios gives the same.
        #expect(object["total"] as? Int == 4)
        let descriptors = try #require(object["descriptors"] as? [[String: Any]])
        #expect(descriptors.first?["variants"] as? [String] == ["low", "high"])
        let first = try #require((object["scenarios"] as? [[String: Any]])?.first)
        #expect(first["totalImpactScore"] as? Int == 21 && first["inconsistency"] as? Int == 0)
        #expect((first["variants"] as? [String: String])?["trade"] == "open")
    }

    @Test("micmac, ahp, mcda, delphi and score run and print JSON", arguments: [
        ["micmac"], ["ahp"], ["mcda", "--method", "topsis"], ["mcda", "--method", "vikor"], ["mcda", "--method", "promethee"],
        ["mcda", "--method", "wsm"], ["delphi"], ["score"],
    ])
    func commands(arguments: [String]) throws {
        let result = try CLI.run([arguments[0], Self.study] + arguments.dropFirst() + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil)
    }

    @Test("score: a matrix without a consistent scenario is one sentence; a higher maximum inconsistency scores it")
    func noConsistentScenario() throws {
        // a.one pushes b to one, b.one pushes a to two, a.two pushes b to two, b.two pushes a to one:
        // each of the 4 scenarios has one descriptor with balance −2 against +2 for its other variant.
        let study = """
        study: {name: Cyclic}
        descriptors:
          - {id: a, label: A, variants: [{id: one, label: One}, {id: two, label: Two}]}
          - {id: b, label: B, variants: [{id: one, label: One}, {id: two, label: Two}]}
        cross_impacts:
          a.one: [0, 0, 2, -2]
          a.two: [0, 0, -2, 2]
          b.one: [-2, 2, 0, 0]
          b.two: [2, -2, 0, 0]
        priorities:
          - {id: p, label: P}
        impacts:
          p: {a.one: 1}
        """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cyclic-\(UUID().uuidString).yaml")
        try study.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let refused = try CLI.run(["score", file.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("The cross-impact matrix has no scenario with inconsistency at most 0; try a higher --max-inconsistency."))
        // Inconsistency 4 (2 − (−2)) admits all four scenarios; p scores 1 in the two with a.one.
        let scored = try CLI.run(["score", file.path, "--max-inconsistency", "4", "--format", "csv"])
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(scored.stdout.contains("\np,0.5,0.0,1.0,"))
    }

    @Test("A ScenarioWizard file with a self-judging descriptor warns and still matches")
    func selfJudged() throws {
        let file = sharedData.appendingPathComponent("cib/CIB_natl_regional.scw").path
        guard FileManager.default.fileExists(atPath: file) else { return }
        let result = try CLI.run(["scenarios", file, "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("WSCEN"))
        #expect(result.stdout.split(separator: "\n").count == 17)
    }
}

@Suite("Multi-criteria methods against pymcdm and ahpy",
       .enabled(if: pythonHas(["numpy", "pymcdm", "ahpy"]), "python3 with pymcdm and ahpy is not available, so the cross-check is skipped"))
struct MCDACrossCheck {
    @Test("TOPSIS and AHP agree with pymcdm and ahpy on 20 seeded random cases")
    func randomCases() throws {
        let (status, output) = try runPython("Methodology/validation/mcda.py", [CLI.binary.path, "--cases", "20"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK"))
    }

}

@Suite("Complexity against py-ecomplexity and the independent numpy script",
       .enabled(if: pythonHas(["numpy", "pandas", "ecomplexity"]), "python3 with numpy, pandas and ecomplexity is not available, so the cross-check is skipped"))
struct ComplexityCrossCheck {
    @Test("Real data: world trade 1998–2000 (226 × 785), EU NUTS-2 and Russian regions",
          .enabled(if: hasSharedData, "../shared/data is absent"),
          arguments: ["world-trade-1998-2000", "eurostat-nuts2-2014", "rosstat-regions-2022"])
    func real(name: String) throws {
        let (status, output) = try runPython("Methodology/validation/complexity.py",
                                             [sharedData.appendingPathComponent(name).path, CLI.binary.path, "--tolerance", "1e-6"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK"))
    }

    @Test("Bundled demo")
    func demo() throws {
        let (status, output) = try runPython("Methodology/validation/complexity.py",
                                             [CLI.repository.appendingPathComponent("Datasets/demo").path, CLI.binary.path])
        #expect(status == 0, "\(output)")
    }
}

@Suite("complexity and niches commands")
struct NichesCommandTests {
    @Test("complexity prints the JSON contract and writes the cells")
    func complexityJSON() throws {
        let cells = FileManager.default.temporaryDirectory.appendingPathComponent("cells-\(UUID().uuidString).csv")
        let result = try CLI.run(["complexity", "--format", "json", "--write-cells", cells.path])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let regions = json["regions"] as! [[String: Any]], activities = json["activities"] as! [[String: Any]]
        #expect(regions.count == 90 && activities.count == 48)
        #expect(Set(regions[0].keys).isSuperset(of: ["code", "diversity", "eci", "coi"]))
        #expect(Set(activities[0].keys).isSuperset(of: ["code", "ubiquity", "pci"]))
        #expect(json["warnings"] is [Any])
        let text = try String(contentsOf: cells, encoding: .utf8)
        #expect(text.hasPrefix("region,activity,rca,mcp,density,cog\n"))
        #expect(text.split(separator: "\n").count == 1 + 90 * 48)
    }

    @Test("niches prints strengths and ranked candidates with their evidence")
    func nichesJSON() throws {
        let result = try CLI.run(["niches", "--region", "XA03", "--top", "5", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(json["region"] as? String == "XA03")
        let candidates = json["candidates"] as! [[String: Any]]
        #expect(candidates.count == 5)
        #expect(Set(candidates[0].keys).isSuperset(of: ["activity", "rca", "density", "pci", "cog", "quadrant", "score", "relatedHeld"]))
        #expect(!(json["strengths"] as! [Any]).isEmpty)
    }

    @Test("Bad niche inputs give one clear sentence and exit 1", arguments: [
        (["niches", "--region", "NOPE"], "not in the dataset"),
        (["complexity", "--threshold", "0"], "above 0"),
        (["niches", "--region", "XA03", "--top", "0"], "at least 1"),
    ])
    func badInput(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("A dataset without activities is refused with a sentence")
    func noActivities() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("noact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "name: tiny\n".write(to: folder.appendingPathComponent("dataset.yaml"), atomically: true, encoding: .utf8)
        try "code,name,country\nA1,Alpha,AA\nA2,Beta,AA\n".write(to: folder.appendingPathComponent("regions.csv"), atomically: true, encoding: .utf8)
        try "indicators:\n  - {id: x, label: X, dimension: technology, role: structural}\n".write(to: folder.appendingPathComponent("indicators.yaml"), atomically: true, encoding: .utf8)
        try "code,x\nA1,1\nA2,2\n".write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["complexity", "--dataset", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no activities.csv"))
    }
}
