/// The cells and errors of the workbook reader process, printed for SmartSpec to read back.
enum WorkbookCell: Equatable {
    case empty
    case number(Double)
    case text(String)
}

struct WorkbookSheet {
    var name: String
    var rows: [[WorkbookCell]]
}

/// What the reader reports when it cannot read a workbook: a kind SmartSpec turns into a sentence.
enum WorkbookError: Error {
    case notAWorkbook(file: String)
    case encrypted(file: String)
    case damaged(file: String, detail: String)
    case tooLarge(file: String, limit: Int)

    /// `E <kind> TAB <detail>`, the line SmartSpec reads.
    var line: String {
        switch self {
        case .notAWorkbook: return "E notAWorkbook\t"
        case .encrypted: return "E encrypted\t"
        case let .damaged(_, detail): return "E damaged\t\(Cells.escaped(detail))"
        case let .tooLarge(_, limit): return "E tooLarge\t\(limit)"
        }
    }
}

enum Limits {
    /// The most cells one sheet may have.
    static let mostCells = 20_000_000
}

enum Cells {
    /// A column index (0-based) from a cell reference such as `AB12`.
    static func column(ofReference reference: String) -> Int? {
        var value = 0, letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            value = value * 26 + Int(scalar.value - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : value - 1
    }

    /// Text with `\`, tab, line feed and carriage return escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(ch)
            }
        }
        return out
    }
}
