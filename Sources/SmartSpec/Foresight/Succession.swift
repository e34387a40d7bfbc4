/// Succession analysis (Weimer-Jehle 2006): from any scenario, descriptors repeatedly switch to the
/// variant their impact balance favours, until a consistent scenario (a fixed point) or a cycle.
public enum Succession {
    /// How descriptors switch.
    public enum Rule: String, Sendable, CaseIterable {
        /// Every descriptor switches at once to its highest-balance variant.
        case global
        /// One descriptor per step: the most inconsistent one (first on ties) switches.
        case local
    }

    /// Where a succession ends.
    public enum Attractor: Sendable, Hashable {
        /// A consistent scenario.
        case fixedPoint([Int])
        /// A cycle of scenarios, starting from the smallest in lexicographic order.
        case cycle([[Int]])
    }

    /// The scenario after one step. Tie rule: a descriptor keeps its variant when that variant has the
    /// highest balance (ties included); otherwise it takes the first variant with the highest balance.
    /// `offset`, when given, is added to every balance (one value per flat variant; pathways use it
    /// for the previous period's lagged impacts).
    public static func step(_ matrix: CrossImpactMatrix, _ scenario: [Int], rule: Rule, offset: [Int]? = nil) -> [Int] {
        var balance = balances(matrix, scenario)
        if let offset { for i in balance.indices { balance[i] += offset[i] } }
        var best: [Int] = [], gap: [Int] = []
        for (d, descriptor) in matrix.descriptors.enumerated() {
            let values = (0..<descriptor.variants.count).map { balance[matrix.offsets[d] + $0] }
            let top = values.max()!
            best.append(values[scenario[d]] == top ? scenario[d] : values.firstIndex(of: top)!)
            gap.append(top - values[scenario[d]])
        }
        switch rule {
        case .global: return best
        case .local:
            guard let worst = gap.max(), worst > 0, let d = gap.firstIndex(of: worst) else { return scenario }
            var next = scenario
            next[d] = best[d]
            return next
        }
    }

    /// Follows successions from `start` to its attractor.
    public static func attractor(_ matrix: CrossImpactMatrix, from start: [Int], rule: Rule, offset: [Int]? = nil) -> Attractor {
        var seen: [[Int]: Int] = [:]
        var path: [[Int]] = []
        var current = start
        while seen[current] == nil {
            seen[current] = path.count
            path.append(current)
            let next = step(matrix, current, rule: rule, offset: offset)
            if next == current { return .fixedPoint(current) }
            current = next
        }
        var cycle = Array(path[seen[current]!...])
        let smallest = cycle.indices.min { cycle[$0].lexicographicallyPrecedes(cycle[$1]) }!
        cycle = Array(cycle[smallest...] + cycle[..<smallest])
        return .cycle(cycle)
    }

    /// Basin size of every attractor over all scenarios (the volume weights), by following the
    /// succession from each scenario; every scenario is visited once (paths are memoised).
    /// Refuses spaces larger than `limit` scenarios.
    public static func basins(_ matrix: CrossImpactMatrix, rule: Rule, limit: Double = 50_000_000,
                              progress: (@Sendable (Double) -> Void)? = nil) throws -> [Attractor: Int] {
        guard matrix.scenarioCount <= limit else {
            throw ForesightError.scenarioSpaceTooLarge(scenarios: matrix.scenarioCount, limit: limit)
        }
        let sizes = matrix.descriptors.map(\.variants.count)
        let total = Int(matrix.scenarioCount)
        var strides = [Int](repeating: 1, count: sizes.count)
        for d in stride(from: sizes.count - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * sizes[d + 1] }
        func index(_ s: [Int]) -> Int { zip(s, strides).reduce(0) { $0 + $1.0 * $1.1 } }
        func scenario(_ i: Int) -> [Int] { zip(strides, sizes).map { (i / $0) % $1 } }
        // -1: not visited; -2: on the path being followed; ≥ 0: attractor number.
        var label = [Int32](repeating: -1, count: total)
        var attractors: [Attractor] = []
        var counts: [Int] = []
        for startIndex in 0..<total where label[startIndex] == -1 {
            if let progress, startIndex % 1_000_000 == 0 { progress(Double(startIndex) / Double(total)) }
            var path: [Int] = []
            var current = scenario(startIndex)
            var currentIndex = startIndex
            var found: Int32
            while true {
                if label[currentIndex] >= 0 { found = label[currentIndex]; break }
                if label[currentIndex] == -2 {
                    let cycleStart = path.firstIndex(of: currentIndex)!
                    var cycle = path[cycleStart...].map(scenario)
                    let smallest = cycle.indices.min { cycle[$0].lexicographicallyPrecedes(cycle[$1]) }!
                    cycle = Array(cycle[smallest...] + cycle[..<smallest])
                    found = Int32(attractors.count); attractors.append(.cycle(cycle)); counts.append(0)
                    break
                }
                label[currentIndex] = -2
                path.append(currentIndex)
                let next = step(matrix, current, rule: rule)
                if next == current {
                    found = Int32(attractors.count); attractors.append(.fixedPoint(current)); counts.append(0)
                    break
                }
                current = next
                currentIndex = index(next)
            }
            for i in path { label[i] = found }
            counts[Int(found)] += path.count
        }
        progress?(1)
        return Dictionary(uniqueKeysWithValues: zip(attractors, counts))
    }

    static func balances(_ matrix: CrossImpactMatrix, _ scenario: [Int]) -> [Int] {
        let n = matrix.variantCount
        var balance = [Int](repeating: 0, count: n)
        for (d, v) in scenario.enumerated() {
            let row = (matrix.offsets[d] + v) * n
            for t in 0..<n { balance[t] += matrix.impacts[row + t] }
        }
        return balance
    }
}
