import Foundation

/// Reads `regions.csv`: `code,name[,name_ru],country[,level,parent]`.
enum RegionsReader {
    static let file = "regions.csv"

    static func read(_ folder: DatasetFolder, issues: inout IssueCollector) -> [Region] {
        guard let table = folder.table(file, issues: &issues) else { return [] }
        let headerIssues = table.headerIssues(file: file, required: ["code", "name", "country"],
                                              optional: ["name_ru", "level", "parent"], allowOthers: false)
        issues.add(contentsOf: headerIssues)
        guard !headerIssues.contains(where: { $0.severity == .error }) else { return [] }
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
        var regions: [Region] = []
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(parts.reduce(0) { $0 + $1.rows.count })
        for part in parts {
            issues.add(contentsOf: part.issues)
            for row in part.rows {
                guard let region = row.region else { issues.add(contentsOf: row.issues); continue }
                if let earlier = firstLine[region.code] {
                    issues.error(file, line: row.line, column: columns.index["code"].map { $0 + 1 }, field: "code",
                                 "the region code '\(region.code)' is already used on line \(earlier)")
                    continue
                }
                firstLine[region.code] = row.line
                issues.add(contentsOf: row.issues)
                regions.append(region)
            }
        }
        checkParents(regions, lines: firstLine, table: table, issues: &issues)
        if regions.isEmpty, !issues.hasErrors { issues.error(file, line: 2, "the file lists no regions") }
        return regions
    }

    /// The column of each field of the format, where the header has it.
    private struct Columns {
        let index: [String: Int]
        init(_ table: DelimitedTable) {
            index = Dictionary(uniqueKeysWithValues: ["code", "name", "name_ru", "country", "level", "parent"].compactMap { name in
                table.columnIndex(name).map { (name, $0) }
            })
        }
    }

    /// One row: its region (nil when its code is not valid) and the issues of its fields.
    private struct Row {
        var line: Int
        var region: Region?
        var issues: [DatasetIssue]
    }

    private static func row(line: Int, fields: RawFields, columns: Columns) -> Row {
        func field(_ name: String) -> String? { columns.index[name].map { fields.trimmed($0) } }
        func column(_ name: String) -> Int? { columns.index[name].map { $0 + 1 } }
        var issues = IssueCollector()
        let code = field("code") ?? ""
        guard CodeRules.isValid(code) else {
            issues.error(file, line: line, column: column("code"), field: "code", CodeRules.problem(code, what: "region code"))
            return Row(line: line, region: nil, issues: issues.issues)
        }
        let name = field("name") ?? ""
        let country = field("country") ?? ""
        if name.isEmpty { issues.error(file, line: line, column: column("name"), field: "name", "region '\(code)' has no name") }
        if country.isEmpty { issues.error(file, line: line, column: column("country"), field: "country", "region '\(code)' has no country") }
        var level: Int? = nil
        if let text = field("level"), !text.isEmpty {
            level = Int(text)
            if level == nil { issues.error(file, line: line, column: column("level"), field: "level", "the level '\(text)' is not a whole number") }
        }
        let nameRu = field("name_ru").flatMap { $0.isEmpty ? nil : $0 }
        let parent = field("parent").flatMap { $0.isEmpty ? nil : $0 }
        return Row(line: line, region: Region(code: code, name: name, nameRu: nameRu, country: country, level: level, parent: parent),
                   issues: issues.issues)
    }

    private static func checkParents(_ regions: [Region], lines: [String: Int], table: DelimitedTable,
                                     issues: inout IssueCollector) {
        let codes = Set(regions.map(\.code))
        for region in regions where region.parent.map({ !codes.contains($0) }) ?? false {
            issues.error(file, line: lines[region.code], column: table.columnIndex("parent").map { $0 + 1 }, field: "parent",
                         "the parent '\(region.parent!)' of region '\(region.code)' is not a region of the dataset")
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
