import Foundation

/// The files of a dataset folder, read with the folder's declared CSV dialect.
struct DatasetFolder {
    let url: URL
    let dialect: CSVDialect?

    func fileURL(_ name: String) -> URL { url.appendingPathComponent(name) }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: fileURL(name).path) }

    /// Reads a file's text, adding an issue when it cannot be read.
    func text(_ name: String, issues: inout IssueCollector) -> String? {
        switch TextFile.read(fileURL(name), displayName: name) {
        case .success(let text): return text
        case .failure(let issue): issues.add(issue); return nil
        }
    }

    /// Reads a delimited file, noting a detected separator.
    func table(_ name: String, issues: inout IssueCollector) -> DelimitedTable? {
        guard let text = text(name, issues: &issues) else { return nil }
        switch DelimitedTable.parse(text, file: name, declaredSeparator: dialect?.separator) {
        case .failure(let issue):
            issues.add(issue)
            return nil
        case .success(let table):
            if table.separatorWasDetected {
                let shown = table.separator == "\t" ? "tab" : "'\(table.separator)'"
                issues.note(name, "fields are separated by \(shown) (detected from the header; declare `csv: {separator: ...}` in dataset.yaml to make it explicit)")
            }
            return table
        }
    }

    /// Decimal marks accepted in a file with the given separator: the declared one, else `.` for
    /// comma-separated files and both marks otherwise.
    func decimalMarks(separator: Character) -> NumberParser.DecimalMarks {
        if let mark = dialect?.decimalMark { return NumberParser.DecimalMarks([mark]) }
        return NumberParser.DecimalMarks(separator == "," ? ["."] : [".", ","])
    }

    /// Parses a numeric cell, recording an issue when it is invalid; notes decimal commas once per file.
    func number(_ text: String, file: String, line: Int, column: Int, field: String, marks: NumberParser.DecimalMarks,
                decimalCommaNoted: inout Bool, issues: inout IssueCollector) -> NumberParser.Outcome {
        let outcome = NumberParser.parse(text, marks: marks)
        switch outcome {
        case .invalid(let reason):
            issues.error(file, line: line, column: column, field: field, reason)
        case .value where marks.comma && marks.point && !decimalCommaNoted && NumberParser.decimalMark(in: text) == ",":
            decimalCommaNoted = true
            issues.note(file, "numbers use decimal commas (first at line \(line)); declare `csv: {decimal: \",\"}` in dataset.yaml to make it explicit")
        default:
            break
        }
        return outcome
    }
}
