import Foundation

/// A regional table of Rosstat read from a worksheet: a title, a header row of years (cells such
/// as `2022`, `2024 1)` or `20223)` — a year followed by footnote marks), optional rows of
/// breakdowns under the years (OKVED2 sections, categories), then one row per territory: the
/// federation, federal districts, subjects and parts of subjects, named in Russian.
///
/// A year cell covers the columns to its right that carry a breakdown label and no year of their
/// own (merged header cells). Values are numbers, or text: `…`/`...` (confidential) and `-` (no
/// data) become missing with a note; other text that is not a number is an error.
public struct RosstatTable: Sendable {
    /// A column of values: its year and its breakdown (the labels under the year, joined by " / ").
    public struct Column: Sendable, Equatable {
        public var index: Int, year: Int, breakdown: String
    }

    /// A row of the table: its 1-based row number in the sheet, the territory's name as written,
    /// and what the registry says it is.
    public struct Row: Sendable {
        public var line: Int, name: String, kind: RussianRegionRow?
    }

    /// The sheet's name and the table's title (the first text above the header).
    public let sheet: String, title: String
    /// The value columns, left to right.
    public let columns: [Column]
    /// The territory rows, top to bottom.
    public let rows: [Row]
    let grid: WorkbookSheet, file: String

    /// Reads the table of `sheet`.
    /// - Throws: ``RosstatError/noYearHeader(file:sheet:)`` when no row of years is found.
    public init(_ sheet: WorkbookSheet, file: String) throws {
        grid = sheet
        self.file = file
        self.sheet = sheet.name
        let scan = min(sheet.rows.count, 30)
        guard let yearRow = (0..<scan).first(where: { r in (1..<max(1, sheet.rows[r].count)).contains { Self.year(sheet[r, $0]) != nil } }) else {
            throw RosstatError.noYearHeader(file: file, sheet: sheet.name)
        }
        title = (0..<yearRow).compactMap { r in sheet.rows[r].compactMap(\.text).first { $0.count > 12 } }.first?
            .split(separator: "\n").joined(separator: " ") ?? ""
        // The first territory row: the first row below the header whose first cell is text and
        // that has a value in some column.
        // (The header is looked for in the 30 rows below the years: a sheet of empty rows cannot
        // make the column scan quadratic.)
        let firstData = (yearRow + 1..<min(sheet.rows.count, yearRow + 31)).first { r in
            sheet[r, 0].text.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == true
                && (1..<max(1, sheet.rows[r].count)).contains { sheet[r, $0] != .empty }
        } ?? min(sheet.rows.count, yearRow + 31)
        let width = min(sheet.rows.map(\.count).max() ?? 0, 16_384)
        // Labels above the years (blocks such as "Всего" over a run of years; a merged cell holds
        // its text in its first column, so a label holds until the next one) and below them
        // (breakdowns of one year). Units in parentheses are not labels.
        let clean = { (cell: WorkbookCell) -> String? in
            guard let t = cell.text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty,
                  !(t.hasPrefix("(") && t.hasSuffix(")")) else { return nil }
            return t.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        let titleRow = (0..<yearRow).last { r in sheet[r, 0].text.map { $0.count > 12 } == true } ?? -1
        var above = Array(repeating: [String](), count: max(1, width))
        for r in (titleRow + 1)..<yearRow {
            var current: String? = nil
            for c in 1..<max(1, width) {
                if let label = clean(sheet[r, c]) { current = label }
                if let current { above[c].append(current) }
            }
        }
        var columns: [Column] = []
        var current: Int? = nil
        for c in 1..<max(1, width) {
            let below = (yearRow + 1..<firstData).compactMap { clean(sheet[$0, c]) }
            if let y = Self.year(sheet[yearRow, c]) {
                current = y
            } else if below.isEmpty {
                current = nil
            }
            guard let year = current else { continue }
            columns.append(Column(index: c, year: year, breakdown: (above[c] + below).joined(separator: " / ")))
        }
        self.columns = columns
        let valueColumns = columns.map(\.index)
        rows = (firstData..<sheet.rows.count).compactMap { r in
            guard let name = sheet[r, 0].text?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty,
                  !Self.isFootnote(name) else { return nil }
            // A heading inside the table ("в том числе:", "из них по видам …") carries no value.
            if valueColumns.allSatisfy({ sheet[r, $0] == .empty }), RussianRegions.classify(name) == nil { return nil }
            return Row(line: r + 1, name: name, kind: RussianRegions.classify(name))
        }
    }

    /// The year of a header cell: a number from 1990 to 2100, or text that starts with one and
    /// continues only with footnote marks (`2024 1)`, `20223)`, `2017*`).
    static func year(_ cell: WorkbookCell) -> Int? {
        switch cell {
        case .number(let x): return x == x.rounded() && (1990...2100).contains(x) ? Int(x) : nil
        case .text(let s):
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            guard t.count >= 4, let y = Int(t.prefix(4)), (1990...2100).contains(y) else { return nil }
            let rest = t.dropFirst(4).replacingOccurrences(of: #"(\s|\d+\)|\*|,)"#, with: "", options: .regularExpression)
            return rest.isEmpty ? y : nil
        case .empty: return nil
        }
    }

    /// A note under the table: `1) …`, `*) …`, `Примечание`.
    static func isFootnote(_ text: String) -> Bool {
        text.range(of: #"^(\d+\)|\*|примечани|источник)"#, options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// The value of `row` in `column`: a number, or nil for an empty, confidential (`…`) or dash
    /// cell (`note` then names the reason).
    /// - Throws: ``RosstatError/badValue(file:sheet:row:column:text:)`` for other text.
    public func value(_ row: Row, _ column: Column) throws -> (value: Double?, note: String?) {
        switch grid[row.line - 1, column.index] {
        case .empty: return (nil, nil)
        case .number(let x): return (x.isFinite ? x : nil, nil)
        case .text(let s):
            var t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { return (nil, nil) }
            if ["…", "...", "..", "х", "x", "к"].contains(t) || t.hasPrefix("…") || t.hasPrefix("...") { return (nil, "confidential") }
            if ["-", "–", "—", "0)"].contains(t) { return (nil, "no data") }
            t = t.replacingOccurrences(of: #"\s*\d+\)$"#, with: "", options: .regularExpression)
            t = t.replacingOccurrences(of: "\u{A0}", with: "").replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: ".")
            if let x = Double(t), x.isFinite { return (x, nil) }
            throw RosstatError.badValue(file: file, sheet: sheet, row: row.line, column: column.index + 1, text: s)
        }
    }
}

/// Why a Rosstat table cannot be imported; each case prints a sentence naming the place.
public enum RosstatError: Error, Sendable, Equatable, CustomStringConvertible {
    case noYearHeader(file: String, sheet: String)
    case unknownYear(file: String, sheet: String, year: Int, available: [Int])
    case unknownColumn(file: String, sheet: String, year: Int, text: String, available: [String])
    case ambiguousColumn(file: String, sheet: String, year: Int, available: [String])
    case unknownRegion(file: String, sheet: String, row: Int, name: String)
    case badValue(file: String, sheet: String, row: Int, column: Int, text: String)
    case unknownSection(file: String, sheet: String, label: String)
    case noValues(file: String, sheet: String, year: Int)

    public var description: String {
        switch self {
        case let .noYearHeader(file, sheet): return "\(file), sheet '\(sheet)': no header row of years was found."
        case let .unknownYear(file, sheet, year, available):
            return "\(file), sheet '\(sheet)': the header has no year \(year); it has \(available.map(String.init).joined(separator: ", "))."
        case let .unknownColumn(file, sheet, year, text, available):
            return "\(file), sheet '\(sheet)': no column under \(year) matches '\(text)'; the columns are \(available.map { "'\($0)'" }.joined(separator: ", "))."
        case let .ambiguousColumn(file, sheet, year, available):
            return "\(file), sheet '\(sheet)': \(year) has several columns (\(available.map { "'\($0)'" }.joined(separator: ", "))); choose one with --column or take them all with --activities."
        case let .unknownRegion(file, sheet, row, name):
            return "\(file), sheet '\(sheet)', row \(row): '\(name)' is not a subject of the Russian Federation known to the registry (nor the federation or a federal district)."
        case let .badValue(file, sheet, row, column, text):
            return "\(file), sheet '\(sheet)', row \(row), column \(column): '\(text)' is not a number."
        case let .unknownSection(file, sheet, label):
            return "\(file), sheet '\(sheet)': the column '\(label)' is not an OKVED2 section."
        case let .noValues(file, sheet, year): return "\(file), sheet '\(sheet)': no subject has a value for \(year)."
        }
    }
}
