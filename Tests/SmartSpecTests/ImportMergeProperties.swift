import Foundation
import Testing
@testable import SmartSpec

/// The import merge as a property: random imports into random valid datasets, in every CSV dialect.
/// After every import the folder either validates with its earlier values intact and the new
/// values in place, or the import failed and every file is byte for byte what it was.
@Suite("Imports never corrupt a dataset")
struct ImportMergeProperties {
    static let dialects: [(separator: String, yaml: String, decimal: Character)] = [
        (",", "", "."), (";", "csv: {separator: \";\", decimal: \",\"}\n", ","), ("\t", "csv: {separator: tab}\n", "."),
        (";", "csv: {separator: \";\", decimal: \".\"}\n", "."),
    ]

    /// A valid dataset in `dialect`: regions R1…Rn (two countries), indicators i1…ik.
    static func dataset(_ random: inout SeededGenerator, dialect d: (separator: String, yaml: String, decimal: Character)) -> (URL, [String: [String: Double]]) {
        let folder = TestPaths.temporaryFolder("merge")
        let n = random.integer(in: 3...7), k = random.integer(in: 1...3)
        var values: [String: [String: Double]] = [:]
        var regions = ["code", "name", "country"].joined(separator: d.separator) + "\n"
        var table = (["code"] + (1...k).map { "i\($0)" }).joined(separator: d.separator) + "\n"
        for r in 1...n {
            regions += ["R\(r)", "Region \(r)", r % 2 == 0 ? "AA" : "BB"].joined(separator: d.separator) + "\n"
            var row = ["R\(r)"]
            for i in 1...k {
                let v = Double(random.integer(in: 0...99_999)) / 100
                values["i\(i)", default: [:]]["R\(r)"] = v
                var text = DatasetWriter.format(v)
                if d.decimal == "," { text = text.replacingOccurrences(of: ".", with: ",") }
                row.append(text)
            }
            table += row.joined(separator: d.separator) + "\n"
        }
        let yaml = "indicators:\n" + (1...k).map { "  - {id: i\($0), label: I\($0), dimension: economy, role: structural}\n" }.joined()
        try! Data("name: merge\n\(d.yaml)".utf8).write(to: folder.appendingPathComponent("dataset.yaml"))
        try! Data(regions.utf8).write(to: folder.appendingPathComponent("regions.csv"))
        try! Data(table.utf8).write(to: folder.appendingPathComponent("indicators.csv"))
        try! Data(yaml.utf8).write(to: folder.appendingPathComponent("indicators.yaml"))
        return (folder, values)
    }

    static func snapshot(_ folder: URL) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, (try? Data(contentsOf: folder.appendingPathComponent($0))) ?? Data()) })
    }

    /// A random import: half clean (valid ids, new or existing, distinct valid codes, old or new
    /// regions), half with one defect (an invalid or reserved id, an invalid code, a duplicate, NaN).
    static func imported(_ random: inout SeededGenerator, regions: Int) -> [ImportedIndicator] {
        func pick<T>(_ items: [T]) -> T { items[random.integer(in: 0...(items.count - 1))] }
        let pool = (1...regions).map { "R\($0)" } + ["N1", "N2"]
        return (0..<random.integer(in: 1...2)).enumerated().map { n, _ in
            var id = pick(["new\(n)", "new\(n)", "i1", "ok.\(n)"])
            var codes = pool.shuffled(using: &random).prefix(random.integer(in: 1...pool.count)).map { $0 }
            var values = codes.map { (code: $0, value: Double(random.integer(in: -5_000...5_000)) / 8) }
            switch random.integer(in: 0...9) {
            case 0: id = pick(["code", "bad id", "x/y", ""])
            case 1: values.append((pick(["bad code", "Z<1", "a&b", ""]), 1))
            case 2: values.append(values[0])
            case 3: values[0].value = pick([Double.nan, .infinity])
            default: break
            }
            codes = values.map(\.code)
            let indicator = Indicator(id: id, label: id, dimension: "economy", role: .structural, direction: .higher, transform: .none)
            return ImportedIndicator(indicator: indicator, values: values, regions: codes.map { Region(code: $0, name: $0, country: "CC") })
        }
    }

    @Test("200 random imports: valid with old values intact, or refused with every byte unchanged")
    func property() throws {
        var random = SeededGenerator(seed: 20261202)
        var succeeded = 0, refused = 0
        for round in 0..<200 {
            let dialect = Self.dialects[round % Self.dialects.count]
            let (folder, old) = Self.dataset(&random, dialect: dialect)
            let regionCount = old.values.first!.count
            let imports = Self.imported(&random, regions: regionCount)
            let replace = random.integer(in: 0...1) == 1
            let before = Self.snapshot(folder)
            do {
                try DatasetFolderMerger.merge(imports, into: folder, replace: replace)
                succeeded += 1
            } catch {
                refused += 1
                #expect(Self.snapshot(folder) == before, "round \(round): \(error)")
                #expect("\(error)".hasSuffix("."), "round \(round): one sentence: \(error)")
                continue
            }
            let (dataset, _) = try DatasetLoader.load(folder: folder)
            let replaced = Set(imports.map(\.indicator.id))
            for (id, byRegion) in old where !replaced.contains(id) {
                let k = try #require(dataset.indicators.firstIndex { $0.id == id })
                for (code, value) in byRegion {
                    #expect(dataset.indicatorValues[region: dataset.regionIndex(of: code)!, indicator: k] == value, "round \(round): \(id) \(code)")
                }
            }
            for item in imports {
                let k = try #require(dataset.indicators.firstIndex { $0.id == item.indicator.id })
                for (code, value) in item.values {
                    #expect(dataset.indicatorValues[region: dataset.regionIndex(of: code)!, indicator: k] == value, "round \(round)")
                }
            }
            // The files keep the dialect: the separator of the header line is the declared one.
            let header = try String(contentsOf: folder.appendingPathComponent("indicators.csv"), encoding: .utf8).split(separator: "\n")[0]
            #expect(header.contains(dialect.separator), "round \(round): \(header)")
        }
        #expect(succeeded >= 20 && refused >= 20, "both outcomes are exercised: \(succeeded) succeeded, \(refused) refused")
    }

    @Test("A new folder that cannot be made is not left behind")
    func newFolder() throws {
        let folder = TestPaths.temporaryFolder("merge-new").appendingPathComponent("dataset")
        let bad = ImportedIndicator(indicator: Indicator(id: "bad id", label: "x", dimension: "economy", role: .structural, direction: .higher, transform: .none),
                                    values: [("A1", 1)], regions: [Region(code: "A1", name: "A1", country: "AA")])
        #expect(throws: ImportError.invalidIndicatorID("bad id")) { try DatasetFolderMerger.merge([bad], into: folder) }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        let good = ImportedIndicator(indicator: Indicator(id: "x", label: "x", dimension: "economy", role: .structural, direction: .higher, transform: .none),
                                     values: [("A1", 1), ("A2", 2)], regions: [Region(code: "A1", name: "A1", country: "AA"), Region(code: "A2", name: "A2", country: "AA")])
        try DatasetFolderMerger.merge([good], into: folder)
        #expect(DatasetLoader.validate(folder: folder).errors.isEmpty)
        #expect(throws: ImportError.indicatorExists("x")) { try DatasetFolderMerger.merge([good], into: folder) }
        try DatasetFolderMerger.merge([good], into: folder, replace: true)
    }
}
