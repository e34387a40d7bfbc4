import Foundation
import SmartSpec

/// Writing to standard output and standard error.
///
/// A failed write (a full disk, a closed pipe) is an error the command reports in one sentence
/// with exit status 1, never a trap: SIGPIPE is ignored, so a closed pipe shows up as `EPIPE`.
/// Nothing reaches a terminal with control characters in it: messages on standard error and
/// tables are always neutralised (``TerminalText``); CSV and JSON are neutralised when standard
/// output is a terminal and left as data when it is a file or a pipe.
enum Console {
    /// A write to standard output or standard error failed.
    struct WriteFailure: Error, CustomStringConvertible {
        var stream: String, reason: String
        var description: String { "Cannot write to \(stream): \(reason)." }
    }

    static let outputIsTerminal = isatty(STDOUT_FILENO) != 0

    /// Prints a table for people (neutralised).
    static func table(_ text: String) throws { try write(line(TerminalText.neutralised(text)), to: STDOUT_FILENO) }

    /// Prints machine-readable text (CSV, JSON): as it is, or neutralised on a terminal.
    static func data(_ text: String) throws {
        try write(line(outputIsTerminal ? TerminalText.neutralised(text) : text), to: STDOUT_FILENO)
    }

    /// Prints `text` in the chosen format's convention.
    static func print(_ text: String, as format: OutputFormat) throws {
        if format == .table { try table(text) } else { try data(text) }
    }

    /// Pretty, key-sorted JSON of a value, numbers rounded (the library's one JSON configuration).
    static func json<T: Encodable>(_ value: T) throws -> String { try JSONOutput.encode(value) }

    /// A message on standard error (neutralised; a failed write is ignored, as there is nowhere to report it).
    static func message(_ text: String) { try? write(line(TerminalText.neutralised(text)), to: STDERR_FILENO) }

    /// A warning on standard error.
    static func warn(_ text: String) { message("warning: \(text)") }

    static func write(_ text: String, to descriptor: Int32) throws {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteFailure(stream: descriptor == STDOUT_FILENO ? "standard output" : "standard error",
                                   reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    private static func line(_ text: String) -> String { text.hasSuffix("\n") ? text : text + "\n" }
}

/// Text made safe for a terminal: control characters (C0 but line feed, DEL, C1) and the Unicode
/// format characters that reorder or hide text (bidi embeddings, overrides and isolates, marks)
/// are shown as `\u{XX}` escapes, so no escape sequence, bell or reordering reaches the screen.
enum TerminalText {
    static func neutralised(_ text: String, keepTabs: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0, keepTabs: keepTabs) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar, keepTabs: keepTabs) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isUnsafe(_ s: Unicode.Scalar, keepTabs: Bool = true) -> Bool {
        switch s.value {
        case 0x0A: return false
        case 0x09: return !keepTabs
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

/// An aligned table for people: columns padded to their widest cell (in characters), numbers
/// right-aligned, cells neutralised so that a line break or tab in data cannot break the layout.
struct TextTable {
    var header: [String]
    var rows: [[String]]
    /// Lines before and after the table.
    var title: String? = nil, footer: String? = nil

    var text: String {
        let cells = ([header] + rows).map { $0.map { TerminalText.neutralised($0, keepTabs: false).replacingOccurrences(of: "\n", with: "\\n") } }
        let columns = header.count
        var widths = [Int](repeating: 0, count: columns)
        for row in cells { for (j, cell) in row.enumerated() where j < columns { widths[j] = max(widths[j], cell.count) } }
        let numeric = (0..<columns).map { j in rows.allSatisfy { j >= $0.count || $0[j].isEmpty || $0[j] == "–" || Double($0[j]) != nil } && !rows.isEmpty }
        var lines: [String] = []
        if let title { lines.append(title) }
        for (r, row) in cells.enumerated() {
            let padded = (0..<columns).map { j -> String in
                let cell = j < row.count ? row[j] : ""
                let fill = String(repeating: " ", count: widths[j] - cell.count)
                return numeric[j] && r > 0 ? fill + cell : cell + fill
            }
            lines.append(padded.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        }
        if let footer { lines.append(footer) }
        return lines.joined(separator: "\n")
    }
}

/// Numbers in outputs: ``OutputRounding`` is the one rule; these are the CLI's spellings of it.
enum OutputNumber {
    /// `value` rounded to 12 significant digits (JSON and CSV).
    static func rounded(_ value: Double) -> Double { OutputRounding.significant(value) }

    /// `value` rounded, as a CSV cell (empty when nil).
    static func cell(_ value: Double?) -> String { value.map { "\(OutputRounding.significant($0))" } ?? "" }

    /// A number as text for tables: `digits` decimals.
    static func text(_ value: Double?, _ digits: Int = 3) -> String { OutputRounding.text(value, decimals: digits) }
}
