import Foundation
import Testing

/// The command-line conventions (Docs/cli-reference.md, "Conventions"), checked on the real binary
/// through ArgumentParser's own description of every command (`--experimental-dump-help`).
@Suite("Command-line conventions")
struct ConventionTests {
    /// One displayed option of one command.
    struct OptionInfo {
        var command: [String], name: String, abstract: String, allValues: [String], defaultValue: String?, isFlag: Bool
    }

    static let options: [OptionInfo] = {
        let result = try! CLI.run(["--experimental-dump-help"])
        let root = try! JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        var found: [OptionInfo] = []
        func walk(_ command: [String: Any], path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                guard argument["shouldDisplay"] as? Bool == true, let names = argument["names"] as? [[String: Any]],
                      let long = names.first(where: { $0["kind"] as? String == "long" })?["name"] as? String,
                      !["help", "version"].contains(long) else { continue }
                found.append(OptionInfo(command: path, name: long, abstract: argument["abstract"] as? String ?? "",
                                        allValues: argument["allValues"] as? [String] ?? [], defaultValue: argument["defaultValue"] as? String,
                                        isFlag: argument["kind"] as? String == "flag"))
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] where sub["commandName"] as? String != "help" {
                walk(sub, path: path + [sub["commandName"] as! String])
            }
        }
        walk(root["command"] as! [String: Any], path: [])
        return found
    }()

    /// Arguments that let each command's parser reach its options.
    static let minimal: [String: [String]] = [
        "benchmark": ["--region", "XA03"], "niches": ["--region", "XA03"],
        "scenarios": ["x.yaml"], "micmac": ["x.yaml"], "ahp": ["x.yaml"], "mcda": ["x.yaml"], "delphi": ["x.yaml"], "score": ["x.yaml"],
        "import eurostat": ["f.tsv", "--indicator", "x", "--year", "2014", "--out", "/nonexistent/x"],
        "import long": ["f.csv", "--out", "/nonexistent/x"],
        "generate demo": ["--out", "/nonexistent/x"], "generate scale": ["--regions", "10", "--out", "/nonexistent/x"],
    ]

    /// The meaning of an option: the first sentence of its help.
    static func meaning(_ abstract: String) -> String {
        if let end = abstract.range(of: ". ") { return String(abstract[..<end.lowerBound]) + "." }
        return abstract
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test("The description covers every command")
    func coverage() {
        let commands = Set(Self.options.map { $0.command.joined(separator: " ") })
        #expect(commands.isSuperset(of: ["validate", "similar", "benchmark", "complexity", "niches", "recommend", "scenarios", "micmac", "ahp",
                                         "mcda", "delphi", "score", "import eurostat", "import long", "generate demo", "generate scale", "doctor"]))
    }

    @Test("No two commands give one flag name two meanings")
    func oneMeaningPerFlag() {
        let byName = Dictionary(grouping: Self.options, by: \.name)
        for (name, uses) in byName {
            let meanings = Set(uses.map { Self.meaning($0.abstract) })
            #expect(meanings.count == 1, "--\(name): \(uses.map { "\($0.command.joined(separator: " ")): \(Self.meaning($0.abstract))" })")
            #expect(Set(uses.map(\.isFlag)).count == 1, "--\(name) is a flag in one command and takes a value in another")
        }
        // The names whose meaning the conventions fix.
        let fixed = ["format": "Output style on standard output", "out": "The folder to write into.", "force": "Replace files that smartspec did not write.",
                     "dataset": "The dataset folder.", "top": "How many to list.", "seed": "Seed of the random numbers."]
        for (name, start) in fixed {
            for use in byName[name] ?? [] { #expect(use.abstract.hasPrefix(start), "--\(name) in \(use.command)") }
        }
    }

    @Test("--format is the output style everywhere: table, json, csv")
    func formatIsOutputStyle() {
        for use in Self.options where use.name == "format" {
            #expect(use.allValues == ["table", "json", "csv"], "\(use.command)")
        }
    }

    @Test("Every command's --help lists the values of its enum options, and a wrong value's error names them")
    func enumValuesListed() throws {
        let enums = Self.options.filter { !$0.allValues.isEmpty }
        #expect(enums.count >= 20)
        var helps: [String: String] = [:]
        for use in enums {
            let path = use.command.joined(separator: " ")
            if helps[path] == nil { helps[path] = Self.collapsed(try CLI.run(use.command + ["--help"]).stdout) }
            #expect(helps[path]!.contains("values: " + use.allValues.joined(separator: ", ")), "--\(use.name) of \(path)")
            let wrong = try CLI.run(use.command + (Self.minimal[path] ?? []) + ["--\(use.name)", "no-such-value"])
            #expect(wrong.status != 0, "--\(use.name) of \(path)")
            for value in use.allValues { #expect(wrong.stderr.contains("'\(value)'"), "--\(use.name) of \(path) should name '\(value)': \(wrong.stderr)") }
        }
    }

    @Test("Every numeric option states its range in --help")
    func numericRangesStated() {
        for use in Self.options where use.allValues.isEmpty && !use.isFlag {
            guard let value = use.defaultValue, Double(value) != nil else { continue }
            #expect(use.abstract.contains("range:"), "--\(use.name) of \(use.command.joined(separator: " ")): \(use.abstract)")
        }
    }

    @Test("Numeric options refuse NaN, infinities and values out of range, naming the option and its range", arguments: [
        (["score", "x.yaml", "--alpha", "nan"], "--alpha"), (["score", "x.yaml", "--alpha", "1.5"], "--alpha"),
        (["score", "x.yaml", "--max-inconsistency", "-1"], "--max-inconsistency"),
        (["mcda", "x.yaml", "--vikor-v", "-0.1"], "--vikor-v"), (["mcda", "x.yaml", "--v", "inf"], "--vikor-v"),
        (["delphi", "x.yaml", "--min-top-share", "1.5"], "--min-top-share"), (["delphi", "x.yaml", "--max-iqr", "inf"], "--max-iqr"),
        (["complexity", "--threshold", "0"], "--threshold"), (["complexity", "--threshold", "nan"], "--threshold"),
        (["niches", "--region", "XA03", "--threshold", "-inf"], "--threshold"),
        (["micmac", "x.yaml", "--potential", "nan"], "--potential"), (["micmac", "x.yaml", "--influence-cut", "inf"], "--influence-cut"),
        (["similar", "--region", "XA03", "--top", "0"], "--top"), (["similar", "--region", "XA03", "--bootstrap", "-1"], "--bootstrap"),
        (["similar", "--region", "XA03", "--weights", "technology=nan"], "--weights"),
        (["recommend", "--region", "XA03", "--max-regions", "0"], "--max-regions"),
        (["scenarios", "x.yaml", "--max-scenarios", "0"], "--max-scenarios"),
        (["generate", "scale", "--regions", "1", "--out", "/nonexistent/x"], "--regions"),
        (["import", "eurostat", "f.tsv", "--indicator", "x", "--year", "2014", "--level", "7", "--out", "/nonexistent/x"], "--level"),
    ])
    func numericChecks(arguments: [String], option: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(option), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("--format table is an aligned table, never CSV", arguments: [
        ["micmac", "Datasets/demo/foresight/study.yaml"], ["ahp", "Datasets/demo/foresight/study.yaml"],
        ["mcda", "Datasets/demo/foresight/study.yaml"], ["delphi", "Datasets/demo/foresight/study.yaml"],
        ["score", "Datasets/demo/foresight/study.yaml"], ["similar", "--all", "--top", "2"],
        ["scenarios", "Datasets/demo/foresight/study.yaml"], ["complexity"], ["validate"],
    ])
    func tables(arguments: [String]) throws {
        let table = try CLI.run(arguments + ["--format", "table"])
        #expect(table.status == 0, "\(table.stderr)")
        let csv = try CLI.run(arguments + ["--format", "csv"])
        #expect(csv.status == 0 && table.stdout != csv.stdout)
        let header = table.stdout.split(separator: "\n").first { $0.contains("  ") } ?? ""
        #expect(!header.isEmpty && !header.contains(","), "\(table.stdout.prefix(300))")
    }

    @Test("Old spellings still work for one release, with a warning; old and new together are refused")
    func deprecatedAliases() throws {
        let out = scratchFolder("aliases")
        let recommend = try CLI.run(["recommend", "--region", "XA03", "--out", out.path, "--format", "json", "--foresight", "Datasets/demo/foresight/study.yaml"])
        #expect(recommend.status == 0, "\(recommend.stderr)")
        #expect(recommend.stderr.contains("--format is deprecated; use --file-types") && recommend.stderr.contains("--foresight is deprecated; use --study"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("XA03.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("XA03.html").path))
        let noStudy = try CLI.run(["recommend", "--region", "XA03", "--out", out.path, "--file-types", "json", "--no-foresight"])
        #expect(noStudy.status == 0 && noStudy.stderr.contains("--no-foresight is deprecated"))
        let both = try CLI.run(["recommend", "--region", "XA03", "--out", out.path, "--file-types", "json", "--format", "md"])
        #expect(both.status != 0 && both.stderr.contains("give only --file-types"))

        let ahp = try CLI.run(["ahp", "Datasets/demo/foresight/study.yaml", "--force", "--format", "json"])
        #expect(ahp.status == 0 && ahp.stderr.contains("use --accept-inconsistent"))
        let mcda = try CLI.run(["mcda", "Datasets/demo/foresight/study.yaml", "--method", "vikor", "--v", "0.3", "--format", "json"])
        let mcdaNew = try CLI.run(["mcda", "Datasets/demo/foresight/study.yaml", "--method", "vikor", "--vikor-v", "0.3", "--format", "json"])
        #expect(mcda.status == 0 && mcda.stdout == mcdaNew.stdout && mcda.stderr.contains("use --vikor-v"))

        let cells = out.appendingPathComponent("cells.csv"), scores = out.appendingPathComponent("scores.csv")
        let complexity = try CLI.run(["complexity", "--format", "json", "--cells", cells.path])
        #expect(complexity.status == 0 && complexity.stderr.contains("use --write-cells"))
        #expect(FileManager.default.fileExists(atPath: cells.path))
        let similar = try CLI.run(["similar", "--all", "--top", "2", "--format", "csv", "--export-scores", scores.path])
        #expect(similar.status == 0 && similar.stderr.contains("use --write-scores"))
        #expect(FileManager.default.fileExists(atPath: scores.path))

        let generated = try CLI.run(["generate", "scale", "--regions", "10", "--indicators", "4", "--dimensions", "2", "--activities", "5",
                                     "--out", out.appendingPathComponent("scale").path])
        #expect(generated.status == 0 && generated.stderr.contains("use --activity-count"), "\(generated.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("scale/activities.csv").path))

        let tsv = out.appendingPathComponent("t.tsv")
        try Data("unit,geo\\time\t2014 \nPC,AT11\t1.0 \nPC,AT12\t2.0 \n".utf8).write(to: tsv)
        let imported = try CLI.run(["import", "eurostat", tsv.path, "--indicator", "rate", "--year", "2014", "--into", out.appendingPathComponent("ds").path])
        #expect(imported.status == 0 && imported.stderr.contains("--into is deprecated; use --out"), "\(imported.stderr)")
        // Once, although the option is read in validate() and in run().
        #expect(imported.stderr.components(separatedBy: "--into is deprecated").count == 2, "\(imported.stderr)")
    }

    @Test("An error while a command runs is one sentence on stderr, without a usage text")
    func runErrorsHaveNoUsage() throws {
        for arguments in [["similar", "--region", "NOPE"], ["score", "Datasets/demo/foresight/study.yaml", "--scenario-weights", "0.5,0.5"],
                          ["micmac", "/nonexistent/study.yaml"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.hasPrefix("Error: ") && !result.stderr.contains("USAGE") && !result.stderr.contains("Usage:"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    @Test("A closed standard output gives exit status 1 and one sentence, not a trap")
    func closedPipe() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["similar", "--all", "--top", "5", "--format", "csv"]
        process.currentDirectoryURL = CLI.repository
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try out.fileHandleForReading.close()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1)
        #expect(stderr.contains("Cannot write to standard output"), "\(stderr)")
    }

    @Test("Tables and messages never carry control characters to the terminal")
    func controlCharacters() throws {
        let folder = scratchFolder("control")
        let demo = CLI.repository.appendingPathComponent("Datasets/demo")
        for name in try FileManager.default.contentsOfDirectory(atPath: demo.path) where name.hasSuffix(".csv") || name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: demo.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let regions = folder.appendingPathComponent("regions.csv")
        var text = try String(contentsOf: regions, encoding: .utf8)
        let line = text.split(separator: "\n").first { $0.hasPrefix("XD03,") }!
        let parts = line.split(separator: ",", omittingEmptySubsequences: false)
        let hostile = "\"Evil\u{1B}[2J\u{07}\u{08}\u{202E}name\""
        text = text.replacingOccurrences(of: String(line), with: ([String(parts[0]), hostile] + parts.dropFirst(2).map(String.init)).joined(separator: ","))
        try text.write(to: regions, atomically: true, encoding: .utf8)
        let table = try CLI.run(["similar", "--dataset", folder.path, "--region", "XA03", "--top", "5"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Evil\\u{1B}[2J\\u{7}\\u{8}\\u{202E}name"), "\(table.stdout)")
        #expect(!table.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x08 || $0.value == 0x202E })
        let error = try CLI.run(["similar", "--dataset", folder.path, "--region", "X\u{1B}[31mY"])
        #expect(error.status == 1 && !error.stderr.unicodeScalars.contains { $0.value == 0x1B } && error.stderr.contains("\\u{1B}"))
    }
}
