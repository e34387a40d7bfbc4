import Foundation
import Yams

/// Reads the optional `activities.yaml` (classification and labels) and `activities.csv`
/// (long form: `region,activity,value[,year]`), or a named alternative table
/// `activities-NAME.csv` with its own `activities-NAME.yaml` (else `activities.yaml`).
struct ActivitiesReader {
    static let mainMetadataFile = "activities.yaml"
    static let mainValuesFile = "activities.csv"

    /// The table's values file, e.g. `activities.csv` or `activities-organisations.csv`.
    let valuesFile: String
    /// The table's classification file.
    let metadataFile: String

    /// The reader of the main table (`table` nil) or of the named alternative table.
    init(table: String?, in folder: DatasetFolder) {
        guard let table else {
            (valuesFile, metadataFile) = (Self.mainValuesFile, Self.mainMetadataFile)
            return
        }
        valuesFile = "activities-\(table).csv"
        let own = "activities-\(table).yaml"
        metadataFile = folder.exists(own) ? own : Self.mainMetadataFile
    }

    /// The names of the folder's alternative activity tables (`activities-NAME.csv`), sorted.
    static func alternativeTables(in url: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.compactMap { name -> String? in
            guard name.hasPrefix("activities-"), name.hasSuffix(".csv") else { return nil }
            let table = String(name.dropFirst("activities-".count).dropLast(".csv".count))
            return table.isEmpty ? nil : table
        }.sorted()
    }

    struct Result {
        var classification: String?
        var activities: [Activity] = []
        var tables: [ActivityTable] = []
    }

    /// Reads both files; with `regionsReadable` false (regions.csv could not be read) rows of unknown
    /// regions are skipped without an error each.
    func read(_ folder: DatasetFolder, regions list: RegionList, regionsReadable: Bool = true, issues: inout IssueCollector) -> Result {
        let regions = list.regions
        var result = Result()
        var declared: [Activity]? = nil
        if folder.exists(metadataFile) {
            (result.classification, declared) = readMetadata(folder, issues: &issues)
        }
        guard folder.exists(valuesFile) else {
            if declared != nil { issues.warning(metadataFile, "\(metadataFile) is present but \(valuesFile) is not") }
            return result
        }
        guard let table = folder.table(valuesFile, issues: &issues) else { return result }
        let headerIssues = table.headerIssues(file: valuesFile, required: ["region", "activity", "value"],
                                              optional: ["year"], allowOthers: false)
        issues.add(contentsOf: headerIssues)
        guard !headerIssues.contains(where: { $0.severity == .error }) else { return result }
        var codes = declared?.map(\.code) ?? []
        let cells = readCells(table, folder: folder, regionIndex: list.index, regionsReadable: regionsReadable, codes: &codes,
                              declared: declared != nil, issues: &issues)
        result.activities = declared ?? codes.sorted().map { Activity(code: $0, label: $0) }
        result.tables = buildTables(cells, codes: codes, activities: result.activities, regions: regions,
                                    activityColumn: table.columnIndex("activity")! + 1, issues: &issues)
        if result.activities.isEmpty, !issues.hasErrors { issues.error(valuesFile, line: 2, "\(valuesFile) has no rows") }
        return result
    }

    private func readMetadata(_ folder: DatasetFolder, issues: inout IssueCollector) -> (String?, [Activity]?) {
        guard let text = folder.text(metadataFile, issues: &issues) else { return (nil, nil) }
        let document: YAMLDocument
        switch YAMLDocument.parse(text, file: metadataFile) {
        case .failure(let issue): issues.add(issue); return (nil, nil)
        case .success(let parsed): document = parsed
        }
        let classification = document.string(document.root, "classification", required: false, issues: &issues)
        guard let list = YAMLDocument.value(document.root, "activities")?.sequence else {
            issues.add(document.issue(document.root, key: "activities", "\(metadataFile) must have a list under the key 'activities'"))
            return (classification, nil)
        }
        var seen = Set<String>()
        let activities: [Activity] = list.compactMap { item in
            guard let code = document.string(item, "code", required: true, issues: &issues) else { return nil }
            guard CodeRules.isValid(code) else {
                issues.add(document.issue(YAMLDocument.value(item, "code"), key: "code", CodeRules.problem(code, what: "activity code")))
                return nil
            }
            guard seen.insert(code).inserted else {
                issues.add(document.issue(item, key: "code", "the activity '\(code)' is defined twice"))
                return nil
            }
            document.warnUnknownKeys(item, known: ["code", "label", "label_ru", "group", "scope"], context: "activity '\(code)'", issues: &issues)
            var scope = ActivityScopes.applies(toClassification: classification) ? ActivityScopes.scope(of: code) : .traded
            if let stated = document.string(item, "scope", required: false, issues: &issues) {
                if let parsed = ActivityScope(rawValue: stated) {
                    scope = parsed
                } else {
                    issues.add(document.issue(YAMLDocument.value(item, "scope"), key: "scope",
                                              "the scope of activity '\(code)' must be traded or local, not '\(stated)'"))
                }
            }
            return Activity(code: code, label: document.string(item, "label", required: false, issues: &issues) ?? code,
                            labelRu: document.string(item, "label_ru", required: false, issues: &issues),
                            group: document.string(item, "group", required: false, issues: &issues), scope: scope)
        }
        return (classification, activities)
    }

