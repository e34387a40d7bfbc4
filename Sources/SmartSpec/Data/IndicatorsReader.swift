import Foundation
import Yams

/// Reads `indicators.yaml` (metadata) and `indicators.csv` (values).
enum IndicatorsReader {
    static let metadataFile = "indicators.yaml"
    static let valuesFile = "indicators.csv"
    static let knownKeys: Set<String> = ["id", "label", "label_ru", "dimension", "role", "direction", "transform",
                                         "unit", "source", "description", "note"]

    // MARK: Metadata

    /// Valid indicators, and the ids of entries that were rejected (already reported).
    struct Metadata {
        var indicators: [Indicator] = []
        var rejectedIDs: Set<String> = []
    }

    static func readMetadata(_ folder: DatasetFolder, dimensions: [Dimension], issues: inout IssueCollector) -> Metadata {
        guard let text = folder.text(metadataFile, issues: &issues) else { return Metadata() }
        var rejected = Set<String>()
        let indicators = parseMetadata(text, file: metadataFile, dimensions: dimensions, rejected: &rejected,
                                       onlyActivities: folder.exists(ActivitiesReader.mainValuesFile), issues: &issues)
        return Metadata(indicators: indicators, rejectedIDs: rejected)
    }

    static func parseMetadata(_ text: String, file: String, dimensions: [Dimension], issues: inout IssueCollector) -> [Indicator] {
        var rejected = Set<String>()
        return parseMetadata(text, file: file, dimensions: dimensions, rejected: &rejected, issues: &issues)
    }

    private static func parseMetadata(_ text: String, file: String, dimensions: [Dimension], rejected: inout Set<String>,
                                      onlyActivities: Bool = false, issues: inout IssueCollector) -> [Indicator] {
        let document: YAMLDocument
        switch YAMLDocument.parse(text, file: file) {
        case .failure(let issue): issues.add(issue); return []
        case .success(let parsed): document = parsed
        }
        guard let list = document.root["indicators"]?.sequence else {
            issues.add(document.issue(document.root, key: "indicators", "indicators.yaml must have a list under the key 'indicators'"))
            return []
        }
        var seen: [String: Int] = [:]
        var indicators: [Indicator] = []
        for item in list {
            guard let indicator = indicator(item, document: document, dimensions: dimensions, issues: &issues) else {
                if let id = item["id"]?.string { rejected.insert(id) }
                continue
            }
            if let earlier = seen[indicator.id] {
                issues.add(document.issue(item, key: "id", "the indicator '\(indicator.id)' is already defined on line \(earlier)"))
                continue
            }
            seen[indicator.id] = item.mark?.line ?? 0
            indicators.append(indicator)
        }
        if indicators.isEmpty, !issues.hasErrors {
            // A dataset of activities alone serves the activity analyses (complexity, niches).
            issues.add(document.issue(document.root, key: "indicators",
                                      onlyActivities ? "indicators.yaml defines no indicators: only the activity analyses (complexity, niches) can run"
                                                     : "indicators.yaml defines no indicators", severity: onlyActivities ? .warning : .error))
        }
        return indicators
    }

