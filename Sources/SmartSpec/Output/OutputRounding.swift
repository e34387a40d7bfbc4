import Foundation

/// Rounding of numbers written to machine-readable outputs, so that they are byte-identical across
/// BLAS builds and thread counts (which differ in the last bits of a sum).
public enum OutputRounding {
    /// `value` rounded to 12 significant digits (values below 10⁻¹² in magnitude become 0).
    public static func significant(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return value }
        if abs(value) < 1e-12 { return 0 }
        let digits = 12 - Int((log10(abs(value))).rounded(.up))
        let scale = pow(10, Double(digits))
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
