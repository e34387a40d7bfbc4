import ArgumentParser
import Foundation
import SmartSpec

/// `smartspec import`: turns outside tables into a dataset folder's indicators.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import indicators from Eurostat bulk TSV files, Rosstat workbooks or generic long tables, and activities from trade tables by product, into a dataset folder.",
        subcommands: [EurostatImport.self, LongImport.self, RosstatImport.self, TradeImport.self])
}

extension IndicatorRole: ExpressibleByArgument {}
extension IndicatorDirection: ExpressibleByArgument {}
extension IndicatorTransform: ExpressibleByArgument {}

/// The dataset folder an import writes into: `--out` (the old `--into` still works, with a
/// warning), and what it may replace.
struct ImportTarget: ParsableArguments {
    @Option(help: ArgumentHelp("\(OptionMeaning.out) Here: the dataset folder to create or extend."), completion: .directory) var out: String?
    @Option(name: .customLong("into"), help: .hidden) var into: String?
    @Flag(help: "Replace an indicator the dataset already has (its values and metadata).") var replace = false
    @Flag(help: ArgumentHelp("\(OptionMeaning.force) Here: dataset files in --out that smartspec did not write.")) var force = false

    func folder() throws -> String {
        guard let folder = try DeprecatedOption.resolve(out, into, current: "--out", old: "--into") else {
            throw ValidationError("Missing expected argument '--out <out>': the dataset folder to create or extend.")
        }
        return folder
    }

    /// Merges `imports` into the folder under the rule of every option that writes: the dataset
    /// files must be smartspec's own (or `--force`), never links or special files, never the input.
    func merge(_ imports: [ImportedIndicator], input: String, source: String? = nil) throws {
        try write(input: input, activities: false) { try DatasetFolderMerger.merge(imports, into: $0, source: source, replace: replace) }
    }

    func merge(_ activities: ImportedActivities, input: String, source: String? = nil) throws {
        try write(input: input, activities: true) { try DatasetFolderMerger.merge(activities, into: $0, source: source, replace: replace) }
    }

    private func write(input: String, activities: Bool, _ body: (URL) throws -> Void) throws {
        let url = URL(fileURLWithPath: try folder())
        var record = OutputRecord(folder: url)
        try record.lock(create: false)
        let names = DatasetFolderMerger.filesWritten(into: url, activities: activities)
        for name in names { try record.check(name, force: force, inputs: [URL(fileURLWithPath: input)]) }
        try body(url)
        for name in names where FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path) { try record.landed(name) }
    }
}

/// Metadata options for an imported indicator.
struct IndicatorMetadataOptions: ParsableArguments {
    @Option(help: "Label of the indicator (default: its id).") var label: String?
    @Option(name: .customLong("label-ru"), help: "Russian label.") var labelRu: String?
    @Option(help: "Dimension (e.g. human-capital, technology, economy).") var dimension: String = "economy"
    @Option(help: "Role of the indicator in the analyses.") var role: IndicatorRole = .structural
    @Option(help: "Which direction is better.") var direction: IndicatorDirection = .higher
    @Option(help: "Transform before standardising.") var transform: IndicatorTransform = .none
    @Option(help: "Unit of measurement.") var unit: String?
    @Option(help: "Source note.") var source: String?

    func indicator(id: String, defaultSource: String?) throws -> Indicator {
        return Indicator(id: id, label: label ?? id, labelRu: labelRu, dimension: dimension, role: role, direction: direction,
                         transform: transform, unit: unit, source: source ?? defaultSource)
    }
}

