import ArgumentParser
import Foundation
import SmartSpec

/// `smartspec import`: turns outside tables into a dataset folder's indicators.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import indicators from Eurostat bulk TSV files or generic long tables into a dataset folder.",
        subcommands: [EurostatImport.self, LongImport.self])
}

/// Metadata options for an imported indicator.
struct IndicatorMetadataOptions: ParsableArguments {
    @Option(help: "Label of the indicator (default: its id).") var label: String?
    @Option(name: .customLong("label-ru"), help: "Russian label.") var labelRu: String?
    @Option(help: "Dimension (e.g. human-capital, technology, economy).") var dimension: String = "economy"
    @Option(help: "Role: structural or performance.") var role: String = "structural"
    @Option(help: "Which direction is better: higher or lower.") var direction: String = "higher"
    @Option(help: "Transform before standardising: none or log.") var transform: String = "none"
    @Option(help: "Unit of measurement.") var unit: String?
    @Option(help: "Source note.") var source: String?

    func indicator(id: String, defaultSource: String?) throws -> Indicator {
        guard let role = IndicatorRole(rawValue: role) else { throw ValidationError("--role must be structural or performance, not '\(role)'.") }
        guard let direction = IndicatorDirection(rawValue: direction) else { throw ValidationError("--direction must be higher or lower, not '\(direction)'.") }
        guard let transform = IndicatorTransform(rawValue: transform) else { throw ValidationError("--transform must be none or log, not '\(transform)'.") }
        return Indicator(id: id, label: label ?? id, labelRu: labelRu, dimension: dimension, role: role, direction: direction,
                         transform: transform, unit: unit, source: source ?? defaultSource)
    }
}

/// `smartspec import eurostat`.
struct EurostatImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eurostat",
        abstract: "Take one indicator for one year from a Eurostat bulk TSV file (.tsv or .tsv.gz) into a dataset folder.",
        discussion: "Example: smartspec import eurostat nama_10r_2gdp.tsv.gz --indicator gdp_pps --where unit=PPS_HAB --year 2014 --level 2 --into my-dataset")

    @Argument(help: "The Eurostat file.", completion: .file()) var file: String
    @Option(help: "Id of the indicator to create (its column in indicators.csv).") var indicator: String
    @Option(help: "The year (period column) to take.") var year: String
    @Option(name: .customLong("fallback-year"), help: "Earlier years to use where the year is missing, in order.") var fallbackYears: [String] = []
    @Option(name: .customLong("where"), help: "Keep rows with dimension=value (repeatable or comma-separated), e.g. unit=PPS_HAB,sex=T.") var filters: [String] = []
    @Option(help: "Keep NUTS codes of this level (0–3).") var level: Int?
    @Option(help: "The dataset folder to create or extend.") var into: String
    @OptionGroup var metadata: IndicatorMetadataOptions

    func run() throws {
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
        try DatasetFolderMerger.merge([imported], into: URL(fileURLWithPath: into), source: "Eurostat")
        Console.error("Imported '\(indicator)' for \(imported.values.count) regions into \(into).")
        for note in imported.notes { Console.error("note: \(note)") }
    }
}

/// `smartspec import long`.
struct LongImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "long",
        abstract: "Import indicators from a long table (region,indicator,year,value) into a dataset folder.",
        discussion: "Column names can be mapped: --columns region=nuts_id,indicator=variable,name=nuts_name,country=country")

    @Argument(help: "The long CSV file (.csv or .csv.gz).", completion: .file()) var file: String
    @Option(help: "The year to take (default: each indicator's latest year).") var year: Int?
    @Option(help: "Map column names: region=...,indicator=...,year=...,value=...,name=...,country=...") var columns: String?
    @Option(name: .customLong("only"), help: "Import only these indicator ids (repeatable).") var only: [String] = []
    @Option(help: "indicators.yaml-style file with metadata for the imported indicators.") var metadataFile: String?
    @Option(help: "The dataset folder to create or extend.") var into: String
    @OptionGroup var metadata: IndicatorMetadataOptions

    func run() throws {
        var mapping = LongTableImporter.Columns()
        if let columns { try mapping.apply(columns.split(separator: ",").map(String.init)) }
        let known = try metadataFile.map(Self.readMetadata) ?? [:]
        let importer = LongTableImporter(columns: mapping, year: year, only: Set(only))
        let fallback = try metadata.indicator(id: "_", defaultSource: URL(fileURLWithPath: file).lastPathComponent)
        let imported = try importer.extract(URL(fileURLWithPath: file)) { id in
            var indicator = known[id] ?? fallback
            if known[id] == nil { indicator.id = id; indicator.label = id }
            return indicator
        }
        try DatasetFolderMerger.merge(imported, into: URL(fileURLWithPath: into))
        Console.error("Imported \(imported.count) indicator(s) into \(into).")
        for note in imported.flatMap(\.notes) { Console.error("note: \(note)") }
    }

    /// Reads indicator metadata from a file in the format of indicators.yaml.
    static func readMetadata(_ path: String) throws -> [String: Indicator] {
        let url = URL(fileURLWithPath: path)
        let indicators = try IndicatorMetadataFile.read(url)
        return Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
