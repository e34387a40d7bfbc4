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

/// The fields of one record as the file's bytes (valid UTF-8, split on ASCII separators), valid
/// only during the call that receives them; ``string(_:)`` makes a string of one when needed.
struct RawFields {
    fileprivate let base: UnsafePointer<UInt8>
    /// Start and end offsets from `base` of every field.
    fileprivate var bounds: [Int]

    /// Number of fields.
    var count: Int { bounds.count / 2 }

    /// The bytes of field `i`.
    subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + bounds[2 * i], count: bounds[2 * i + 1] - bounds[2 * i])
    }

    /// Field `i` as a string, untrimmed.
    func string(_ i: Int) -> String { String(decoding: self[i], as: UTF8.self) }

    /// Whether field `i`, trimmed of spaces and tabs as ``Swift/String/trimmedSpaces`` does, is `text`.
    func field(_ i: Int, is text: String) -> Bool {
        let bytes = self[i]
        guard let first = bytes.first, let last = bytes.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09 else {
            return string(i).trimmedSpaces == text
        }
        return text.utf8.elementsEqual(bytes)
    }

    /// Field `i` trimmed of spaces and tabs.
    func trimmed(_ i: Int) -> String { string(i).trimmedSpaces }

    /// Bytes from the first field's start to the last one's end (0 without fields).
    var byteCount: Int { bounds.isEmpty ? 0 : bounds[bounds.count - 1] - bounds[0] }
}

/// A delimited text file read into a header and records, parsed with CSV.swift.
///
/// Blank lines are skipped. Line numbers stay exact when quoted fields contain line breaks.
struct DelimitedTable: Sendable {
    /// Where the data records are: parsed already, or still in a text without quotes, which is
    /// split on the fly so that a large file is never held as millions of records.
    enum Body: Sendable {
        case parsed([DelimitedRecord])
        /// Bytes `offset..<end` of `text`, starting on line `line`.
        case unquoted(text: String, offset: Int, end: Int, line: Int, separator: UInt8)
    }

    /// The header fields, trimmed.
    let header: [String]
    /// The data records.
    let body: Body
    /// The separator used.
    let separator: Character
    /// Whether the separator was detected rather than declared.
    let separatorWasDetected: Bool

    /// Index of a header column (exact match), if present.
    func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Bytes of the records still to be split (0 when they are parsed already).
    var unsplitByteCount: Int {
        if case let .unquoted(_, offset, end, _, _) = body { return end - offset }
        return 0
    }

