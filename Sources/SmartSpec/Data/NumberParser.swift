/// Strict parsing of numbers as statistical tables write them.
///
/// Accepted: an optional sign, digits with one decimal mark, an optional exponent (`1.5`, `-0`,
/// `2.1e-3`, and `1,5` where decimal commas are allowed). Missing: an empty cell, `NA`, `N/A`,
/// `:` (Eurostat), `..` (OECD, Rosstat). Refused with a reason: `NaN`, `inf`, hexadecimal,
/// thousands separators, values beyond the range of a double (`1e400`).
public enum NumberParser {
    /// The result of parsing one cell.
    public enum Outcome: Equatable, Sendable {
        /// A finite number.
        case value(Double)
        /// The cell is empty or a missing-value marker.
        case missing
        /// Not a number; the text says why.
        case invalid(String)
    }

    /// The tokens read as "missing".
    public static let missingMarkers: Set<String> = ["", "NA", "N/A", "na", "n/a", ":", ".."]

    /// Parses `text`.
    /// - Parameter decimalMarks: the decimal marks accepted (`["."]`, `[","]` or both).
    public static func parse(_ text: String, decimalMarks: Set<Character> = ["."]) -> Outcome {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if missingMarkers.contains(trimmed) { return .missing }
        let lower = trimmed.lowercased()
        if ["nan", "+nan", "-nan"].contains(lower) {
            return .invalid("'\(trimmed)' is not a value; leave the cell empty or write NA for a missing value")
        }
        if lower.hasPrefix("inf") || lower.hasPrefix("+inf") || lower.hasPrefix("-inf") {
            return .invalid("'\(trimmed)' is infinite; only finite numbers are allowed")
        }
        guard let normalised = normalise(trimmed, decimalMarks: decimalMarks) else {
            return .invalid(explain(trimmed, decimalMarks: decimalMarks))
        }
        guard let value = Double(normalised) else { return .invalid("'\(trimmed)' is not a number") }
        guard value.isFinite else { return .invalid("'\(trimmed)' is too large for a number (beyond ±1.8e308)") }
        return .value(value)
    }

    /// Which decimal mark a well-formed number uses, if any.
    static func decimalMark(in text: String) -> Character? {
        text.first { $0 == "." || $0 == "," }
    }

    private static func normalise(_ text: String, decimalMarks: Set<Character>) -> String? {
        var result = ""
        var sawDigit = false, sawMark = false, sawExponent = false, exponentDigits = false
        var previous: Character? = nil
        for character in text {
            switch character {
            case "0"..."9":
                if sawExponent { exponentDigits = true } else { sawDigit = true }
                result.append(character)
            case "+", "-":
                guard previous == nil || previous == "e" || previous == "E" else { return nil }
                result.append(character)
            case "e", "E":
                guard sawDigit, !sawExponent else { return nil }
                sawExponent = true
                result.append("e")
            case _ where decimalMarks.contains(character):
                guard !sawMark, !sawExponent else { return nil }
                sawMark = true
                result.append(".")
            default:
                return nil
            }
            previous = character
        }
        guard sawDigit, !sawExponent || exponentDigits else { return nil }
        return result
    }

    private static func explain(_ text: String, decimalMarks: Set<Character>) -> String {
        if text.contains(","), !decimalMarks.contains(",") {
            return "'\(text)' is not a number; if the file uses decimal commas, separate fields with ';' and declare `csv: {separator: \";\", decimal: \",\"}` in dataset.yaml"
        }
        if text.contains(" ") || text.contains("\u{00A0}") || text.filter({ $0 == "." || $0 == "," }).count > 1 {
            return "'\(text)' is not a number; write it without thousands separators"
        }
        if text.lowercased().hasPrefix("0x") || text.lowercased().hasPrefix("-0x") {
            return "'\(text)' is hexadecimal; write a decimal number"
        }
        return "'\(text)' is not a number"
    }
}
