import Foundation
import Testing
@testable import SmartSpec

/// The Rosstat importer: the registry, the workbook readers (.xlsx through ZIPFoundation, .xls
/// through FreeXL), the table reader and the nesting rule; on small committed workbooks and on
/// Rosstat's own workbooks in ../shared/data, against the tidy tables made from them there.
@Suite("Rosstat workbooks and the registry of Russian regions")
struct RosstatImportTests {
    static let workbooks = TestPaths.fixtures.appendingPathComponent("workbooks")
    static let raw = TestPaths.sharedData.appendingPathComponent("rosstat-regions/raw")
    static let indicator = Indicator(id: "x", label: "X", dimension: "economy", role: .performance)

    static func values(_ file: String, sheet: String = "2", year: Int = 2022, folder: URL = workbooks) throws -> [String: Double] {
        let url = folder.appendingPathComponent(file)
        let table = try RosstatTable(try WorkbookReader.sheet(url, named: sheet), file: file)
        let imported = try RosstatImporter(year: year).indicator(table, as: indicator)
        return Dictionary(uniqueKeysWithValues: imported.values.map { ($0.code, $0.value) })
    }

    @Test("The registry: 85 subjects with unique ISO codes; the three okrugs inside their oblasts")
    func registry() {
        let subjects = RussianRegions.subjects
        #expect(subjects.count == 85 && Set(subjects.map(\.code)).count == 85)
        #expect(subjects.filter { $0.parent != nil }.map(\.code).sorted() == ["RU-KHM", "RU-NEN", "RU-YAN"])
        #expect(RussianRegions.subject("RU-TA")?.nameEn == "Republic of Tatarstan" && RussianRegions.subject("RU-CR")?.nameRu == "Республика Крым")
        #expect(OKVED2.sections.map(\.code) == "ABCDEFGHIJKLMNOPQRSTU".map(String.init))
        for (name, expected) in [("Ханты-Мансийский авт. округ-Югра", RussianRegionRow.subject("RU-KHM")), ("Ханты-Мансийский авт.округ", .subject("RU-KHM")),
                                 ("Кемеровская область-Кузбасс", .subject("RU-KEM")), ("Республика Северная Осетия-Алания", .subject("RU-SE")),
                                 ("г.Севастополь 2)", .subject("RU-SEV")), ("Калинингpадская область", .subject("RU-KGD")),
                                 ("  в т.ч. Ненецкий авт. округ", .subject("RU-NEN")), ("Архангельская область без АО", .subjectWithoutOkrugs("RU-ARK")),
                                 ("Тюменская область (без Ханты-Мансийского авт.округа-Югра и Ямало-Ненецкого авт.округа)", .subjectWithoutOkrugs("RU-TYU")),
                                 ("Сибирский федеральный округ", .aggregate), ("Российская Федерация", .aggregate)] {
            #expect(RussianRegions.classify(name) == expected, "\(name)")
        }
        #expect(RussianRegions.classify("Атлантида") == nil)
    }

    @Test("Every territory name of Rosstat's tidy tables classifies as its level says",
          .enabled(if: TestPaths.hasSharedData, "../shared/data is absent, so the tests on real shared data are skipped"))
    func everyRosstatName() throws {
        for file in ["grp_1998_2023.csv", "innovation_activity_level.csv", "fixed_assets_by_okved2_2017_2024.csv", "rd_personnel.csv",
                     "researchers_with_degree.csv", "innovative_goods_shipments.csv", "shipments_mining_manufacturing_utilities_2005_2016.csv"] {
            for row in try Self.tidy(file) {
                let kind = RussianRegions.classify(row["region_ru"]!)
                switch row["level"]! {
                case "subject": #expect(kind == .subject(row["iso"]!.replacingOccurrences(of: "RU-SPB", with: "RU-SPE")), "\(file): \(row["region_ru"]!)")
                case "subject_part":
                    guard case .subjectWithoutOkrugs(let code)? = kind else { Issue.record("\(file): \(row["region_ru"]!) → \(String(describing: kind))"); continue }
                    #expect(["RU-ARK", "RU-TYU"].contains(code))
                default: #expect(kind == .aggregate, "\(file): \(row["region_ru"]!)")
                }
            }
        }
    }

    @Test("A small table: years with footnote marks, the federation and districts skipped, the nesting rule, .xlsx and .xls alike")
    func smallTable() throws {
        let expected: [String: Double] = ["RU-BEL": 11, "RU-TA": 21, "RU-KGD": 4, "RU-ARK": 5, "RU-NEN": 4.5, "RU-SEV": 1.5]
        #expect(try Self.values("table.xlsx") == expected)
        #expect(try Self.values("table.xls") == expected)
        // 2023: '…' (confidential) and '-' become missing, with notes.
        let table = try RosstatTable(try WorkbookReader.sheet(Self.workbooks.appendingPathComponent("table.xlsx"), named: "2"), file: "table.xlsx")
        let later = try RosstatImporter(year: 2023).indicator(table, as: Self.indicator)
        #expect(later.values.map(\.code).contains("RU-TA") && !later.values.map(\.code).contains("RU-BEL") && !later.values.map(\.code).contains("RU-KGD"))
        #expect(later.notes.contains { $0.contains("confidential") } && later.notes.contains { $0.contains("no data") })
        #expect(table.columns.map(\.year) == [2021, 2022, 2023])
        #expect(table.title.hasPrefix("Тестовый показатель"))
    }

