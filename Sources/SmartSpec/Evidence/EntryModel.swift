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
        let density = o.signals[.density]!, rca = o.signals[.rca]!
        let x = o.happened.indices.map { [1, density[$0], rca[$0]] }
        let fit = try Self.fit(x, o.happened)
        (coefficients, covariance, iterations) = (fit.beta, fit.covariance, fit.iterations)
        standardErrors = (0..<3).map { fit.covariance[$0 * 3 + $0].squareRoot() }
        (cells, entries) = (o.cells, o.events)
        (self.baseYear, self.targetYear) = (baseYear, targetYear)
        // Cross-fitting over regions.
        var predicted = [Double](repeating: .nan, count: o.cells)
        var failed = false
        for fold in 0..<5 {
            let train = o.happened.indices.filter { o.regions[$0] % 5 != fold }, test = o.happened.indices.filter { o.regions[$0] % 5 == fold }
            guard !test.isEmpty else { continue }
            guard let model = try? Self.fit(train.map { x[$0] }, train.map { o.happened[$0] }) else { failed = true; break }
            for i in test { predicted[i] = Self.logistic(zip(model.beta, x[i]).reduce(0) { $0 + $1.0 * $1.1 }) }
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

    private static func fit(_ x: [[Double]], _ y: [Bool]) throws -> Fit {
        let positives = y.filter { $0 }.count
        guard positives > 0, positives < y.count else { throw EvidenceError.modelNotFitted("every cell has the same outcome") }
        // Start from the intercept-only model.
        let rate = Double(positives) / Double(y.count)
        var beta = [log(rate / (1 - rate)), 0, 0]
        var previous = Double.infinity
        for iteration in 1...100 {
            var hessian = Matrix(rows: 3, columns: 3), gradient = [Double](repeating: 0, count: 3)
            var logLikelihood = 0.0
            for (row, outcome) in zip(x, y) {
                let eta = zip(beta, row).reduce(0) { $0 + $1.0 * $1.1 }
                let p = logistic(eta), w = p * (1 - p), target = outcome ? 1.0 : 0.0
                logLikelihood += outcome ? logLogistic(eta) : logLogistic(-eta)
                for i in 0..<3 {
                    gradient[i] += row[i] * (target - p)
                    for j in i..<3 { hessian[i, j] += w * row[i] * row[j] }
                }
            }
            for i in 0..<3 { for j in 0..<i { hessian[i, j] = hessian[j, i] } }
            guard let factor = try? Cholesky(of: hessian) else {
                throw EvidenceError.modelNotFitted("density and RCA do not vary enough to identify the model")
            }
            let step = try factor.solve(try Matrix(rows: 3, columns: 1, columnMajor: gradient)).column(0)
            beta = zip(beta, step).map { $0 + $1 }
            guard beta.allSatisfy(\.isFinite), abs(beta[1]) < 1e6, abs(beta[2]) < 1e6 else {
                throw EvidenceError.modelNotFitted("the outcome is separated by density or RCA (the coefficients diverge)")
            }
            if step.map(abs).max()! < 1e-11 || abs(logLikelihood - previous) < 1e-13 * max(1, abs(logLikelihood)) {
                let inverse = try factor.inverse()
                return Fit(beta: beta, covariance: (0..<3).flatMap { i in (0..<3).map { inverse[i, $0] } }, iterations: iteration)
            }
            previous = logLikelihood
        }
        throw EvidenceError.modelNotFitted("Newton's method did not converge in 100 steps")
    }

    /// log(1 / (1 + e^−η)) without overflow.
    private static func logLogistic(_ eta: Double) -> Double { eta >= 0 ? -log1p(exp(-eta)) : eta - log1p(exp(eta)) }
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

    /// Compares the rules on `backtest`'s entry cells with `model`'s cross-fitted probabilities.
    /// The frontier rule takes up to `perRegion` frontier candidates of each region (never a
    /// dominated one); density and COG take as many per region as the frontier did.
    public init(_ backtest: Backtest, model: EntryModel, perRegion: Int = 5) {
        let o = backtest.entries
        let density = o.signals[.density]!, cog = o.signals[.cog]!, pci = o.signals[.pci]!
        var byRegion: [Int: [Int]] = [:]
        for (i, r) in o.regions.enumerated() { byRegion[r, default: []].append(i) }
        var hits = (frontier: 0, density: 0, cog: 0), total = 0
        for r in byRegion.keys.sorted() {
            let cells = byRegion[r]!
            let codes = cells.map { backtest.activities[o.activities[$0]] }
            let ranking = FeasibilityBenefitFrontier.rank(feasibility: cells.map { model.crossFitted[$0] }, benefit: cells.map { pci[$0] }, codes: codes,
                                                          dominators: false)
            let chosen = ranking.order.filter { ranking.layer[$0] == 0 }.prefix(perRegion).map { cells[$0] }
            let k = chosen.count
            let top = { (score: [Double]) in cells.sorted { score[$0] != score[$1] ? score[$0] > score[$1] : backtest.activities[o.activities[$0]] < backtest.activities[o.activities[$1]] }.prefix(k) }
            hits.frontier += chosen.filter { o.happened[$0] }.count
            hits.density += top(density).filter { o.happened[$0] }.count
            hits.cog += top(cog).filter { o.happened[$0] }.count
            total += k
        }
        self.perRegion = perRegion
        picks = total
        let share = { (n: Int) in total == 0 ? Double.nan : Double(n) / Double(total) }
        (frontier, self.density, self.cog) = (share(hits.frontier), share(hits.density), share(hits.cog))
        baseRate = Double(o.events) / Double(max(1, o.cells))
    }
}
