import Foundation
import Testing
@testable import SmartSpec

@Suite("Dataset loading and validation")
struct DatasetLoaderTests {
    @Test("A minimal dataset loads with its values, missing cells and metadata")
    func minimal() throws {
        let (dataset, issues) = try DatasetLoader.load(folder: FolderBuilder.minimal().url)
        #expect(issues.filter { $0.severity != .note }.isEmpty)
        #expect(dataset.regions.map(\.code) == ["A1", "A2", "B1"])
        #expect(dataset.countries == ["AA", "BB"])
        #expect(dataset.indicatorValues.column(0) == [1, 2, 4])
        #expect(dataset.indicatorValues.column(1) == [10, 20, nil])
        #expect(dataset.indicators[1].direction == .lower && dataset.indicators[1].role == .performance)
        #expect(dataset.dimensions.map(\.id) == ["technology", "economy"])
    }

    @Test("Every problem of the broken fixture is reported once, with its place")
    func brokenFixture() {
        let report = DatasetLoader.validate(folder: TestPaths.fixtures.appendingPathComponent("broken-dataset"))
        let expected: [(String, String)] = [
            ("activities.csv:3:2", "already have a value on line 2"),
            ("activities.csv:4:3", "the value -3 is negative"),
            ("activities.csv:5:1", "'QQ1' is not listed in regions.csv"),
            ("activities.csv:6:4", "4 fields but the header has 3"),
            ("activities.csv:7:2", "'X9' is not defined in activities.yaml"),
            ("dataset.yaml:3:17", "unknown language 'fr'"),
            ("indicators.csv", "'flat' has the same value (5) in every region"),
            ("indicators.csv", "'empty' has no values"),
            ("indicators.csv:1:8", "the column 'extra' is not defined in indicators.yaml"),
            ("indicators.csv:3:2", "region 'AA2' has -5 for 'pop', but its transform is log"),
            ("indicators.csv:3:7", "'abc' is not a number"),
            ("indicators.csv:4:1", "'ZZ9' is not listed in regions.csv"),
            ("indicators.csv:5:7", "'1e400' is too large"),
            ("indicators.csv:6:7", "'inf' is infinite"),
            ("indicators.csv:7:8", "7 fields but the header has 8"),
            ("indicators.yaml:9:16", "unknown dimension 'human-capitol'"),
            ("indicators.yaml:14:11", "unknown role 'outcome'"),
            ("regions.csv:4:1", "'AA2' is already used on line 3"),
            ("regions.csv:5:2", "region 'AA3' has no name"),
        ]
        #expect(report.dataset == nil)
        #expect(report.errors.count == expected.count, "\(report.messages.joined(separator: "\n"))")
        for (location, text) in expected {
            #expect(report.errors.contains { $0.location == location && $0.message.contains(text) }, "missing: \(location) \(text)")
        }
    }

    @Test("Syntax and encoding problems are reported with their positions")
    func brokenSyntax() {
        let report = DatasetLoader.validate(folder: TestPaths.fixtures.appendingPathComponent("broken-syntax"))
        let expected: [(String, String)] = [
            ("activities.csv:1:1", "UTF-16"),
            ("dataset.yaml:1:7", "invalid YAML"),
            ("indicators.csv:3:2", "quoted field opened here is never closed"),
            ("indicators.yaml:3:5", "the key 'label' appears twice"),
            ("regions.csv:3:8", "not valid UTF-8"),
        ]
        #expect(report.errors.count == expected.count, "\(report.messages.joined(separator: "\n"))")
        for (location, text) in expected {
            #expect(report.errors.contains { $0.location == location && $0.message.contains(text) }, "missing: \(location) \(text)")
        }
    }

