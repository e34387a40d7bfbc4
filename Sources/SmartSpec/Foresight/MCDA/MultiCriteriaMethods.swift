import Foundation

/// TOPSIS (Hwang & Yoon 1981) with the normalisation conventions of pymcdm: each column is
/// normalised with the cost columns reversed, weighted, and compared with the column maxima
/// (positive ideal) and minima (negative ideal).
public enum TOPSIS {
    /// How columns are normalised.
    public enum Normalisation: String, Sendable, CaseIterable {
        /// `x / ‖x‖` (benefit) or `1 − x / ‖x‖` (cost): the default.
        case vector
        /// `(x − min)/(max − min)` (benefit) or `(max − x)/(max − min)` (cost); a constant column is all 1.
        case minmax
    }

    /// Closeness coefficient of every alternative (0–1, higher is better).
    public static func closeness(_ matrix: DecisionMatrix, normalisation: Normalisation = .vector) -> [Double] {
        let columns = (0..<matrix.criteria).map { j in
            normalise(matrix.column(j), cost: matrix.types[j] == .cost, normalisation).map { $0 * matrix.weights[j] }
        }
        let best = columns.map { $0.max()! }, worst = columns.map { $0.min()! }
        return (0..<matrix.alternatives).map { i in
            var plus = 0.0, minus = 0.0
            for j in 0..<matrix.criteria {
                plus += (columns[j][i] - best[j]) * (columns[j][i] - best[j])
                minus += (columns[j][i] - worst[j]) * (columns[j][i] - worst[j])
            }
            let (dp, dm) = (plus.squareRoot(), minus.squareRoot())
            return dp + dm == 0 ? 0.5 : dm / (dp + dm)
        }
    }

    static func normalise(_ x: [Double], cost: Bool, _ method: Normalisation) -> [Double] {
        switch method {
        case .vector:
            let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { return x.map { _ in cost ? 1 : 0 } }
            return x.map { cost ? 1 - $0 / norm : $0 / norm }
        case .minmax:
            let (low, high) = (x.min()!, x.max()!)
            guard high > low else { return x.map { _ in 1 } }
            return x.map { cost ? (high - $0) / (high - low) : ($0 - low) / (high - low) }
        }
    }
}

/// VIKOR (Opricovic & Tzeng 2004): group utility `S`, individual regret `R` and the compromise
/// index `Q = v (S − S*)/(S⁻ − S*) + (1 − v)(R − R*)/(R⁻ − R*)`; lower `Q` is better.
public enum VIKOR {
    /// `S`, `R` and `Q` of every alternative.
    public struct Result: Sendable, Equatable {
        /// Group utility (weighted sum of normalised regrets).
        public var s: [Double]
        /// Individual regret (largest weighted normalised regret).
        public var r: [Double]
        /// Compromise index.
        public var q: [Double]
    }

    /// Computes VIKOR with weight `v` of the group utility (default 0.5).
    public static func evaluate(_ matrix: DecisionMatrix, v: Double = 0.5) -> Result {
        var s = [Double](repeating: 0, count: matrix.alternatives), r = s
        for j in 0..<matrix.criteria {
            let column = matrix.column(j)
            let (best, worst) = matrix.types[j] == .benefit ? (column.max()!, column.min()!) : (column.min()!, column.max()!)
            guard best != worst else { continue }
            for i in 0..<matrix.alternatives {
                let regret = matrix.weights[j] * (best - column[i]) / (best - worst)
                s[i] += regret
                r[i] = max(r[i], regret)
            }
        }
        let (sBest, sWorst, rBest, rWorst) = (s.min()!, s.max()!, r.min()!, r.max()!)
        let q = (0..<matrix.alternatives).map { i in
            (sWorst > sBest ? v * (s[i] - sBest) / (sWorst - sBest) : 0) + (rWorst > rBest ? (1 - v) * (r[i] - rBest) / (rWorst - rBest) : 0)
        }
        return Result(s: s, r: r, q: q)
    }
}

/// PROMETHEE II (Brans & Vincke 1985) with the usual criterion (`P(d) = 1` when `d > 0`):
/// net outranking flow `φ = φ⁺ − φ⁻` of every alternative; higher is better.
public enum PROMETHEE {
    /// Net flows, with the positive and negative flows.
    public static func netFlows(_ matrix: DecisionMatrix) -> (net: [Double], positive: [Double], negative: [Double]) {
        let n = matrix.alternatives
        func preference(_ a: Int, _ b: Int) -> Double {
            (0..<matrix.criteria).reduce(0) { total, j in
                let d = matrix.types[j] == .benefit ? matrix.values[a][j] - matrix.values[b][j] : matrix.values[b][j] - matrix.values[a][j]
                return total + (d > 0 ? matrix.weights[j] : 0)
            }
        }
        var positive = [Double](repeating: 0, count: n), negative = positive
        for a in 0..<n { for b in 0..<n where a != b {
            let p = preference(a, b)
            positive[a] += p / Double(n - 1)
            negative[b] += p / Double(n - 1)
        } }
        return (zip(positive, negative).map { $0 - $1 }, positive, negative)
    }
}

/// Weighted sum model on min–max normalised columns (cost columns reversed): higher is better.
public enum WeightedSum {
    /// Score of every alternative.
    public static func scores(_ matrix: DecisionMatrix) -> [Double] {
        let columns = (0..<matrix.criteria).map { TOPSIS.normalise(matrix.column($0), cost: matrix.types[$0] == .cost, .minmax) }
        return (0..<matrix.alternatives).map { i in (0..<matrix.criteria).reduce(0) { $0 + matrix.weights[$1] * columns[$1][i] } }
    }
}
