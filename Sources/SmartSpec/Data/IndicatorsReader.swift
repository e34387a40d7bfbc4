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

    /// Where each value came from, for messages about a whole indicator.
    private struct CellOrigin { var line: Int; var column: Int }

    /// Reads `indicators.csv`. With `regionsReadable` false (regions.csv could not be read) rows of
    /// unknown regions are skipped without an error each; with `metadataReadable` false so are
    /// columns indicators.yaml does not define.
    static func readValues(_ folder: DatasetFolder, regions: [Region], metadata: Metadata, regionsReadable: Bool = true,
                           metadataReadable: Bool = true, issues: inout IssueCollector) -> IndicatorTable {
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
        issues.add(contentsOf: table.fieldCountIssues(file: valuesFile))
        let columnOfIndicator = mapColumns(table, indicators: indicators, rejected: metadata.rejectedIDs,
                                           reportUndeclared: metadataReadable, issues: &issues)
        let regionIndex = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($0.element.code, $0.offset) })
        var origins = [CellOrigin?](repeating: nil, count: values.values.count)
        var rowLine: [Int: Int] = [:]
        var decimalCommaNoted = false
        let codeColumn = table.columnIndex("code")!
        let ids = indicators.map(\.id)
        let marks = folder.decimalMarks(separator: table.separator)
        var invalidColumns = Set<Int>()
        for record in table.records {
            let code = codeColumn < record.fields.count ? record.fields[codeColumn].trimmedSpaces : ""
            guard record.fields.count == table.header.count else {
                if let r = regionIndex[code], rowLine[r] == nil { rowLine[r] = record.line }
                continue
            }
            guard let r = regionIndex[code] else {
                if regionsReadable {
                    issues.error(valuesFile, line: record.line, column: codeColumn + 1, field: "code",
                                 "the region code '\(code)' is not listed in regions.csv")
                }
                continue
            }
            if let earlier = rowLine[r] {
                issues.error(valuesFile, line: record.line, column: codeColumn + 1, field: "code",
                             "region '\(code)' already has a row on line \(earlier)")
                continue
            }
            rowLine[r] = record.line
            for (k, column) in columnOfIndicator.enumerated() {
                guard let column else { continue }
                let outcome = folder.number(record.fields[column], file: valuesFile, line: record.line, column: column + 1,
                                            field: ids[k], marks: marks, decimalCommaNoted: &decimalCommaNoted, issues: &issues)
                switch outcome {
                case .value(let v):
                    values[region: r, indicator: k] = v
                    origins[r * indicators.count + k] = CellOrigin(line: record.line, column: column + 1)
                case .invalid: invalidColumns.insert(k)
                case .missing: break
                }
            }
        }
        for (r, region) in regions.enumerated() where rowLine[r] == nil && !regions.isEmpty {
            issues.warning(valuesFile, field: "code", "region '\(region.code)' has no row, so all its indicators are missing")
        }
        checkColumns(values, indicators: indicators, regions: regions, origins: origins,
                     present: columnOfIndicator.enumerated().map { invalidColumns.contains($0.offset) ? nil : $0.element },
                     issues: &issues)
        return values
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

    private static func checkColumns(_ values: IndicatorTable, indicators: [Indicator], regions: [Region],
                                     origins: [CellOrigin?], present: [Int?], issues: inout IssueCollector) {
        for (k, indicator) in indicators.enumerated() where present[k] != nil {
            let column = values.column(k)
            let observed = column.compactMap { $0 }
            if observed.count < 2 {
                issues.error(valuesFile, column: present[k]! + 1, field: indicator.id,
                             "the indicator '\(indicator.id)' has \(observed.count == 0 ? "no values" : "only one value"); at least two regions need a value")
                continue
            }
            if indicator.transform == .log {
                for (r, value) in column.enumerated() where (value ?? 1) <= 0 {
                    let origin = origins[r * indicators.count + k]
                    issues.error(valuesFile, line: origin?.line, column: origin?.column, field: indicator.id,
                                 "region '\(regions[r].code)' has \(DatasetWriter.format(value!)) for '\(indicator.id)', but its transform is log, which needs positive values")
                }
            }
            if let first = observed.first, observed.allSatisfy({ $0 == first }) {
                issues.error(valuesFile, column: present[k]! + 1, field: indicator.id,
                             "the indicator '\(indicator.id)' has the same value (\(DatasetWriter.format(first))) in every region, so it cannot tell regions apart")
            }
            let missingShare = Double(column.count - observed.count) / Double(max(1, column.count))
            if missingShare > 0.5 {
                issues.warning(valuesFile, column: present[k]! + 1, field: indicator.id,
                               "the indicator '\(indicator.id)' is missing for \(Int((missingShare * 100).rounded()))% of regions")
            }
        }
    }
}
