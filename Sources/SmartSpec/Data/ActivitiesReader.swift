import Yams

/// Reads the optional `activities.yaml` (classification and labels) and `activities.csv`
/// (long form: `region,activity,value[,year]`).
enum ActivitiesReader {
    static let metadataFile = "activities.yaml"
    static let valuesFile = "activities.csv"

    struct Result {
        var classification: String?
        var activities: [Activity] = []
        var tables: [ActivityTable] = []
    }

    static func read(_ folder: DatasetFolder, regions: [Region], issues: inout IssueCollector) -> Result {
        var result = Result()
        var declared: [Activity]? = nil
        if folder.exists(metadataFile) {
            (result.classification, declared) = readMetadata(folder, issues: &issues)
        }
        guard folder.exists(valuesFile) else {
            if declared != nil { issues.warning(metadataFile, "activities.yaml is present but activities.csv is not") }
            return result
        }
        guard let table = folder.table(valuesFile, issues: &issues) else { return result }
        let headerIssues = table.headerIssues(file: valuesFile, required: ["region", "activity", "value"],
                                              optional: ["year"], allowOthers: false)
        issues.add(contentsOf: headerIssues)
        guard !headerIssues.contains(where: { $0.severity == .error }) else { return result }
        issues.add(contentsOf: table.fieldCountIssues(file: valuesFile))
        let cells = readCells(table, folder: folder, regions: regions, declared: declared, issues: &issues)
        result.activities = declared ?? Set(cells.map(\.activity)).sorted().map { Activity(code: $0, label: $0) }
        result.tables = buildTables(cells, activities: result.activities, regionCount: regions.count)
        if result.activities.isEmpty, !issues.hasErrors { issues.error(valuesFile, line: 2, "activities.csv has no rows") }
        return result
    }

    private static func readMetadata(_ folder: DatasetFolder, issues: inout IssueCollector) -> (String?, [Activity]?) {
        guard let text = folder.text(metadataFile, issues: &issues) else { return (nil, nil) }
        let document: YAMLDocument
        switch YAMLDocument.parse(text, file: metadataFile) {
        case .failure(let issue): issues.add(issue); return (nil, nil)
        case .success(let parsed): document = parsed
        }
        let classification = document.string(document.root, "classification", required: false, issues: &issues)
        guard let list = document.root["activities"]?.sequence else {
            issues.add(document.issue(document.root, key: "activities", "activities.yaml must have a list under the key 'activities'"))
            return (classification, nil)
        }
        var seen = Set<String>()
        let activities: [Activity] = list.compactMap { item in
            guard let code = document.string(item, "code", required: true, issues: &issues) else { return nil }
            guard CodeRules.isValid(code) else {
                issues.add(document.issue(item["code"], key: "code", CodeRules.problem(code, what: "activity code")))
                return nil
            }
            guard seen.insert(code).inserted else {
                issues.add(document.issue(item, key: "code", "the activity '\(code)' is defined twice"))
                return nil
            }
            document.warnUnknownKeys(item, known: ["code", "label", "label_ru", "group"], context: "activity '\(code)'", issues: &issues)
            return Activity(code: code, label: document.string(item, "label", required: false, issues: &issues) ?? code,
                            labelRu: document.string(item, "label_ru", required: false, issues: &issues),
                            group: document.string(item, "group", required: false, issues: &issues))
        }
        return (classification, activities)
    }

    private struct Cell { var region: Int; var activity: String; var year: Int?; var value: Double }

    private static func readCells(_ table: DelimitedTable, folder: DatasetFolder, regions: [Region], declared: [Activity]?,
                                  issues: inout IssueCollector) -> [Cell] {
        let regionIndex = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($0.element.code, $0.offset) })
        let known = declared.map { Set($0.map(\.code)) }
        let (regionColumn, activityColumn, valueColumn) = (table.columnIndex("region")!, table.columnIndex("activity")!, table.columnIndex("value")!)
        let yearColumn = table.columnIndex("year")
        var seen: [String: Int] = [:]
        var cells: [Cell] = []
        var decimalCommaNoted = false, missingCount = 0
        let marks = folder.decimalMarks(separator: table.separator)
        for record in table.records where record.fields.count == table.header.count {
            let field = { (column: Int) in record.fields[column].trimmedSpaces }
            let (code, activity) = (field(regionColumn), field(activityColumn))
            guard let r = regionIndex[code] else {
                issues.error(valuesFile, line: record.line, column: regionColumn + 1, field: "region",
                             "the region code '\(code)' is not listed in regions.csv")
                continue
            }
            if let known, !known.contains(activity) {
                issues.error(valuesFile, line: record.line, column: activityColumn + 1, field: "activity",
                             "the activity '\(activity)' is not defined in activities.yaml")
                continue
            } else if !CodeRules.isValid(activity) {
                issues.error(valuesFile, line: record.line, column: activityColumn + 1, field: "activity",
                             CodeRules.problem(activity, what: "activity code"))
                continue
            }
            var year: Int? = nil
            if let yearColumn {
                guard let parsed = Int(field(yearColumn)), (1000...9999).contains(parsed) else {
                    issues.error(valuesFile, line: record.line, column: yearColumn + 1, field: "year",
                                 "'\(field(yearColumn))' is not a four-digit year")
                    continue
                }
                year = parsed
            }
            let key = "\(code)\u{1F}\(activity)\u{1F}\(year.map(String.init) ?? "")"
            if let earlier = seen[key] {
                issues.error(valuesFile, line: record.line, column: activityColumn + 1, field: "activity",
                             "region '\(code)' and activity '\(activity)'\(year.map { " in \($0)" } ?? "") already have a value on line \(earlier)")
                continue
            }
            seen[key] = record.line
            switch folder.number(record.fields[valueColumn], file: valuesFile, line: record.line, column: valueColumn + 1,
                                 field: "value", marks: marks, decimalCommaNoted: &decimalCommaNoted, issues: &issues) {
            case .value(let v) where v < 0:
                issues.error(valuesFile, line: record.line, column: valueColumn + 1, field: "value",
                             "the value \(DatasetWriter.format(v)) is negative; activity values (employment, patents, exports) cannot be")
            case .value(let v):
                cells.append(Cell(region: r, activity: activity, year: year, value: v))
            case .missing:
                missingCount += 1
            case .invalid:
                break
            }
        }
        if missingCount > 0 {
            issues.warning(valuesFile, field: "value", "\(missingCount) row\(missingCount == 1 ? " has" : "s have") no value and count\(missingCount == 1 ? "s" : "") as zero")
        }
        return cells
    }

    private static func buildTables(_ cells: [Cell], activities: [Activity], regionCount: Int) -> [ActivityTable] {
        let column = Dictionary(uniqueKeysWithValues: activities.enumerated().map { ($0.element.code, $0.offset) })
        let years = Set(cells.map(\.year)).sorted { ($0 ?? 0) < ($1 ?? 0) }
        return years.map { year in
            var table = ActivityTable(year: year, regionCount: regionCount, activityCount: activities.count)
            for cell in cells where cell.year == year {
                if let a = column[cell.activity] { table[region: cell.region, activity: a] = cell.value }
            }
            return table
        }
    }
}
