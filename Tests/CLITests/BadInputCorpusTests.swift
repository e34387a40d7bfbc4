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
        FileManager.default.createFile(atPath: log.path, contents: nil)
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

    @Test("A symbolic link loop in place of a file")
    func symlinkLoop() throws {
        let folder = try Self.dataset()
        let regions = folder.appendingPathComponent("regions.csv")
        try FileManager.default.removeItem(at: regions)
        try FileManager.default.createSymbolicLink(atPath: regions.path, withDestinationPath: regions.path)
        try Self.check(["validate", "--dataset", folder.path], expect: "regions.csv", "symlink loop")
    }

    @Test("A directory in place of a file, and a file in place of the dataset folder")
    func directories() throws {
        let folder = try Self.dataset()
        let regions = folder.appendingPathComponent("regions.csv")
        try FileManager.default.removeItem(at: regions)
        try FileManager.default.createDirectory(at: regions, withIntermediateDirectories: false)
        try Self.check(["validate", "--dataset", folder.path], expect: "regions.csv", "directory as file")
        try Self.check(["validate", "--dataset", folder.appendingPathComponent("dataset.yaml").path], expect: "dataset folder does not exist", "file as folder")
        try Self.check(["scenarios", folder.path], expect: folder.lastPathComponent, "folder as study")
    }

    @Test("An unreadable file", .enabled(if: getuid() != 0, "running as root, which reads any file, so the permission case is skipped"))
    func unreadable() throws {
        let folder = try Self.dataset()
        let regions = folder.appendingPathComponent("regions.csv")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: regions.path)
        try Self.check(["validate", "--dataset", folder.path], expect: "regions.csv", "unreadable")
    }
}
