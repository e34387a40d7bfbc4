/// Renders rows as CSV text (RFC 4180 quoting, `\n` line ends).
///
/// Written here rather than with CSV.swift's writer, which goes through Foundation string
/// searches for every field: for the 2 million rows of `similar --all` on 100,000 regions it took
/// most of the run. The rule is the standard one: a field is quoted when it contains the
/// separator, a double quote, a line break, or leading or trailing spaces; quotes are doubled.
package enum CSVText {
    /// The rows as CSV text. With `guardFormulas`, a cell that a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return, and not a plain number)
    /// is prefixed with an apostrophe.
    public static func render(_ rows: [[String]], separator: Character = ",", guardFormulas: Bool = false) -> String {
        // Bytes first, one String at the end: appending to a String checks every piece again.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 32)
        let separatorByte = separator.asciiValue ?? UInt8(ascii: ",")
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { bytes.append(separatorByte) }
                append(guardFormulas ? neutralised(cell) : cell, to: &bytes, separator: separatorByte)
            }
            bytes.append(10)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The rows of `groups` groups (say, the neighbours of each region) as CSV text, after an
    /// optional `header`, in group order. Runs of groups are rendered on all cores.
    public static func render(header: [String]? = nil, groups: Int, separator: Character = ",", guardFormulas: Bool = false,
                              _ rows: @Sendable (Int) -> [[String]]) -> String {
        let run = max(1, (groups + 255) / 256)
        let pieces = ParallelTasks.map((groups + run - 1) / run) { piece in
            render(((piece * run)..<min(groups, (piece + 1) * run)).flatMap(rows), separator: separator, guardFormulas: guardFormulas)
        }
        let head = header.map { render([$0], separator: separator, guardFormulas: guardFormulas) } ?? ""
        var text = head
        text.reserveCapacity(pieces.reduce(head.utf8.count) { $0 + $1.utf8.count })
        for piece in pieces { text += piece }
        return text
    }

    /// One cell as ``render(_:separator:guardFormulas:)`` writes it (quoted and neutralised as
    /// needed), for a renderer that writes the same cells many times.
    public static func cell(_ cell: String, separator: Character = ",", guardFormulas: Bool = false) -> [UInt8] {
        var bytes: [UInt8] = []
        append(guardFormulas ? neutralised(cell) : cell, to: &bytes, separator: separator.asciiValue ?? UInt8(ascii: ","))
        return bytes
    }

    private static func append(_ cell: String, to bytes: inout [UInt8], separator: UInt8) {
        let utf8 = cell.utf8
        let needsQuotes = utf8.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || utf8.first == 0x20 || utf8.last == 0x20
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A cell made safe against spreadsheet formula injection.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        if case .value = NumberParser.parse(cell) { return cell }
        return "'" + cell
    }
}

import Foundation
