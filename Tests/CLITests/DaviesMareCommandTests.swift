import Foundation
import Testing

/// `smartspec complexity --method davies-mare` on the New Zealand panel: the contract's JSON, the
/// cross-check against R's WGCNA and the reproduction of Davies & Maré's published results.
@Suite("Davies & Maré reproduction")
struct DaviesMareCommandTests {
    static let dataset = "Datasets/nz-urban-areas-1981-2013"

    static func rHasWGCNA() -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["Rscript", "-e", "suppressPackageStartupMessages(library(WGCNA))"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("The contract's JSON for every census year: activities as <industry>.<occupation>, regions with complexity",
          arguments: [1981, 1986, 1991, 1996, 2001, 2006, 2013])
    func contract(year: Int) throws {
        let result = try CLI.run(["complexity", "--dataset", Self.dataset, "--method", "davies-mare", "--year", String(year), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let activities = try #require(json["activities"] as? [[String: Any]])
        let regions = try #require(json["regions"] as? [[String: Any]])
        #expect(activities.count == 200 && regions.count == 50)
        #expect(activities.contains { $0["code"] as? String == "AA111.6" })
        #expect(activities.allSatisfy { ($0["complexity"] as? Double)?.isFinite == true })
        #expect(regions.allSatisfy { $0["code"] is String && ($0["complexity"] as? Double)?.isFinite == true })
        // Standardised: mean 0, sample sd 1.
        let values = activities.compactMap { $0["complexity"] as? Double }
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean) < 1e-9)
    }

    @Test("Bad requests: one sentence and exit status 1", arguments: [
        (["--dataset", "Datasets/nz-urban-areas-1981-2013", "--year", "1976"], "no activity table for 1976"),
        (["--dataset", "Datasets/kz-regions-2022"], "no activities.csv"),
        (["--dataset", "Datasets/eu-nuts2-2014"], "no year column"),
    ])
    func errors(arguments: [String], message: String) throws {
        let result = try CLI.run(["complexity", "--method", "davies-mare"] + arguments)
        #expect(result.status == 1 && result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("Relatedness, complexity and mean local relatedness equal R's WGCNA to 1e-9 in every year",
          .enabled(if: rHasWGCNA(), "Rscript with WGCNA (r-base-core, r-cran-wgcna) is not available, so the cross-check is skipped"))
    func wgcna() throws {
        let (status, output) = try runTool(["Rscript", CLI.repository.appendingPathComponent("Methodology/validation/davies_mare.R").path,
                                            CLI.repository.appendingPathComponent(Self.dataset).path, CLI.binary.path])
        #expect(status == 0, "\(output)")
    }

    @Test("Davies & Maré's published complexity, city relatedness and smart-specialisation tables are reproduced",
          .enabled(if: FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("nz-urban-areas-motu").path) && pythonHas(["numpy"]),
                   "../shared/data/nz-urban-areas-motu or numpy is absent, so the comparison with the published results is skipped"))
    func published() throws {
        let (status, output) = try runPython("Methodology/validation/davies_mare_published.py",
                                             [CLI.repository.appendingPathComponent(Self.dataset).path, CLI.binary.path,
                                              sharedData.appendingPathComponent("nz-urban-areas-motu/published-results").path])
        #expect(status == 0, "\(output)")
    }
}