    @Test("Spreadsheet CSV: BOM, CRLF, ';' separators and decimal commas are read, and the detection is noted")
    func spreadsheetDialect() throws {
        let folder = FolderBuilder.minimal()
            .bytes("regions.csv", [0xEF, 0xBB, 0xBF] + Array("code;name;country\r\nA1;\"Alpha; the first\";AA\r\nA2;Beta;AA\r\nB1;Gamma;BB\r\n".utf8))
            .file("indicators.csv", "code;x;y\r\nA1;1,5;10\r\nA2;2,25;20\r\nB1;4;NA\r\n")
        let (dataset, issues) = try DatasetLoader.load(folder: folder.url)
        #expect(dataset.regions[0].name == "Alpha; the first")
        #expect(dataset.indicatorValues.column(0) == [1.5, 2.25, 4])
        let notes = issues.filter { $0.severity == .note }.map(\.description)
        #expect(notes.contains { $0.hasPrefix("indicators.csv") && $0.contains("decimal commas") })
        #expect(notes.contains { $0.hasPrefix("regions.csv") && $0.contains("separated by ';'") })
    }

    @Test("A declared dialect is used without notes; a comma decimal under a declared '.' is an error")
    func declaredDialect() throws {
        let folder = FolderBuilder.minimal()
            .file("dataset.yaml", "name: tiny\ncsv: {separator: \";\", decimal: \",\"}\n")
            .file("regions.csv", "code;name;country\nA1;Alpha;AA\nA2;Beta;AA\nB1;Gamma;BB\n")
            .file("indicators.csv", "code;x;y\nA1;1,5;10\nA2;2;20\nB1;3;1\n")
        let (dataset, issues) = try DatasetLoader.load(folder: folder.url)
        #expect(dataset.indicatorValues.column(0) == [1.5, 2, 3])
        #expect(issues.isEmpty)
        folder.file("dataset.yaml", "name: tiny\ncsv: {separator: \";\", decimal: \".\"}\n")
        let report = DatasetLoader.validate(folder: folder.url)
        #expect(report.errors.map(\.location) == ["indicators.csv:2:2"])
    }