/// `smartspec import eurostat`.
struct EurostatImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eurostat",
        abstract: "Take one indicator for one year from a Eurostat bulk TSV file (.tsv or .tsv.gz) into a dataset folder.",
        discussion: "Example: smartspec import eurostat nama_10r_2gdp.tsv.gz --indicator gdp_pps --where unit=PPS_HAB --year 2014 --level 2 --out my-dataset")

    @Argument(help: "The Eurostat file.", completion: .file()) var file: String
    @Option(help: "Id of the indicator to create (its column in indicators.csv).") var indicator: String
    @Option(help: "The year to take. Here: the period column of the table.") var year: String
    @Option(name: .customLong("fallback-year"), help: "Earlier years to use where the year is missing, in order.") var fallbackYears: [String] = []
    @Option(name: .customLong("where"), help: "Keep rows with dimension=value (repeatable or comma-separated), e.g. unit=PPS_HAB,sex=T.") var filters: [String] = []
    @Option(help: "Keep NUTS codes of this level (range: 0–3).") var level: Int?
    @OptionGroup var target: ImportTarget
    @OptionGroup var metadata: IndicatorMetadataOptions

    func validate() throws {
        if let level { try OptionCheck.integer(level, 0...3, "--level") }
        _ = try target.folder()
    }

    func run() throws {
        let into = try target.folder()
        var filterMap: [String: String] = [:]
        for assignment in filters.flatMap({ $0.split(separator: ",").map(String.init) }) {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ImportError.malformedAssignment(assignment) }
            filterMap[parts[0]] = parts[1]
        }
        let url = URL(fileURLWithPath: file)
        let table = try EurostatTable.read(url)
        let importer = EurostatImporter(filters: filterMap, period: year, fallbackPeriods: fallbackYears, nutsLevel: level)
        let source = "Eurostat \(url.lastPathComponent.replacingOccurrences(of: ".tsv.gz", with: "").replacingOccurrences(of: ".tsv", with: ""))"
        let imported = try importer.extract(table, as: try metadata.indicator(id: indicator, defaultSource: source))
        try target.merge([imported], input: file, source: "Eurostat")
        Console.message("Imported '\(indicator)' for \(imported.values.count) regions into \(into).")
        for note in imported.notes { Console.message("note: \(note)") }
    }
}

/// `smartspec import long`.
struct LongImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "long",
        abstract: "Import indicators from a long table (region,indicator,year,value) into a dataset folder.",
        discussion: "Column names can be mapped: --columns region=nuts_id,indicator=variable,name=nuts_name,country=country")

    @Argument(help: "The long table: CSV (.csv or .csv.gz) or an Excel workbook (.xlsx or .xls).", completion: .file()) var file: String
    @Option(help: "The sheet of the workbook: its name or its number (a contents sheet is not counted). Default: the first.") var sheet: String?
    @Option(help: "The year to take. Default: each indicator's latest year.") var year: Int?
    @Option(help: ArgumentHelp("\(OptionMeaning.columns) Here: region=...,indicator=...,year=...,value=...,name=...,country=...")) var columns: String?
    @Option(name: .customLong("only"), help: "Import only these indicator ids (repeatable).") var only: [String] = []
    @Option(name: .customLong("metadata"), help: "indicators.yaml-style file with metadata for the imported indicators.", completion: .file())
    var metadataFile: String?
    @Option(name: .customLong("metadata-file"), help: .hidden) var oldMetadataFile: String?
    @OptionGroup var target: ImportTarget
    @OptionGroup var metadata: IndicatorMetadataOptions

    func validate() throws {
        _ = try target.folder()
        _ = try DeprecatedOption.resolve(metadataFile, oldMetadataFile, current: "--metadata", old: "--metadata-file")
    }

    func run() throws {
        let into = try target.folder()
        let metadataFile = try DeprecatedOption.resolve(self.metadataFile, oldMetadataFile, current: "--metadata", old: "--metadata-file")
        var mapping = LongTableImporter.Columns()
        if let columns { try mapping.apply(columns.split(separator: ",").map(String.init)) }
        let known = try metadataFile.map(Self.readMetadata) ?? [:]
        let importer = LongTableImporter(columns: mapping, year: year, only: Set(only))
        let fallback = try metadata.indicator(id: "_", defaultSource: URL(fileURLWithPath: file).lastPathComponent)
        let imported = try importer.extract(URL(fileURLWithPath: file), sheet: sheet) { id in
            var indicator = known[id] ?? fallback
            if known[id] == nil { indicator.id = id; indicator.label = id }
            return indicator
        }
        try target.merge(imported, input: file)
        Console.message("Imported \(imported.count) indicator(s) into \(into).")
        for note in imported.flatMap(\.notes) { Console.message("note: \(note)") }
    }

    /// Reads indicator metadata from a file in the format of indicators.yaml.
    static func readMetadata(_ path: String) throws -> [String: Indicator] {
        let url = URL(fileURLWithPath: path)
        let indicators = try IndicatorMetadataFile.read(url)
        return Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// `smartspec import rosstat`.
struct RosstatImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rosstat",
        abstract: "Take one year of a Rosstat regional table (.xlsx or .xls) into a dataset folder: one indicator, or every OKVED2 section as activities.",
        discussion: """
            Example: smartspec import rosstat VRP_s1998.xlsx --sheet 4 --year 2022 --indicator grp_per_capita --role performance --out ru-2022. \
            Subjects are matched by name to the registry of the 85 subjects; the federation and federal districts are skipped; \
            Arkhangelsk and Tyumen oblasts take their rows without the autonomous okrugs when the table has them \
            (Datasets/README.md). Cells '…' (confidential) and '-' become missing, with a note.
            """)

    @Argument(help: "The workbook (.xlsx or .xls).", completion: .file(extensions: ["xlsx", "xls"])) var file: String
    @Option(help: "The sheet of the workbook: its name or its number (a contents sheet is not counted). Rosstat numbers its tables so.") var sheet: String
    @Option(help: "The year to take. Here: the header year (range: 1990–2100).") var year: Int
    @Option(help: "Id of the indicator to create (its column in indicators.csv). Not with --activities.") var indicator: String?
    @Option(help: "Text that picks one breakdown column under the year (default: the only column, or the total).") var column: String?
    @Flag(help: "Take every breakdown under the year as an activity (OKVED2 sections, the total left out) into activities.csv.") var activities = false
    @OptionGroup var target: ImportTarget
    @OptionGroup var metadata: IndicatorMetadataOptions

    func validate() throws {
        try OptionCheck.integer(year, 1990...2100, "--year")
        guard (indicator != nil) != activities else { throw ValidationError("Give either --indicator ID or --activities.") }
        if activities, column != nil { throw ValidationError("--column picks one column; --activities takes them all.") }
        _ = try target.folder()
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let table = try RosstatTable(try WorkbookReader.sheet(url, named: sheet), file: url.lastPathComponent)
        let importer = RosstatImporter(year: year, column: column)
        let source = "Rosstat \(url.lastPathComponent), sheet \(sheet)"
        let notes: [String]
        if activities {
            let imported = try importer.activities(table)
            try target.merge(imported, input: file, source: source)
            Console.message("Imported \(imported.activities.count) OKVED2 section(s) of \(year) for \(Set(imported.rows.map(\.region)).count) subjects into \(try target.folder()).")
            notes = imported.notes
        } else {
            let made = try metadata.indicator(id: indicator!, defaultSource: source)
            let imported = try importer.indicator(table, as: made)
            try target.merge([imported], input: file, source: source)
            Console.message("Imported '\(indicator!)' of \(year) for \(imported.values.count) subjects into \(try target.folder()).")
            notes = imported.notes
        }
        for note in notes { Console.message("note: \(note)") }
    }
}

