import Foundation

/// The one rounding rule of SmartSpec's machine-readable outputs (JSON and CSV numbers), so that
/// they are byte-identical across BLAS builds and thread counts (which differ in the last bits of
/// a sum). Tables for people format numbers to fixed decimals instead; see ``OutputRounding/text(_:decimals:)``.
public enum OutputRounding {
    /// `value` rounded to 12 significant digits (values below 10⁻¹² in magnitude become 0;
    /// NaN and infinities are returned as they are).
    public static func significant(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return value }
        if abs(value) < 1e-12 { return 0 }
        let digits = 12 - Int((log10(abs(value))).rounded(.up))
        let scale = (-330...330).contains(digits) ? powersOfTen[digits + 330] : pow(10, Double(digits))
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }

    /// 10^k for k in −330…330, as `pow` computes them (the same bits, looked up instead of recomputed).
    private static let powersOfTen: [Double] = (-330...330).map { pow(10, Double($0)) }

    /// `value` rounded by ``significant(_:)``, as CSV and JSON write it (`0.25`, `3`, `1e-05`).
    public static func csvText(_ value: Double) -> String {
        let r = significant(value)
        return r == r.rounded() && abs(r) < 1e15 ? String(Int64(r)) : String(r)
    }

    /// `value` with `decimals` fixed decimals for a table read by people; `–` when nil.
    public static func text(_ value: Double?, decimals: Int = 3) -> String {
        guard let value else { return "–" }
        return String(format: "%.\(decimals)f", value)
    }
}

/// The one JSON configuration of SmartSpec's outputs: pretty-printed, keys sorted, slashes not
/// escaped, and every fractional number rounded by ``OutputRounding/significant(_:)``.
package enum JSONOutput {
    /// `value` as JSON text (no trailing line break).
    package static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return roundedNumbers(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Rounds every fractional number of a JSON text; strings and integers are left as they are.
    /// - Complexity: O(n) in the length of the text.
    package static func roundedNumbers(_ json: String) -> String {
        var out = [UInt8](), token = [UInt8]()
        out.reserveCapacity(json.utf8.count)
        var inString = false, escaped = false
        func flush() {
            guard !token.isEmpty else { return }
            if token.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
               let value = Double(String(decoding: token, as: UTF8.self)) {
                out.append(contentsOf: OutputRounding.csvText(value).utf8)
            } else {
                out.append(contentsOf: token)
            }
            token.removeAll(keepingCapacity: true)
        }
        for byte in json.utf8 {
            if inString {
                out.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                token.append(byte)
            default:
                flush()
                if byte == UInt8(ascii: "\"") { inString = true }
                out.append(byte)
            }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }
}
