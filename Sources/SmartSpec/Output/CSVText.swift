/// Renders rows as CSV text (RFC 4180 quoting, `\n` line ends).
///
/// Written here rather than with CSV.swift's writer, which goes through Foundation string
/// searches for every field: for the 2 million rows of `similar --all` on 100,000 regions it took
/// most of the run. The rule is the standard one: a field is quoted when it contains the
/// separator, a double quote, a line break, or leading or trailing spaces; quotes are doubled.
public enum CSVText {
    /// The rows as CSV text. With `guardFormulas`, a cell that a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return, and not a plain number)
    /// is prefixed with an apostrophe.
    public static func render(_ rows: [[String]], separator: Character = ",", guardFormulas: Bool = false) -> String {
        var text = ""
        text.reserveCapacity(rows.count * 32)
        let separatorByte = separator.asciiValue ?? UInt8(ascii: ",")
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { text.append(separator) }
                append(guardFormulas ? neutralised(cell) : cell, to: &text, separator: separatorByte)
            }
            text.append("\n")
        }
        return text
    }

    private static func append(_ cell: String, to text: inout String, separator: UInt8) {
        let utf8 = cell.utf8
        let needsQuotes = utf8.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || utf8.first == 0x20 || utf8.last == 0x20
        guard needsQuotes else {
            text.append(cell)
            return
        }
        text.append("\"")
        text.append(utf8.contains(UInt8(ascii: "\"")) ? cell.replacingOccurrences(of: "\"", with: "\"\"") : cell)
        text.append("\"")
    }

    /// A cell made safe against spreadsheet formula injection.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        if case .value = NumberParser.parse(cell) { return cell }
        return "'" + cell
    }
}

import Foundation