    @Test("Sections as activities: the total left out, each column an OKVED2 section")
    func sections() throws {
        let table = try RosstatTable(try WorkbookReader.sheet(Self.workbooks.appendingPathComponent("sections.xlsx"), named: "1"), file: "sections.xlsx")
        let imported = try RosstatImporter(year: 2022).activities(table)
        #expect(imported.activities.map(\.code) == ["A", "B", "C"])
        #expect(imported.rows.map { "\($0.region) \($0.activity) \($0.value)" }.sorted() == ["RU-BEL A 1.0", "RU-BEL B 2.0", "RU-BEL C 3.0", "RU-TA A 5.0", "RU-TA C 10.0"])
    }

    @Test("Bad workbooks give one sentence each", arguments: [
        ("unknown-region.xlsx", "row 7: 'Атлантида' is not a subject"), ("encrypted.xlsx", "encrypted or password-protected"),
        ("truncated.xlsx", "damaged or truncated"), ("truncated.xls", "damaged or truncated"), ("not-a-workbook.xlsx", "is not an Excel workbook"),
    ])
    func badWorkbooks(file: String, message: String) {
        #expect { try Self.values(file) } throws: { "\($0)".contains(message) }
    }

    @Test("A sheet or a year that is not there")
    func missingSheetOrYear() {
        #expect { try Self.values("table.xlsx", sheet: "9") } throws: { "\($0)" == "table.xlsx has no sheet '9'; its sheets are 'Содержание', '1', '2'." }
        #expect { try Self.values("table.xlsx", year: 2030) } throws: { "\($0)".contains("the header has no year 2030; it has 2021, 2022, 2023") }
    }

    // MARK: Rosstat's own workbooks

    static func tidy(_ file: String) throws -> [[String: String]] {
        let text = try String(contentsOf: TestPaths.sharedData.appendingPathComponent("rosstat-regions/\(file)"), encoding: .utf8)
        let table = try DelimitedTable.parse(text, file: file, declaredSeparator: ",").get()
        return table.records.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.fields)) }
    }

    /// The published value of every subject under the nesting rule: a subject's own row, and for
    /// Arkhangelsk and Tyumen the row without their okrugs when the table has one.
    static func published(_ rows: [[String: String]]) -> [String: Double] {
        var values: [String: Double] = [:]
        for row in rows where row["level"] == "subject" {
            if let v = Double(row["value"]!) { values[row["iso"]!.replacingOccurrences(of: "RU-SPB", with: "RU-SPE")] = v }
        }
        for row in rows where row["level"] == "subject_part" {
            if case .subjectWithoutOkrugs(let code)? = RussianRegions.classify(row["region_ru"]!) {
                values[code] = Double(row["value"]!)
            }
        }
        return values
    }

    @Test("VRP_s1998.xlsx sheet 4, 2022: every subject's GRP per capita as published",
          .enabled(if: TestPaths.hasSharedData, "../shared/data is absent, so the tests on real shared data are skipped"))
    func grpPerCapita() throws {
        let ours = try Self.values("VRP_s1998.xlsx", sheet: "4", folder: Self.raw)
        let published = Self.published(try Self.tidy("grp_1998_2023.csv").filter { $0["indicator"] == "grp_per_capita" && $0["year"] == "2022" })
        #expect(ours.count == 85 && ours == published)
        #expect(ours["RU-TA"] != nil && ours["RU-ARK"] == 722352.8 && ours["RU-NEN"] == 11815172.8)
    }

    @Test("innovations_1.xls sheet 1, 2022: innovation activity of every subject as published",
          .enabled(if: TestPaths.hasSharedData, "../shared/data is absent, so the tests on real shared data are skipped"))
    func innovationActivity() throws {
        let ours = try Self.values("innovations_1.xls", sheet: "1", folder: Self.raw)
        let published = Self.published(try Self.tidy("innovation_activity_level.csv").filter { $0["year"] == "2022" })
        #expect(ours.count == published.count && ours.count >= 80)
        for (code, value) in published { #expect(abs((ours[code] ?? .nan) - value) <= 1e-12 * abs(value), "\(code)") }
    }

    @Test("Nal_of_pus_reg-2024.xlsx sheet 2, 2022 --activities: fixed assets of every subject by OKVED2 section",
          .enabled(if: TestPaths.hasSharedData, "../shared/data is absent, so the tests on real shared data are skipped"))
    func fixedAssets() throws {
        let url = Self.raw.appendingPathComponent("Nal_of_pus_reg-2024.xlsx")
        let imported = try RosstatImporter(year: 2022).activities(try RosstatTable(try WorkbookReader.sheet(url, named: "2"), file: url.lastPathComponent))
        #expect(imported.activities.count == 19)
        let tidy = try Self.tidy("fixed_assets_by_okved2_2017_2024.csv").filter { $0["year"] == "2022" && !OKVED2.isTotal($0["breakdown"]!) }
        var checked = 0
        for (label, rows) in Dictionary(grouping: tidy, by: { $0["breakdown"]! }) {
            let section = try #require(OKVED2.section(forLabel: label), "\(label)")
            let ours = Dictionary(uniqueKeysWithValues: imported.rows.filter { $0.activity == section.code }.map { ($0.region, $0.value) })
            #expect(ours == Self.published(rows), "\(section.code)")
            checked += ours.count
        }
        #expect(checked >= 85 * 18)
    }
}

