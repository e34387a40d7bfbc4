/// Reads `regions.csv`: `code,name[,name_ru],country[,level,parent]`.
enum RegionsReader {
    static let file = "regions.csv"

    static func read(_ folder: DatasetFolder, issues: inout IssueCollector) -> [Region] {
        guard let table = folder.table(file, issues: &issues) else { return [] }
        let headerIssues = table.headerIssues(file: file, required: ["code", "name", "country"],
                                              optional: ["name_ru", "level", "parent"], allowOthers: false)
        issues.add(contentsOf: headerIssues)
        guard !headerIssues.contains(where: { $0.severity == .error }) else { return [] }
        issues.add(contentsOf: table.fieldCountIssues(file: file))
        var regions: [Region] = []
        var firstLine: [String: Int] = [:]
        for record in table.records where record.fields.count == table.header.count {
            if let region = region(from: record, table: table, firstLine: &firstLine, issues: &issues) {
                regions.append(region)
            }
        }
        checkParents(regions, lines: firstLine, table: table, issues: &issues)
        if regions.isEmpty, !issues.hasErrors { issues.error(file, line: 2, "the file lists no regions") }
        return regions
    }

    private static func region(from record: DelimitedRecord, table: DelimitedTable, firstLine: inout [String: Int],
                               issues: inout IssueCollector) -> Region? {
        func field(_ name: String) -> String? {
            table.columnIndex(name).map { record.fields[$0].trimmedSpaces }
        }
        func column(_ name: String) -> Int? { table.columnIndex(name).map { $0 + 1 } }
        let code = field("code") ?? ""
        guard CodeRules.isValid(code) else {
            issues.error(file, line: record.line, column: column("code"), field: "code", CodeRules.problem(code, what: "region code"))
            return nil
        }
        if let earlier = firstLine[code] {
            issues.error(file, line: record.line, column: column("code"), field: "code",
                         "the region code '\(code)' is already used on line \(earlier)")
            return nil
        }
        firstLine[code] = record.line
        let name = field("name") ?? ""
        let country = field("country") ?? ""
        if name.isEmpty { issues.error(file, line: record.line, column: column("name"), field: "name", "region '\(code)' has no name") }
        if country.isEmpty { issues.error(file, line: record.line, column: column("country"), field: "country", "region '\(code)' has no country") }
        var level: Int? = nil
        if let text = field("level"), !text.isEmpty {
            level = Int(text)
            if level == nil { issues.error(file, line: record.line, column: column("level"), field: "level", "the level '\(text)' is not a whole number") }
        }
        let nameRu = field("name_ru").flatMap { $0.isEmpty ? nil : $0 }
        let parent = field("parent").flatMap { $0.isEmpty ? nil : $0 }
        return Region(code: code, name: name, nameRu: nameRu, country: country, level: level, parent: parent)
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
