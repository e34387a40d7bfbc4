/// Multi-period pathways (a documented extension of CIB, `Docs/study-file.md`, "pathways"): the
/// variants active in one period also impact the next through a lagged matrix `L`. In period
/// `t + 1` the balance of variant `v` is `θ_v = Σ_d M[a_d(t+1), v] + Σ_d L[a_d(t), v]`; the second
/// sum is fixed once period `t` is known, so period `t + 1` is where the succession (global or
/// local rule) leads from period `t`'s scenario under those balances.
public struct Pathway: Sendable {
    /// One period of a pathway.
    public struct Period: Sendable, Equatable {
        /// 0 for the start.
        public var period: Int
        /// The period's scenario (for a cycle: its first scenario in lexicographic order).
        public var variants: [Int]
        /// Its inconsistency and total impact score under the period's balances (0 and the start's own for period 0).
        public var inconsistency: Int, totalImpactScore: Int
        /// The succession ended in a cycle of this many scenarios rather than a fixed point (nil: a fixed point or the start).
        public var cycleLength: Int?
    }

    /// The within-period matrix.
    public let matrix: CrossImpactMatrix
    /// `lagged[source · variants + target]`: impact of a variant active in one period on a variant of the next.
    public let lagged: [Int]

    /// Creates a pathway model.
    /// - Precondition: `lagged.count == matrix.variantCount²`.
    public init(matrix: CrossImpactMatrix, lagged: [Int]) {
        precondition(lagged.count == matrix.variantCount * matrix.variantCount, "the lagged matrix must be variants × variants")
        self.matrix = matrix
        self.lagged = lagged
    }

    /// The lagged impacts of `scenario` on every variant of the next period.
    public func offset(after scenario: [Int]) -> [Int] {
        let n = matrix.variantCount
        var offset = [Int](repeating: 0, count: n)
        for (d, v) in scenario.enumerated() {
            let row = (matrix.offsets[d] + v) * n
            for t in 0..<n { offset[t] += lagged[row + t] }
        }
        return offset
    }

    /// The pathway from `start` over `periods` periods (the start is period 0). A period whose
    /// succession ends in a cycle reports the cycle's first scenario, from which the next period starts.
    /// Complexity: a succession per period.
    public func run(from start: [Int], periods: Int, rule: Succession.Rule = .global) -> [Period] {
        let scorer = CIBSolver(matrix: matrix)
        var result = [Period(period: 0, variants: start, inconsistency: 0, totalImpactScore: scorer.evaluate(start).totalImpactScore, cycleLength: nil)]
        var current = start
        for t in stride(from: 1, through: periods, by: 1) {
            let offset = offset(after: current)
            let next: [Int], cycle: Int?
            switch Succession.attractor(matrix, from: current, rule: rule, offset: offset) {
            case .fixedPoint(let s): next = s; cycle = nil
            case .cycle(let c): next = c[0]; cycle = c.count
            }
            let figures = scorer.evaluate(next, offset: offset)
            result.append(Period(period: t, variants: next, inconsistency: figures.inconsistency, totalImpactScore: figures.totalImpactScore, cycleLength: cycle))
            current = next
        }
        return result
    }
}
