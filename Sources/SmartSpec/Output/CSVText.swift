import CSV
import Foundation

/// Renders rows as CSV text with CSV.swift's writer (RFC 4180 quoting, `\n` line ends).
public enum CSVText {
    /// The rows as CSV text. With `guardFormulas`, a cell that a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return, and not a plain number)
    /// is prefixed with an apostrophe.
    public static func render(_ rows: [[String]], separator: Character = ",", guardFormulas: Bool = false) -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        guard let writer = try? CSVWriter(stream: stream, delimiter: String(separator), newline: .lf) else { return "" }
        for row in rows {
            let cells = guardFormulas ? row.map(neutralised) : row
            try? writer.write(row: cells)
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }

    /// A cell made safe against spreadsheet formula injection.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        if case .value = NumberParser.parse(cell) { return cell }
        return "'" + cell
    }
}
