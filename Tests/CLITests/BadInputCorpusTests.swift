import Foundation
import Testing

/// The bad-input corpus (`Tests/BadInputs/cases`, written by `make_corpus.py`) and the cases that
/// cannot be committed: every one must give its precise error and exit status 1 — no crash, trap or hang.
@Suite("Bad-input corpus")
struct BadInputCorpusTests {
    static let root = CLI.repository.appendingPathComponent("Tests/BadInputs/cases")
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()

    /// Runs smartspec with a time limit; returns status and combined output.
    static func run(_ arguments: [String], seconds: Double = 30) throws -> (status: Int32, output: String, timedOut: Bool) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close(); try? FileManager.default.removeItem(at: log) }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        let output = (try? Data(contentsOf: log)) ?? Data()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), timedOut)
    }

    static func check(_ arguments: [String], expect: String, _ name: String) throws {
        let result = try run(arguments)
        #expect(!result.timedOut, "\(name) hung")
        #expect(result.status == 1, "\(name): status \(result.status)\n\(result.output)")
        #expect(result.output.contains(expect), "\(name): expected '\(expect)' in\n\(result.output)")
        for trap in ["Fatal error", "Illegal instruction", "Segmentation", "Trace/breakpoint", "Stack dump", "precondition"] {
            #expect(!result.output.contains(trap), "\(name): \(trap)")
        }
    }

    @Test("The committed corpus has at least 40 cases across every file the tool reads")
    func size() {
        #expect(Self.cases.count >= 40)
    }

    @Test("Each committed case gives its precise error and exit status 1", arguments: cases)
    func committed(name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let lines = try String(contentsOf: folder.appendingPathComponent("case.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        let out = scratchFolder("corpus-out").appendingPathComponent("dataset").path
        let arguments = lines[0].split(separator: " ").map {
            $0.replacingOccurrences(of: "{case}", with: folder.path).replacingOccurrences(of: "{out}", with: out)
        }
        try Self.check(arguments, expect: lines[1], name)
    }

    /// A valid small dataset in a new folder, for the generated cases.
    static func dataset() throws -> URL {
        let folder = scratchFolder("generated")
        let source = Self.root.appendingPathComponent("15-unknown-region-in-values")
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where file != "case.txt" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        try "code,x,y\nA1,1,10\nA2,2,20\nB1,4,30\nB2,3,25\n".write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("A header line of a million columns is refused quickly with its position")
    func millionColumns() throws {
        let folder = try Self.dataset()
        let header = "code," + (1...1_000_000).map { "c\($0)" }.joined(separator: ",")
        try (header + "\nA1," + String(repeating: "1,", count: 999_999) + "1\n").write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try Self.check(["validate", "--dataset", folder.path], expect: "indicators.csv:1:2 (c1)", "million columns")
    }

    /// A valid small dataset whose regions.csv `replace` turns into something else.
    static func dataset(replacingRegions replace: (URL) throws -> Void) throws -> URL {
        let folder = try dataset()
        let regions = folder.appendingPathComponent("regions.csv")
        try FileManager.default.removeItem(at: regions)
        try replace(regions)
        return folder
    }

    @Test("A symbolic link loop in place of a file")
    func symlinkLoop() throws {
        let folder = try Self.dataset { try FileManager.default.createSymbolicLink(atPath: $0.path, withDestinationPath: $0.path) }
        try Self.check(["validate", "--dataset", folder.path], expect: "regions.csv", "symlink loop")
    }

    @Test("A directory in place of a file, and a file in place of the dataset folder")
    func directories() throws {
        let folder = try Self.dataset { try FileManager.default.createDirectory(at: $0, withIntermediateDirectories: false) }
        try Self.check(["validate", "--dataset", folder.path], expect: "regions.csv", "directory as file")
        try Self.check(["validate", "--dataset", folder.appendingPathComponent("dataset.yaml").path], expect: "dataset folder does not exist", "file as folder")
        try Self.check(["scenarios", folder.path], expect: folder.lastPathComponent, "folder as study")
    }

    // Memory bounded by the input's content (Datasets/README.md, "Limits"): small files that would
    // have asked for a gigabyte or more are refused quickly with a sentence naming the limit.

    @Test("Activities: 6,000 rows with distinct activities and years (108 million dense cells) are refused")
    func sparseActivities() throws {
        let folder = try Self.dataset()
        var text = "region,activity,year,value\n"
        for i in 0..<6_000 { text += "A\(1 + i % 2),X\(i),\(1000 + i),1\n" }
        try text.write(to: folder.appendingPathComponent("activities.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("activities.yaml"))
        try Self.check(["validate", "--dataset", folder.path], expect: "at most 64 cells per value row", "sparse activities")
    }

    @Test("Indicators: 20,000 regions × 5,000 declared indicators without values are refused")
    func sparseIndicators() throws {
        let folder = try Self.dataset()
        var regions = "code,name,country\n", yaml = "indicators:\n"
        for r in 0..<20_000 { regions += "R\(r),Region \(r),AA\n" }
        for k in 0..<5_000 { yaml += "  - {id: i\(k), label: I, dimension: economy, role: structural}\n" }
        try regions.write(to: folder.appendingPathComponent("regions.csv"), atomically: true, encoding: .utf8)
        try yaml.write(to: folder.appendingPathComponent("indicators.yaml"), atomically: true, encoding: .utf8)
        try ("code," + (0..<5_000).map { "i\($0)" }.joined(separator: ",") + "\n").write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("activities.csv"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("activities.yaml"))
        try Self.check(["validate", "--dataset", folder.path], expect: "20000 regions × 5000 indicators", "sparse indicators")
    }

    @Test("A study of 5,000 descriptors (10,000 variants, a 10,000² matrix) is refused")
    func manyDescriptors() throws {
        let folder = scratchFolder("descriptors")
        var text = "descriptors:\n"
        for d in 0..<5_000 { text += "  - {id: d\(d), variants: [{id: a, label: A}, {id: b, label: B}]}\n" }
        text += "cross_impacts: {}\n"
        let file = folder.appendingPathComponent("study.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try Self.check(["scenarios", file.path], expect: "at most 4096 are supported", "many descriptors")
    }

    @Test("A decompression bomb (300 MB of zeros in a small .gz) is refused quickly")
    func decompressionBomb() throws {
        let folder = scratchFolder("bomb")
        let bomb = folder.appendingPathComponent("table.tsv.gz")
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/bin/sh")
        make.arguments = ["-c", "{ printf 'unit,geo\\\\time\\t2014 \\n'; head -c 300000000 /dev/zero; } | gzip -1 > \"$0\"", bomb.path]
        try make.run()
        make.waitUntilExit()
        try Self.check(["import", "eurostat", bomb.path, "--indicator", "x", "--year", "2014", "--out", folder.appendingPathComponent("out").path],
                       expect: "decompression bomb", "bomb")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test("An unreadable file", .enabled(if: getuid() != 0, "running as root, which reads any file, so the permission case is skipped"))
    func unreadable() throws {
        let folder = try Self.dataset()
        let regions = folder.appendingPathComponent("regions.csv")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: regions.path)
        try Self.check(["validate", "--dataset", folder.path], expect: "regions.csv", "unreadable")
    }
}

/// Degenerate but well-formed data: every command either answers without NaN or infinity, or refuses
/// with one clear sentence and status 1.
@Suite("Singular and degenerate data")
struct DegenerateDataTests {
    /// A dataset from the given CSV texts (indicators: x, y structural in one dimension; z performance).
    static func dataset(regions: String, indicators: String, activities: String?) throws -> URL {
        let folder = scratchFolder("degenerate")
        try "name: degenerate\n".write(to: folder.appendingPathComponent("dataset.yaml"), atomically: true, encoding: .utf8)
        try regions.write(to: folder.appendingPathComponent("regions.csv"), atomically: true, encoding: .utf8)
        try """
            indicators:
              - {id: x, label: X, dimension: technology, role: structural}
              - {id: y, label: Y, dimension: technology, role: structural}
              - {id: z, label: Z, dimension: economy, role: performance}
            """.write(to: folder.appendingPathComponent("indicators.yaml"), atomically: true, encoding: .utf8)
        try indicators.write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        if let activities { try activities.write(to: folder.appendingPathComponent("activities.csv"), atomically: true, encoding: .utf8) }
        return folder
    }

    static let fourRegions = "code,name,country\nA1,A1,AA\nA2,A2,AA\nB1,B1,BB\nB2,B2,BB\n"

    static func noNonFinite(_ text: String) -> Bool {
        !text.contains("nan") && !text.contains("NaN") && !text.contains("inf") && !text.contains("Infinity")
    }

    @Test("Collinear indicators: a warning, and finite distances")
    func collinear() throws {
        let folder = try Self.dataset(regions: Self.fourRegions, indicators: "code,x,y,z\nA1,1,2,5\nA2,2,4,6\nB1,3,6,7\nB2,5,10,8\n", activities: nil)
        let result = try CLI.run(["similar", "--dataset", folder.path, "--region", "A1", "--top", "3", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.noNonFinite(result.stdout))
        let mahalanobis = try CLI.run(["similar", "--dataset", folder.path, "--region", "A1", "--top", "3", "--method", "mahalanobis", "--format", "json"])
        #expect(mahalanobis.status == 0 && Self.noNonFinite(mahalanobis.stdout) && mahalanobis.stderr.contains("warning"), "\(mahalanobis.stderr)")
    }

    @Test("All-equal values: one sentence naming the indicator")
    func allEqual() throws {
        let folder = try Self.dataset(regions: Self.fourRegions, indicators: "code,x,y,z\nA1,1,2,5\nA2,1,4,6\nB1,1,6,7\nB2,1,10,8\n", activities: nil)
        let result = try CLI.run(["similar", "--dataset", folder.path, "--region", "A1", "--top", "3"])
        #expect(result.status == 1 && result.stderr.contains("'x'") && result.stderr.contains("same value"), "\(result.stderr)")
    }

    @Test("A single region: similarity and sheets refuse with a sentence")
    func singleRegion() throws {
        let folder = try Self.dataset(regions: "code,name,country\nA1,A1,AA\n", indicators: "code,x,y,z\nA1,1,2,5\n", activities: "region,activity,value\nA1,P1,5\nA1,P2,3\n")
        for arguments in [["similar", "--region", "A1"], ["recommend", "--region", "A1", "--out", scratchFolder("single").path]] {
            let result = try CLI.run(arguments + ["--dataset", folder.path])
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.isEmpty && !result.stderr.contains("Fatal error"), "\(result.stderr)")
        }
        let niches = try CLI.run(["complexity", "--dataset", folder.path])
        #expect(niches.status == 1 && niches.stderr.contains("at least two regions"), "\(niches.stderr)")
    }

    @Test("A single activity, and every region holding everything: a warning, zeros, never NaN")
    func singleActivity() throws {
        let folder = try Self.dataset(regions: Self.fourRegions, indicators: "code,x,y,z\nA1,1,2,5\nA2,2,1,6\nB1,3,7,7\nB2,5,3,8\n",
                                      activities: "region,activity,value\nA1,P1,5\nA2,P1,3\nB1,P1,1\nB2,P1,9\n")
        let single = try CLI.run(["complexity", "--dataset", folder.path, "--format", "json"])
        #expect(single.status == 1 && single.stderr.contains("two activities"), "\(single.stderr)")
        let even = try Self.dataset(regions: Self.fourRegions, indicators: "code,x,y,z\nA1,1,2,5\nA2,2,1,6\nB1,3,7,7\nB2,5,3,8\n",
                                    activities: "region,activity,value\nA1,P1,5\nA1,P2,5\nA2,P1,3\nA2,P2,3\nB1,P1,1\nB1,P2,1\nB2,P1,2\nB2,P2,2\n")
        let result = try CLI.run(["complexity", "--dataset", even.path, "--format", "json"])
        #expect(result.status == 0 && Self.noNonFinite(result.stdout), "\(result.stderr)")
        #expect(result.stdout.contains("same complexity"))
        let sheet = try CLI.run(["recommend", "--dataset", even.path, "--region", "A1", "--out", scratchFolder("even").path, "--format", "json"])
        #expect(sheet.status == 0, "\(sheet.stderr)")
    }
}
