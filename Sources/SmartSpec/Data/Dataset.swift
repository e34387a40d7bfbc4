/// Descriptive information from `dataset.yaml`.
public struct DatasetInfo: Sendable, Equatable {
    /// Short name of the dataset.
    public var name: String
    /// What the dataset contains.
    public var description: String?
    /// Where the numbers come from.
    public var source: String?
    /// Licence of the data.
    public var licence: String?
    /// Reference year(s).
    public var years: [Int]
    /// Languages in which names are given (`en`, `ru`).
    public var languages: [String]
    /// How the CSV files are written.
    public var dialect: CSVDialect?
    /// Whether the data are synthetic (never to be presented as real statistics).
    public var synthetic: Bool

    /// Creates the information block.
    public init(name: String, description: String? = nil, source: String? = nil, licence: String? = nil,
                years: [Int] = [], languages: [String] = ["en"], dialect: CSVDialect? = nil, synthetic: Bool = false) {
        self.name = name
        self.description = description
        self.source = source
        self.licence = licence
        self.years = years
        self.languages = languages
        self.dialect = dialect
        self.synthetic = synthetic
    }
}

/// A region (or any territorial unit: municipality, country) of a dataset.
public struct Region: Sendable, Equatable, Hashable {
    /// Unique code, e.g. `RU-TA` or `AT13`.
    public var code: String
    /// Name in English (or the dataset's main language).
    public var name: String
    /// Name in Russian, when given.
    public var nameRu: String?
    /// Country code.
    public var country: String
    /// Territorial level (e.g. NUTS level), when given.
    public var level: Int?
    /// Code of the parent region, when given.
    public var parent: String?

    /// Creates a region.
    public init(code: String, name: String, nameRu: String? = nil, country: String, level: Int? = nil, parent: String? = nil) {
        self.code = code
        self.name = name
        self.nameRu = nameRu
        self.country = country
        self.level = level
        self.parent = parent
    }
}

/// Whether an indicator describes conditions that change slowly, or results.
public enum IndicatorRole: String, Sendable, CaseIterable, Codable {
    /// Conditions used to find structurally similar regions.
    case structural
    /// Outcomes on which a region is benchmarked against its peers.
    case performance
}

/// Which direction of an indicator is better.
public enum IndicatorDirection: String, Sendable, CaseIterable, Codable {
    /// Higher values are better.
    case higher
    /// Lower values are better.
    case lower
}

/// Transformation applied to an indicator before standardisation.
public enum IndicatorTransform: String, Sendable, CaseIterable, Codable {
    /// Use the value as it is.
    case none
    /// Natural logarithm (values must be positive).
    case log
}

/// Metadata of one indicator, from `indicators.yaml`.
public struct Indicator: Sendable, Equatable, Hashable {
    /// Identifier, the column name in `indicators.csv`.
    public var id: String
    /// Label in English.
    public var label: String
    /// Label in Russian, when given.
    public var labelRu: String?
    /// Dimension identifier (e.g. `human-capital`).
    public var dimension: String
    /// Structural or performance.
    public var role: IndicatorRole
    /// Which direction is better.
    public var direction: IndicatorDirection
    /// Transformation before standardisation.
    public var transform: IndicatorTransform
    /// Unit of measurement.
    public var unit: String?
    /// Source of the numbers.
    public var source: String?

    /// Creates indicator metadata.
    public init(id: String, label: String, labelRu: String? = nil, dimension: String, role: IndicatorRole,
                direction: IndicatorDirection = .higher, transform: IndicatorTransform = .none,
                unit: String? = nil, source: String? = nil) {
        self.id = id
        self.label = label
        self.labelRu = labelRu
        self.dimension = dimension
        self.role = role
        self.direction = direction
        self.transform = transform
        self.unit = unit
        self.source = source
    }
}

/// A dimension of structural conditions (geo-demography, human capital, ...).
public struct Dimension: Sendable, Equatable, Hashable {
    /// Identifier used in `indicators.yaml`.
    public var id: String
    /// Label in English.
    public var label: String
    /// Label in Russian.
    public var labelRu: String?

    /// Creates a dimension.
    public init(id: String, label: String, labelRu: String? = nil) {
        self.id = id
        self.label = label
        self.labelRu = labelRu
    }
}

