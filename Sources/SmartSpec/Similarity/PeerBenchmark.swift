/// How a region performs on one performance indicator compared with its reference regions.
public struct PerformanceGap: Sendable, Equatable {
    /// The indicator.
    public var indicator: Indicator
    /// The region's value (nil when missing).
    public var value: Double?
    /// Number of peers with a value.
    public var peerCount: Int
    /// Peer median, lower and upper quartiles (type 7).
    public var median: Double?, lowerQuartile: Double?, upperQuartile: Double?
    /// Mid-rank percentile of the region's value among the peers' values (0–100, by value, not by direction).
    public var percentile: Double?
    /// Shortfall in the indicator's good direction: `median − value` when higher is better,
    /// `value − median` when lower is better. Positive: the peers do better.
    public var gap: Double?
    /// `gap / |median|` (nil when the median is 0).
    public var relativeGap: Double?
    /// `gap / s`, with `s` the indicator's standard deviation over all regions: comparable across indicators.
    public var standardisedGap: Double?
    /// Best value among the peers (in the good direction), showing what is achievable.
    public var bestPeerValue: Double?
    /// Code of the peer with that value.
    public var bestPeer: String?
}

/// Benchmarks a region on the performance indicators against a peer group.
public enum PeerBenchmark {
    /// Gaps of region `r` against `peers` (region indices) for every performance indicator,
    /// largest standardised shortfall first; indicators the region or all peers lack come last.
    public static func gaps(_ dataset: Dataset, region r: Int, peers: [Int]) -> [PerformanceGap] {
        let gaps = dataset.indicators.indices.filter { dataset.indicators[$0].role == .performance }.map { k in
            gap(dataset, k: k, region: r, peers: peers)
        }
        return gaps.sorted { a, b in
            switch (a.standardisedGap, b.standardisedGap) {
            case let (x?, y?): return x > y || (x == y && a.indicator.id < b.indicator.id)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.indicator.id < b.indicator.id
            }
        }
    }

    private static func gap(_ dataset: Dataset, k: Int, region r: Int, peers: [Int]) -> PerformanceGap {
        let indicator = dataset.indicators[k]
        let values = dataset.indicatorValues
        let peerValues = peers.compactMap { p in values[region: p, indicator: k].map { (p, $0) } }
        let numbers = peerValues.map(\.1)
        let median = Statistics.quantile(numbers, 0.5)
        let value = values[region: r, indicator: k]
        let sign: Double = indicator.direction == .higher ? 1 : -1
        let gap = value.flatMap { v in median.map { sign * ($0 - v) } }
        let spread = Statistics.standardDeviation(values.column(k).compactMap { $0 })
        let best = peerValues.min { a, b in sign * a.1 > sign * b.1 || (a.1 == b.1 && dataset.regions[a.0].code < dataset.regions[b.0].code) }
        return PerformanceGap(
            indicator: indicator, value: value, peerCount: numbers.count, median: median,
            lowerQuartile: Statistics.quantile(numbers, 0.25), upperQuartile: Statistics.quantile(numbers, 0.75),
            percentile: value.flatMap { Statistics.percentile(of: $0, among: numbers) },
            gap: gap, relativeGap: gap.flatMap { g in median.flatMap { $0 == 0 ? nil : g / abs($0) } },
            standardisedGap: gap.flatMap { g in spread.flatMap { $0 > 0 ? g / $0 : nil } },
            bestPeerValue: best?.1, bestPeer: best.map { dataset.regions[$0.0].code })
    }
}
