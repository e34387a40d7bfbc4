import Foundation
import Testing

/// Hardening of every option that writes (`--out`, `--write-cells`, `--write-scores`): what may be
/// replaced, the file names of regions, and two runs writing into one folder.
@Suite("Writing outputs safely")
struct OutputSafetyTests {
    static let writers: [(name: String, arguments: @Sendable (String) -> [String])] = [
        ("--write-cells", { ["complexity", "--format", "json", "--write-cells", $0] }),
        ("--write-scores", { ["similar", "--all", "--top", "2", "--format", "csv", "--write-scores", $0] }),
    ]

    @Test("A file smartspec did not write is refused without --force; its own earlier file is replaced", arguments: [0, 1])
    func foreignFile(writer: Int) throws {
        let folder = scratchFolder("foreign")
        let target = folder.appendingPathComponent("out.csv")
        try Data("precious\n".utf8).write(to: target)
        let refused = try CLI.run(Self.writers[writer].arguments(target.path))
        #expect(refused.status == 1 && refused.stderr.contains("was not written by smartspec"), "\(refused.stderr)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "precious\n")
        #expect(try CLI.run(Self.writers[writer].arguments(target.path) + ["--force"]).status == 0)
        let again = try CLI.run(Self.writers[writer].arguments(target.path))
        #expect(again.status == 0, "a rerun replaces smartspec's own file: \(again.stderr)")
    }

    @Test("A link (also dangling), a folder, a FIFO or a device at the target is refused, even with --force", arguments: [0, 1])
    func specialTargets(writer: Int) throws {
        let folder = scratchFolder("special")
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("keep\n".utf8).write(to: victim)
        let link = folder.appendingPathComponent("link.csv"), dangling = folder.appendingPathComponent("dangling.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)
        try FileManager.default.createSymbolicLink(at: dangling, withDestinationURL: folder.appendingPathComponent("nowhere/new.csv"))
        let fifo = folder.appendingPathComponent("fifo.csv")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let directory = folder.appendingPathComponent("dir.csv")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        for target in [link.path, dangling.path, fifo.path, directory.path, "/dev/null"] {
            let result = try CLI.run(Self.writers[writer].arguments(target) + ["--force"])
            #expect(result.status == 1, "\(target): \(result.stderr)")
            #expect(result.stderr.contains("Cannot write"), "\(target): \(result.stderr)")
        }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("nowhere").path))
    }

    @Test("An input of the same run is never written over, even with --force")
    func inputs() throws {
        let folder = scratchFolder("inputs")
        for name in ["dataset.yaml", "regions.csv", "indicators.csv", "indicators.yaml", "activities.csv", "activities.yaml"] {
            try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("Datasets/demo/\(name)"), to: folder.appendingPathComponent(name))
        }
        let activities = folder.appendingPathComponent("activities.csv")
        let before = try Data(contentsOf: activities)
        let result = try CLI.run(["complexity", "--dataset", folder.path, "--format", "json", "--write-cells", activities.path, "--force"])
        #expect(result.status == 1 && result.stderr.contains("an input of this run"), "\(result.stderr)")
        #expect(try Data(contentsOf: activities) == before)
        let out = try CLI.run(["recommend", "--dataset", folder.path, "--region", "XA03", "--out", folder.path, "--file-types", "json", "--force"])
        #expect(out.status == 0, "sheets beside the inputs are fine: \(out.stderr)")
    }

    @Test("Distinct codes get distinct, stable file names whatever their case, accents or special characters")
    func injectiveNames() throws {
        let folder = scratchFolder("names")
        let codes = ["AB", "ab", "Ab", "a:b", "a_b", "a-b", "a.b", "é", "e", "E", "ÄB", "INDEX", "index", "..", "CON", "RU-TA", "a*b", "a|b"]
        var regions = "code,name,country\n", indicators = "code,x,y\n"
        for (i, code) in codes.enumerated() {
            regions += "\"\(code.replacingOccurrences(of: "\"", with: "\"\""))\",Region \(i),\(i % 2 == 0 ? "AA" : "BB")\n"
            indicators += "\"\(code)\",\(Double(i * 7 % 11) + 1),\(Double(i * 5 % 13) + 1)\n"
        }
        let dataset = scratchFolder("names-data")
        try "name: names\n".write(to: dataset.appendingPathComponent("dataset.yaml"), atomically: true, encoding: .utf8)
        try regions.write(to: dataset.appendingPathComponent("regions.csv"), atomically: true, encoding: .utf8)
        try indicators.write(to: dataset.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try """
            indicators:
              - {id: x, label: X, dimension: technology, role: structural}
              - {id: y, label: Y, dimension: economy, role: structural}
            """.write(to: dataset.appendingPathComponent("indicators.yaml"), atomically: true, encoding: .utf8)
        let validation = try CLI.run(["validate", "--dataset", dataset.path])
        try #require(validation.status == 0, "\(validation.stdout)")
        let all = try CLI.run(["recommend", "--dataset", dataset.path, "--all", "--out", folder.path, "--file-types", "json"])
        #expect(all.status == 0, "\(all.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count == codes.count)
        #expect(Set(files.map { $0.lowercased() }).count == codes.count, "names differ also when case is ignored")
        #expect(files.allSatisfy { !$0.hasPrefix(".") && !$0.contains("/") && $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(files.contains("AB.json") && files.contains("RU-TA.json") && !files.contains("index.json"))
        // The same code gets the same file with --region, and the file says which region it is.
        for code in ["ab", "a:b", "é", "INDEX", ".."] {
            let one = scratchFolder("one")
            #expect(try CLI.run(["recommend", "--dataset", dataset.path, "--region", code, "--out", one.path, "--file-types", "json"]).status == 0)
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: one.path).first { $0.hasSuffix(".json") })
            #expect(files.contains(name))
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as! [String: Any]
            #expect(((json["sheet"] as! [String: Any])["region"] as! [String: Any])["code"] as? String == code)
        }
    }

    @Test("Two runs writing into one folder take turns: the second waits for the first's lock")
    func lock() throws {
        let folder = scratchFolder("lock")
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["recommend", "--region", "XA03", "--out", folder.path, "--file-types", "json"]
        process.currentDirectoryURL = CLI.repository
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning, "the second run waits while the lock is held")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("XA03.json").path))
        flock(fd, LOCK_UN)
        close(fd)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
        #expect(message.contains("another smartspec run is writing"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("XA03.json").path))
    }
}