/// Indicator values: one row per region (in the dataset's region order), one column per indicator
/// (in `indicators` order); `nil` is a missing value.
public struct IndicatorTable: Sendable, Equatable {
    /// Number of regions (rows).
    public let regionCount: Int
    /// Indicator identifiers (columns).
    public let indicatorIDs: [String]
    /// Values, row-major: region `r`, indicator `k` at `r * indicatorIDs.count + k`; NaN is a
    /// missing value (8 bytes a cell, where an optional takes 16).
    private var cells: [Double]

    /// Creates a table with every value missing.
    public init(regionCount: Int, indicatorIDs: [String]) {
        self.regionCount = regionCount
        self.indicatorIDs = indicatorIDs
        self.cells = Array(repeating: .nan, count: regionCount * indicatorIDs.count)
    }

    /// Value of region `r` for indicator `k`; setting NaN makes it missing.
    public subscript(region r: Int, indicator k: Int) -> Double? {
        get { let value = cells[r * indicatorIDs.count + k]; return value.isNaN ? nil : value }
        set { cells[r * indicatorIDs.count + k] = newValue ?? .nan }
    }

    /// Sets region `r`'s row to `row` (one value per indicator, NaN for a missing one).
    mutating func setRow(_ r: Int, to row: UnsafeBufferPointer<Double>) {
        let width = indicatorIDs.count
        precondition(row.count == width, "a row has one value per indicator")
        cells.withUnsafeMutableBufferPointer { cells in
            _ = UnsafeMutableBufferPointer(rebasing: cells[(r * width)..<((r + 1) * width)]).initialize(from: row)
        }
    }

    /// Calls `body` with the values, row-major, NaN for a missing one.
    func withCells<T>(_ body: (UnsafeBufferPointer<Double>) throws -> T) rethrows -> T { try cells.withUnsafeBufferPointer(body) }

    /// All values of indicator `k`, in region order.
    public func column(_ k: Int) -> [Double?] {
        (0..<regionCount).map { self[region: $0, indicator: k] }
    }

    /// The values of the indicators `indicators` as one column-major array (indicator `c`'s value
    /// for region `r` at `c * regionCount + r`), a missing value as NaN; read in blocks of rows, so
    /// that both the row-major table and the columns are visited in order.
    /// - Complexity: O(regions × indicators given).
    public func columnMajor(_ indicators: [Int]) -> [Double] {
        let width = indicatorIDs.count, n = regionCount, block = 256
        var columns = [Double](repeating: .nan, count: n * indicators.count)
        cells.withUnsafeBufferPointer { cells in
            columns.withUnsafeMutableBufferPointer { columns in
                for start in stride(from: 0, to: n, by: block) {
                    let rows = start..<min(n, start + block)
                    for (c, k) in indicators.enumerated() {
                        for r in rows { columns[c * n + r] = cells[r * width + k] }
                    }
                }
            }
        }
        return columns
    }

    /// Number of cells (regions × indicators).
    public var cellCount: Int { cells.count }

    /// Number of missing cells.
    public var missingCount: Int { cells.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }

