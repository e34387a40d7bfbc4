import CSV
import Foundation

/// How a delimited text file is written: its field separator and decimal mark.
public struct CSVDialect: Sendable, Equatable {
    /// Field separator: `,`, `;` or a tab.
    public var separator: Character
    /// Decimal mark accepted in numbers: `.` or `,`. `nil` means "not declared": with a `;`
    /// separator both marks are then accepted and the loader notes which one it saw.
    public var decimalMark: Character?

    /// Creates a dialect.
    public init(separator: Character, decimalMark: Character?) {
        self.separator = separator
        self.decimalMark = decimalMark
    }
}

/// One record of a delimited file with the line it starts on.
struct DelimitedRecord: Sendable {
    /// 1-based line on which the record starts.
    let line: Int
    /// The fields, unquoted.
    let fields: [String]
}

/// A delimited text file read into a header and records, parsed with CSV.swift.
///
/// Blank lines are skipped. Line numbers stay exact when quoted fields contain line breaks.
struct DelimitedTable: Sendable {
    /// The header fields, trimmed.
    let header: [String]
    /// The data records.
    let records: [DelimitedRecord]
    /// The separator used.
    let separator: Character
    /// Whether the separator was detected rather than declared.
    let separatorWasDetected: Bool

    /// Index of a header column (exact match), if present.
    func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Parses `text`. `declaredSeparator` wins; otherwise the separator is detected from the
    /// header line (`;` or tab when they occur there and commas do not).
    static func parse(_ text: String, file: String, declaredSeparator: Character?) -> Result<DelimitedTable, DatasetIssue> {
        let separator = declaredSeparator ?? detectSeparator(text)
        guard let scalar = separator.unicodeScalars.first else {
            return .failure(DatasetIssue(file: file, "the separator is empty"))
        }
        if text.utf8.reduce(0, { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }) % 2 == 1,
           let issue = unterminatedQuote(text, file: file, separator: scalar) {
            return .failure(issue)
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: scalar)
        } catch {
            return .failure(DatasetIssue(file: file, "the file cannot be parsed as delimited text"))
        }
        var records: [DelimitedRecord] = []
        var line = 1
        while let row = reader.next() {
            if !(row.count == 1 && row[0].trimmedSpaces.isEmpty) {
                records.append(DelimitedRecord(line: line, fields: row))
            }
            line += 1 + row.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        guard let first = records.first else {
            return .failure(DatasetIssue(file: file, line: 1, "the file is empty; a header line was expected"))
        }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        return .success(DelimitedTable(header: header, records: Array(records.dropFirst()), separator: separator,
                                       separatorWasDetected: declaredSeparator == nil && separator != ","))
    }

    /// Checks the header for required columns and duplicates; returns the issues.
    func headerIssues(file: String, required: [String], optional: [String], allowOthers: Bool) -> [DatasetIssue] {
        var issues: [DatasetIssue] = []
        for name in required where columnIndex(name) == nil {
            issues.append(DatasetIssue(file: file, line: 1, field: name,
                "the required column '\(name)' is missing (the header is: \(header.joined(separator: String(separator))))"))
        }
        var seen = Set<String>()
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                issues.append(DatasetIssue(file: file, line: 1, column: index + 1, "column \(index + 1) has an empty header"))
            } else if !seen.insert(name).inserted {
                issues.append(DatasetIssue(file: file, line: 1, column: index + 1, field: name, "the column '\(name)' appears twice in the header"))
            } else if !allowOthers, !required.contains(name), !optional.contains(name) {
                issues.append(DatasetIssue(.warning, file: file, line: 1, column: index + 1, field: name,
                    "the column '\(name)' is not part of the format and is ignored"))
            }
        }
        return issues
    }

    /// Issues for records whose field count differs from the header's.
    func fieldCountIssues(file: String) -> [DatasetIssue] {
        records.compactMap { record in
            guard record.fields.count != header.count else { return nil }
            return DatasetIssue(file: file, line: record.line, column: min(record.fields.count, header.count) + 1,
                "the line has \(record.fields.count) fields but the header has \(header.count)")
        }
    }

    private static func detectSeparator(_ text: String) -> Character {
        let headerLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        var counts: [Character: Int] = [:]
        var inQuotes = false
        for character in headerLine {
            if character == "\"" { inQuotes.toggle() } else if !inQuotes { counts[character, default: 0] += 1 }
        }
        if counts[",", default: 0] > 0 { return "," }
        if counts[";", default: 0] > 0 { return ";" }
        if counts["\t", default: 0] > 0 { return "\t" }
        return ","
    }

    private static func lineBreaks(in field: String) -> Int {
        guard field.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return 0 }
        var count = 0
        var previousWasCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\n" { if !previousWasCR { count += 1 } } else if scalar == "\r" { count += 1 }
            previousWasCR = scalar == "\r"
        }
        return count
    }

    /// Finds the opening quote that is never closed, scanning records the way a CSV reader does.
    private static func unterminatedQuote(_ text: String, file: String, separator: Unicode.Scalar) -> DatasetIssue? {
        var line = 1, field = 1, openLine = 1, openField = 1
        var inQuotes = false, atFieldStart = true, justClosed = false, previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && !previousWasCR || scalar == "\r" { line += 1 }
            previousWasCR = scalar == "\r"
            if inQuotes {
                if scalar == "\"" { inQuotes = false; justClosed = true }
                continue
            }
            if scalar == "\"" && (justClosed || atFieldStart) {
                if atFieldStart { openLine = line; openField = field }
                inQuotes = true; atFieldStart = false; justClosed = false
                continue
            }
            justClosed = false
            if scalar == separator {
                field += 1; atFieldStart = true
            } else if scalar == "\n" || scalar == "\r" {
                field = 1; atFieldStart = true
            } else {
                atFieldStart = false
            }
        }
        guard inQuotes else { return nil }
        return DatasetIssue(file: file, line: openLine, column: openField,
            "a quoted field opened here is never closed (the file may be truncated)")
    }
}
