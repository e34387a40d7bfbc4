import LinearAlgebra

/// Relatedness and complexity as Davies & Maré define them ("Relatedness, complexity and local
/// growth", Regional Studies; Motu working paper 19-01), on one year's activity table.
///
/// With `E` the region × activity employment matrix of the year (regions and activities with
/// positive totals), a cell with no employment is *missing*, not zero:
/// - **activity relatedness** `(r + 1) / 2`, where `r` is the weighted correlation of two
///   activities' local shares `E[c,a] / Σ_a E[c,a]` over the regions where both are present,
///   region weights `w_c = Σ_a E[c,a] / Σ E`, computed as R's `WGCNA::cor(x, use =
///   "pairwise.complete.obs", weights.x = w)` does: weighted means `Σ w x / Σ w`, and
///   `r = Σ w² (x − x̄)(y − ȳ) / √(Σ w² (x − x̄)² · Σ w² (y − ȳ)²)` over the common regions;
/// - **region relatedness** likewise between regions, on the shares `E[c,a] / Σ_c E[c,a]` of each
///   activity's employment, activity weights `Σ_c E[c,a] / Σ E`;
/// - **activity complexity**: the eigenvector of the second-largest eigenvalue of the activity
///   relatedness matrix (LAPACK `dsyevr`), standardised (mean 0, sample sd 1), signed so that it
///   correlates positively with the employment-weighted mean size of the regions employing the
///   activity;
/// - **region complexity**: the same from the region relatedness matrix, signed so that it
///   correlates positively with the employment-weighted mean complexity of the region's activities;
/// - **mean local relatedness** of region `c` to activity `a`: `Σ_b (E[c,b] / Σ_b E[c,b]) · R[b,a]`.
///
/// Method and agreement with the published results: `Methodology/davies-mare.md`.
public struct DaviesMareComplexity: Sendable {
    /// The year analysed.
    public let year: Int
    /// Indices (into the dataset) of the regions and activities analysed: those with employment.
    public let regions: [Int], activities: [Int]
    /// Activity × activity relatedness, `(r + 1) / 2`, in the order of ``activities``.
    public let activityRelatedness: Matrix
    /// Region × region relatedness, in the order of ``regions``.
    public let regionRelatedness: Matrix
    /// Activity and region complexity, in the orders of ``activities`` and ``regions``.
    public let activityComplexity: [Double], regionComplexity: [Double]
    /// Region × activity mean local relatedness (rows ``regions``, columns ``activities``).
    public let meanLocalRelatedness: Matrix
    /// Employment of each analysed region and activity in the year.
    public let regionSize: [Double], activitySize: [Double]

    /// Computes the measures on the activity table of `year`.
    /// - Throws: ``NichesError/noActivities``; ``DaviesMareError`` for a year without a table,
    ///   fewer than three regions or activities, or a correlation that is undefined (two activities
    ///   or regions with fewer than two common observations, or no variation).
    /// - Complexity: O(m² n + n² m) for n regions and m activities, plus two symmetric
    ///   eigen-decompositions.
    public init(_ dataset: Dataset, year: Int) throws {
        guard !dataset.activities.isEmpty else { throw NichesError.noActivities }
        guard let table = dataset.activityTables.first(where: { $0.year == year }) else {
            throw DaviesMareError.unknownYear(year, available: dataset.activityTables.compactMap(\.year))
        }
        let n0 = table.regionCount, m0 = table.activityCount
        var rowTotal = [Double](repeating: 0, count: n0), columnTotal = [Double](repeating: 0, count: m0)
        for r in 0..<n0 {
            for a in 0..<m0 {
                let v = table[region: r, activity: a]
                rowTotal[r] += v
                columnTotal[a] += v
            }
        }
        regions = (0..<n0).filter { rowTotal[$0] > 0 }
        activities = (0..<m0).filter { columnTotal[$0] > 0 }
        let n = regions.count, m = activities.count
        guard n >= 3, m >= 3 else { throw DaviesMareError.tooSmall(regions: n, activities: m) }
        self.year = year
        let regionSize = regions.map { rowTotal[$0] }, activitySize = activities.map { columnTotal[$0] }
        (self.regionSize, self.activitySize) = (regionSize, activitySize)
        let total = regionSize.reduce(0, +)
        // E as n × m, and the shares with missing cells as NaN.
        var e = [Double](repeating: 0, count: n * m)
        for (i, r) in regions.enumerated() { for (j, a) in activities.enumerated() { e[i * m + j] = table[region: r, activity: a] } }
        var localShares = [[Double]](repeating: [Double](repeating: .nan, count: n), count: m)   // per activity, over regions
        var activityShares = [[Double]](repeating: [Double](repeating: .nan, count: m), count: n) // per region, over activities
        for i in 0..<n {
            for j in 0..<m where e[i * m + j] > 0 {
                localShares[j][i] = e[i * m + j] / regionSize[i]
                activityShares[i][j] = e[i * m + j] / activitySize[j]
            }
        }
        let activityCorrelation = try Self.weightedCorrelation(localShares, weights: regionSize.map { $0 / total }, what: "activities",
                                                               names: activities.map { dataset.activities[$0].code })
        let regionCorrelation = try Self.weightedCorrelation(activityShares, weights: activitySize.map { $0 / total }, what: "regions",
                                                             names: regions.map { dataset.regions[$0].code })
        activityRelatedness = Self.relatedness(activityCorrelation)
        regionRelatedness = Self.relatedness(regionCorrelation)

        var activityVector = Self.standardised(try SymmetricEigen(of: activityRelatedness, selection: .largest(2)).vectors.column(1))
        let meanRegionSize = (0..<m).map { j in (0..<n).reduce(0.0) { $0 + e[$1 * m + j] / activitySize[j] * regionSize[$1] } }
        if Statistics.correlation(activityVector, meanRegionSize) < 0 { activityVector = activityVector.map { -$0 } }
        var regionVector = Self.standardised(try SymmetricEigen(of: regionRelatedness, selection: .largest(2)).vectors.column(1))
        let meanActivityComplexity = (0..<n).map { i in (0..<m).reduce(0.0) { $0 + e[i * m + $1] / regionSize[i] * activityVector[$1] } }
        if Statistics.correlation(regionVector, meanActivityComplexity) < 0 { regionVector = regionVector.map { -$0 } }
        activityComplexity = activityVector
        regionComplexity = regionVector

        var local = Matrix(rows: n, columns: m)
        for i in 0..<n {
            for j in 0..<m {
                var sum = 0.0
                for b in 0..<m where e[i * m + b] > 0 { sum += e[i * m + b] / regionSize[i] * activityRelatedness[b, j] }
                local[i, j] = sum
            }
        }
        meanLocalRelatedness = local
    }

