import Foundation

/// Reads a generic long table (`region,indicator,year,value`, column names configurable) and
/// picks one year per indicator.
public struct LongTableImporter: Sendable {
    /// Which header names hold the region code, indicator id, year and value; optionally the
    /// region name and country.
    public struct Columns: Sendable {
        /// Column with the region code.
        public var region = "region"
        /// Column with the indicator id.
        public var indicator = "indicator"
        /// Column with the year.
        public var year = "year"
        /// Column with the value.
        public var value = "value"
        /// Column with the region name, when present.
        public var name: String? = nil
        /// Column with the country code, when present.
        public var country: String? = nil

        /// The default names.
        public init() {}

        /// Applies `name=header` assignments (`region=nuts_id,indicator=variable`).
        public mutating func apply(_ assignments: [String]) throws {
            for (name, header) in try ColumnAssignments.parse(assignments, known: ["region", "indicator", "year", "value", "name", "country"]) {
                switch name {
                case "region": region = header
                case "indicator": indicator = header
                case "year": year = header
                case "value": value = header
                case "name": self.name = header
                default: country = header
                }
            }
        }
    }

    /// Header names.
    public var columns: Columns
    /// The year to take; nil takes the latest year with data for each indicator.
    public var year: Int?
    /// Indicators to keep; empty keeps all.
    public var only: Set<String>

    /// Creates an importer.
    public init(columns: Columns = Columns(), year: Int? = nil, only: Set<String> = []) {
        self.columns = columns
        self.year = year
        self.only = only
    }

    /// Reads `url` (plain or gzip) and returns one imported indicator per indicator id, in id order.
    /// - Parameter metadata: metadata for each indicator id; ids it does not know get `fallback(id)`.
    /// An Excel workbook (.xlsx or .xls) is read from `sheet` (default: its first sheet), its row
    /// 1 the header; line numbers in messages are the sheet's row numbers.
    public func extract(_ url: URL, sheet: String? = nil, metadata: (String) -> Indicator) throws -> [ImportedIndicator] {
        try extract(try ImportTable.read(url, sheet: sheet), file: url.lastPathComponent, metadata: metadata)
    }

    private struct Observation { var region: String; var year: Int; var value: Double; var name: String?; var country: String? }

    private func extract(_ table: DelimitedTable, file: String, metadata: (String) -> Indicator) throws -> [ImportedIndicator] {
        func index(_ column: String) throws -> Int {
            guard let i = table.columnIndex(column) else { throw ImportError.missingColumn(column, file: file, header: table.header) }
            return i
        }
        let (r, k, y, v) = (try index(columns.region), try index(columns.indicator), try index(columns.year), try index(columns.value))
        let n = try columns.name.map(index), c = try columns.country.map(index)
        var byIndicator: [String: [Observation]] = [:]
        var problems: [DatasetIssue] = []
        for record in table.records {
            guard record.fields.count == table.header.count else {
                problems.append(DatasetIssue(file: file, line: record.line, "the line has \(record.fields.count) fields but the header has \(table.header.count)"))
                continue
            }
            let id = record.fields[k].trimmingCharacters(in: .whitespaces)
            guard only.isEmpty || only.contains(id) else { continue }
            guard let year = Int(record.fields[y].trimmingCharacters(in: .whitespaces)) else {
                problems.append(DatasetIssue(file: file, line: record.line, column: y + 1, field: columns.year, "'\(record.fields[y])' is not a year"))
                continue
            }
            switch NumberParser.parse(record.fields[v], decimalMarks: table.separator == "," ? ["."] : [".", ","]) {
            case .value(let value):
                byIndicator[id, default: []].append(Observation(region: record.fields[r].trimmingCharacters(in: .whitespaces), year: year, value: value,
                                                                  name: n.map { record.fields[$0] }, country: c.map { record.fields[$0] }))
            case .missing: continue
            case .invalid(let reason): problems.append(DatasetIssue(file: file, line: record.line, column: v + 1, field: columns.value, reason))
            }
        }
        if !problems.isEmpty { throw DatasetValidationError(source: file, issues: problems) }
        guard !byIndicator.isEmpty else { throw ImportError.noValues("\(file) has no rows with values") }
        return try byIndicator.keys.sorted().map { try imported($0, byIndicator[$0]!, metadata: metadata($0)) }
    }

    private func imported(_ id: String, _ observations: [Observation], metadata: Indicator) throws -> ImportedIndicator {
        let chosenYear = year ?? observations.map(\.year).max()!
        let chosen = observations.filter { $0.year == chosenYear }
        guard !chosen.isEmpty else {
            throw ImportError.unknownPeriod(String(chosenYear), available: Set(observations.map { String($0.year) }).sorted())
        }
        var seen = Set<String>()
        var values: [(code: String, value: Double)] = []
        var regions: [Region] = []
        for o in chosen.sorted(by: { $0.region < $1.region }) where seen.insert(o.region).inserted {
            values.append((o.region, o.value))
            regions.append(Region(code: o.region, name: o.name?.isEmpty == false ? o.name! : o.region,
                                  country: o.country?.isEmpty == false ? o.country! : String(o.region.prefix(2))))
        }
        let duplicates = chosen.count - values.count
        var notes = year == nil ? ["'\(id)' taken from \(chosenYear), its latest year"] : []
        if duplicates > 0 { notes.append("'\(id)': \(duplicates) duplicate row(s) for \(chosenYear) ignored (first kept)") }
        return ImportedIndicator(indicator: metadata, values: values, regions: regions, notes: notes)
    }
}

/// Reading the table an importer takes: CSV (plain or gzip) or a sheet of an Excel workbook.
enum ImportTable {
    /// Reads `url`: a workbook (.xlsx, .xls) from `sheet` (default: its first sheet), its row 1 the
    /// header and line numbers its row numbers; otherwise delimited text with a detected separator.
    static func read(_ url: URL, sheet: String?) throws -> DelimitedTable {
        let name = url.lastPathComponent
        let isWorkbook = ["xlsx", "xls"].contains(url.pathExtension.lowercased())
        let text: String
        if isWorkbook {
            let chosen = try WorkbookReader.sheet(url, named: sheet ?? (try WorkbookReader.sheetNames(url).first ?? "1"))
            let width = chosen.rows.map(\.count).max() ?? 0
            text = CSVText.render(chosen.rows.map { row in (0..<width).map { $0 < row.count ? row[$0].text ?? "" : "" } })
        } else {
            switch TextFile.decode(try CompressedFile.read(url), displayName: name) {
            case .failure(let issue): throw issue
            case .success(let decoded): text = decoded
            }
        }
        switch DelimitedTable.parse(text, file: name, declaredSeparator: isWorkbook ? "," : nil) {
        case .failure(let issue): throw issue
        case .success(let parsed): return parsed
        }
    }
}

/// `name=header` assignments of an importer's `--columns`.
enum ColumnAssignments {
    /// The (name, header) pairs; a malformed assignment or an unknown name throws, naming the known ones.
    static func parse(_ assignments: [String], known: [String]) throws -> [(String, String)] {
        try assignments.map { assignment in
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { throw ImportError.malformedAssignment(assignment) }
            guard known.contains(parts[0]) else {
                throw ImportError.malformedAssignment(assignment + " (known names: \(known.joined(separator: ", ")))")
            }
            return (parts[0], parts[1])
        }
    }
}
