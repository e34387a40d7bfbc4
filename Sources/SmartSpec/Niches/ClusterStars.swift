/// Cluster star ratings after the European Cluster Observatory: one star for each of
/// - **size**: the region's value in the activity is among the top `topShare` (10%) of all regions
///   for that activity: among the `⌈topShare · n⌉` largest values, ties at the cut included;
/// - **specialisation**: location quotient `≥ minimumQuotient` (2);
/// - **focus**: the activity's share of the region's total is among the top `topShare` of all
///   regions' shares for that activity (same rule as size).
///
/// A zero value earns no size or focus star.
public struct ClusterStars: Sendable {
    /// Regions and activities.
    public let regionCount: Int, activityCount: Int
    /// Stars per region–activity, row-major: `(size, specialisation, focus)`.
    public let criteria: [(size: Bool, specialisation: Bool, focus: Bool)]

    /// Rates every region–activity pair of `table`, whose location quotients are `specialisation.rca`.
    public init(_ table: ActivityTable, specialisation: Specialisation, topShare: Double = 0.1, minimumQuotient: Double = 2) {
        let (n, m) = (table.regionCount, table.activityCount)
        regionCount = n
        activityCount = m
        let totals = (0..<n).map { r in table.values[(r * m)..<((r + 1) * m)].reduce(0, +) }
        let places = max(1, Int((topShare * Double(n)).rounded(.up)))
        // Blocks of activities on all cores; each block copies its columns out of the row-major
        // table a row segment at a time, then selects the two cut values of every column.
        let width = 64
        let cuts = ParallelTasks.map((m + width - 1) / width) { block -> [(size: Double, focus: Double)] in
            let first = block * width, count = min(width, m - first)
            var columns = [Double](repeating: 0, count: count * n)
            for r in 0..<n {
                for j in 0..<count { columns[j * n + r] = table.values[r * m + first + j] }
            }
            return (0..<count).map { j in
                let values = Array(columns[(j * n)..<((j + 1) * n)])
                return (Self.cut(values, places: places), Self.cut((0..<n).map { totals[$0] > 0 ? values[$0] / totals[$0] : 0 }, places: places))
            }
        }.flatMap { $0 }
        let (sizeCuts, focusCuts) = (cuts.map(\.size), cuts.map(\.focus))
        var criteria = [(size: Bool, specialisation: Bool, focus: Bool)](repeating: (false, false, false), count: n * m)
        for r in 0..<n {
            for a in 0..<m {
                let value = table.values[r * m + a], share = totals[r] > 0 ? value / totals[r] : 0
                criteria[r * m + a] = (value > 0 && value >= sizeCuts[a], specialisation.rca[r * m + a] >= minimumQuotient,
                                       share > 0 && share >= focusCuts[a])
            }
        }
        self.criteria = criteria
    }

    /// Number of stars (0–3) of region `r` in activity `a`.
    public func stars(region r: Int, activity a: Int) -> Int {
        let c = criteria[r * activityCount + a]
        return (c.size ? 1 : 0) + (c.specialisation ? 1 : 0) + (c.focus ? 1 : 0)
    }

    /// The `places`-th largest value (values at or above it are in the top group), by selection
    /// (Hoare's quickselect with a middle pivot) rather than a full sort.
    static func cut(_ values: [Double], places: Int) -> Double {
        var v = values
        let k = min(places, v.count) - 1
        var (low, high) = (0, v.count - 1)
        while low < high {
            let pivot = v[(low + high) / 2]
            var (i, j) = (low, high)
            while i <= j {
                while v[i] > pivot { i += 1 }
                while v[j] < pivot { j -= 1 }
                if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { high = j } else if k >= i { low = i } else { break }
        }
        return v[k]
    }
}
