import LinearAlgebra

/// The binary region × activity presence matrix `M` (`M_ra = 1` when region `r` holds activity `a`),
/// with the parts that complexity measures can use.
///
/// A region with no activity (diversity 0) or an activity held nowhere (ubiquity 0) has no place in
/// the eigenvector; neither has a part of the bipartite network that is not connected to the rest.
/// ``component`` is the largest connected part (most regions, then most activities, then first
/// region in dataset order), on which complexity is computed.
public struct PresenceMatrix: Sendable {
    /// Regions (rows) and activities (columns).
    public let regionCount: Int, activityCount: Int
    /// Presence, row-major.
    public let values: [Bool]
    /// Number of activities each region holds.
    public let diversity: [Int]
    /// Number of regions holding each activity.
    public let ubiquity: [Int]
    /// Regions and activities of the largest connected component, in dataset order.
    public let component: (regions: [Int], activities: [Int])
    /// How many connected components have at least one region and one activity.
    public let componentCount: Int
    /// `M` as a 0/1 column-major matrix (regions × activities), built once for the BLAS products.
    public let matrix: Matrix

    /// Builds the matrix from row-major presence.
    public init(_ values: [Bool], regions: Int, activities: Int) {
        precondition(values.count == regions * activities, "presence has the wrong size")
        self.values = values
        regionCount = regions
        activityCount = activities
        (diversity, ubiquity) = Self.counts(values, regions: regions, activities: activities)
        (component, componentCount) = Self.largestComponent(values, regions: regions, activities: activities)
        matrix = Self.zeroOne(values, columnsOf: activities, regions: Array(0..<regions), activities: Array(0..<activities))
    }

    /// Diversity (activities held per region) and ubiquity (regions per activity) of row-major presence.
    static func counts(_ values: [Bool], regions: Int, activities: Int) -> (diversity: [Int], ubiquity: [Int]) {
        var diversity = [Int](repeating: 0, count: regions), ubiquity = [Int](repeating: 0, count: activities)
        for r in 0..<regions {
            for a in 0..<activities where values[r * activities + a] {
                diversity[r] += 1
                ubiquity[a] += 1
            }
        }
        return (diversity, ubiquity)
    }

    /// Whether region `r` holds activity `a`.
    public subscript(region r: Int, activity a: Int) -> Bool { values[r * activityCount + a] }

    /// `M` as a 0/1 column-major matrix, restricted to the given regions and activities.
    public func matrix(regions: [Int], activities: [Int]) -> Matrix {
        regions.count == regionCount && activities.count == activityCount
            ? matrix : Self.zeroOne(values, columnsOf: activityCount, regions: regions, activities: activities)
    }

    private static func zeroOne(_ values: [Bool], columnsOf width: Int, regions: [Int], activities: [Int]) -> Matrix {
        var m = Matrix(rows: regions.count, columns: activities.count)
        let rows = regions.count
        values.withUnsafeBufferPointer { v in
            m.withUnsafeMutableElements { e in
                for (i, r) in regions.enumerated() {
                    let base = r * width
                    for (j, a) in activities.enumerated() where v[base + a] { e[i + j * rows] = 1 }
                }
            }
        }
        return m
    }

    /// Union–find over regions (0..<n) and activities (n..<n+m) joined by every present cell.
    private static func largestComponent(_ values: [Bool], regions n: Int, activities m: Int) -> ((regions: [Int], activities: [Int]), Int) {
        var parent = Array(0..<(n + m))
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for r in 0..<n {
            for a in 0..<m where values[r * m + a] {
                let (x, y) = (find(r), find(n + a))
                if x != y { parent[max(x, y)] = min(x, y) }
            }
        }
        var regionsOf = [Int: [Int]](), activitiesOf = [Int: [Int]]()
        for r in 0..<n { regionsOf[find(r), default: []].append(r) }
        for a in 0..<m { activitiesOf[find(n + a), default: []].append(a) }
        let roots = regionsOf.keys.filter { activitiesOf[$0] != nil }
        guard let best = roots.max(by: { x, y in
            let (rx, ry) = (regionsOf[x]!.count, regionsOf[y]!.count)
            if rx != ry { return rx < ry }
            let (ax, ay) = (activitiesOf[x]!.count, activitiesOf[y]!.count)
            if ax != ay { return ax < ay }
            return regionsOf[x]![0] > regionsOf[y]![0]
        }) else { return (([], []), 0) }
        return ((regionsOf[best]!, activitiesOf[best]!), roots.count)
    }
}
