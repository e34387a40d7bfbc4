import SmartSpec

/// The languages sheets are written in.
public enum SheetLanguage: String, Sendable, CaseIterable, Codable {
    /// English.
    case en
    /// Russian.
    case ru

    /// The text of `name` in this language: Russian when given, else the English name.
    func pick(_ name: LocalizedName) -> String { self == .ru ? (name.ru ?? name.en) : name.en }

    /// The phrase for `key`, with `{name}` placeholders filled from `values`. A key missing from
    /// this language falls back to English, then to `fallback` (or the key itself): a missing
    /// vocabulary entry shows up on the sheet, it never stops the program.
    func text(_ key: String, _ values: [String: String] = [:], fallback: String? = nil) -> String {
        let template = Vocabulary.phrases[self]?[key] ?? Vocabulary.phrases[.en]?[key] ?? fallback ?? key
        return values.reduce(template) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    // MARK: Numbers

    /// Decimal mark, group separator and minus sign: `1,234.5` and `-` in English; `1 234,5`
    /// (no-break space) and `−` in Russian, as GOST 8.417 and Russian typesetting write them.
    var decimalMark: String { self == .ru ? "," : "." }
    var groupSeparator: String { self == .ru ? "\u{00A0}" : "," }
    var minus: String { self == .ru ? "\u{2212}" : "-" }

    /// `value` with `decimals` decimals and digit groups of three (rounded half away from zero).
    func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
        let rounded = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let integer = rounded / scale
        var whole = String(format: "%.0f", integer.rounded(.towardZero))
        var grouped = ""
        while whole.count > 3 {
            grouped = groupSeparator + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        var text = grouped
        if decimals > 0 {
            let fraction = Int(rounded.truncatingRemainder(dividingBy: scale))
            let digits = String(fraction)
            text += decimalMark + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return rounded == 0 ? text : (value < 0 ? minus : "") + text
    }

    /// A value of an indicator or activity: 0 decimals from 100, 1 from 10, else 2.
    func amount(_ value: Double?) -> String {
        guard let value else { return "–" }
        let size = abs(value)
        return number(value, decimals: size >= 100 ? 0 : size >= 10 ? 1 : 2)
    }

    /// A share 0–1 as a percentage: `12.5%`, `12,5 %`.
    func percent(_ share: Double, decimals: Int = 1) -> String {
        number(share * 100, decimals: decimals) + (self == .ru ? "\u{00A0}%" : "%")
    }

    /// A signed value with an explicit plus (`+0.25`).
    func signed(_ value: Double, decimals: Int) -> String {
        let text = number(value, decimals: decimals)
        return value > 0 && text != number(0, decimals: decimals) ? "+" + text : text
    }
}