    /// One value row, compactly (a large file has millions).
    private struct Cell {
        var region: Int32, activity: Int32, year: Int32, line: Int32
        var value: Double
        static let noYear = Int32.min
    }

    /// What one part of the value rows gives: its cells, with activities numbered in `codes` (the
    /// declared codes, then any new ones in order of first appearance), and its issues.
    private struct Part: Sendable {
        var cells: [Cell] = []
        var codes: [String]
        var issues = IssueCollector()
        var missingCount = 0
    }

    /// Reads the value rows, the parts of a large file in parallel; `codes` holds the declared
    /// activity codes, or collects them in order of first appearance when nothing is declared. A
    /// cell's activity is its index in `codes`. A row without a value counts as zero (with one
    /// warning for all such rows).
    private func readCells(_ table: DelimitedTable, folder: DatasetFolder, regionIndex: [String: Int], regionsReadable: Bool, codes: inout [String],
                                  declared: Bool, issues: inout IssueCollector) -> [[Cell]] {
        let tables = table.parts(ProcessInfo.processInfo.activeProcessorCount)
        let start = codes
        var parts = ParallelTasks.map(tables.count) { k in
            var part = Part(codes: start)
            readPart(tables[k], folder: folder, regionIndex: regionIndex, regionsReadable: regionsReadable, declared: declared, into: &part)
            return part
        }
        // Join the parts in file order: renumber the activities first seen in a later part, and keep
        // one note about decimal commas (each part notes its first). The cells stay in their parts
        // (a large file has hundreds of megabytes of them).
        var missingCount = 0, noted = false
        var index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($0.element, $0.offset) })
        for k in parts.indices {
            let part = parts[k]
            let renumber = part.codes.map { code in
                index[code] ?? { index[code] = codes.count; codes.append(code); return codes.count - 1 }()
            }
            if !renumber.elementsEqual(renumber.indices) {
                for i in parts[k].cells.indices { parts[k].cells[i].activity = Int32(renumber[Int(parts[k].cells[i].activity)]) }
            }
            for issue in part.issues.issues where !(issue.severity == .note && noted) {
                noted = noted || issue.severity == .note
                issues.add(issue)
            }
            missingCount += part.missingCount
        }
        if missingCount > 0 {
            issues.warning(valuesFile, field: "value", "\(missingCount) row\(missingCount == 1 ? " has" : "s have") no value and count\(missingCount == 1 ? "s" : "") as zero")
        }
        return parts.map(\.cells)
    }

    /// Reads the rows of one part of the table.
    private func readPart(_ table: DelimitedTable, folder: DatasetFolder, regionIndex: [String: Int], regionsReadable: Bool,
                                 declared: Bool, into part: inout Part) {
        var activityIndex = Dictionary(uniqueKeysWithValues: part.codes.enumerated().map { ($0.element, $0.offset) })
        let (regionColumn, activityColumn, valueColumn) = (table.columnIndex("region")!, table.columnIndex("activity")!, table.columnIndex("value")!)
        let yearColumn = table.columnIndex("year"), width = table.header.count
        var lastRegion: (code: String, index: Int?) = ("", nil)
        var lastActivity = -1
        var decimalCommaNoted = false
        let marks = folder.decimalMarks(separator: table.separator)
        // Fields are compared and parsed as bytes; a string is made only for a new code, a number
        // that is not a plain integer, or a message.
        table.forEachRawRecord { line, fields in
            guard fields.count == width else {
                part.issues.error(valuesFile, line: line, column: min(fields.count, width) + 1,
                                  "the line has \(fields.count) fields but the header has \(width)")
                return
            }
            // Rows usually come grouped by region: reuse the last look-up.
            if !fields.field(regionColumn, is: lastRegion.code) {
                let code = fields.trimmed(regionColumn)
                lastRegion = (code, regionIndex[code])
            }
            guard let r = lastRegion.index else {
                if regionsReadable {
                    part.issues.error(valuesFile, line: line, column: regionColumn + 1, field: "region",
                                      "the region code '\(lastRegion.code)' is not listed in regions.csv")
                }
                return
            }
            // Activities usually follow in the same order for every region: try the next one first.
            var a: Int? = nil
            if lastActivity + 1 < part.codes.count, fields.field(activityColumn, is: part.codes[lastActivity + 1]) {
                a = lastActivity + 1
            } else {
                let activity = fields.trimmed(activityColumn)
                a = activityIndex[activity]
                if a == nil {
                    guard !declared else {
                        part.issues.error(valuesFile, line: line, column: activityColumn + 1, field: "activity",
                                          "the activity '\(activity)' is not defined in \(metadataFile)")
                        return
                    }
                    guard CodeRules.isValid(activity) else {
                        part.issues.error(valuesFile, line: line, column: activityColumn + 1, field: "activity",
                                          CodeRules.problem(activity, what: "activity code"))
                        return
                    }
                    a = part.codes.count
                    activityIndex[activity] = part.codes.count
                    part.codes.append(activity)
                }
            }
            var year = Cell.noYear
            if let yearColumn {
                let text = fields.trimmed(yearColumn)
                guard let parsed = Int32(text), (1000...9999).contains(parsed) else {
                    part.issues.error(valuesFile, line: line, column: yearColumn + 1, field: "year", "'\(text)' is not a four-digit year")
                    return
                }
                year = parsed
            }
            var value = 0.0
            // Plain integers (the usual counts) without making a string.
            let outcome = NumberParser.plainInteger(fields[valueColumn]).map(NumberParser.Outcome.value)
                ?? folder.number(fields.string(valueColumn), file: valuesFile, line: line, column: valueColumn + 1,
                                 field: "value", marks: marks, decimalCommaNoted: &decimalCommaNoted, issues: &part.issues)
            switch outcome {
            case .value(let v) where v < 0:
                part.issues.error(valuesFile, line: line, column: valueColumn + 1, field: "value",
                                  "the value \(DatasetWriter.format(v)) is negative; activity values (employment, patents, exports) cannot be")
                return
            case .value(let v): value = v
            case .missing: part.missingCount += 1
            case .invalid: return
            }
            lastActivity = a!
            part.cells.append(Cell(region: Int32(r), activity: Int32(a!), year: year, line: Int32(clamping: line), value: value))
        }
    }

    /// One table per year (oldest first); a second row for the same region, activity and year is an error.
    private func buildTables(_ parts: [[Cell]], codes: [String], activities: [Activity], regions: [Region],
                                    activityColumn: Int, issues: inout IssueCollector) -> [ActivityTable] {
        let position = Dictionary(uniqueKeysWithValues: activities.enumerated().map { ($0.element.code, $0.offset) })
        let column = codes.map { position[$0]! }
        // Few distinct years, usually in runs: look each run's year up once.
        var distinct = Set<Int32>(), previous: Int32? = nil
        for cell in parts.joined() where cell.year != previous { distinct.insert(cell.year); previous = cell.year }
        let years = distinct.sorted()
        let slot = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($0.element, $0.offset) })
        var run: (year: Int32, slot: Int) = (years.first ?? 0, 0)
        let (n, m) = (regions.count, activities.count)
        // SmartSpec holds every cell of every year; a small file with many distinct activities,
        // regions or years must not make it ask for gigabytes (Datasets/README.md, "Limits").
        let rows = parts.reduce(0) { $0 + $1.count }
        let cells = n.multipliedReportingOverflow(by: m).partialValue.multipliedReportingOverflow(by: years.count)
        if cells.overflow || !DatasetLimits.activityCellsAllowed(cells.partialValue, rows: rows) {
            issues.error(valuesFile, "\(valuesFile) has \(rows) value row(s) for \(n) regions × \(m) activities × \(years.count) year(s) = \(cells.overflow ? "too many" : "\(cells.partialValue)") cells; SmartSpec holds every cell, so a table may have at most \(DatasetLimits.cellsPerRow) cells per value row beyond the first \(DatasetLimits.freeCells) (state fewer activities or years, or more rows)")
            return []
        }
        var tables = years.map { ActivityTable(year: $0 == Cell.noYear ? nil : Int($0), regionCount: n, activityCount: m) }
        var lines = years.map { _ in [Int32](repeating: 0, count: n * m) }
        for cell in parts.joined() {
            if cell.year != run.year { run = (cell.year, slot[cell.year]!) }
            let t = run.slot, k = Int(cell.region) * m + column[Int(cell.activity)]
            if lines[t][k] != 0 {
                let yearText = cell.year == Cell.noYear ? "" : " in \(cell.year)"
                issues.error(valuesFile, line: Int(cell.line), column: activityColumn, field: "activity",
                             "region '\(regions[Int(cell.region)].code)' and activity '\(codes[Int(cell.activity)])'\(yearText) already have a value on line \(lines[t][k])")
                continue
            }
            lines[t][k] = cell.line
            tables[t].values[k] = cell.value
        }
        return tables
    }
}
