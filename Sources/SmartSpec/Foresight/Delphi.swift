/// Aggregation of expert (Delphi) ratings of one item in one round.
public struct DelphiSummary: Sendable, Equatable {
    /// Number of ratings.
    public var count: Int
    /// Median, quartiles (Hyndman–Fan type 7) and interquartile range.
    public var median: Double, lowerQuartile: Double, upperQuartile: Double, interquartileRange: Double
    /// Share of ratings in the top band of the scale.
    public var topBandShare: Double
    /// Whether the consensus rule holds.
    public var consensus: Bool
}

/// The consensus rule of a Delphi survey.
public struct DelphiRule: Sendable, Equatable {
    /// Scale of the ratings.
    public var scale: ClosedRange<Double>
    /// Largest interquartile range that counts as agreement (default 1).
    public var maxInterquartileRange: Double
    /// Smallest share of ratings in the top band (default 0.7).
    public var minTopBandShare: Double
    /// Share of the scale, from the top, that forms the top band (default 1/3).
    public var topBandFraction: Double
    /// Quantile definition for the median and quartiles (default type 7).
    public var quantileType: Statistics.QuantileType = .seven

    /// The default rule: IQR ≤ 1 and at least 70% of ratings in the top third of the scale.
    public init(scale: ClosedRange<Double> = 1...5, maxInterquartileRange: Double = 1, minTopBandShare: Double = 0.7,
                topBandFraction: Double = 1.0 / 3) {
        self.scale = scale
        self.maxInterquartileRange = maxInterquartileRange
        self.minTopBandShare = minTopBandShare
        self.topBandFraction = topBandFraction
    }

    /// Lowest rating in the top band: `max − fraction · (max − min)`.
    public var topBandStart: Double { scale.upperBound - topBandFraction * (scale.upperBound - scale.lowerBound) }
}

/// Delphi aggregation per item and round, and stability between rounds.
public enum Delphi {
    /// Summary of `ratings` under `rule`.
    public static func summarise(_ ratings: [Double], rule: DelphiRule = DelphiRule()) throws -> DelphiSummary {
        guard !ratings.isEmpty else { throw ForesightError.noRatings }
        if let outside = ratings.first(where: { !rule.scale.contains($0) }) {
            throw ForesightError.ratingOutsideScale(value: outside, scale: rule.scale)
        }
        let type = rule.quantileType
        let q1 = Statistics.quantile(ratings, 0.25, type: type)!, q3 = Statistics.quantile(ratings, 0.75, type: type)!
        let top = Double(ratings.filter { $0 >= rule.topBandStart }.count) / Double(ratings.count)
        return DelphiSummary(count: ratings.count, median: Statistics.quantile(ratings, 0.5, type: type)!, lowerQuartile: q1, upperQuartile: q3,
                             interquartileRange: q3 - q1, topBandShare: top,
                             consensus: q3 - q1 <= rule.maxInterquartileRange && top >= rule.minTopBandShare)
    }

    /// Stability between two rounds of the same experts: the share of experts whose rating changed
    /// by at most `tolerance` (default 0, i.e. unchanged), over experts who rated in both rounds.
    public static func stability(previous: [String: Double], current: [String: Double], tolerance: Double = 0) -> Double? {
        let both = Set(previous.keys).intersection(current.keys)
        guard !both.isEmpty else { return nil }
        return Double(both.filter { abs(previous[$0]! - current[$0]!) <= tolerance }.count) / Double(both.count)
    }
}
