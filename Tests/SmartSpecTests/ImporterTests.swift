import Foundation
import Testing
@testable import SmartSpec

@Suite("Importers")
struct ImporterTests {
    /// A small table in Eurostat's exact bulk format: tab-separated periods with trailing spaces,
    /// flags after the value, ':' for missing.
    static let tsv = """
        unit,sex,geo\\time\t2015 \t2014 \t2013 \n\
        PC,F,AT11\t5.1 p\t4.9 \t: \n\
        PC,M,AT11\t6.0 \t5.5 \t5.4 \n\
        PC,T,AT11\t5.6 \t5.2 \t5.0 \n\
        PC,M,AT12\t4.0 \t3.9 \t3.8 \n\
        PC,T,AT12\t: c\t: \t4.4 b\n\
        PC,T,AT1\t5.0 \t4.8 \t4.7 \n\
        PC,T,EU28\t9.4 \t10.2 \t10.9 \n\
        PC,T,ATZZ\t1.0 \t1.0 \t1.0 \n\
        THS,T,AT11\t7.1 \t6.5 \t6.3 \n
        """

    static let indicator = Indicator(id: "unemployment", label: "Unemployment", dimension: "labour-market",
                                     role: .performance, direction: .lower)

    @Test("Eurostat TSV: header, flags and missing cells")
    func parse() throws {
        let table = try EurostatTable.parse(Self.tsv, file: "test.tsv")
        #expect(table.dimensions == ["unit", "sex", "geo"])
        #expect(table.periods == ["2015", "2014", "2013"])
        #expect(table.rows.count == 9)
        #expect(table.rows[0].observations[0] == .init(value: 5.1, flags: "p"))
        #expect(table.rows[0].observations[2] == .init(value: nil, flags: ""))
        #expect(table.rows[4].observations[0] == .init(value: nil, flags: "c"))
        #expect(table.rows[4].observations[2] == .init(value: 4.4, flags: "b"))
    }

    @Test("Eurostat selection: filters, NUTS level, fallback year")
    func select() throws {
        let table = try EurostatTable.parse(Self.tsv, file: "test.tsv")
        let importer = EurostatImporter(filters: ["unit": "PC", "sex": "T"], period: "2014", fallbackPeriods: ["2013"], nutsLevel: 2)
        let result = try importer.extract(table, as: Self.indicator)
        // AT11 has 5.2 in 2014; AT12 is missing in 2014 and falls back to 4.4 in 2013; AT1 (level 1),
        // EU28 (aggregate) and ATZZ (extra-regio) are not NUTS-2 regions.
        #expect(result.values.map(\.code) == ["AT11", "AT12"])
        #expect(result.values.map(\.value) == [5.2, 4.4])
        #expect(result.notes.contains { $0.contains("1 region(s) took their value from 2013") })
        #expect(result.regions.map(\.country) == ["AT", "AT"])
    }