    /// WGCNA's weighted Pearson correlation of every pair of `columns` (NaN = missing) over their
    /// common observations (see the type's documentation); 1 on the diagonal.
    static func weightedCorrelation(_ columns: [[Double]], weights: [Double], what: String, names: [String]) throws -> Matrix {
        let k = columns.count, count = weights.count
        var result = Matrix(rows: k, columns: k)
        for i in 0..<k {
            result[i, i] = 1
            for j in (i + 1)..<max(k, i + 1) {
                let x = columns[i], y = columns[j]
                var sw = 0.0, swx = 0.0, swy = 0.0, common = 0
                for t in 0..<count where !x[t].isNaN && !y[t].isNaN {
                    sw += weights[t]; swx += weights[t] * x[t]; swy += weights[t] * y[t]; common += 1
                }
                guard common >= 2, sw > 0 else { throw DaviesMareError.undefinedCorrelation(what: what, names[i], names[j], common: common) }
                let mx = swx / sw, my = swy / sw
                var sxy = 0.0, sxx = 0.0, syy = 0.0
                for t in 0..<count where !x[t].isNaN && !y[t].isNaN {
                    let w2 = weights[t] * weights[t], dx = x[t] - mx, dy = y[t] - my
                    sxy += w2 * dx * dy; sxx += w2 * dx * dx; syy += w2 * dy * dy
                }
                guard sxx > 0, syy > 0 else { throw DaviesMareError.undefinedCorrelation(what: what, names[i], names[j], common: common) }
                let r = min(1, max(-1, sxy / (sxx * syy).squareRoot()))
                result[i, j] = r
                result[j, i] = r
            }
        }
        return result
    }

    private static func relatedness(_ correlation: Matrix) -> Matrix {
        var r = correlation
        for i in 0..<r.rows { for j in 0..<r.columns { r[i, j] = (correlation[i, j] + 1) / 2 } }
        return r
    }

    /// `(v − mean) / sd` with the sample standard deviation (R's `scale`).
    static func standardised(_ v: [Double]) -> [Double] {
        let (mean, sd) = Statistics.moments(v, ddof: 1)
        return Statistics.scaled(v, mean: mean, sd: sd)
    }
}

/// Why Davies & Maré's measures could not be computed; each case prints a sentence.
public enum DaviesMareError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No activity table for the year.
    case unknownYear(Int, available: [Int])
    /// The activity table has no year column.
    case noYears
    /// Too few regions or activities with employment.
    case tooSmall(regions: Int, activities: Int)
    /// Two columns share fewer than two observations, or one has no variation on them.
    case undefinedCorrelation(what: String, String, String, common: Int)

    public var description: String {
        switch self {
        case let .unknownYear(year, available):
            return available.isEmpty
                ? "The dataset's activities.csv has no year column, so --year \(year) cannot be taken."
                : "The dataset has no activity table for \(year); its years are \(available.map(String.init).joined(separator: ", "))."
        case .noYears:
            return "The dataset's activities.csv has no year column; the Davies–Maré measures are computed on one year's table."
        case let .tooSmall(regions, activities):
            return "The Davies–Maré measures need at least 3 regions and 3 activities with employment; the year has \(regions) and \(activities)."
        case let .undefinedCorrelation(what, a, b, common):
            return "The relatedness of the \(what) '\(a)' and '\(b)' is undefined: they share \(common) observation(s) and need at least two with some variation (WGCNA would give NA)."
        }
    }
}
