import Foundation

/// Specialisation measures of a region × activity table (employment, exports, ...).
///
/// With `x_ra` the value of activity `a` in region `r`, `s_ra = x_ra / Σ_a x_ra` the activity's share
/// in the region and `S_a = Σ_r x_ra / Σ_ra x_ra` its share in the whole dataset:
/// - revealed comparative advantage / location quotient `RCA_ra = s_ra / S_a` (0 where the region
///   or the activity has no total);
/// - presence `M_ra = 1` when `RCA_ra ≥ threshold` (default 1), diversity `Σ_a M_ra`, ubiquity `Σ_r M_ra`;
/// - Herfindahl `Σ_a s_ra²`; Shannon entropy `−Σ_a s_ra ln s_ra`; Krugman `Σ_a |s_ra − S_a|`;
///   Hachman `1 / Σ_a s_ra · RCA_ra`;
/// - with activity groups, unrelated variety `Σ_g P_g ln(1/P_g)` and related variety
///   `Σ_g P_g Σ_{a∈g} (s_ra/P_g) ln(P_g/s_ra)` (Frenken, Van Oort & Verburg 2007), `P_g = Σ_{a∈g} s_ra`.
public struct Specialisation: Sendable {
    /// Regions (rows) and activities (columns).
    public let regionCount: Int, activityCount: Int
    /// RCA, row-major.
    public let rca: [Double]
    /// Presence (RCA ≥ threshold), row-major.
    public let presence: [Bool]
    /// Diversity of each region and ubiquity of each activity.
    public let diversity: [Int], ubiquity: [Int]
    /// Indices per region.
    public let herfindahl: [Double], entropy: [Double], krugman: [Double], hachman: [Double]
    /// Related and unrelated variety per region (nil without activity groups).
    public let relatedVariety: [Double]?, unrelatedVariety: [Double]?

    /// Computes the measures for `table`; `groups[a]` is activity `a`'s group, when known.
    public init(_ table: ActivityTable, threshold: Double = 1, groups: [String?]? = nil) {
        let (n, m) = (table.regionCount, table.activityCount)
        regionCount = n
        activityCount = m
        var rowTotals = [Double](repeating: 0, count: n), columnTotals = [Double](repeating: 0, count: m)
        for r in 0..<n {
            for a in 0..<m {
                rowTotals[r] += table.values[r * m + a]
                columnTotals[a] += table.values[r * m + a]
            }
        }
        let total = rowTotals.reduce(0, +)
        let overall = columnTotals.map { total > 0 ? $0 / total : 0 }
        var rca = [Double](repeating: 0, count: n * m)
        var share = [Double](repeating: 0, count: n * m)
        for r in 0..<n where rowTotals[r] > 0 {
            for a in 0..<m {
                share[r * m + a] = table[region: r, activity: a] / rowTotals[r]
                if overall[a] > 0 { rca[r * m + a] = share[r * m + a] / overall[a] }
            }
        }
        self.rca = rca
        let presence = rca.map { $0 >= threshold }
        self.presence = presence
        (diversity, ubiquity) = PresenceMatrix.counts(presence, regions: n, activities: m)
        // The indices of every region, on all cores.
        let grouped = groups.flatMap { g in g.count == m && g.allSatisfy({ $0 != nil }) ? g.compactMap { $0 } : nil }
        let members = grouped.map { g in Array(Set(g)).sorted().map { name in (0..<m).filter { g[$0] == name } } } ?? []
        let (shares, quotients, totals) = (share, rca, rowTotals)
        let indices = ParallelTasks.map(n) { r in
            let row = shares[(r * m)..<((r + 1) * m)], base = r * m
            var h = 0.0, e = 0.0, k = 0.0, weighted = 0.0
            for a in 0..<m {
                let x = row[base + a]
                h += x * x
                if x > 0 { e -= x * log(x) }
                k += abs(x - overall[a])
                weighted += x * quotients[base + a]
            }
            var rv = 0.0, uv = 0.0
            for activities in members {
                let p = activities.reduce(0.0) { $0 + row[base + $1] }
                guard p > 0 else { continue }
                uv += p * log(1 / p)
                rv += p * activities.reduce(0.0) { $0 + (row[base + $1] > 0 ? (row[base + $1] / p) * log(p / row[base + $1]) : 0) }
            }
            return (herfindahl: h, entropy: e, krugman: totals[r] > 0 ? k : 0, hachman: weighted > 0 ? 1 / weighted : 0,
                    related: rv, unrelated: uv)
        }
        (herfindahl, entropy) = (indices.map(\.herfindahl), indices.map(\.entropy))
        (krugman, hachman) = (indices.map(\.krugman), indices.map(\.hachman))
        (relatedVariety, unrelatedVariety) = grouped == nil ? (nil, nil) : (indices.map(\.related), indices.map(\.unrelated))
    }

    /// RCA of region `r` in activity `a`.
    public func value(region r: Int, activity a: Int) -> Double { rca[r * activityCount + a] }
}