    /// Parses `text`. `declaredSeparator` wins; otherwise the separator is detected from the
    /// header line (`;` or tab when they occur there and commas do not).
    static func parse(_ text: String, file: String, declaredSeparator: Character?) -> Result<DelimitedTable, DatasetIssue> {
        let separator = declaredSeparator ?? detectSeparator(text)
        guard let scalar = separator.unicodeScalars.first else {
            return .failure(DatasetIssue(file: file, "the separator is empty"))
        }
        var counted = text
        let quotes = counted.withUTF8 { Self.count(of: UInt8(ascii: "\""), in: $0) }
        if quotes % 2 == 1, let issue = unterminatedQuote(text, file: file, separator: scalar) {
            return .failure(issue)
        }
        if quotes == 0, scalar.isASCII {
            let byte = UInt8(scalar.value)
            var header: DelimitedRecord?, offset = 0
            scanUnquoted(text, from: 0, to: text.utf8.count, line: 1, separator: byte) { line, fields, end in
                header = DelimitedRecord(line: line, fields: fields)
                offset = end
                return false
            }
            guard let header else {
                return .failure(DatasetIssue(file: file, line: 1, "the file is empty; a header line was expected"))
            }
            return .success(DelimitedTable(header: header.fields.map { $0.trimmingCharacters(in: .whitespaces) },
                                           body: .unquoted(text: text, offset: offset, end: text.utf8.count, line: header.line + 1, separator: byte),
                                           separator: separator, separatorWasDetected: declaredSeparator == nil && separator != ","))
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
        return .success(DelimitedTable(header: header, body: .parsed(Array(records.dropFirst())), separator: separator,
                                       separatorWasDetected: declaredSeparator == nil && separator != ","))
    }

    /// How many times `byte` occurs in `bytes` (by `memchr`, which skips the stretches without it fast).
    static func count(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard var next = bytes.baseAddress else { return 0 }
        let end = next + bytes.count
        var count = 0
        while next < end, let found = memchr(next, Int32(byte), end - next) {
            count += 1
            next = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    /// Calls `body` with each data record's line and fields, in file order.
    func forEachRecord(_ body: (_ line: Int, _ fields: [String]) -> Void) {
        switch self.body {
        case .parsed(let records):
            for record in records { body(record.line, record.fields) }
        case let .unquoted(text, offset, end, line, separator):
            Self.scanUnquoted(text, from: offset, to: end, line: line, separator: separator) { line, fields, _ in
                body(line, fields)
                return true
            }
        }
    }

    /// The table split into at most `count` tables of consecutive records (whole lines, each with
    /// its own first line number), to be read in parallel; a table already parsed, or smaller than
    /// `minimumBytes`, stays whole.
    func parts(_ count: Int, minimumBytes: Int = 1 << 22) -> [DelimitedTable] {
        guard case let .unquoted(text, offset, end, line, separator) = body, count > 1, end - offset >= minimumBytes else { return [self] }
        var scanned = text
        let bounds: [(start: Int, line: Int)] = scanned.withUTF8 { bytes in
            var bounds = [(start: offset, line: line)], lines = line, i = offset
            let body = UnsafeBufferPointer(rebasing: bytes[offset..<end])
            if Self.count(of: 13, in: body) == 0 {
                // Only line feeds end lines: each cut is found, and the lines before it counted, by memchr.
                for k in 1..<count {
                    let target = offset + (end - offset) * k / count
                    if target <= i { continue }   // the line before spans this share too
                    guard let feed = memchr(bytes.baseAddress! + target - 1, 10, end - target + 1) else { break }
                    let cut = bytes.baseAddress!.distance(to: feed.assumingMemoryBound(to: UInt8.self)) + 1
                    if cut >= end { break }
                    lines += Self.count(of: 10, in: UnsafeBufferPointer(rebasing: bytes[i..<cut]))
                    i = cut
                    bounds.append((i, lines))
                }
                return bounds
            }
            for k in 1..<count {
                // Cut after the first line feed past the k-th share, counting line breaks as the
                // scanner does (LF, CR LF, or a lone CR).
                let target = offset + (end - offset) * k / count
                while i < end, i < target || bytes[i - 1] != 10 {
                    if bytes[i] == 10 || (bytes[i] == 13 && (i + 1 == end || bytes[i + 1] != 10)) { lines += 1 }
                    i += 1
                }
                if i >= end { break }
                bounds.append((i, lines))
            }
            return bounds
        }
        return bounds.indices.map { k in
            let stop = k + 1 < bounds.count ? bounds[k + 1].start : end
            return DelimitedTable(header: header, body: .unquoted(text: text, offset: bounds[k].start, end: stop, line: bounds[k].line, separator: separator),
                                  separator: self.separator, separatorWasDetected: separatorWasDetected)
        }
    }

    /// The data records (for small files; large ones are better read with ``forEachRecord(_:)``).
    var records: [DelimitedRecord] {
        var records: [DelimitedRecord] = []
        forEachRecord { records.append(DelimitedRecord(line: $0, fields: $1)) }
        return records
    }

    /// Calls `body` with each data record's line and fields as bytes, in file order (no string
    /// is made of a field unless `body` asks for one).
    func forEachRawRecord(_ body: (_ line: Int, _ fields: RawFields) -> Void) {
        switch self.body {
        case .parsed(let records):
            for record in records {
                var bytes: [UInt8] = [], bounds: [Int] = []
                for field in record.fields { bounds.append(bytes.count); bytes.append(contentsOf: field.utf8); bounds.append(bytes.count) }
                bytes.withUnsafeBufferPointer { body(record.line, RawFields(base: $0.baseAddress ?? UnsafePointer(bitPattern: 1)!, bounds: bounds)) }
            }
        case let .unquoted(text, offset, end, line, separator):
            Self.scanUnquoted(text, from: offset, to: end, line: line, separator: separator) { line, fields, _ in
                body(line, fields)
                return true
            }
        }
    }

    /// Splits a text without any quote character, where every line break ends a record and every
    /// separator ends a field (the records CSV.swift gives, split directly on the bytes), from byte
    /// `offset` to `end` (line `line`). Blank lines are skipped. `body` gets the line, the fields
    /// and the offset after the record, and returns whether to go on.
    private static func scanUnquoted(_ text: String, from offset: Int, to end: Int, line: Int, separator: UInt8,
                                     _ body: (Int, [String], Int) -> Bool) {
        scanUnquoted(text, from: offset, to: end, line: line, separator: separator) { line, fields, next in
            body(line, (0..<fields.count).map(fields.string), next)
        }
    }

    private static func scanUnquoted(_ text: String, from offset: Int, to end: Int, line: Int, separator: UInt8,
                                     _ body: (Int, RawFields, Int) -> Bool) {
        var text = text
        text.withUTF8 { whole in
            let bytes = UnsafeBufferPointer(rebasing: whole[..<end])
            var fields = RawFields(base: whole.baseAddress ?? UnsafePointer(bitPattern: 1)!, bounds: [])
            fields.bounds.reserveCapacity(16)
            var line = line, fieldStart = offset, i = offset
            while i <= bytes.count {
                let byte: UInt8 = i < bytes.count ? bytes[i] : 10
                if byte == separator {
                    fields.bounds.append(fieldStart); fields.bounds.append(i)
                    fieldStart = i + 1
                } else if byte == 10 || byte == 13 {
                    let atEnd = i == bytes.count
                    if !(atEnd && fieldStart == i && fields.count == 0) { fields.bounds.append(fieldStart); fields.bounds.append(i) }
                    if byte == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { i += 1 }
                    let blank = fields.count == 0 || (fields.count == 1 && fields.string(0).trimmedSpaces.isEmpty)
                    if !blank, !body(line, fields, i + 1) { return }
                    fields.bounds.removeAll(keepingCapacity: true)
                    line += 1
                    fieldStart = i + 1
                }
                i += 1
            }
        }
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
