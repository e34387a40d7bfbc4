/// Why a similarity analysis cannot run; each case prints a sentence for the user.
public enum SimilarityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The region code is not in the dataset.
    case unknownRegion(String, suggestion: String?)
    /// The dataset has no structural indicators.
    case noStructuralIndicators
    /// A log-transformed indicator has a non-positive value.
    case nonPositiveUnderLog(indicator: String, region: String, value: Double)
    /// An indicator has no variation (or a single value) and so cannot be standardised.
    case constantIndicator(indicator: String, dimension: String)
    /// An indicator has no value at all.
    case emptyIndicator(indicator: String)
    /// An indicator is missing for more than half of the regions.
    case sparseIndicator(indicator: String, missing: Int, regions: Int)
    /// A region is missing more than half of the structural indicators.
    case sparseRegion(region: String, missing: Int, indicators: Int)
    /// More reference regions were asked for than there are candidates.
    case tooManyReferences(requested: Int, available: Int)
    /// Dimension weights were given for a method that does not use them.
    case weightsNotApplicable(method: String)
    /// A weight names a dimension without structural indicators.
    case weightForUnknownDimension(String, dimensions: [String])
    /// A weight is negative or not finite.
    case invalidWeight(dimension: String, value: Double)
    /// Every weight is zero.
    case allWeightsZero
    /// Fewer than two regions.
    case tooFewRegions(Int)
    /// A country filter leaves no candidate.
    case noCandidates(String)

    public var description: String {
        switch self {
        case let .unknownRegion(code, suggestion):
            return "The region '\(code)' is not in the dataset" + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
        case .noStructuralIndicators:
            return "The dataset has no indicators with role 'structural', so structural similarity cannot be measured."
        case let .nonPositiveUnderLog(indicator, region, value):
            return "Region '\(region)' has \(value) for '\(indicator)', whose transform is log; log needs positive values."
        case let .constantIndicator(indicator, dimension):
            return "The indicator '\(indicator)' (dimension \(dimension)) has the same value in every region with data, so it cannot be standardised; remove it or give it another dimension."
        case let .emptyIndicator(indicator):
            return "The indicator '\(indicator)' has no values, so it cannot be used; remove it from the structural indicators."
        case let .sparseIndicator(indicator, missing, regions):
            return "The indicator '\(indicator)' is missing for \(missing) of \(regions) regions (more than half); remove it, or pass --allow-sparse to impute it anyway."
        case let .sparseRegion(region, missing, indicators):
            return "Region '\(region)' is missing \(missing) of \(indicators) structural indicators (more than half); pass --allow-sparse to impute them anyway."
        case let .tooManyReferences(requested, available):
            return "\(requested) reference regions were requested, but only \(available) regions are candidates."
        case let .weightsNotApplicable(method):
            return "Dimension weights do not apply to the \(method) method; they apply to pca only."
        case let .weightForUnknownDimension(name, dimensions):
            return "The weight for '\(name)' names no dimension with structural indicators (they are \(dimensions.joined(separator: ", ")))."
        case let .invalidWeight(dimension, value):
            return "The weight of '\(dimension)' is \(value); a weight must be a finite number ≥ 0."
        case .allWeightsZero:
            return "Every dimension weight is 0; at least one must be positive."
        case let .tooFewRegions(count):
            return "Structural similarity needs at least two regions; the dataset has \(count)."
        case let .noCandidates(detail):
            return "No region is left to compare with: \(detail)."
        }
    }
}