    /// Equal sizes, identifiers and values, a missing value equal to a missing one.
    public static func == (a: IndicatorTable, b: IndicatorTable) -> Bool {
        a.regionCount == b.regionCount && a.indicatorIDs == b.indicatorIDs
            && a.cells.elementsEqual(b.cells) { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}

/// An economic activity (industry, product, technology field), from `activities.yaml`.
public struct Activity: Sendable, Equatable, Hashable {
    /// Code, as in `activities.csv`.
    public var code: String
    /// Label in English.
    public var label: String
    /// Label in Russian.
    public var labelRu: String?
    /// Group (e.g. NACE section of a division), used for related variety.
    public var group: String?
    /// Traded (serves markets beyond the region) or local (follows the local population).
    public var scope: ActivityScope

    /// Creates an activity.
    public init(code: String, label: String, labelRu: String? = nil, group: String? = nil, scope: ActivityScope = .traded) {
        self.code = code
        self.label = label
        self.labelRu = labelRu
        self.group = group
        self.scope = scope
    }
}

/// Whether an activity serves markets beyond its region (traded) or the local population (local),
/// as Delgado, Porter & Stern separate industries (`Methodology/traded-local.md`). Cluster stars,
/// candidate niches and recommendations use traded activities only, unless asked otherwise.
public enum ActivityScope: String, Sendable, CaseIterable, Codable {
    case traded, local
}

/// Region × activity values (employment, patents, exports) for one year.
public struct ActivityTable: Sendable, Equatable {
    /// The year, when `activities.csv` has a `year` column.
    public var year: Int?
    /// Number of regions (rows, in the dataset's region order).
    public let regionCount: Int
    /// Number of activities (columns, in the dataset's activity order).
    public let activityCount: Int
    /// Values, row-major: region `r`, activity `a` at `r * activityCount + a`. Absent pairs are 0.
    public var values: [Double]

    /// Creates an all-zero table.
    public init(year: Int?, regionCount: Int, activityCount: Int) {
        self.year = year
        self.regionCount = regionCount
        self.activityCount = activityCount
        self.values = Array(repeating: 0, count: regionCount * activityCount)
    }

    /// Value of region `r` in activity `a`.
    public subscript(region r: Int, activity a: Int) -> Double {
        get { values[r * activityCount + a] }
        set { values[r * activityCount + a] = newValue }
    }
}

/// A validated dataset: regions, indicators with their values and, optionally, activities.
public struct Dataset: Sendable {
    /// Descriptive information.
    public var info: DatasetInfo
    /// Regions in file order.
    public var regions: [Region]
    /// Indicator metadata in `indicators.yaml` order.
    public var indicators: [Indicator]
    /// Dimensions used by the indicators, in order of first use.
    public var dimensions: [Dimension]
    /// Indicator values.
    public var indicatorValues: IndicatorTable
    /// Classification of the activities, when given.
    public var activityClassification: String?
    /// Activities in `activities.yaml` order (or code order when there is no `activities.yaml`).
    public var activities: [Activity]
    /// Activity tables, one per year, oldest first (empty when there is no `activities.csv`).
    public var activityTables: [ActivityTable]

    /// Creates a dataset. No validation happens here; use ``DatasetLoader`` for files.
    public init(info: DatasetInfo, regions: [Region], indicators: [Indicator], dimensions: [Dimension],
                indicatorValues: IndicatorTable, activityClassification: String? = nil,
                activities: [Activity] = [], activityTables: [ActivityTable] = []) {
        self.info = info
        self.regions = regions
        self.indicators = indicators
        self.dimensions = dimensions
        self.indicatorValues = indicatorValues
        self.activityClassification = activityClassification
        self.activities = activities
        self.activityTables = activityTables
    }

    /// Index of the region with `code`.
    public func regionIndex(of code: String) -> Int? { regions.firstIndex { $0.code == code } }

    /// The dataset without the regions whose codes are in `codes`: their rows of the indicator and
    /// activity tables go with them; everything else is kept in order.
    /// - Complexity: O(n · (p + m · y)) for n regions, p indicators, m activities and y years.
    public func removingRegions(_ codes: Set<String>) -> Dataset {
        let kept = regions.indices.filter { !codes.contains(regions[$0].code) }
        var values = IndicatorTable(regionCount: kept.count, indicatorIDs: indicatorValues.indicatorIDs)
        for (row, r) in kept.enumerated() {
            for k in indicatorValues.indicatorIDs.indices { values[region: row, indicator: k] = indicatorValues[region: r, indicator: k] }
        }
        let tables = activityTables.map { table in
            var copy = ActivityTable(year: table.year, regionCount: kept.count, activityCount: table.activityCount)
            for (row, r) in kept.enumerated() {
                for a in 0..<table.activityCount { copy.values[row * table.activityCount + a] = table.values[r * table.activityCount + a] }
            }
            return copy
        }
        var copy = self
        copy.regions = kept.map { regions[$0] }
        copy.indicatorValues = values
        copy.activityTables = tables
        return copy
    }

    /// Indicators with the given role.
    public func indicators(withRole role: IndicatorRole) -> [Indicator] { indicators.filter { $0.role == role } }

    /// The most recent activity table.
    public var latestActivityTable: ActivityTable? { activityTables.last }

    /// Country codes in order of first appearance.
    public var countries: [String] {
        var seen = Set<String>()
        return regions.compactMap { seen.insert($0.country).inserted ? $0.country : nil }
    }
}
