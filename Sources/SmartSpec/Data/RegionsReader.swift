import Foundation

/// The regions of `regions.csv` in file order (a repeated code's first row only), with the
/// position of every code, which the readers of the other files look their rows' codes up in.
struct RegionList {
    var regions: [Region] = []
    /// Position in ``regions`` of each code.
    var index: [String: Int] = [:]
}

/// Reads `regions.csv`: `code,name[,name_ru],country[,level,parent]`.
enum RegionsReader {
    static let file = "regions.csv"

    static func read(_ folder: DatasetFolder, issues: inout IssueCollector) -> RegionList {
        guard let table = folder.table(file, issues: &issues) else { return RegionList() }
        let headerIssues = table.headerIssues(file: file, required: ["code", "name", "country"],
                                              optional: ["name_ru", "level", "parent"], allowOthers: false)
        issues.add(contentsOf: headerIssues)
        guard !headerIssues.contains(where: { $0.severity == .error }) else { return RegionList() }
        let columns = Columns(table)
        // The parts of a large file read on all cores, fields as bytes (a string is made only of
        // the fields a region keeps); then joined in file order, where a code's first row counts.
        let tables = table.parts(ProcessInfo.processInfo.activeProcessorCount, minimumBytes: 1 << 20)
        let parts = ParallelTasks.map(tables.count) { k -> (rows: [Row], issues: [DatasetIssue]) in
            var rows: [Row] = [], issues = IssueCollector()
            tables[k].forEachRawRecord { line, fields in
                guard fields.count == table.header.count else {
                    issues.error(file, line: line, column: min(fields.count, table.header.count) + 1,
                                 "the line has \(fields.count) fields but the header has \(table.header.count)")
                    return
                }
                rows.append(row(line: line, fields: fields, columns: columns))
            }
            return (rows, issues.issues)
        }
        var list = RegionList(), lines: [Int] = []
        let rows = parts.reduce(0) { $0 + $1.rows.count }
        list.regions.reserveCapacity(rows)
        list.index.reserveCapacity(rows)
        lines.reserveCapacity(rows)
        for part in parts {
            issues.add(contentsOf: part.issues)
            for row in part.rows {
                guard let region = row.region else { issues.add(contentsOf: row.issues); continue }
                // One look-up per row: the code's position is set, and put back for a repeated code.
                if let earlier = list.index.updateValue(list.regions.count, forKey: region.code) {
                    list.index[region.code] = earlier
                    issues.error(file, line: row.line, column: columns.code + 1, field: "code",
                                 "the region code '\(region.code)' is already used on line \(lines[earlier])")
                    continue
                }
                lines.append(row.line)
                issues.add(contentsOf: row.issues)
                list.regions.append(region)
            }
        }
        checkParents(list, lines: lines, table: table, issues: &issues)
        if list.regions.isEmpty, !issues.hasErrors { issues.error(file, line: 2, "the file lists no regions") }
        return list
    }

    /// The column of each field of the format, where the header has it (`code`, `name` and
    /// `country` always: the header was checked).
    private struct Columns {
        let code: Int, name: Int, country: Int, nameRu: Int?, level: Int?, parent: Int?
        init(_ table: DelimitedTable) {
            (code, name, country) = (table.columnIndex("code")!, table.columnIndex("name")!, table.columnIndex("country")!)
            (nameRu, level, parent) = (table.columnIndex("name_ru"), table.columnIndex("level"), table.columnIndex("parent"))
        }
    }

    /// One row: its region (nil when its code is not valid) and the issues of its fields.
    private struct Row {
        var line: Int
        var region: Region?
        var issues: [DatasetIssue]
    }

    private static func row(line: Int, fields: RawFields, columns: Columns) -> Row {
        var issues = IssueCollector()
        let code = fields.trimmed(columns.code)
        guard CodeRules.isValid(code) else {
            issues.error(file, line: line, column: columns.code + 1, field: "code", CodeRules.problem(code, what: "region code"))
            return Row(line: line, region: nil, issues: issues.issues)
        }
        let name = fields.trimmed(columns.name)
        let country = fields.trimmed(columns.country)
        if name.isEmpty { issues.error(file, line: line, column: columns.name + 1, field: "name", "region '\(code)' has no name") }
        if country.isEmpty { issues.error(file, line: line, column: columns.country + 1, field: "country", "region '\(code)' has no country") }
        var level: Int? = nil
        if let column = columns.level, case let text = fields.trimmed(column), !text.isEmpty {
            level = Int(text)
            if level == nil { issues.error(file, line: line, column: column + 1, field: "level", "the level '\(text)' is not a whole number") }
        }
        let nameRu = columns.nameRu.map { fields.trimmed($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let parent = columns.parent.map { fields.trimmed($0) }.flatMap { $0.isEmpty ? nil : $0 }
        return Row(line: line, region: Region(code: code, name: name, nameRu: nameRu, country: country, level: level, parent: parent),
                   issues: issues.issues)
    }

    private static func checkParents(_ list: RegionList, lines: [Int], table: DelimitedTable, issues: inout IssueCollector) {
        for (r, region) in list.regions.enumerated() {
            guard let parent = region.parent, list.index[parent] == nil else { continue }
            issues.error(file, line: lines[r], column: table.columnIndex("parent").map { $0 + 1 }, field: "parent",
                         "the parent '\(parent)' of region '\(region.code)' is not a region of the dataset")
        }
    }
}

/// What a code (region, indicator, activity) may look like.
enum CodeRules {
    /// Codes are non-empty, at most 64 characters, without spaces, quotes, slashes or control characters.
    static func isValid(_ code: String) -> Bool {
        guard !code.isEmpty, code.utf8.count <= 256, code.count <= 64 else { return false }
        return code.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "\"", "'", "/", "\\", "<", ">", "&": return false
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
            default: return scalar.value >= 0x20 && scalar.value != 0x7F && !scalar.properties.isWhitespace
            }
        }
    }

    static func problem(_ code: String, what: String) -> String {
        if code.isEmpty { return "the \(what) is empty" }
        if code.count > 64 { return "the \(what) is longer than 64 characters" }
        return "the \(what) '\(code)' contains a space, quote, slash, angle bracket, ampersand or control character"
    }
}
