/// Strict parsing of numbers as statistical tables write them.
///
/// Accepted: an optional sign, digits with one decimal mark, an optional exponent (`1.5`, `-0`,
/// `2.1e-3`, and `1,5` where decimal commas are allowed). Missing: an empty cell, `NA`, `N/A`,
/// `:` (Eurostat), `..` (OECD, Rosstat). Refused with a reason: `NaN`, `inf`, hexadecimal,
/// thousands separators, values beyond the range of a double (`1e400`).
enum NumberParser {
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
        parse(text, marks: DecimalMarks(decimalMarks))
    }

    /// The decimal marks accepted, as flags (cheaper than a set in a loop over millions of cells).
    public struct DecimalMarks: Sendable, Equatable {
        /// `.` is a decimal mark.
        public var point: Bool
        /// `,` is a decimal mark.
        public var comma: Bool

        /// Creates the flags from a set of marks.
        public init(_ marks: Set<Character>) {
            point = marks.contains(".")
            comma = marks.contains(",")
        }

        var set: Set<Character> { Set((point ? ["."] : []) + (comma ? [","] : [])) }
    }

    /// Parses `text` with the given decimal marks.
    public static func parse(_ text: String, marks: DecimalMarks) -> Outcome {
        if let value = fastValue(text, marks) { return .value(value) }
        let decimalMarks = marks.set
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
        guard value.isFinite else {
            let shown = trimmed.count > 24 ? "\(trimmed.prefix(12))…\(trimmed.suffix(6))' (\(trimmed.count) characters)" : "\(trimmed)'"
            return .invalid("'\(shown) is too large for a number (beyond ±1.8e308)")
        }
        return .value(value)
    }

    /// An untrimmed integer of 1 to 15 digits with an optional sign (exact in a double), read
    /// without strtod; nil for anything else.
    static func plainInteger<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Double? {
        var rest = bytes[...], negative = false
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        guard (1...15).contains(rest.count) else { return nil }
        var value: UInt64 = 0
        for byte in rest {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
        }
        return negative ? -Double(value) : Double(value)
    }

    /// Exact powers of ten, 10⁰ … 10²².
    private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    /// An untrimmed plain decimal number read straight from its bytes — an optional sign, digits,
    /// and optionally an accepted decimal mark followed by digits — when its digits, read as one
    /// integer `d`, are at most 2⁵³ and it has at most 22 decimals `f` (a comma only where it is
    /// the one accepted mark); nil otherwise (the
    /// caller then takes ``parse(_:marks:)``). Then `d` and `10^f` are exact doubles and one
    /// division rounds correctly, so the value is bit for bit the one `Double(text)` gives
    /// (Clinger's fast path). Complexity: O(bytes), no allocation.
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>, marks: DecimalMarks) -> Double? {
        var i = 0, negative = false
        let count = bytes.count
        if count > 0, bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        var digits: UInt64 = 0, integerDigits = 0, decimals = 0
        while i < count, bytes[i] &- UInt8(ascii: "0") < 10 {
            guard digits < 100_000_000_000_000_000 else { return nil }
            digits = digits &* 10 &+ UInt64(bytes[i] &- UInt8(ascii: "0"))
            integerDigits += 1
            i += 1
        }
        guard integerDigits > 0 else { return nil }
        if i < count {
            let mark = bytes[i]
            // A comma where both marks are accepted takes the full path, which notes it.
            guard (mark == UInt8(ascii: ".") && marks.point) || (mark == UInt8(ascii: ",") && marks.comma && !marks.point) else { return nil }
            i += 1
            while i < count, bytes[i] &- UInt8(ascii: "0") < 10 {
                guard digits < 100_000_000_000_000_000 else { return nil }
                digits = digits &* 10 &+ UInt64(bytes[i] &- UInt8(ascii: "0"))
                decimals += 1
                i += 1
            }
            guard decimals > 0, i == count else { return nil }
        }
        guard digits <= 1 << 53, decimals <= 22 else { return nil }
        let value = Double(digits) / powersOfTen[decimals]
        return negative ? -value : value
    }

    /// The common case without allocation: an untrimmed plain decimal number. Returns nil for
    /// anything else, which then takes the full path (with its messages).
    private static func fastValue(_ text: String, _ marks: DecimalMarks) -> Double? {
        if let integer = plainInteger(text.utf8) { return integer }
        var digits = 0, exponentDigits = 0
        var sawMark = false, sawExponent = false, commaAt: Int? = nil
        var index = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte; index += 1 }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawExponent { exponentDigits += 1 } else { digits += 1 }
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard index == 0 || previous | 0x20 == UInt8(ascii: "e") else { return nil }
            case UInt8(ascii: "."):
                guard marks.point, !sawMark, !sawExponent else { return nil }
                sawMark = true
            case UInt8(ascii: ","):
                guard marks.comma, !sawMark, !sawExponent else { return nil }
                sawMark = true
                commaAt = index
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard digits > 0, !sawExponent else { return nil }
                sawExponent = true
            default:
                return nil
            }
        }
        guard digits > 0, !sawExponent || exponentDigits > 0 else { return nil }
        let value: Double?
        if let commaAt {
            var bytes = Array(text.utf8)
            bytes[commaAt] = UInt8(ascii: ".")
            value = Double(String(decoding: bytes, as: UTF8.self))
        } else {
            value = Double(text)
        }
        guard let value, value.isFinite else { return nil }
        return value
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