@Suite("Registries of the union's regions")
struct UnionRegionsTests {
    @Test("Kazakhstan: 20 regions since 2022 (Abai, Jetisu, Ulytau), 17 from 2018 to 2021, South Kazakhstan before 2018")
    func kazakhstan() {
        #expect(UnionRegions.regions(of: "KZ", in: 2022).count == 20)
        #expect(UnionRegions.regions(of: "KZ", in: 2020).count == 17)
        let before = UnionRegions.regions(of: "KZ", in: 2017).map(\.code)
        #expect(before.contains("KZ-51") && !before.contains("KZ-61") && !before.contains("KZ-79") && before.count == 16)
        #expect(UnionRegions.region("KZ-75")?.nameLocal == "Алматы қаласы" && UnionRegions.region("KZ-75")?.nationalCode == "75")
    }

    @Test("Kyrgyzstan, Belarus, Armenia and Russia: counts, unique codes, names in three languages")
    func others() {
        #expect(UnionRegions.regions(of: "KG").count == 9 && UnionRegions.regions(of: "BY").count == 7 && UnionRegions.regions(of: "AM").count == 11)
        #expect(UnionRegions.regions(of: "RU").count == 85)
        #expect(Set(UnionRegions.all.map(\.code)).count == UnionRegions.all.count)
        #expect(UnionRegions.all.allSatisfy { !$0.nameEn.isEmpty && !$0.nameRu.isEmpty && !$0.nameLocal.isEmpty })
    }

    @Test("Names are found in any language")
    func names() {
        #expect(UnionRegions.region(named: "Алматинская область", in: "KZ")?.code == "KZ-19")
        #expect(UnionRegions.region(named: "Almaty", in: "KZ")?.code == "KZ-75")
        #expect(UnionRegions.region(named: "Ысык-Көл облусу", in: "KG")?.code == "KG-Y")
        #expect(UnionRegions.region(named: "Республика Татарстан", in: "RU")?.code == "RU-TA")
        #expect(UnionRegions.region(named: "Атлантида", in: "KZ") == nil)
    }
}

@Suite("The workbook reader runs apart")
struct WorkbookProcessTests {
    @Test("A crafted .xls that makes FreeXL read outside its buffers (found by FuzzWorkbook) gives a sentence; no workbook is parsed in SmartSpec's process")
    func craftedFile() {
        let file = TestPaths.repository.appendingPathComponent("Tests/Fuzz/regressions/freexl-stack-underflow.xls")
        #expect { try WorkbookReader.sheet(file, named: "1") } throws: { "\($0)".contains("damaged or truncated") }
        #expect(WorkbookProcess.reader != nil, "smartspec-workbook is built beside the tests")
    }

    @Test("Escapes of the reader's output are undone")
    func escapes() {
        #expect(WorkbookProcess.unescaped(#"a\tb\\c\nd"#) == "a\tb\\c\nd")
    }
}

@Suite("OKVED2 and NACE Rev. 2")
struct OKVED2Tests {
    @Test("88 divisions in their sections; the EU datasets' NACE division codes are OKVED2 divisions")
    func divisions() throws {
        #expect(OKVED2.divisions.count == 88 && Set(OKVED2.divisions.map(\.code)).count == 88)
        #expect(OKVED2.division("10")?.section == "C" && OKVED2.division("C10")?.code == "10" && OKVED2.division("62")?.section == "J")
        #expect(OKVED2.divisions.allSatisfy { d in OKVED2.sections.contains { $0.code == d.section } && !d.nameRu.isEmpty && !d.nameEn.isEmpty })
        let eu = try String(contentsOf: TestPaths.repository.appendingPathComponent("Datasets/eu-nuts2-sbs-2008-2015/activities.yaml"), encoding: .utf8)
        let codes = eu.split(separator: "\n").compactMap { $0.hasPrefix("- code: ") ? String($0.dropFirst(9).dropLast()) : nil }
        #expect(!codes.isEmpty && codes.allSatisfy { OKVED2.division($0) != nil }, "\(codes.filter { OKVED2.division($0) == nil })")
    }
}
