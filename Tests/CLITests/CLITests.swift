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

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repository
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
                                 "--into", folder.appendingPathComponent("ds").path])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("No row has unit = 'EUR'; the values of unit are PC."))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ds").path))
        let right = try CLI.run(["import", "eurostat", tsv.path, "--indicator", "x", "--year", "2014", "--where", "unit=PC",
                                 "--level", "2", "--dimension", "technology", "--into", folder.appendingPathComponent("ds").path])
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
