import Foundation

/// A table in Eurostat's bulk TSV format.
///
/// The first header cell lists the key dimensions, comma-separated, the last one followed by
/// `\time` or `\TIME_PERIOD` (e.g. `unit,geo\time`); the other header cells are periods. Each row
/// starts with the comma-separated key, then one cell per period: a number with optional flags
/// (`12.3 p`), or `:` for missing (possibly flagged, `: c` = confidential).
public struct EurostatTable: Sendable {
    /// One observation: a value (nil when missing) and its flags.
    public struct Observation: Sendable, Equatable {
        /// The number, or nil for `:`.
        public var value: Double?
        /// Eurostat's flags (`p` provisional, `e` estimated, `b` break, `c` confidential, ...).
        public var flags: String
    }

    /// One row: the key and an observation per period.
    public struct Row: Sendable {
        /// Values of the key dimensions, in ``EurostatTable/dimensions`` order.
        public var key: [String]
        /// 1-based line in the file.
        public var line: Int
        /// Observations in ``EurostatTable/periods`` order.
        public var observations: [Observation]
    }

    /// Names of the key dimensions (e.g. `unit`, `geo`).
    public let dimensions: [String]
    /// Period labels of the columns (e.g. `2014`).
    public let periods: [String]
    /// The rows.
    public let rows: [Row]

    /// Parses the file at `url` (plain or gzip).
    public static func read(_ url: URL) throws -> EurostatTable {
        let name = url.lastPathComponent
        let data = try CompressedFile.read(url)
        switch TextFile.decode(data, displayName: name) {
        case .failure(let issue): throw issue
        case .success(let text): return try parse(text, file: name)
        }
    }

    /// Parses TSV text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> EurostatTable {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { throw DatasetIssue(file: file, line: 1, "the file is empty") }
        let header = headerLine.components(separatedBy: "\t")
        guard header.count >= 2, let slash = header[0].lastIndex(of: "\\") else {
            throw DatasetIssue(file: file, line: 1, column: 1,
                "this is not a Eurostat bulk TSV file: the first header cell should look like 'unit,geo\\time'")
        }
        let dimensions = header[0][..<slash].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let periods = header.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [Row] = []
        var problems: [DatasetIssue] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.components(separatedBy: "\t")
            let key = cells[0].split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard key.count == dimensions.count, cells.count == header.count else {
                problems.append(DatasetIssue(file: file, line: index + 1,
                    "the line has \(key.count) key values and \(cells.count - 1) periods; the header has \(dimensions.count) and \(periods.count)"))
                continue
            }
            var observations: [Observation] = []
            for (column, cell) in cells.enumerated().dropFirst() {
                switch observation(cell) {
                case .success(let o): observations.append(o)
                case .failure(let reason):
                    problems.append(DatasetIssue(file: file, line: index + 1, column: column + 1, field: periods[column - 1], reason.message))
                    observations.append(Observation(value: nil, flags: ""))
                }
            }
            rows.append(Row(key: key, line: index + 1, observations: observations))
        }
        if !problems.isEmpty { throw DatasetValidationError(source: file, issues: problems) }
        return EurostatTable(dimensions: dimensions, periods: periods, rows: rows)
    }

    private struct CellProblem: Error { let message: String }

    private static func observation(_ cell: String) -> Result<Observation, CellProblem> {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(":") {
            return .success(Observation(value: nil, flags: trimmed.dropFirst().trimmingCharacters(in: .whitespaces)))
        }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let number = parts.first else { return .success(Observation(value: nil, flags: "")) }
        let flags = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        guard flags.allSatisfy({ $0.isLetter }) else {
            return .failure(CellProblem(message: "'\(trimmed)' is not a number with Eurostat flags"))
        }
        switch NumberParser.parse(number) {
        case .value(let v): return .success(Observation(value: v, flags: flags))
        case .missing: return .success(Observation(value: nil, flags: flags))
        case .invalid(let reason): return .failure(CellProblem(message: reason))
        }
    }
}