    private static func indicator(_ item: Node, document: YAMLDocument, dimensions: [Dimension],
                                  issues: inout IssueCollector) -> Indicator? {
        guard case .mapping = item else {
            issues.add(document.issue(item, key: nil, "each entry under 'indicators' must be a mapping with id, label, dimension, role, ..."))
            return nil
        }
        let before = issues.issues.count
        guard let id = document.string(item, "id", required: true, issues: &issues) else { return nil }
        guard CodeRules.isValid(id) else {
            issues.add(document.issue(item["id"], key: "id", CodeRules.problem(id, what: "indicator id")))
            return nil
        }
        document.warnUnknownKeys(item, known: knownKeys, context: "indicator '\(id)'", issues: &issues)
        let context = "indicator '\(id)'"
        let label = document.string(item, "label", required: true, issues: &issues)
        let dimension = document.string(item, "dimension", required: true, issues: &issues)
        if let dimension, !dimensions.contains(where: { $0.id == dimension }) {
            let known = DimensionVocabulary.known.map(\.id).joined(separator: ", ")
            issues.add(document.issue(item["dimension"], key: "dimension",
                "\(context): unknown dimension '\(dimension)' (known: \(known); declare others under 'dimensions' in dataset.yaml)"))
        }
        let role = document.choice(item, "role", IndicatorRole.self, default: nil, context: context, issues: &issues)
        let direction = document.choice(item, "direction", IndicatorDirection.self, default: .higher, context: context, issues: &issues)
        let transform = document.choice(item, "transform", IndicatorTransform.self, default: IndicatorTransform.none, context: context, issues: &issues)
        guard issues.issues[before...].allSatisfy({ $0.severity != .error }),
              let label, let dimension, let role, let direction, let transform else { return nil }
        return Indicator(id: id, label: label, labelRu: document.string(item, "label_ru", required: false, issues: &issues),
                         dimension: dimension, role: role, direction: direction, transform: transform,
                         unit: document.string(item, "unit", required: false, issues: &issues),
                         source: document.string(item, "source", required: false, issues: &issues))
    }

    // MARK: Values

    /// One record of `indicators.csv` as a part of the file read it: its line, its region (when
    /// known), whether it has the header's field count, and where its values and cell issues are.
    private struct ValueRow {
        var line: Int
        var region: Int?
        var complete: Bool
        /// Offset of its values in the part's `values` (complete rows only).
        var offset: Int
        /// Its cells' issues and the indicators with an invalid cell (rare, so usually empty).
        var issues: [DatasetIssue] = []
        var invalid: [Int] = []
    }

    /// The rows of one part of the file, in file order.
    private struct ValuesPart {
        var rows: [ValueRow] = []
        /// The complete rows' values, NaN for a missing one.
        var values: [Double] = []
        var issues = IssueCollector()
    }

