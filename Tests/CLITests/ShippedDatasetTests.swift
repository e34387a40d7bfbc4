import Foundation
import Testing

/// The datasets shipped in Datasets/: each validates, names its regions, and is what its build
/// script makes from the raw files copied beside it.
@Suite("Shipped datasets")
struct ShippedDatasetTests {
    static let datasets = ["demo", "ru-regions-2022", "eu-nuts2-sbs-2008-2015", "eu-nuts2-2014", "kz-regions-2022", "eaeu-regions-2022", "nz-urban-areas-1981-2013"]

    @Test("Every shipped dataset validates without errors, and every region has a real name", arguments: datasets)
    func validates(name: String) throws {
        let folder = CLI.repository.appendingPathComponent("Datasets/\(name)")
        let result = try CLI.run(["validate", "--dataset", folder.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)")
        let regions = try String(contentsOf: folder.appendingPathComponent("regions.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        for line in regions {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count >= 3 && fields[1] != fields[0] && !fields[1].isEmpty, "\(line)")
        }
    }

    @Test("Each dataset built with smartspec is what its source/build.sh makes from the raw files in the repository",
          arguments: [("ru-regions-2022", ["activities.csv", "activities.yaml", "activities-organisations.csv", "activities-organisations.yaml"]),
                      ("eaeu-regions-2022", [])])
    func shellBuild(name: String, activityFiles: [String]) throws {
        let out = scratchFolder("build-\(name)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLI.repository.appendingPathComponent("Datasets/\(name)/source/build.sh").path, out.path, CLI.binary.path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
        for file in ["dataset.yaml", "regions.csv", "indicators.csv", "indicators.yaml"] + activityFiles {
            let built = try Data(contentsOf: out.appendingPathComponent(file))
            let committed = try Data(contentsOf: CLI.repository.appendingPathComponent("Datasets/\(name)/\(file)"))
            #expect(built == committed, "\(file) differs from the committed one: rebuild with bash Datasets/\(name)/source/build.sh")
        }
    }

    @Test("Each Python-built dataset is what its source/build.py makes from the raw files in source/raw",
          arguments: [("eu-nuts2-sbs-2008-2015", true), ("eu-nuts2-2014", true), ("kz-regions-2022", false), ("nz-urban-areas-1981-2013", true)])
    func pythonBuild(name: String, activities: Bool) throws {
        let out = scratchFolder("build-\(name)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.repository.appendingPathComponent("Datasets/\(name)/source/build.py").path, out.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for file in ["dataset.yaml", "regions.csv", "indicators.csv", "indicators.yaml"] + (activities ? ["activities.csv", "activities.yaml"] : []) {
            #expect(try Data(contentsOf: out.appendingPathComponent(file))
                    == Data(contentsOf: CLI.repository.appendingPathComponent("Datasets/\(name)/\(file)")), "\(name)/\(file)")
        }
    }

    @Test("A Russian sheet of a Kazakh region from kz-regions-2022")
    func almaty() throws {
        let out = scratchFolder("kz-75")
        let result = try CLI.run(["recommend", "--dataset", "Datasets/kz-regions-2022", "--region", "KZ-75", "--lang", "ru", "--out", out.path, "--file-types", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("KZ-75.html"), encoding: .utf8).contains("г. Алматы"))
    }

    @Test("A Russian sheet of Tatarstan from the real dataset, with Russian names")
    func tatarstan() throws {
        let out = scratchFolder("ru-ta")
        let result = try CLI.run(["recommend", "--dataset", "Datasets/ru-regions-2022", "--region", "RU-TA", "--lang", "ru", "--out", out.path, "--file-types", "html,json"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("RU-TA.html"), encoding: .utf8)
        #expect(html.contains("Республика Татарстан") && html.contains("Эталонные регионы"))
        let similar = try CLI.run(["similar", "--dataset", "Datasets/ru-regions-2022", "--region", "RU-TA", "--top", "5", "--format", "json"])
        #expect(similar.status == 0, "\(similar.stderr)")
    }

    @Test("eaeu-regions-2022 holds regions of Russia, Kazakhstan and Kyrgyzstan: Russian peers of a Kazakh region, and its Russian sheet")
    func union() throws {
        let regions = try String(contentsOf: CLI.repository.appendingPathComponent("Datasets/eaeu-regions-2022/regions.csv"), encoding: .utf8)
        let countries = Set(regions.split(separator: "\n").dropFirst().map { $0.split(separator: ",").last.map(String.init) ?? "" })
        #expect(countries == ["RU", "KZ", "KG"])
        let similar = try CLI.run(["similar", "--dataset", "Datasets/eaeu-regions-2022", "--region", "KZ-35", "--countries", "RU", "--top", "5", "--format", "json"])
        #expect(similar.status == 0, "\(similar.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(similar.stdout.utf8)) as? [String: Any]
        let references = json?["references"] as? [[String: Any]] ?? []
        #expect(references.count == 5 && references.allSatisfy { ($0["code"] as? String)?.hasPrefix("RU-") == true })
        let out = scratchFolder("eaeu-kz")
        let sheet = try CLI.run(["recommend", "--dataset", "Datasets/eaeu-regions-2022", "--region", "KZ-35", "--lang", "ru", "--out", out.path, "--file-types", "html"])
        #expect(sheet.status == 0, "\(sheet.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("KZ-35.html"), encoding: .utf8).contains("Карагандинская область"))
    }

    /// The `sheet` object of every JSON sheet `recommend --all` wrote into `folder`, by file name.
    static func sheets(in folder: URL) throws -> [(name: String, sheet: [String: Any])] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter { $0.hasSuffix(".json") && $0 != "index.json" }.compactMap { name in
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any]
            return (json?["sheet"] as? [String: Any]).map { (name, $0) }
        }
    }

    @Test("On the shared Eurostat A*10 data no region is recommended real estate (L) or public administration, education and health (O-Q)",
          .enabled(if: FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("eurostat-nuts2-2014").path),
                   "../shared/data/eurostat-nuts2-2014 is absent, so the check is skipped"))
    func noLocalRecommendations() throws {
        let out = scratchFolder("eu-local")
        let result = try CLI.run(["recommend", "--dataset", sharedData.appendingPathComponent("eurostat-nuts2-2014").path, "--all",
                                  "--file-types", "json", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let sheets = try Self.sheets(in: out)
        for (name, sheet) in sheets {
            let recommended = (sheet["recommendations"] as? [[String: Any]] ?? []).compactMap { $0["activity"] as? String }
            #expect(!recommended.contains("L") && !recommended.contains("O-Q"), "\(name): \(recommended)")
            let setAside = ((sheet["candidates"] as? [String: Any])?["setAside"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(setAside.contains("L") && setAside.contains("O-Q"))
        }
        #expect(sheets.count == 284)
    }

    @Test("On a panel every candidate has an entry probability in [0, 1] and no diversification is dominated (every EU sheet)")
    func frontierContract() throws {
        let out = scratchFolder("eu-frontier")
        let result = try CLI.run(["recommend", "--dataset", "Datasets/eu-nuts2-sbs-2008-2015", "--all", "--format", "json", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let sheets = try Self.sheets(in: out)
        for (name, sheet) in sheets {
            let candidates = ((sheet["candidates"] as? [String: Any])?["all"] as? [[String: Any]]) ?? []
            let points = candidates.map { ($0["activity"] as? String ?? "", $0["entryProbability"] as? Double ?? -1, $0["pci"] as? Double ?? 0) }
            #expect(!points.isEmpty && points.allSatisfy { $0.1 >= 0 && $0.1 <= 1 }, "\(name)")
            for rec in (sheet["recommendations"] as? [[String: Any]] ?? []) where rec["kind"] as? String == "diversify" {
                let c = try #require(points.first { $0.0 == rec["activity"] as? String })
                #expect(!points.contains { $0.1 > c.1 && $0.2 > c.2 }, "\(name): \(c.0) is dominated")
            }
        }
        #expect(sheets.count == 153)
    }
}
