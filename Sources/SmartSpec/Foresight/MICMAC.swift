/// MICMAC structural analysis (Godet): direct and indirect influence and dependence of variables
/// from a direct-influence matrix (0–3, `P` = potential), by powers of the matrix.
public struct MICMAC: Sendable, Equatable {
    /// Position of a variable in the influence–dependence plane.
    public enum Quadrant: String, Sendable {
        /// High influence, low dependence.
        case influential
        /// High influence, high dependence.
        case relay
        /// Low influence, high dependence.
        case dependent
        /// Low influence, low dependence.
        case autonomous
    }

    /// Direct influence (row sums) and dependence (column sums).
    public let directInfluence: [Double], directDependence: [Double]
    /// Indirect influence and dependence: row and column sums of `M^k`.
    public let indirectInfluence: [Double], indirectDependence: [Double]
    /// The power `k` at which the influence and dependence rankings stopped changing (the first
    /// `k ≥ 2` whose rankings equal those of `M^(k−1)`), or `maxPower` when they never did.
    public let power: Int
    /// Whether the rankings stabilised before `maxPower` (periodic structures may never settle).
    public let stable: Bool
    /// Quadrant of each variable in the indirect plane (cut lines at the means, or as given).
    public let quadrants: [Quadrant]

    /// Analyses `matrix` (`matrix[i][j]` = influence of i on j, 0–3); a potential influence counts
    /// as `potentialValue` (default 0, i.e. ignored; 3 to study potential influences).
    /// Powers are taken until both rankings are unchanged for two successive powers (at most `maxPower`).
    public init(matrix: [[Double]], maxPower: Int = 20, influenceCut: Double? = nil, dependenceCut: Double? = nil) throws {
        let n = matrix.count
        guard n >= 2, matrix.allSatisfy({ $0.count == n }) else { throw ForesightError.micmacNotSquare }
        guard matrix.allSatisfy({ $0.allSatisfy { $0.isFinite && $0 >= 0 } }) else { throw ForesightError.micmacInvalidInfluence }
        func rowSums(_ m: [[Double]]) -> [Double] { m.map { $0.reduce(0, +) } }
        func columnSums(_ m: [[Double]]) -> [Double] { (0..<n).map { j in m.reduce(0) { $0 + $1[j] } } }
        func ranking(_ x: [Double]) -> [Int] { (0..<n).sorted { x[$0] > x[$1] || (x[$0] == x[$1] && $0 < $1) } }
        func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
            (0..<n).map { i in (0..<n).map { j in (0..<n).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
        }
        directInfluence = rowSums(matrix)
        directDependence = columnSums(matrix)
        var current = matrix
        var previous = (ranking(directInfluence), ranking(directDependence))
        var stableFor = 0, k = 1
        while k < maxPower {
            // Rescale each power by its largest entry: rankings are unchanged and numbers stay finite.
            var next = multiply(current, matrix)
            let largest = next.flatMap { $0 }.max() ?? 1
            if largest > 0 { next = next.map { $0.map { $0 / largest } } }
            current = next
            k += 1
            let rankings = (ranking(rowSums(current)), ranking(columnSums(current)))
            stableFor = rankings == previous ? stableFor + 1 : 0
            previous = rankings
            if stableFor >= 1 { break }
        }
        power = k
        stable = stableFor >= 1
        let total = current.flatMap { $0 }.reduce(0, +)
        let scale = total > 0 ? matrix.flatMap { $0 }.reduce(0, +) / total : 1
        indirectInfluence = rowSums(current).map { $0 * scale }
        indirectDependence = columnSums(current).map { $0 * scale }
        let influenceLine = influenceCut ?? indirectInfluence.reduce(0, +) / Double(n)
        let dependenceLine = dependenceCut ?? indirectDependence.reduce(0, +) / Double(n)
        quadrants = zip(indirectInfluence, indirectDependence).map { influence, dependence in
            switch (influence >= influenceLine, dependence >= dependenceLine) {
            case (true, false): return .influential
            case (true, true): return .relay
            case (false, true): return .dependent
            case (false, false): return .autonomous
            }
        }
    }
}
