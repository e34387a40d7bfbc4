/// Small descriptive statistics with stated definitions.
public enum Statistics {
    /// The Wilson score interval of a binomial proportion (Wilson 1927) at 95 % (z = 1.959963984540054):
    /// centre `(p + z²/2n) / (1 + z²/n)`, half-width `z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²)`.
    /// - Precondition: `0 ≤ successes ≤ trials`, `trials ≥ 1`.
    public static func wilsonInterval(successes: Int, trials: Int, z: Double = 1.959963984540054) -> ClosedRange<Double> {
        precondition(trials >= 1 && (0...trials).contains(successes), "the Wilson interval needs 0 ≤ successes ≤ trials, trials ≥ 1")
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return max(0, centre - half)...min(1, centre + half)
    }

    /// Hyndman & Fan (1996) quantile definitions offered.
    public enum QuantileType: Int, Sendable, CaseIterable {
        /// Type 6 (Minitab, SPSS): `h = (n + 1)p − 1` (0-based), clamped to the sample.
        case six = 6
        /// Type 7 (R's default, numpy's `linear`, Excel's QUARTILE.INC): `h = (n − 1)p`.
        case seven = 7
    }

    /// The `p`-quantile (0 ≤ p ≤ 1) of `values`, by default Hyndman & Fan's type 7: linear
    /// interpolation between the order statistics around position `h` (0-based).
    public static func quantile(_ values: [Double], _ p: Double, type: QuantileType = .seven) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let n = Double(sorted.count)
        let h = type == .seven ? (n - 1) * p : min(max((n + 1) * p - 1, 0), n - 1)
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Arithmetic mean.
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Sample standard deviation (n − 1).
    public static func standardDeviation(_ values: [Double]) -> Double? {
        values.count >= 2 ? moments(values, ddof: 1).sd : nil
    }

    /// Mean and standard deviation with `ddof` delta degrees of freedom (0: population, 1: sample);
    /// the deviation is 0 when there are no more than `ddof` values.
    static func moments(_ x: [Double], ddof: Int) -> (mean: Double, sd: Double) {
        let mean = x.reduce(0, +) / Double(x.count)
        guard x.count > ddof else { return (mean, 0) }
        return (mean, (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - ddof)).squareRoot())
    }

    /// `(x − mean) / sd`, or all zeros when `sd` is 0.
    static func scaled(_ x: [Double], mean: Double, sd: Double) -> [Double] {
        sd > 0 ? x.map { ($0 - mean) / sd } : x.map { _ in 0 }
    }

    /// Pearson correlation (0 when either side has no variation).
    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let (mx, sx) = moments(x, ddof: 0), (my, sy) = moments(y, ddof: 0)
        guard sx > 0, sy > 0 else { return 0 }
        return zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / (Double(x.count) * sx * sy)
    }

    /// The mid-rank percentile of every value among all of them, as a fraction:
    /// (number below + ½ · number equal) / count — ``percentile(of:among:)`` / 100 for each value,
    /// by one sort.
    /// - Complexity: O(n log n).
    static func midRankPercentiles(_ values: [Double]) -> [Double] {
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: n), i = 0
        while i < n {
            var j = i
            while j < n, values[order[j]] == values[order[i]] { j += 1 }
            let percentile = (Double(i) + Double(j - i) / 2) / Double(n)
            for k in i..<j { result[order[k]] = percentile }
            i = j
        }
        return result
    }

    /// Mid-rank percentile of `value` among `values`: 100 · (number below + ½ · number equal) / count.
    public static func percentile(of value: Double, among values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let below = values.filter { $0 < value }.count, equal = values.filter { $0 == value }.count
        return 100 * (Double(below) + 0.5 * Double(equal)) / Double(values.count)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs; free when there are none.
    var trimmedSpaces: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard blank(first) || blank(last) else { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