    @Test("A large activities.csv, read in parts on all cores, gives the same values, activities and error lines as one pass")
    func largeActivitiesInParts() throws {
        // 3 regions × 130,000 rows of CRLF lines (≈ 6.6 MB, above the 4 MB from which the file is
        // split), with a blank line, decimal commas (';' file), an activity first seen in the last rows, a bad value
        // and a duplicate late in the file. Row k (0-based) of region i is on line 2 + i·130,000 + k
        // (+1 after the blank line, which follows the header).
        let perRegion = 130_000, codes = ["A1", "A2", "B1"]
        var text = "region;activity;value\r\n\r\n"
        text.reserveCapacity(5_000_000)
        for (i, code) in codes.enumerated() {
            for k in 0..<perRegion {
                let activity = i == 2 && k == perRegion - 1 ? "LATE" : "X\(k)"
                let value = i == 2 && k == perRegion - 2 ? "oops" : "\(k % 97),5"
                text += "\(code);\(activity);\(value)\r\n"
            }
        }
        text += "A1;X7;1\r\n"
        let folder = FolderBuilder.minimal().file("activities.csv", text)
        let line = { (i: Int, k: Int) in 3 + i * perRegion + k }
        let report = DatasetLoader.validate(folder: folder.url)
        #expect(report.errors.map(\.location) == ["activities.csv:\(line(2, perRegion - 2)):3", "activities.csv:\(line(3, 0)):2"],
                "\(report.messages.prefix(5))")
        #expect(report.errors.last?.message.contains("already have a value on line \(line(0, 7))") == true)
        #expect(report.issues.filter { $0.severity == .note && $0.message.contains("decimal commas") }.count == 1)
        // Without the two bad rows the dataset loads, and every value is where it belongs.
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let good = lines.enumerated().filter { $0.offset != line(2, perRegion - 2) - 1 && $0.offset != line(3, 0) - 1 }.map(\.element)
        folder.file("activities.csv", good.joined(separator: "\r\n"))
        let (dataset, _) = try DatasetLoader.load(folder: folder.url)
        let table = try #require(dataset.latestActivityTable)
        #expect(dataset.activities.count == perRegion + 1)   // X0…X129999 (X129999 not in B1), and LATE only in B1
        let late = try #require(dataset.activities.firstIndex { $0.code == "LATE" })
        #expect(table.values[2 * table.activityCount + late] == 0.5 + Double((perRegion - 1) % 97))
        let x5 = try #require(dataset.activities.firstIndex { $0.code == "X5" })
        #expect(table.values[1 * table.activityCount + x5] == 5.5)
    }

    @Test("Large regions.csv and indicators.csv with LF line ends, read in parts, give the lines of one pass, and their values")
    func largeIndicatorsInParts() throws {
        // 60,000 regions (≈ 1.6 MB, split from 1 MB on) and 12 indicators (≈ 5 MB, split from 4 MB
        // on), LF only, so the parts are cut by the line-feed search; a blank line after each header
        // shifts every row by one. Region k (0-based) is on line 3 + k of both files.
        let n = 60_000, width = 12
        let code = { (k: Int) in "R\(100_000 + k)" }
        var regions = "code,name,country\n\n", values = "code," + (1...width).map { "x\($0)" }.joined(separator: ",") + "\n\n"
        for k in 0..<n {
            regions += "\(code(k)),Region \(k),C\(k % 7)\n"
            values += code(k) + (1...width).map { j in k == 41_234 && j == 5 ? ",oops" : ",\(k % 1_000).\(j)\(k % 9)" }.joined() + "\n"
        }
        let yaml = "indicators:\n" + (1...width).map { "  - {id: x\($0), label: X\($0), dimension: technology, role: structural}\n" }.joined()
        let folder = FolderBuilder.minimal().file("indicators.yaml", yaml)
            .file("regions.csv", regions + "\(code(7)),Again,C0\n").file("indicators.csv", values)
        let report = DatasetLoader.validate(folder: folder.url)
        #expect(report.errors.map(\.location) == ["indicators.csv:\(3 + 41_234):6", "regions.csv:\(3 + n):1"], "\(report.messages.prefix(4))")
        #expect(report.errors.last?.message.contains("already used on line 10") == true)
        // Without the two bad cells the dataset loads, and every value is where it belongs.
        folder.file("regions.csv", regions).file("indicators.csv", values.replacingOccurrences(of: ",oops", with: ",1.5"))
        let (dataset, _) = try DatasetLoader.load(folder: folder.url)
        #expect(dataset.regions.count == n && dataset.regions[n - 1].code == code(n - 1) && dataset.regions[n - 1].country == "C\((n - 1) % 7)")
        for k in [0, 1, 29_999, 30_000, 41_234, n - 1] {
            for j in [1, 5, width] {
                let expected = k == 41_234 && j == 5 ? 1.5 : Double("\(k % 1_000).\(j)\(k % 9)")!
                #expect(dataset.indicatorValues[region: k, indicator: j - 1] == expected)
            }
        }
    }

    @Test("Line numbers stay exact after a quoted field with line breaks")
    func embeddedNewlines() {
        let folder = FolderBuilder.minimal()
            .file("regions.csv", "code,name,country\nA1,\"Alpha\nwith a\r\nlong name\",AA\nA2,Beta,AA\nB1,Gamma,BB\n")
            .file("indicators.csv", "code,x,y\nA1,1,10\nA2,2,20\nB1,oops,1\n")
        let report = DatasetLoader.validate(folder: folder.url)
        #expect(report.errors.map(\.location) == ["indicators.csv:4:2"])
        // Header on line 1, A1 on lines 2–3, the duplicate A1 on line 4.
        let bad = FolderBuilder.minimal().file("regions.csv", "code,name,country\nA1,\"Alpha\nsecond line\",AA\nA1,Again,AA\nA2,Beta,AA\nB1,Gamma,BB\n")
        #expect(DatasetLoader.validate(folder: bad.url).errors.map(\.location) == ["regions.csv:4:1"])
    }

    @Test("Missing files and a missing folder are named")
    func missingFiles() {
        let folder = FolderBuilder().file("dataset.yaml", "name: empty\n")
        let report = DatasetLoader.validate(folder: folder.url)
        #expect(Set(report.errors.map(\.file)) == ["regions.csv", "indicators.yaml", "indicators.csv"])
        #expect(report.errors.allSatisfy { $0.message == "the file does not exist" })
        let nowhere = DatasetLoader.validate(folder: URL(fileURLWithPath: "/nonexistent/dataset"))
        #expect(nowhere.errors.count == 1 && nowhere.errors[0].message.contains("does not exist"))
    }

    @Test("A directory where a file is expected, and an empty file")
    func directoryAndEmpty() throws {
        let folder = FolderBuilder.minimal().file("indicators.csv", "")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("regions.csv"))
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("regions.csv"), withIntermediateDirectories: false)
        let report = DatasetLoader.validate(folder: folder.url)
        #expect(report.errors.contains { $0.file == "regions.csv" && $0.message.contains("directory") })
        #expect(report.errors.contains { $0.file == "indicators.csv" && $0.message.contains("empty") })
    }

    @Test("Activities: years make one table per year, absent pairs are zero")
    func activities() throws {
        let folder = FolderBuilder.minimal()
            .file("activities.csv", "region,activity,year,value\nA1,m,2020,10\nA2,m,2020,5\nA1,s,2020,1\nA1,m,2024,12\nB1,s,2024,3\n")
        let (dataset, _) = try DatasetLoader.load(folder: folder.url)
        #expect(dataset.activities.map(\.code) == ["m", "s"])
        #expect(dataset.activityTables.map(\.year) == [2020, 2024])
        #expect(dataset.activityTables[0].values == [10, 1, 5, 0, 0, 0])
        #expect(dataset.latestActivityTable?.values == [12, 0, 0, 0, 0, 3])
    }

    @Test("An alternative activity table is used by name, validated with the folder, and an unknown name lists the tables there are")
    func alternativeActivityTable() throws {
        let folder = FolderBuilder.minimal()
            .file("activities.csv", "region,activity,value\nA1,p,1\nA2,q,2\nB1,p,3\n")
            .file("activities-firms.csv", "region,activity,year,value\nA1,r,2019,5\nA2,s,2019,6\nB1,r,2022,7\n")
        let (main, _) = try DatasetLoader.load(folder: folder.url)
        #expect(main.activities.map(\.code) == ["p", "q"])
        let (firms, _) = try DatasetLoader.load(folder: folder.url, activityTable: "firms")
        #expect(firms.activities.map(\.code) == ["r", "s"])
        #expect(firms.activityTables.map(\.year) == [2019, 2022])
        #expect(DatasetLoader.alternativeActivityTables(folder: folder.url) == ["firms"])
        let unknown = DatasetLoader.validate(folder: folder.url, activityTable: "staff")
        #expect(unknown.dataset == nil)
        #expect(unknown.errors.map(\.description).contains { $0.contains("no activity table 'staff'") && $0.contains("firms") })
        // A broken alternative table is reported by validate (checkingAlternatives), not by a run on the main table.
        folder.file("activities-firms.csv", "region,activity,value\nZZ,r,5\n")
        #expect(DatasetLoader.validate(folder: folder.url).errors.isEmpty)
        #expect(DatasetLoader.validate(folder: folder.url, checkingAlternatives: true).errors.map(\.location) == ["activities-firms.csv:2:1"])
        // The fingerprint names the table used.
        let fingerprint = try DatasetFingerprint(folder: folder.url, activityTable: "firms")
        #expect(fingerprint.files.map(\.name).last == "activities-firms.csv")
    }
}
