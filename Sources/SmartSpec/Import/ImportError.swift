/// Why an import could not pick the values asked for; each case prints a sentence.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A filter names a dimension the table does not have.
    case unknownDimension(String, available: [String])
    /// No row has the filtered value.
    case unknownValue(dimension: String, value: String, available: [String])
    /// After filtering, a dimension other than geo still varies.
    case ambiguous(dimension: String, values: [String])
    /// The requested period is not a column of the table.
    case unknownPeriod(String, available: [String])
    /// Nothing matched.
    case noValues(String)
    /// A required column is missing from a long table.
    case missingColumn(String, file: String, header: [String])
    /// A `--where` or `--columns` argument is malformed.
    case malformedAssignment(String)
    /// An indicator id the dataset would refuse.
    case invalidIndicatorID(String)
    /// An indicator id that names a column the dataset reserves.
    case reservedIndicatorID(String)
    /// The same indicator twice in one import.
    case duplicateIndicator(String)
    /// The dataset already has the indicator (and replacing was not asked for).
    case indicatorExists(String)
    /// A region code the dataset would refuse.
    case invalidRegionCode(String, indicator: String)
    /// Two values for one region and indicator.
    case duplicateValue(region: String, indicator: String)
    /// A value that is not a finite number.
    case nonFiniteValue(region: String, indicator: String)
    /// The dataset already has an activity value for this region, activity and year.
    case activityValueExists(region: String, activity: String, year: String)
    /// The target folder has dataset files that do not validate.
    case targetInvalid(folder: String, problems: Int, first: String)
    /// The folder would not validate after the import.
    case wouldInvalidate(problems: Int, first: String)

    public var description: String {
        switch self {
        case let .unknownDimension(name, available):
            return "The table has no dimension '\(name)'; its dimensions are \(available.joined(separator: ", "))."
        case let .unknownValue(dimension, value, available):
            return "No row has \(dimension) = '\(value)'; the values of \(dimension) are \(Self.list(available))."
        case let .ambiguous(dimension, values):
            return "The dimension '\(dimension)' still has several values (\(Self.list(values))); choose one with --where \(dimension)=\(values.first ?? "...")."
        case let .unknownPeriod(period, available):
            return "The table has no period '\(period)'; it has \(Self.list(available))."
        case let .noValues(detail):
            return "No values were selected: \(detail)."
        case let .missingColumn(name, file, header):
            return "\(file) has no column '\(name)'; its columns are \(header.joined(separator: ", "))."
        case let .malformedAssignment(text):
            return "'\(text)' should have the form name=value."
        case let .invalidIndicatorID(id):
            return "The indicator id '\(id)' cannot be used: an id is 1–64 characters without spaces, quotes, slashes, angle brackets, ampersands or control characters."
        case let .reservedIndicatorID(id):
            return "The indicator id '\(id)' is the name of the region column of indicators.csv; choose another id."
        case let .duplicateIndicator(id):
            return "The indicator '\(id)' is imported twice in one run."
        case let .indicatorExists(id):
            return "The dataset already has an indicator '\(id)'; pass --replace to replace its values and metadata, or choose another id."
        case let .invalidRegionCode(code, indicator):
            return "The region code '\(code)' (indicator '\(indicator)') cannot be used: a code is 1–64 characters without spaces, quotes, slashes, angle brackets, ampersands or control characters."
        case let .duplicateValue(region, indicator):
            return "The table has two values for region '\(region)' and indicator '\(indicator)'; keep one (for instance with --year or --where)."
        case let .nonFiniteValue(region, indicator):
            return "The value of indicator '\(indicator)' for region '\(region)' is not a finite number."
        case let .activityValueExists(region, activity, year):
            return "The dataset already has a value of activity '\(activity)' for region '\(region)'\(year.isEmpty ? "" : " in \(year)"); pass --replace to replace the year's values."
        case let .targetInvalid(folder, problems, first):
            return "The dataset in \(folder) has \(problems) problem(s), the first: \(first); fix them (smartspec validate --dataset \(folder)) before importing into it."
        case let .wouldInvalidate(problems, first):
            return "The import was not written: the dataset would have \(problems) problem(s), the first: \(first)."
        }
    }

    private static func list(_ values: [String]) -> String {
        values.count <= 12 ? values.joined(separator: ", ") : values.prefix(12).joined(separator: ", ") + ", … (\(values.count) in all)"
    }
}

/// One indicator's values taken from an outside table, ready to be merged into a dataset folder.
public struct ImportedIndicator: Sendable {
    /// Metadata to write into `indicators.yaml`.
    public var indicator: Indicator
    /// Values by region code, in a deterministic order.
    public var values: [(code: String, value: Double)]
    /// Regions to add to `regions.csv` when they are not there yet.
    public var regions: [Region]
    /// Remarks for the user (fallback years used, flags seen).
    public var notes: [String]

    /// Creates an imported indicator.
    public init(indicator: Indicator, values: [(code: String, value: Double)], regions: [Region], notes: [String] = []) {
        self.indicator = indicator
        self.values = values
        self.regions = regions
        self.notes = notes
    }
}