@Suite("Importing and generating under the write rule")
struct ImportWriteRuleTests {
    static let tsv = "freq,unit,geo\\TIME_PERIOD\t2014 \nA,PC,AT11\t1.5 \nA,PC,AT12\t2 \nA,PC,EU27_2020\t9 \nA,PC,ATZZ\t0 \n"

    @Test("Import: creates, extends, refuses an existing indicator without --replace and a hand-made dataset without --force")
    func importRule() throws {
        let folder = scratchFolder("import-rule")
        let table = folder.appendingPathComponent("t.tsv")
        try Data(Self.tsv.utf8).write(to: table)
        let out = folder.appendingPathComponent("ds")
        let first = try CLI.run(["import", "eurostat", table.path, "--indicator", "rate", "--year", "2014", "--out", out.path])
        #expect(first.status == 0 && first.stderr.contains("2 aggregate or extra-regio code(s) left out"), "\(first.stderr)")
        let again = try CLI.run(["import", "eurostat", table.path, "--indicator", "rate", "--year", "2014", "--out", out.path])
        #expect(again.status == 1 && again.stderr.contains("pass --replace"), "\(again.stderr)")
        #expect(try CLI.run(["import", "eurostat", table.path, "--indicator", "rate", "--year", "2014", "--out", out.path, "--replace"]).status == 0)
        #expect(try CLI.run(["validate", "--dataset", out.path]).status == 0)
        // A dataset folder that smartspec did not write: its files are not replaced without --force.
        let handMade = folder.appendingPathComponent("hand")
        try FileManager.default.createDirectory(at: handMade, withIntermediateDirectories: true)
        for name in ["dataset.yaml", "regions.csv", "indicators.csv", "indicators.yaml"] {
            try FileManager.default.copyItem(at: out.appendingPathComponent(name), to: handMade.appendingPathComponent(name))
        }
        let before = try Data(contentsOf: handMade.appendingPathComponent("indicators.csv"))
        let refused = try CLI.run(["import", "eurostat", table.path, "--indicator", "other", "--year", "2014", "--out", handMade.path])
        #expect(refused.status == 1 && refused.stderr.contains("was not written by smartspec"), "\(refused.stderr)")
        #expect(try Data(contentsOf: handMade.appendingPathComponent("indicators.csv")) == before)
        #expect(try CLI.run(["import", "eurostat", table.path, "--indicator", "other", "--year", "2014", "--out", handMade.path, "--force"]).status == 0)
        // The table itself is never an output.
        let ownInput = try CLI.run(["import", "eurostat", table.path, "--indicator", "x2", "--year", "2014", "--out", folder.path, "--force"])
        #expect(ownInput.status == 0 || ownInput.stderr.contains("input"), "\(ownInput.stderr)")
        #expect(try String(contentsOf: table, encoding: .utf8) == Self.tsv)
    }

