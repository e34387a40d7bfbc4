/// Why a niche or complexity analysis cannot run; each case prints a sentence for the user.
public enum NichesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dataset has no `activities.csv`.
    case noActivities
    /// The region code is not in the dataset.
    case unknownRegion(String)
    /// The presence threshold is not a positive finite number.
    case invalidThreshold(Double)
    /// The largest connected part of the region–activity network is too small for an eigenvector.
    case tooSmallForComplexity(regions: Int, activities: Int)
    /// More activities than the relatedness matrix may hold.
    case tooManyActivities(Int, limit: Int)
    /// The activity table has a negative or non-finite value.
    case invalidValue(region: String, activity: String, value: Double)

    public var description: String {
        switch self {
        case .noActivities:
            return "The dataset has no activities.csv, so specialisation, relatedness and complexity cannot be computed."
        case let .unknownRegion(code):
            return "The region '\(code)' is not in the dataset."
        case let .invalidThreshold(t):
            return "The presence threshold must be a positive number; got \(t)."
        case let .tooSmallForComplexity(regions, activities):
            return "Complexity needs at least two regions and two activities connected by presence (RCA at or above the threshold); the largest connected part has \(regions) region(s) and \(activities) activit(y/ies)."
        case let .tooManyActivities(count, limit):
            return "The dataset has \(count) activities; relatedness needs an activities × activities matrix, so at most \(limit) activities are analysed (aggregate the classification, for instance to divisions)."
        case let .invalidValue(region, activity, value):
            return "Region '\(region)' has \(value) for activity '\(activity)'; activity values must be finite and not negative."
        }
    }
}
