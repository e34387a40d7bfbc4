import Foundation

/// The bridge from Harmonized System product codes to ISIC Rev. 4 divisions (= NACE Rev. 2 and
/// OKVED2 divisions), with weights (registry `Registry/Data/hs-isic4-divisions.csv`, made by
/// `Registries/make_hs_isic4_divisions.py` from the World Bank WITS concordance; method in
/// `Methodology/trade-bridge.md`).
///
/// The concordance is many-to-many: an HS6 code is split equally over the ISIC classes it maps to,
/// summed by division; a 4-digit heading takes the mean of its HS6 codes' splits. Each code's
/// weights sum to 1.
public enum ProductBridge {
    /// One share of a product code: the division (NACE-style code, `C26`) and its weight.
    public struct Share: Sendable, Equatable {
        public var division: String, weight: Double
    }

    /// The shares of every HS6 code and 4-digit heading.
    public static let shares: [String: [Share]] = {
        var result: [String: [Share]] = [:]
        for record in RegistryFile.records("hs-isic4-divisions") where record.count == 3 {
            guard let weight = Double(record[2]) else { continue }
            result[record[0], default: []].append(Share(division: record[1], weight: weight))
        }
        return result
    }()

    /// The shares of a product code: 6 digits (HS6) or 4 (heading); a code of 5 or 3 digits is read
    /// as having lost its leading zero (a spreadsheet's number). Nil for a code the bridge lacks.
    public static func shares(of product: String) -> [Share]? {
        var code = product.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return nil }
        if code.count == 5 || code.count == 3 { code = "0" + code }
        guard code.count == 6 || code.count == 4 else { return nil }
        return shares[code]
    }
}

/// Turns a table of values by region and product (exports by HS code) into activities: ISIC
/// Rev. 4 divisions, through ``ProductBridge``.
public struct TradeImporter: Sendable {
    /// Which header names hold the region code, the product code, the year and the value;
    /// optionally the region name and country.
    public struct Columns: Sendable {
        public var region = "region", product = "product", year = "year", value = "value"
        public var name: String? = nil, country: String? = nil

        /// The default names.
        public init() {}

        /// Applies `name=header` assignments (`region=country_code,product=hs6,value=export_value`).
        public mutating func apply(_ assignments: [String]) throws {
            for (name, header) in try ColumnAssignments.parse(assignments, known: ["region", "product", "year", "value", "name", "country"]) {
                switch name {
                case "region": region = header
                case "product": product = header
                case "year": year = header
                case "value": value = header
                case "name": self.name = header
                default: country = header
                }
            }
        }
    }

    /// The classification the activities are written in.
    public static let classification = "ISIC Rev. 4 divisions (= NACE Rev. 2 and OKVED2 divisions), from HS products"

    public var columns: Columns
    /// The year to take (a table with a year column) or to record (a table without one); nil takes
    /// every year of the year column.
    public var year: Int?

    /// Creates an importer.
    public init(columns: Columns = Columns(), year: Int? = nil) {
        self.columns = columns
        self.year = year
    }

    /// Reads `url` (CSV, plain or gzip, or a workbook sheet) and returns the activities.
    /// - Throws: ``ImportError`` for a missing column, no year to record, a year not in the table
    ///   or no product the bridge knows; ``DatasetValidationError`` listing every malformed row
    ///   (with line, column and field).
    /// - Complexity: O(rows × divisions per product).
    public func extract(_ url: URL, sheet: String? = nil) throws -> ImportedActivities {
        try extract(try ImportTable.read(url, sheet: sheet), file: url.lastPathComponent)
    }

    private struct Key: Hashable, Comparable {
        var year: Int, region: String, division: String
        static func < (a: Key, b: Key) -> Bool { (a.year, a.region, a.division) < (b.year, b.region, b.division) }
    }