    @Test("Generate: writes a folder, rewrites its own, refuses foreign files without --force")
    func generateRule() throws {
        let folder = scratchFolder("generate-rule")
        #expect(try CLI.run(["generate", "scale", "--regions", "10", "--indicators", "4", "--dimensions", "2", "--out", folder.path]).status == 0)
        #expect(try CLI.run(["generate", "scale", "--regions", "12", "--indicators", "4", "--dimensions", "2", "--out", folder.path]).status == 0)
        let foreign = scratchFolder("generate-foreign")
        try Data("precious\n".utf8).write(to: foreign.appendingPathComponent("regions.csv"))
        let refused = try CLI.run(["generate", "demo", "--out", foreign.path])
        #expect(refused.status == 1 && refused.stderr.contains("was not written by smartspec"))
        #expect(try String(contentsOf: foreign.appendingPathComponent("regions.csv"), encoding: .utf8) == "precious\n")
    }
}

@Suite("import rosstat")
struct RosstatImportCommandTests {
    static let workbooks = CLI.repository.appendingPathComponent("Tests/SmartSpecTests/Fixtures/workbooks")
    static let raw = CLI.repository.deletingLastPathComponent().appendingPathComponent("shared/data/rosstat-regions/raw")

    @Test("A workbook that cannot be imported: one sentence, exit 1, nothing written into --out", arguments: [
        (["unknown-region.xlsx", "--sheet", "2", "--year", "2022"], "'Атлантида' is not a subject"),
        (["table.xlsx", "--sheet", "7", "--year", "2022"], "has no sheet '7'"),
        (["table.xls", "--sheet", "2", "--year", "2031"], "the header has no year 2031"),
        (["encrypted.xlsx", "--sheet", "2", "--year", "2022"], "encrypted"),
        (["truncated.xlsx", "--sheet", "2", "--year", "2022"], "damaged or truncated"),
        (["truncated.xls", "--sheet", "2", "--year", "2022"], "damaged or truncated"),
        (["not-a-workbook.xlsx", "--sheet", "2", "--year", "2022"], "not an Excel workbook"),
    ])
    func refused(arguments: [String], message: String) throws {
        let out = scratchFolder("rosstat-bad").appendingPathComponent("ds")
        let result = try CLI.run(["import", "rosstat", Self.workbooks.appendingPathComponent(arguments[0]).path] + arguments.dropFirst()
                                 + ["--indicator", "x", "--out", out.path])
        #expect(result.status == 1 && result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1 && !result.stderr.contains("Usage"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("A damaged .xlsx on which ZIPFoundation's inflate never ends (found by FuzzWorkbook) is stopped after the time limit, with a sentence")
    func hangingWorkbook() throws {
        let file = CLI.repository.appendingPathComponent("Tests/Fuzz/regressions/zipfoundation-inflate-hang.xlsx")
        let started = Date()
        let result = try CLI.run(["import", "rosstat", file.path, "--sheet", "1", "--year", "2022", "--indicator", "x", "--out", scratchFolder("hang").path + "/ds"],
                                 environment: ["SMARTSPEC_WORKBOOK_SECONDS": "2"])
        #expect(result.status == 1 && result.stderr.contains("did not finish within 2 s"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("The contract: GRP per capita (.xlsx), innovation activity (.xls) and fixed assets by section into one dataset that validates",
          .enabled(if: FileManager.default.fileExists(atPath: raw.path), "../shared/data is absent, so the tests on real shared data are skipped"))
    func contract() throws {
        let out = scratchFolder("rosstat").appendingPathComponent("ru")
        let runs = [
            ["VRP_s1998.xlsx", "--sheet", "4", "--year", "2022", "--indicator", "grp_per_capita", "--dimension", "economy", "--role", "performance"],
            ["innovations_1.xls", "--sheet", "1", "--year", "2022", "--indicator", "innovation_activity", "--dimension", "technology", "--role", "performance"],
            ["Nal_of_pus_reg-2024.xlsx", "--sheet", "2", "--year", "2022", "--activities"],
        ]
        for run in runs {
            let result = try CLI.run(["import", "rosstat", Self.raw.appendingPathComponent(run[0]).path] + run.dropFirst() + ["--out", out.path])
            #expect(result.status == 0, "\(run[0]): \(result.stderr)")
        }
        let validation = try CLI.run(["validate", "--dataset", out.path, "--format", "json"])
        #expect(validation.status == 0, "\(validation.stdout)")
        let regions = try String(contentsOf: out.appendingPathComponent("regions.csv"), encoding: .utf8)
        #expect(regions.contains("RU-TA,Republic of Tatarstan,Республика Татарстан,RU"))
        #expect(regions.split(separator: "\n").count == 86)
        let activities = try String(contentsOf: out.appendingPathComponent("activities.csv"), encoding: .utf8)
        #expect(activities.split(separator: "\n").count > 85 * 18)
    }
}
