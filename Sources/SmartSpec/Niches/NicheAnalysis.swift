/// Options of the niche analysis.
public struct NicheOptions: Sendable, Equatable {
    /// Presence threshold on RCA (`M = RCA ≥ threshold`).
    public var threshold: Double
    /// Sign and scale of ECI and PCI.
    public var convention: ComplexityConvention
    /// Proximity measure.
    public var proximity: Proximity.Measure

    /// Creates options; the defaults are RCA ≥ 1, the Atlas convention and conditional proximity.
    public init(threshold: Double = 1, convention: ComplexityConvention = .atlas, proximity: Proximity.Measure = .conditional) {
        self.threshold = threshold
        self.convention = convention
        self.proximity = proximity
    }
}

/// Every niche measure of a dataset's latest activity table: specialisation, cluster stars,
/// proximity, relatedness density, complexity and outlook.
public struct NicheAnalysis: Sendable {
    /// The dataset analysed.
    public let dataset: Dataset
    /// Options used.
    public let options: NicheOptions
    /// The latest activity table and, when there are two or more years, the earliest.
    public let table: ActivityTable, earlierTable: ActivityTable?
    /// Specialisation measures of the latest table (and of the earliest, for trends).
    public let specialisation: Specialisation, earlierSpecialisation: Specialisation?
    /// Presence matrix.
    public let presence: PresenceMatrix
    /// Cluster stars.
    public let stars: ClusterStars
    /// Proximity between activities.
    public let proximity: Proximity
    /// ECI, PCI, reflections and fitness.
    public let complexity: EconomicComplexity
    /// Density, COI and COG.
    public let outlook: ComplexityOutlook

    /// Runs the analysis.
    /// - Throws: ``NichesError`` when the dataset has no activities, a value is negative or not
    ///   finite, the threshold is invalid or the network is too small.
    public init(_ dataset: Dataset, options: NicheOptions = NicheOptions()) throws {
        guard let table = dataset.latestActivityTable, !dataset.activities.isEmpty else { throw NichesError.noActivities }
        guard options.threshold > 0, options.threshold.isFinite else { throw NichesError.invalidThreshold(options.threshold) }
        guard dataset.activities.count <= DatasetLimits.mostActivities else {
            throw NichesError.tooManyActivities(dataset.activities.count, limit: DatasetLimits.mostActivities)
        }
        for t in dataset.activityTables {
            if let k = t.values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw NichesError.invalidValue(region: dataset.regions[k / t.activityCount].code,
                                               activity: dataset.activities[k % t.activityCount].code, value: t.values[k])
            }
        }
        self.dataset = dataset
        self.options = options
        self.table = table
        earlierTable = dataset.activityTables.count > 1 ? dataset.activityTables.first : nil
        let groups = dataset.activities.map(\.group)
        specialisation = Specialisation(table, threshold: options.threshold, groups: groups)
        earlierSpecialisation = earlierTable.map { Specialisation($0, threshold: options.threshold, groups: groups) }
        presence = PresenceMatrix(specialisation.presence, regions: table.regionCount, activities: table.activityCount)
        stars = ClusterStars(table, specialisation: specialisation)
        proximity = try Proximity(presence, measure: options.proximity)
        complexity = try EconomicComplexity(presence, regionCodes: dataset.regions.map(\.code),
                                            activityCodes: dataset.activities.map(\.code), convention: options.convention)
        outlook = try ComplexityOutlook(presence, proximity: proximity, complexity: complexity)
    }

    /// Warnings of the analysis, in plain words.
    public var warnings: [String] { complexity.warnings }
}

