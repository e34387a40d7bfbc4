/// Counts that describe a dataset at a glance (for `smartspec validate`).
public struct DatasetSummary: Sendable, Codable, Equatable {
    /// Indicators of one dimension.
    public struct DimensionCount: Sendable, Codable, Equatable {
        /// Dimension identifier.
        public var dimension: String
        /// Number of structural indicators.
        public var structural: Int
        /// Number of performance indicators.
        public var performance: Int
    }

    /// Dataset name.
    public var name: String
    /// Whether the dataset is synthetic.
    public var synthetic: Bool
    /// Number of regions.
    public var regions: Int
    /// Number of countries.
    public var countries: Int
    /// Number of indicators.
    public var indicators: Int
    /// Number of structural indicators.
    public var structuralIndicators: Int
    /// Number of performance indicators.
    public var performanceIndicators: Int
    /// Indicators per dimension, in order of first use.
    public var dimensions: [DimensionCount]
    /// Missing indicator cells.
    public var missingValues: Int
    /// All indicator cells.
    public var cells: Int
    /// Number of activities.
    public var activities: Int
    /// Years of the activity tables.
    public var activityYears: [Int]

    /// Summarises `dataset`.
    public init(_ dataset: Dataset) {
        name = dataset.info.name
        synthetic = dataset.info.synthetic
        regions = dataset.regions.count
        countries = dataset.countries.count
        indicators = dataset.indicators.count
        structuralIndicators = dataset.indicators(withRole: .structural).count
        performanceIndicators = dataset.indicators(withRole: .performance).count
        dimensions = dataset.dimensions.map { d in
            DimensionCount(dimension: d.id,
                           structural: dataset.indicators.filter { $0.dimension == d.id && $0.role == .structural }.count,
                           performance: dataset.indicators.filter { $0.dimension == d.id && $0.role == .performance }.count)
        }
        missingValues = dataset.indicatorValues.missingCount
        cells = dataset.indicatorValues.cellCount
        activities = dataset.activities.count
        activityYears = dataset.activityTables.compactMap(\.year)
    }
}