    @Test("Eurostat selection errors say what to choose")
    func selectionErrors() throws {
        let table = try EurostatTable.parse(Self.tsv, file: "test.tsv")
        #expect(throws: ImportError.ambiguous(dimension: "sex", values: ["F", "M", "T"])) {
            try EurostatImporter(filters: ["unit": "PC"], period: "2014", nutsLevel: 2).extract(table, as: Self.indicator)
        }
        #expect(throws: ImportError.unknownDimension("age", available: ["unit", "sex", "geo"])) {
            try EurostatImporter(filters: ["age": "Y15-74"], period: "2014").extract(table, as: Self.indicator)
        }
        #expect(throws: ImportError.unknownValue(dimension: "unit", value: "EUR", available: ["PC", "THS"])) {
            try EurostatImporter(filters: ["unit": "EUR"], period: "2014").extract(table, as: Self.indicator)
        }
        #expect(throws: ImportError.unknownPeriod("2030", available: ["2015", "2014", "2013"])) {
            try EurostatImporter(filters: ["unit": "PC", "sex": "T"], period: "2030").extract(table, as: Self.indicator)
        }
        let message = ImportError.ambiguous(dimension: "sex", values: ["F", "M", "T"]).description
        #expect(message == "The dimension 'sex' still has several values (F, M, T); choose one with --where sex=F.")
    }

    @Test("A malformed Eurostat cell is reported with line and column")
    func badCell() {
        let text = "unit,geo\\time\t2014 \nPC,AT11\t12x3 \n"
        #expect {
            try EurostatTable.parse(text, file: "bad.tsv")
        } throws: { error in
            (error as? DatasetValidationError)?.issues.first?.location == "bad.tsv:2:2"
        }
    }

    @Test("Imports merge into a dataset folder that then validates")
    func mergeAndValidate() throws {
        let folder = TestPaths.temporaryFolder("merge")
        let table = try EurostatTable.parse(Self.tsv, file: "test.tsv")
        let first = try EurostatImporter(filters: ["unit": "PC", "sex": "T"], period: "2014", fallbackPeriods: ["2013"], nutsLevel: 2)
            .extract(table, as: Self.indicator)
        var structural = Self.indicator
        (structural.id, structural.role, structural.dimension) = ("male_rate", .structural, "labour-market")
        let second = try EurostatImporter(filters: ["unit": "PC", "sex": "M"], period: "2013", nutsLevel: 2).extract(table, as: structural)
        try DatasetFolderMerger.merge([first], into: folder)
        try DatasetFolderMerger.merge([second], into: folder)
        #expect(throws: ImportError.indicatorExists("unemployment")) { try DatasetFolderMerger.merge([first], into: folder) }
        try DatasetFolderMerger.merge([first], into: folder, replace: true)   // replacing keeps one column
        let (dataset, _) = try DatasetLoader.load(folder: folder)
        #expect(dataset.indicators.map(\.id) == ["male_rate", "unemployment"])
        #expect(dataset.indicatorValues.column(1) == [5.2, 4.4])
        #expect(dataset.indicatorValues.column(0) == [5.4, 3.8])
    }

    @Test("Long tables: mapped columns, the latest year by default")
    func longTable() throws {
        let folder = TestPaths.temporaryFolder("long")
        let file = folder.appendingPathComponent("long.csv")
        try Data("""
            nuts_id,country,nuts_name,year,variable,value
            AA1,AA,Alpha,2019,gdp,10
            AA1,AA,Alpha,2020,gdp,11
            AA2,AA,Beta,2020,gdp,12
            AA1,AA,Alpha,2020,pop,100
            AA2,AA,Beta,2020,pop,NA
            """.utf8).write(to: file)
        var columns = LongTableImporter.Columns()
        try columns.apply(["region=nuts_id", "indicator=variable", "name=nuts_name", "country=country"])
        let imported = try LongTableImporter(columns: columns).extract(file) {
            Indicator(id: $0, label: $0, dimension: "economy", role: .performance)
        }
        #expect(imported.map(\.indicator.id) == ["gdp", "pop"])
        #expect(imported[0].values.map(\.value) == [11, 12])
        #expect(imported[0].regions.map(\.name) == ["Alpha", "Beta"])
        #expect(throws: ImportError.malformedAssignment("regio=x (known names: region, indicator, year, value, name, country)")) {
            try columns.apply(["regio=x"])
        }
    }

    @Test("A truncated gzip file is refused")
    func truncatedGzip() throws {
        let source = TestPaths.temporaryFolder("gz")
        let plain = source.appendingPathComponent("t.tsv")
        try Data(String(repeating: Self.tsv, count: 50).utf8).write(to: plain)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-k", plain.path]
        try process.run()
        process.waitUntilExit()
        let gz = try Data(contentsOf: source.appendingPathComponent("t.tsv.gz"))
        #expect(try CompressedFile.read(source.appendingPathComponent("t.tsv.gz")) == Data(contentsOf: plain))
        let cut = source.appendingPathComponent("cut.tsv.gz")
        try gz.prefix(gz.count / 2).write(to: cut)
        #expect { try CompressedFile.read(cut) } throws: { error in
            (error as? DatasetIssue)?.message.contains("corrupt or truncated") == true
        }
    }
}

@Suite("Imports of the real shared files", .enabled(if: TestPaths.hasSharedData, Comment(rawValue: TestPaths.sharedDataMissing)))
struct SharedImportTests {
    let eurostat = TestPaths.sharedData.appendingPathComponent("eurostat")