    func extract(_ table: DelimitedTable, file: String) throws -> ImportedActivities {
        func index(_ column: String) throws -> Int {
            guard let i = table.columnIndex(column) else { throw ImportError.missingColumn(column, file: file, header: table.header) }
            return i
        }
        let (r, p, v) = (try index(columns.region), try index(columns.product), try index(columns.value))
        let y = table.columnIndex(columns.year), n = try columns.name.map(index), c = try columns.country.map(index)
        guard y != nil || year != nil else {
            throw ImportError.noValues("\(file) has no column '\(columns.year)': give --year to say which year its values are")
        }
        var totals: [Key: Double] = [:]
        var regions: [String: Region] = [:]
        var problems: [DatasetIssue] = []
        var years = Set<Int>()
        var unmapped = Set<String>(), unmappedValue = 0.0, mappedValue = 0.0
        for record in table.records {
            guard record.fields.count == table.header.count else {
                problems.append(DatasetIssue(file: file, line: record.line, "the line has \(record.fields.count) fields but the header has \(table.header.count)"))
                continue
            }
            var rowYear = year ?? 0
            if let y {
                guard let parsed = Int(record.fields[y].trimmingCharacters(in: .whitespaces)) else {
                    problems.append(DatasetIssue(file: file, line: record.line, column: y + 1, field: columns.year, "'\(record.fields[y])' is not a year"))
                    continue
                }
                years.insert(parsed)
                if let year, parsed != year { continue }
                rowYear = parsed
            }
            let value: Double
            switch NumberParser.parse(record.fields[v], decimalMarks: table.separator == "," ? ["."] : [".", ","]) {
            case .value(let parsed) where parsed >= 0: value = parsed
            case .value: problems.append(DatasetIssue(file: file, line: record.line, column: v + 1, field: columns.value, "a trade value cannot be negative")); continue
            case .missing: continue
            case .invalid(let reason): problems.append(DatasetIssue(file: file, line: record.line, column: v + 1, field: columns.value, reason)); continue
            }
            let region = record.fields[r].trimmingCharacters(in: .whitespaces)
            guard !region.isEmpty else {
                problems.append(DatasetIssue(file: file, line: record.line, column: r + 1, field: columns.region, "the region code is empty"))
                continue
            }
            let product = record.fields[p].trimmingCharacters(in: .whitespaces)
            guard let shares = ProductBridge.shares(of: product) else {
                unmapped.insert(product)
                unmappedValue += value
                continue
            }
            mappedValue += value
            if regions[region] == nil {
                let name = n.map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
                let country = c.map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
                regions[region] = Region(code: region, name: name.isEmpty ? region : name,
                                         country: country.isEmpty ? String(region.prefix(2)).uppercased() : country)
            }
            for share in shares {
                totals[Key(year: rowYear, region: region, division: share.division), default: 0] += value * share.weight
            }
        }
        if !problems.isEmpty { throw DatasetValidationError(source: file, issues: problems) }
        if let year, y != nil, !years.contains(year) {
            throw ImportError.unknownPeriod(String(year), available: years.sorted().map(String.init))
        }
        guard !totals.isEmpty else {
            throw ImportError.noValues(unmapped.isEmpty ? "\(file) has no rows with values"
                : "none of the \(unmapped.count) product codes of \(file) is an HS6 code or 4-digit heading of the bridge (e.g. '\(unmapped.sorted()[0])')")
        }
        let divisions = Set(totals.keys.map(\.division))
        let activities = OKVED2.divisions.filter { divisions.contains($0.naceCode) }.map {
            Activity(code: $0.naceCode, label: $0.nameEn, labelRu: $0.nameRu, group: $0.section, scope: ActivityScopes.scope(of: $0.naceCode))
        }
        let rows = totals.keys.sorted().map { ImportedActivities.Row(region: $0.region, activity: $0.division, year: $0.year, value: totals[$0]!) }
        var notes = ["\(Set(rows.map(\.year)).count) year(s), \(regions.count) region(s), \(activities.count) ISIC Rev. 4 division(s)"]
        if !unmapped.isEmpty {
            let share = unmappedValue / max(unmappedValue + mappedValue, .leastNormalMagnitude) * 100
            notes.append("\(unmapped.count) product code(s) the HS→ISIC bridge does not know were left out (\(String(format: "%.2f", share))% of the value), e.g. \(unmapped.sorted().prefix(5).map { "'\($0)'" }.joined(separator: ", "))")
        }
        return ImportedActivities(classification: Self.classification, activities: activities, rows: rows,
                                  regions: regions.keys.sorted().map { regions[$0]! }, notes: notes)
    }
}
