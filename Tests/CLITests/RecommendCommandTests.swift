import Foundation
import Testing

/// A new empty folder for a test's outputs.
func scratchFolder(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The SHA-256 of every file in a folder (via sha256sum), for byte-identity checks.
func folderDigest(_ url: URL) throws -> [String: Data] {
    let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    return Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: url.appendingPathComponent($0))) })
}

func executable(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

@Suite("recommend command")
struct RecommendCommandTests {
    @Test("With only --region it writes the demo region's sheet in every format, with the demo study")
    func demo() throws {
        let out = scratchFolder("sheet")
        let result = try CLI.run(["recommend", "--region", "XA03", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(files.isSuperset(of: ["XA03.html", "XA03.md", "XA03.json", "XA03-profile.csv", "XA03-recommendations.csv"]))
        let html = try String(contentsOf: out.appendingPathComponent("XA03.html"), encoding: .utf8)
        #expect(html.contains("6. Futures") && html.contains("Demo union"))
        let csv = try Data(contentsOf: out.appendingPathComponent("XA03-profile.csv"))
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    @Test("Same input, same bytes: twice, and with OpenBLAS on one thread or two")
    func deterministic() throws {
        let out = scratchFolder("determinism")
        let arguments = ["recommend", "--region", "XB05", "--out", out.path, "--lang", "ru"]
        #expect(try CLI.run(arguments, environment: ["OPENBLAS_NUM_THREADS": "1"]).status == 0)
        let first = try folderDigest(out)
        #expect(try CLI.run(arguments, environment: ["OPENBLAS_NUM_THREADS": "2"]).status == 0)
        #expect(try folderDigest(out) == first)
    }

    @Test("--all: a region that cannot be analysed is named and marked in the index; every other sheet is written")
    func skippedRegion() throws {
        let folder = scratchFolder("sparse-region")
        let demo = CLI.repository.appendingPathComponent("Datasets/demo")
        for name in try FileManager.default.contentsOfDirectory(atPath: demo.path) where name.hasSuffix(".csv") || name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: demo.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        // XB05 loses every indicator value: it cannot be placed among the others.
        let file = folder.appendingPathComponent("indicators.csv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("XB05,") else { return String(line) }
            return "XB05" + String(repeating: ",", count: line.filter { $0 == "," }.count)
        }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let out = scratchFolder("sparse-out")
        let result = try CLI.run(["recommend", "--dataset", folder.path, "--all", "--out", out.path, "--file-types", "html"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no sheet for region 'XB05'") && result.stderr.contains("1 of 90 regions could not be analysed"), "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".html") }
        #expect(files.count == 90 && !files.contains("XB05.html"))
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let row = try #require(index.split(separator: "\n").first { $0.contains("(XB05)") })
        #expect(row.contains("class=\"skipped\"") && row.contains("Not written: Region") && row.contains("is missing"), "\(row)")
        #expect(!index.contains("href=\"XB05.html\""))
        // With one region asked for, its problem is the command's error.
        let one = try CLI.run(["recommend", "--dataset", folder.path, "--region", "XB05", "--out", out.path, "--file-types", "html"])
        #expect(one.status == 1 && one.stderr.contains("XB05"))
    }

    @Test("--all writes a sheet per region and an index")
    func all() throws {
        let out = scratchFolder("all")
        let result = try CLI.run(["recommend", "--all", "--out", out.path, "--file-types", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".html") }
        #expect(files.count == 91)
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"XA03.html\""))
        #expect(try CLI.run(["recommend", "--all", "--out", out.path, "--max-regions", "10"]).stderr.contains("--max-regions"))
    }

    @Test("A file smartspec did not write is not overwritten without --force")
    func overwrite() throws {
        let out = scratchFolder("foreign")
        try "mine".write(to: out.appendingPathComponent("XA03.md"), atomically: true, encoding: .utf8)
        let refused = try CLI.run(["recommend", "--region", "XA03", "--out", out.path, "--file-types", "md"])
        #expect(refused.status == 1 && refused.stderr.contains("--force"))
        #expect(try String(contentsOf: out.appendingPathComponent("XA03.md"), encoding: .utf8) == "mine")
        #expect(try CLI.run(["recommend", "--region", "XA03", "--out", out.path, "--file-types", "md", "--force"]).status == 0)
        #expect(try String(contentsOf: out.appendingPathComponent("XA03.md"), encoding: .utf8) != "mine")
    }

    @Test("Bad requests give one sentence and a non-zero status", arguments: [
        (["recommend"], "--region"), (["recommend", "--region", "NOPE"], "not in the dataset"),
        (["recommend", "--region", "XA03", "--file-types", "docx"], "Unknown file type"),
        (["recommend", "--region", "XA03", "--study", "/nonexistent.yaml"], "nonexistent"),
    ])
    func bad(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments + ["--out", scratchFolder("bad").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// A dataset whose region names are hostile: markup, quotes, a formula, a path, a right-to-left
    /// override and emoji.
    static func hostileDataset() throws -> URL {
        let folder = scratchFolder("hostile")
        let evil = "<script>alert(1)</script> \\\"q\\\" 'x' =HYPERLINK(\\\"http://x\\\") ../../x \u{202E}gnp.exe 😀"
        var regions = "code,name,country\n\"H1\",\"\(evil)\",AA\n"
        var indicators = "code,x,y,z\n", activities = "region,activity,value\n"
        for i in 2...12 { regions += "H\(i),Region \(i),\(i % 2 == 0 ? "AA" : "BB")\n" }
        for i in 1...12 {
            indicators += "H\(i),\(Double(i * 7 % 11)),\(Double(i * 5 % 13)),\(Double(i * 3 % 7 + 1))\n"
            for a in 1...6 { activities += "H\(i),A\(a),\((i * a * 37) % 101 + 1)\n" }
        }
        try "name: \"=cmd|' /C calc'!A0\"\n".write(to: folder.appendingPathComponent("dataset.yaml"), atomically: true, encoding: .utf8)
        try regions.replacingOccurrences(of: "\\\"", with: "\"\"").write(to: folder.appendingPathComponent("regions.csv"), atomically: true, encoding: .utf8)
        try """
            indicators:
              - {id: x, label: "X <b>bold</b>", dimension: technology, role: structural}
              - {id: y, label: Y, dimension: economy, role: structural}
              - {id: z, label: "=SUM(A1)", dimension: economy, role: performance}
            """.write(to: folder.appendingPathComponent("indicators.yaml"), atomically: true, encoding: .utf8)
        try indicators.write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try activities.write(to: folder.appendingPathComponent("activities.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("Hostile names: escaped HTML and Markdown, safe file names, CSV cells no spreadsheet runs")
    func hostile() throws {
        let out = scratchFolder("hostile-out")
        let result = try CLI.run(["recommend", "--dataset", try Self.hostileDataset().path, "--all", "--out", out.path, "--file-types", "html,md,json,csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.allSatisfy { !$0.contains("/") && !$0.hasPrefix("..") && $0.unicodeScalars.allSatisfy(\.isASCII) })
        for name in files where name.hasSuffix(".html") {
            let html = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(!html.contains("<script>") && !html.contains("<b>bold</b>"), "\(name)")
        }
        let h1 = try String(contentsOf: out.appendingPathComponent("H1.html"), encoding: .utf8)
        #expect(h1.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && h1.contains("😀") && h1.contains("\u{202E}"))
        let md = try String(contentsOf: out.appendingPathComponent("H1.md"), encoding: .utf8)
        #expect(!md.contains("<script>") && md.contains("&lt;script&gt;"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("H1.json"))) as! [String: Any]
        let sheet = json["sheet"] as! [String: Any], region = sheet["region"] as! [String: Any]
        #expect((region["name"] as! [String: Any])["en"] as? String == "<script>alert(1)</script> \"q\" 'x' =HYPERLINK(\"http://x\") ../../x \u{202E}gnp.exe 😀")
        // Every CSV cell that starts like a formula is neutralised with an apostrophe.
        for name in files where name.hasSuffix(".csv") {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                    let bare = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                    #expect(!(bare.hasPrefix("=") || bare.hasPrefix("@") || bare.hasPrefix("+")), "\(name): \(cell)")
                }
            }
        }
    }

    @Test("The JSON validates against the committed JSON Schema (English and Russian)",
          .enabled(if: pythonHas(["jsonschema"]), "python3 with jsonschema is not available, so the schema check is skipped"))
    func schema() throws {
        let out = scratchFolder("schema")
        #expect(try CLI.run(["recommend", "--region", "XA03", "--out", out.path, "--file-types", "json"]).status == 0)
        #expect(try CLI.run(["recommend", "--region", "XC12", "--out", out.path, "--file-types", "json", "--lang", "ru", "--no-study"]).status == 0)
        var files = ["XA03.json", "XC12.json"].map { out.appendingPathComponent($0).path }
        if hasSharedData {
            let ru = try CLI.run(["recommend", "--dataset", sharedData.appendingPathComponent("rosstat-regions-2022").path, "--region", "RU-TA",
                                  "--lang", "ru", "--out", out.path, "--file-types", "json"])
            #expect(ru.status == 0, "\(ru.stderr)")
            files.append(out.appendingPathComponent("RU-TA.json").path)
        }
        let (status, output) = try runPython("Methodology/validation/sheet_schema.py", files)
        #expect(status == 0, "\(output)")
    }

    @Test("Headless Chromium: A4 PDF with every section, charts drawn, nothing wider than the page",
          .enabled(if: executable("chromium") != nil && executable("pdftotext") != nil,
                   "chromium or pdftotext (poppler-utils) is not installed, so the rendering check is skipped"),
          arguments: [("XA03", "en", ""), ("RU-TA", "ru", "rosstat-regions-2022")])
    func chromium(region: String, lang: String, dataset: String) throws {
        if !dataset.isEmpty, !hasSharedData { return }
        let out = scratchFolder("render")
        var arguments = ["recommend", "--region", region, "--lang", lang, "--out", out.path, "--file-types", "html,pdf"]
        if !dataset.isEmpty { arguments += ["--dataset", sharedData.appendingPathComponent(dataset).path] }
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let headings = lang == "en"
            ? ["1. Profile", "2. Reference regions", "3. Where the peers do better", "4. Current strengths", "5. Candidate niches",
               "6. Futures", "7. Recommended priorities", "8. Partners across borders", "9. Method and reproducibility"]
            : ["1. Профиль региона", "2. Эталонные регионы", "3. В чём эталонные регионы опережают", "4. Текущие сильные стороны",
               "5. Перспективные ниши", "6. Сценарии будущего", "7. Рекомендуемые приоритеты", "8. Трансграничные партнёры",
               "9. Метод и воспроизводимость"]
        let (status, output) = try runPython("Tests/Rendering/check_rendering.py",
                                             [out.appendingPathComponent("\(region).html").path, out.appendingPathComponent("\(region).pdf").path,
                                              executable("chromium")!] + headings)
        #expect(status == 0, "\(output)")
    }
}

@Suite("Interrupted and failing writes leave earlier outputs intact")
struct InterruptedOutputTests {
    /// Whether every sheet file of the folder is complete: JSON that parses, HTML that ends its document.
    static func complete(_ folder: URL) throws -> Bool {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if name.hasSuffix(".json"), (try? JSONSerialization.jsonObject(with: data)) == nil { return false }
            if name.hasSuffix(".html"), !String(decoding: data, as: UTF8.self).hasSuffix("</html>\n") { return false }
        }
        return true
    }

    @Test("SIGTERM and SIGINT during --all: every file is either the earlier one or a complete new one", arguments: [SIGTERM, SIGINT])
    func signal(signal: Int32) throws {
        let out = scratchFolder("interrupt")
        #expect(try CLI.run(["recommend", "--all", "--out", out.path, "--file-types", "html,json"]).status == 0)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["recommend", "--all", "--out", out.path, "--file-types", "html,json", "--lang", "ru"]
        process.currentDirectoryURL = CLI.repository
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.6)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(try Self.complete(out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".html") && !$0.hasPrefix(".") }.count == 91)
        // The interrupted run left no temporary file, and a rerun continues without --force.
        #expect(process.terminationStatus == 128 + signal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).allSatisfy { !$0.hasSuffix(".tmp") })
        #expect(try CLI.run(["recommend", "--all", "--out", out.path, "--file-types", "html,json", "--lang", "ru"]).status == 0)
    }

    @Test("A file-size limit (a full disk) makes the write fail with a message; the earlier sheet stays")
    func fileSizeLimit() throws {
        let out = scratchFolder("full")
        #expect(try CLI.run(["recommend", "--region", "XA03", "--out", out.path, "--file-types", "html"]).status == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("XA03.html"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -f 16; exec \"$0\" recommend --region XA03 --lang ru --out \"$1\" --format html", CLI.binary.path, out.path]
        process.currentDirectoryURL = CLI.repository
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(message)")
        #expect(message.contains("Cannot write") && message.contains("XA03.html"), "\(message)")
        #expect(try Data(contentsOf: out.appendingPathComponent("XA03.html")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }
}