/// `smartspec import trade`.
struct TradeImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trade",
        abstract: "Turn a table of values by region and HS product code (exports) into activities: ISIC Rev. 4 divisions, through the HS→ISIC bridge.",
        discussion: """
            Example: smartspec import trade exports.csv --columns region=country_code,product=hs6,value=export_value --out trade-2021. \
            Product codes are HS6 codes or 4-digit headings; the concordance is many-to-many, so a product's value is split \
            over divisions with the bridge's weights (Methodology/trade-bridge.md). Activities are written as NACE-style \
            division codes (C26), so they meet NACE Rev. 2 and OKVED2 data. Codes the bridge lacks are left out, with a note \
            giving their share of the value.
            """)

    @Argument(help: "The table: CSV (.csv or .csv.gz) or an Excel workbook (.xlsx or .xls).", completion: .file()) var file: String
    @Option(help: "The sheet of the workbook: its name or its number (a contents sheet is not counted). Default: the first.") var sheet: String?
    @Option(help: "The year to take. Here: from the year column, or the year of a table without one. Default: every year of the year column.") var year: Int?
    @Option(help: ArgumentHelp("\(OptionMeaning.columns) Here: region=...,product=...,year=...,value=...,name=...,country=...")) var columns: String?
    @OptionGroup var target: ImportTarget

    func validate() throws {
        if let year { try OptionCheck.integer(year, 1900...2100, "--year") }
        _ = try target.folder()
    }

    func run() throws {
        var mapping = TradeImporter.Columns()
        if let columns { try mapping.apply(columns.split(separator: ",").map(String.init)) }
        let url = URL(fileURLWithPath: file)
        let imported = try TradeImporter(columns: mapping, year: year).extract(url, sheet: sheet)
        try target.merge(imported, input: file, source: "\(url.lastPathComponent), HS products bridged to ISIC Rev. 4 divisions")
        Console.message("Imported \(imported.rows.count) activity value(s) into \(try target.folder()).")
        for note in imported.notes { Console.message("note: \(note)") }
    }
}
