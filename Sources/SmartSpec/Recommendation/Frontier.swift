/// The feasibility–benefit frontier of a region's candidate niches (Balland et al. 2019 separate the
/// two questions: how feasible a move is, how valuable it is).
///
/// A candidate is *dominated* when another candidate has both a strictly higher feasibility and a
/// strictly higher benefit; the non-dominated candidates form the frontier (layer 0). Removing it
/// and repeating gives layers 1, 2, …. The order of the sheet: by layer; within a layer by
/// *balance* — the mean of the candidate's mid-rank percentiles of feasibility and of benefit among
/// all the region's candidates — highest first; then by feasibility, then by code.
/// Method: `Methodology/recommendation-sheets.md`.
public enum FeasibilityBenefitFrontier {
    /// The ordered candidates: their indices in order, the layer of each (by index), and for a
    /// dominated candidate the index of the candidate of a lower layer that dominates it with the
    /// highest balance.
    public struct Ranking: Sendable, Equatable {
        public var order: [Int], layer: [Int], dominatedBy: [Int?], balance: [Double]
    }

    /// Ranks points given their feasibility, benefit and code (the last tie-break).
    /// - Complexity: O(n log n) for n points (O(n²) with the dominators).
    public static func rank(feasibility: [Double], benefit: [Double], codes: [String], dominators: Bool = true) -> Ranking {
        let n = feasibility.count
        precondition(benefit.count == n && codes.count == n, "one feasibility, benefit and code per point")
        let layer = layers(feasibility, benefit)
        let fp = Statistics.midRankPercentiles(feasibility), bp = Statistics.midRankPercentiles(benefit)
        let balance = (0..<n).map { (fp[$0] + bp[$0]) / 2 }
        let order = (0..<n).sorted { x, y in
            if layer[x] != layer[y] { return layer[x] < layer[y] }
            if balance[x] != balance[y] { return balance[x] > balance[y] }
            if feasibility[x] != feasibility[y] { return feasibility[x] > feasibility[y] }
            return codes[x] < codes[y]
        }
        let dominatedBy: [Int?] = !dominators ? [Int?](repeating: nil, count: n) : (0..<n).map { c in
            guard layer[c] > 0 else { return nil }
            return order.first { d in feasibility[d] > feasibility[c] && benefit[d] > benefit[c] }
        }
        return Ranking(order: order, layer: layer, dominatedBy: dominatedBy, balance: balance)
    }

    /// The layer of every point: 1 + the highest layer of the points that dominate it (0 when none
    /// does). Points are taken by decreasing feasibility (a group of equal feasibility together);
    /// `top[k]`, the highest benefit among the points of layer k taken so far, decreases with k, so
    /// a point's layer is the number of layers whose `top` exceeds its benefit (a binary search).
    /// - Complexity: O(n log n).
    static func layers(_ feasibility: [Double], _ benefit: [Double]) -> [Int] {
        let sorted = feasibility.indices.sorted { feasibility[$0] > feasibility[$1] }
        var layer = [Int](repeating: 0, count: feasibility.count), top: [Double] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j < sorted.count, feasibility[sorted[j]] == feasibility[sorted[i]] { j += 1 }
            for k in i..<j {
                let b = benefit[sorted[k]]
                var low = 0, high = top.count
                while low < high {
                    let mid = (low + high) / 2
                    if top[mid] > b { low = mid + 1 } else { high = mid }
                }
                layer[sorted[k]] = low
            }
            for k in i..<j {
                let c = sorted[k]
                if layer[c] == top.count { top.append(benefit[c]) } else { top[layer[c]] = max(top[layer[c]], benefit[c]) }
            }
            i = j
        }
        return layer
    }
}
