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
