import Foundation
import LinearAlgebra

/// A logistic regression of entry on relatedness density and base-year RCA, fitted on a dataset's
/// own history (the entry cells of ``Backtest``): `P(entry) = 1 / (1 + e^−(β₀ + β₁·density + β₂·RCA))`.
///
/// Fitted by maximum likelihood (no penalty) with Newton–Raphson (iteratively reweighted least
/// squares): each step solves `(XᵀWX) δ = Xᵀ(y − p)` by LAPACK's Cholesky factorisation
/// (`dpotrf`/`dpotrs`). Standard errors are the square roots of the diagonal of `(XᵀWX)⁻¹` at the
/// optimum, as statsmodels' `Logit` reports them. The out-of-sample AUC comes from 5-fold
/// cross-fitting over regions (region `r` is in fold `r mod 5`): each fold's cells are predicted by
/// the model fitted on the other folds. Method: `Methodology/entry-model.md`.
public struct EntryModel: Sendable, Equatable {
    /// The coefficient names, in order.
    public static let terms = ["intercept", "density", "rca"]
    /// Coefficients and their standard errors, in the order of ``terms``.
    public let coefficients: [Double], standardErrors: [Double]
    /// `(XᵀWX)⁻¹` at the optimum (3 × 3, row-major), for prediction intervals.
    public let covariance: [Double]
    /// Cells and entries the model was fitted on; Newton iterations.
    public let cells: Int, entries: Int, iterations: Int
    /// The AUC of the cross-fitted predictions (NaN when a fold cannot be fitted).
    public let outOfSampleAUC: Double
    /// The cross-fitted probability of every entry cell (in the backtest's cell order; NaN when a
    /// fold cannot be fitted).
    public let crossFitted: [Double]
    /// The years of the history: entry from `baseYear` to `targetYear`.
    public let baseYear: Int, targetYear: Int

    /// Fits the model on the entry cells of `backtest`.
    /// - Throws: ``EvidenceError/modelNotFitted(_:)`` when the cells do not identify the model
    ///   (no variation, separation) or Newton's method does not converge in 100 steps.
    public init(_ backtest: Backtest) throws {
        try self.init(backtest.entries, baseYear: backtest.baseYear, targetYear: backtest.targetYear)
    }

    /// Fits the model on entry cells (their density and RCA signals, outcomes and regions).
    init(_ o: Backtest.Outcome, baseYear: Int, targetYear: Int) throws {
        let data = Cells(density: o.signals[.density]!, rca: o.signals[.rca]!, outcome: o.happened)
        let fit = try Self.fit(data, rows: nil)
        (coefficients, covariance, iterations) = (fit.beta, fit.covariance, fit.iterations)
        standardErrors = (0..<3).map { fit.covariance[$0 * 3 + $0].squareRoot() }
        (cells, entries) = (o.cells, o.events)
        (self.baseYear, self.targetYear) = (baseYear, targetYear)
        // Cross-fitting over regions: the five folds are fitted on all cores.
        let folds = ParallelTasks.map(5) { fold -> (test: [Int], beta: [Double]?) in
            let test = o.regions.indices.filter { o.regions[$0] % 5 == fold }
            guard !test.isEmpty else { return (test, []) }
            let train = o.regions.indices.filter { o.regions[$0] % 5 != fold }
            return (test, try? Self.fit(data, rows: train).beta)
        }
        var predicted = [Double](repeating: .nan, count: o.cells)
        var failed = false
        for fold in folds where !fold.test.isEmpty {
            guard let beta = fold.beta else { failed = true; break }
            for i in fold.test { predicted[i] = Self.logistic(beta[0] + beta[1] * data.density[i] + beta[2] * data.rca[i]) }
        }
        crossFitted = failed ? [Double](repeating: .nan, count: o.cells) : predicted
        outOfSampleAUC = failed ? .nan
            : BacktestMeasures.auc(order: CellOrder.ascending(predicted, startingFrom: Array(0..<Int32(predicted.count))), values: predicted, labels: o.happened)
    }

    /// The probability of entry for a cell with this density and RCA, and its 95% interval (delta
    /// method on the linear predictor, then the logistic function).
    public func probability(density: Double, rca: Double) -> (value: Double, low: Double, high: Double) {
        let x = [1, density, rca]
        let eta = zip(coefficients, x).reduce(0) { $0 + $1.0 * $1.1 }
        var variance = 0.0
        for i in 0..<3 { for j in 0..<3 { variance += x[i] * covariance[i * 3 + j] * x[j] } }
        let se = max(0, variance).squareRoot()
        return (Self.logistic(eta), Self.logistic(eta - 1.959963984540054 * se), Self.logistic(eta + 1.959963984540054 * se))
    }