    @Test("nama_10r_2gdp.tsv.gz: GDP per inhabitant in PPS for NUTS-2, 2014, agrees with the eurostat-nuts2-2014 folder")
    func gdp() throws {
        let table = try EurostatTable.read(eurostat.appendingPathComponent("nama_10r_2gdp.tsv.gz"))
        let gdp = Indicator(id: "gdp_per_capita_pps", label: "GDP per inhabitant (PPS)", dimension: "economy", role: .performance)
        let imported = try EurostatImporter(filters: ["unit": "PPS_HAB"], period: "2014", fallbackPeriods: ["2013"], nutsLevel: 2)
            .extract(table, as: gdp)
        let values = Dictionary(uniqueKeysWithValues: imported.values.map { ($0.code, $0.value) })
        // The shared dataset folder was built from the same file by other code (pandas).
        let (reference, _) = try DatasetLoader.load(folder: TestPaths.sharedData.appendingPathComponent("eurostat-nuts2-2014"))
        let k = try #require(reference.indicators.firstIndex { $0.id == "gdp_per_capita_pps" })
        var compared = 0
        for (r, region) in reference.regions.enumerated() {
            guard let expected = reference.indicatorValues[region: r, indicator: k], let got = values[region.code] else { continue }
            #expect(got == expected, "\(region.code)")
            compared += 1
        }
        #expect(compared > 250)
        #expect(values["AT13"] == 43500)
    }

    @Test("Two real Eurostat indicators import into a folder that validates")
    func importAndValidate() throws {
        let folder = TestPaths.temporaryFolder("eurostat")
        let gdp = try EurostatImporter(filters: ["unit": "EUR_HAB"], period: "2014", fallbackPeriods: ["2013"], nutsLevel: 2)
            .extract(try EurostatTable.read(eurostat.appendingPathComponent("nama_10r_2gdp.tsv.gz")),
                     as: Indicator(id: "gdp_eur", label: "GDP per inhabitant", dimension: "economy", role: .performance))
        let unemployment = try EurostatImporter(filters: ["sex": "T", "age": "Y_GE15"], period: "2014", nutsLevel: 2)
            .extract(try EurostatTable.read(eurostat.appendingPathComponent("lfst_r_lfu3pers.tsv.gz")),
                     as: Indicator(id: "unemployed", label: "Unemployed persons", dimension: "labour-market", role: .structural, transform: .log))
        try DatasetFolderMerger.merge([gdp, unemployment], into: folder)
        let report = DatasetLoader.validate(folder: folder)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect((report.dataset?.regions.count ?? 0) > 250)
    }

    @Test("The long table of eurostat-nuts2-2007-2018 imports and validates")
    func longEurostat() throws {
        let folder = TestPaths.temporaryFolder("long-real")
        var columns = LongTableImporter.Columns()
        try columns.apply(["region=nuts_id", "indicator=variable", "name=nuts_name", "country=country"])
        let imported = try LongTableImporter(columns: columns, year: 2012, only: ["region_gdp", "patents", "unemployment_rate_t"])
            .extract(TestPaths.sharedData.appendingPathComponent("eurostat-nuts2-2007-2018/nuts2_indicators_long.csv")) {
                Indicator(id: $0, label: $0, dimension: "economy", role: .structural, transform: $0 == "unemployment_rate_t" ? .none : .log)
            }
        #expect(imported.count == 3)
        try DatasetFolderMerger.merge(imported, into: folder)
        let report = DatasetLoader.validate(folder: folder)
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    @Test("The shared dataset folders validate", arguments: ["eurostat-nuts2-2014", "rosstat-regions-2022", "world-trade-1998-2000"])
    func sharedFolders(name: String) throws {
        let report = DatasetLoader.validate(folder: TestPaths.sharedData.appendingPathComponent(name))
        #expect(report.errors.isEmpty, "\(report.errors)")
        let expectedRegions = ["eurostat-nuts2-2014": 284, "rosstat-regions-2022": 85, "world-trade-1998-2000": 226][name]
        #expect(report.dataset?.regions.count == expectedRegions)
    }
}