    /// Reads `indicators.csv`. With `regionsReadable` false (regions.csv could not be read) rows of
    /// unknown regions are skipped without an error each; with `metadataReadable` false so are
    /// columns indicators.yaml does not define. A large file is read in parts on all cores, its
    /// fields as bytes; the parts are then joined in file order, so the result and the issues are
    /// those of one reading from the top.
    static func readValues(_ folder: DatasetFolder, regions list: RegionList, metadata: Metadata,
                           regionsReadable: Bool = true, metadataReadable: Bool = true, issues: inout IssueCollector) -> IndicatorTable {
        let regions = list.regions
        let indicators = metadata.indicators
        guard let table = folder.table(valuesFile, issues: &issues) else {
            return IndicatorTable(regionCount: regions.count, indicatorIDs: indicators.map(\.id))
        }
        // The table holds regions × indicators values: bounded by what the files give.
        let cells = regions.count.multipliedReportingOverflow(by: indicators.count)
        // What the files give: a field takes at least two bytes (a character and a separator).
        let bytes = (try? FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent(valuesFile).path)[.size] as? Int) ?? 0
        let given = bytes / 2 + regions.count
        if cells.overflow || !DatasetLimits.activityCellsAllowed(cells.partialValue, rows: given) {
            issues.error(valuesFile, "\(regions.count) regions × \(indicators.count) indicators = \(cells.overflow ? "too many" : "\(cells.partialValue)") values, but the files give at most \(given) fields; SmartSpec holds every value, so at most \(DatasetLimits.cellsPerRow) values per field given beyond the first \(DatasetLimits.freeCells) are allowed")
            return IndicatorTable(regionCount: 0, indicatorIDs: [])
        }
        var values = IndicatorTable(regionCount: regions.count, indicatorIDs: indicators.map(\.id))
        let headerIssues = table.headerIssues(file: valuesFile, required: ["code"], optional: [], allowOthers: true)
        issues.add(contentsOf: headerIssues)
        guard !headerIssues.contains(where: { $0.severity == .error }) else { return values }
        let columnOfIndicator = mapColumns(table, indicators: indicators, rejected: metadata.rejectedIDs,
                                           reportUndeclared: metadataReadable, issues: &issues)
        let regionIndex = list.index
        let tables = table.parts(ProcessInfo.processInfo.activeProcessorCount)
        let parts = ParallelTasks.map(tables.count) { k in
            readPart(tables[k], folder: folder, regionIndex: regionIndex, regionsReadable: regionsReadable,
                     columns: columnOfIndicator, ids: indicators.map(\.id))
        }
        // The parts joined in file order: a region's first complete row counts, a later one is an
        // error; a row with the wrong field count still counts as the region's row.
        var rowLine = [Int](repeating: 0, count: regions.count)
        var invalidColumns = Set<Int>()
        var decimalCommaNoted = false
        for part in parts {
            for issue in part.issues.issues { issues.add(issue) }
            for row in part.rows {
                guard let r = row.region else { continue }
                guard row.complete else {
                    if rowLine[r] == 0 { rowLine[r] = row.line }
                    continue
                }
                if rowLine[r] != 0 {
                    issues.error(valuesFile, line: row.line, column: table.columnIndex("code")! + 1, field: "code",
                                 "region '\(regions[r].code)' already has a row on line \(rowLine[r])")
                    continue
                }
                rowLine[r] = row.line
                for issue in row.issues where !(issue.severity == .note && decimalCommaNoted) {
                    decimalCommaNoted = decimalCommaNoted || issue.severity == .note
                    issues.add(issue)
                }
                invalidColumns.formUnion(row.invalid)
                part.values.withUnsafeBufferPointer { values.setRow(r, to: UnsafeBufferPointer(rebasing: $0[row.offset..<(row.offset + indicators.count)])) }
            }
        }
        for (r, region) in regions.enumerated() where rowLine[r] == 0 && !regions.isEmpty {
            issues.warning(valuesFile, field: "code", "region '\(region.code)' has no row, so all its indicators are missing")
        }
        checkColumns(values, indicators: indicators, regions: regions, rowLine: rowLine,
                     present: columnOfIndicator.enumerated().map { invalidColumns.contains($0.offset) ? nil : $0.element },
                     issues: &issues)
        return values
    }

    /// Reads the records of one part of the file: fields as bytes, numbers by
    /// ``NumberParser/plainDecimal(_:marks:)`` where they are plain, a string made only otherwise.
    private static func readPart(_ table: DelimitedTable, folder: DatasetFolder, regionIndex: [String: Int], regionsReadable: Bool,
                                 columns: [Int?], ids: [String]) -> ValuesPart {
        var part = ValuesPart()
        let codeColumn = table.columnIndex("code")!, width = table.header.count
        let marks = folder.decimalMarks(separator: table.separator)
        var decimalCommaNoted = false
        table.forEachRawRecord { line, fields in
            let code = codeColumn < fields.count ? fields.trimmed(codeColumn) : ""
            guard fields.count == width else {
                part.issues.error(valuesFile, line: line, column: min(fields.count, width) + 1,
                                  "the line has \(fields.count) fields but the header has \(width)")
                part.rows.append(ValueRow(line: line, region: regionIndex[code], complete: false, offset: 0))
                return
            }
            guard let r = regionIndex[code] else {
                if regionsReadable {
                    part.issues.error(valuesFile, line: line, column: codeColumn + 1, field: "code",
                                      "the region code '\(code)' is not listed in regions.csv")
                }
                return
            }
            if part.values.isEmpty {
                // Room for as many rows as the part has bytes for at the first row's length (an estimate: usually no regrowth).
                part.values.reserveCapacity((table.unsplitByteCount / (fields.byteCount + 1) + 16) * columns.count)
            }
            var row = ValueRow(line: line, region: r, complete: true, offset: part.values.count)
            for (k, column) in columns.enumerated() {
                guard let column else { part.values.append(.nan); continue }
                if let value = NumberParser.plainDecimal(fields[column], marks: marks) {
                    part.values.append(value)
                    continue
                }
                var cellIssues = IssueCollector()
                let outcome = folder.number(fields.string(column), file: valuesFile, line: line, column: column + 1,
                                            field: ids[k], marks: marks, decimalCommaNoted: &decimalCommaNoted, issues: &cellIssues)
                row.issues += cellIssues.issues
                switch outcome {
                case .value(let v): part.values.append(v)
                case .invalid: part.values.append(.nan); row.invalid.append(k)
                case .missing: part.values.append(.nan)
                }
            }
            part.rows.append(row)
        }
        return part
    }

    /// Column of each indicator in the file; reports undeclared and absent columns.
    private static func mapColumns(_ table: DelimitedTable, indicators: [Indicator], rejected: Set<String>,
                                   reportUndeclared: Bool, issues: inout IssueCollector) -> [Int?] {
        let ids = Set(indicators.map(\.id)).union(rejected)
        for (index, name) in table.header.enumerated() where reportUndeclared && name != "code" && !name.isEmpty && !ids.contains(name) {
            issues.error(valuesFile, line: 1, column: index + 1, field: name,
                         "the column '\(name)' is not defined in indicators.yaml")
        }
        return indicators.map { indicator in
            let column = table.columnIndex(indicator.id)
            if column == nil {
                issues.error(metadataFile, field: indicator.id,
                             "the indicator '\(indicator.id)' has no column in indicators.csv")
            }
            return column
        }
    }

    /// What `checkColumns` needs of one column: how many values, the first, whether all equal it.
    private struct ColumnSummary {
        var observed = 0, first: Double? = nil, constant = true
    }

    private static func checkColumns(_ values: IndicatorTable, indicators: [Indicator], regions: [Region],
                                     rowLine: [Int], present: [Int?], issues: inout IssueCollector) {
        // One pass over the rows (row-major, as the table is stored) for every column.
        let width = indicators.count
        var summaries = [ColumnSummary](repeating: ColumnSummary(), count: width)
        values.withCells { cells in
            for r in 0..<values.regionCount {
                for k in 0..<width {
                    let value = cells[r * width + k]
                    guard !value.isNaN else { continue }
                    summaries[k].observed += 1
                    if let first = summaries[k].first { if value != first { summaries[k].constant = false } } else { summaries[k].first = value }
                }
            }
        }
        for (k, indicator) in indicators.enumerated() {
            guard let place = present[k] else { continue }
            let summary = summaries[k]
            if summary.observed < 2 {
                issues.error(valuesFile, column: place + 1, field: indicator.id,
                             "the indicator '\(indicator.id)' has \(summary.observed == 0 ? "no values" : "only one value"); at least two regions need a value")
                continue
            }
            if indicator.transform == .log {
                for r in 0..<values.regionCount {
                    guard let value = values[region: r, indicator: k], value <= 0 else { continue }
                    issues.error(valuesFile, line: rowLine[r], column: place + 1, field: indicator.id,
                                 "region '\(regions[r].code)' has \(DatasetWriter.format(value)) for '\(indicator.id)', but its transform is log, which needs positive values")
                }
            }
            if let first = summary.first, summary.constant {
                issues.error(valuesFile, column: place + 1, field: indicator.id,
                             "the indicator '\(indicator.id)' has the same value (\(DatasetWriter.format(first))) in every region, so it cannot tell regions apart")
            }
            let missingShare = Double(values.regionCount - summary.observed) / Double(max(1, values.regionCount))
            if missingShare > 0.5 {
                issues.warning(valuesFile, column: place + 1, field: indicator.id,
                               "the indicator '\(indicator.id)' is missing for \(Int((missingShare * 100).rounded()))% of regions")
            }
        }
    }
}