    static func logistic(_ eta: Double) -> Double { eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta)) }

    private struct Fit { var beta: [Double], covariance: [Double], iterations: Int }

    /// The cells of a fit: columns, not rows, so a pass over millions of cells streams.
    private struct Cells: Sendable { let density: [Double], rca: [Double], outcome: [Bool] }

    /// Newton–Raphson on `rows` of `data` (nil: every cell).
    private static func fit(_ data: Cells, rows: [Int]?) throws -> Fit {
        let count = rows?.count ?? data.outcome.count
        let positives = rows.map { $0.filter { data.outcome[$0] }.count } ?? data.outcome.filter { $0 }.count
        guard positives > 0, positives < count else { throw EvidenceError.modelNotFitted("every cell has the same outcome") }
        // Start from the intercept-only model.
        let rate = Double(positives) / Double(count)
        var beta = [log(rate / (1 - rate)), 0, 0]
        for iteration in 1...100 {
            // Gradient (3) and the upper triangle of the Hessian (6), in one pass.
            var sums = [Double](repeating: 0, count: 9)
            func add(_ i: Int) {
                let d = data.density[i], r = data.rca[i]
                let eta = beta[0] + beta[1] * d + beta[2] * r
                let p = logistic(eta), w = p * (1 - p), residual = (data.outcome[i] ? 1.0 : 0.0) - p
                sums[0] += residual; sums[1] += residual * d; sums[2] += residual * r
                sums[3] += w; sums[4] += w * d; sums[5] += w * r; sums[6] += w * d * d; sums[7] += w * d * r; sums[8] += w * r * r
            }
            if let rows { for i in rows { add(i) } } else { for i in 0..<count { add(i) } }
            var hessian = Matrix(rows: 3, columns: 3)
            let entries = [(0, 0, 3), (0, 1, 4), (0, 2, 5), (1, 1, 6), (1, 2, 7), (2, 2, 8)]
            for (i, j, k) in entries { hessian[i, j] = sums[k]; hessian[j, i] = sums[k] }
            guard let factor = try? Cholesky(of: hessian) else {
                // At the start every weight is p(1 − p) > 0, so a singular Hessian means that the
                // covariates do not vary; later it means that the fitted probabilities reached 0 or 1.
                throw EvidenceError.modelNotFitted(iteration == 1 ? "density and RCA do not vary enough to identify the model"
                                                                  : "the outcome is separated by density or RCA (the coefficients diverge)")
            }
            let step = try factor.solve(try Matrix(rows: 3, columns: 1, columnMajor: Array(sums[0..<3]))).column(0)
            beta = zip(beta, step).map { $0 + $1 }
            guard beta.allSatisfy(\.isFinite), abs(beta[1]) < 1e6, abs(beta[2]) < 1e6 else {
                throw EvidenceError.modelNotFitted("the outcome is separated by density or RCA (the coefficients diverge)")
            }
            // Newton's method converges quadratically: stop when the step is below 1e-11 in every coefficient.
            if step.map(abs).max()! < 1e-11 {
                let inverse = try factor.inverse()
                return Fit(beta: beta, covariance: (0..<3).flatMap { i in (0..<3).map { inverse[i, $0] } }, iterations: iteration)
            }
        }
        throw EvidenceError.modelNotFitted("Newton's method did not converge in 100 steps")
    }

}


/// How the recommendation rules would have fared on a backtest: per region, the top candidates by
/// each rule, and the share of them that the region entered by the target year.
public struct PickComparison: Sendable, Equatable {
    /// Picks per region (at most).
    public let perRegion: Int
    /// Share of picks entered: the frontier of (cross-fitted entry probability, PCI) in its order;
    /// the same number of picks by density alone and by COG alone; and the base rate of all cells.
    public let frontier: Double, density: Double, cog: Double, baseRate: Double
    /// Number of picks of each rule (pooled over regions).
    public let picks: Int

    /// Compares the rules on `backtest`'s entry cells. The frontier rule takes up to `perRegion`
    /// frontier candidates of each region (never a dominated one) in the order of the `score`
    /// signal (the sheets' order, with the entry model's cross-fitted probabilities); density and
    /// COG take as many per region as the frontier did.
    public init(_ backtest: Backtest, perRegion: Int = 5) {
        let o = backtest.entries
        let density = o.signals[.density]!, cog = o.signals[.cog]!
        var byRegion: [Int: [Int]] = [:]
        for (i, r) in o.regions.enumerated() { byRegion[r, default: []].append(i) }
        var hits = (frontier: 0, density: 0, cog: 0), total = 0
        // The frontier's picks: the cells on the frontier (score above 0: layer 0) in the sheet's order.
        let score = o.signals[.score]!
        for r in byRegion.keys.sorted() {
            let cells = byRegion[r]!
            let top = { (score: [Double], k: Int) in
                cells.sorted { score[$0] != score[$1] ? score[$0] > score[$1] : backtest.activities[o.activities[$0]] < backtest.activities[o.activities[$1]] }.prefix(k)
            }
            let chosen = top(score, perRegion).filter { score[$0] > 0 }
            let k = chosen.count
            hits.frontier += chosen.filter { o.happened[$0] }.count
            hits.density += top(density, k).filter { o.happened[$0] }.count
            hits.cog += top(cog, k).filter { o.happened[$0] }.count
            total += k
        }
        self.perRegion = perRegion
        picks = total
        let share = { (n: Int) in total == 0 ? Double.nan : Double(n) / Double(total) }
        (frontier, self.density, self.cog) = (share(hits.frontier), share(hits.density), share(hits.cog))
        baseRate = Double(o.events) / Double(max(1, o.cells))
    }
}
