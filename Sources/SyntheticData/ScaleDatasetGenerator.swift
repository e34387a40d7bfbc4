import Foundation
import SmartSpec

/// Generates large synthetic datasets for benchmarks: `regions` regions with `indicators`
/// structural indicators spread over `dimensions` dimensions (driven by a few latent factors per
/// dimension, so principal components are meaningful) and, optionally, a region × activity table
/// for one or more years, in which regions gain and lose hidden capabilities from year to year, so
/// that entries into related activities are predictable (a panel for `smartspec backtest`).
public struct ScaleDatasetGenerator: Sendable {
    /// Number of regions.
    public var regions: Int
    /// Number of structural indicators.
    public var indicators: Int
    /// Number of dimensions the indicators are spread over (round robin).
    public var dimensions: Int
    /// Number of activities (0 for none).
    public var activities: Int
    /// Number of years of the activity table (2001, 2002, …); 1 writes a table without a year.
    public var years: Int
    /// The seed.
    public var seed: UInt64

    /// Creates a generator.
    public init(regions: Int, indicators: Int = 40, dimensions: Int = 7, activities: Int = 0,
                years: Int = 1, seed: UInt64 = 1) {
        precondition(years >= 1, "a dataset has at least one year")
        self.regions = regions
        self.indicators = indicators
        self.dimensions = dimensions
        self.activities = activities
        self.years = years
        self.seed = seed
    }

    /// Dimension identifiers used, from the built-in vocabulary.
    var dimensionIDs: [String] { (0..<dimensions).map { DimensionVocabulary.known[$0 % DimensionVocabulary.known.count].id } }

    /// Generates the dataset.
    public func generate() -> Dataset {
        var rng = SeededGenerator(seed: seed)
        let latent = 3
        let regionList = (0..<regions).map { i in
            Region(code: String(format: "S%07d", i + 1), name: String(format: "Synthetic region %d", i + 1),
                   country: String(format: "C%02d", i % 20))
        }
        let loadings = (0..<indicators).map { _ in (0..<latent).map { _ in rng.normal() } }
        let indicatorList = (0..<indicators).map { k in
            Indicator(id: String(format: "x%02d", k + 1), label: "Synthetic indicator \(k + 1)",
                      dimension: dimensionIDs[k % dimensions], role: .structural)
        }
        var values = IndicatorTable(regionCount: regions, indicatorIDs: indicatorList.map(\.id))
        for r in 0..<regions {
            let factors = (0..<(latent * dimensions)).map { _ in rng.normal() }
            for k in 0..<indicators {
                let d = k % dimensions
                var v = rng.normal(sd: 0.5)
                for f in 0..<latent { v += loadings[k][f] * factors[d * latent + f] }
                values[region: r, indicator: k] = (v * 10_000).rounded() / 10_000
            }
        }
        var dataset = Dataset(info: DatasetInfo(name: "synthetic-\(regions)", description: "SYNTHETIC benchmark data (seed \(seed))",
                                                synthetic: true),
                              regions: regionList, indicators: indicatorList, dimensions: [], indicatorValues: values)
        if activities > 0 { addActivities(to: &dataset, &rng) }
        return dataset
    }

    /// Activity values: a region holds some of 12 hidden capabilities and an activity needs some;
    /// each missing capability divides the expected value by e^1.2. Between years a region gains
    /// each missing capability with probability 0.15 and loses each held one with probability 0.05.
    ///
    /// Complexity: O(years × regions × activities).
    private func addActivities(to dataset: inout Dataset, _ rng: inout SeededGenerator) {
        let capabilities = 12
        let activityNeeds = (0..<activities).map { _ in (0..<capabilities).map { _ in rng.uniform() < 0.25 } }
        var held = (0..<regions).map { _ in (0..<capabilities).map { _ in rng.uniform() < 0.5 } }
        let sizes = (0..<regions).map { _ in exp(rng.normal(sd: 1)) }
        let firstYear = 2001
        var tables: [ActivityTable] = []
        for y in 0..<years {
            if y > 0 {
                for r in 0..<regions {
                    for c in 0..<capabilities {
                        let u = rng.uniform()
                        held[r][c] = held[r][c] ? u >= 0.05 : u < 0.15
                    }
                }
            }
            var table = ActivityTable(year: years > 1 ? firstYear + y : nil, regionCount: regions, activityCount: activities)
            for r in 0..<regions {
                for a in 0..<activities {
                    var missing = 0
                    for c in 0..<capabilities where activityNeeds[a][c] && !held[r][c] { missing += 1 }
                    let value = sizes[r] * exp(-1.2 * Double(missing) + rng.normal(sd: 0.7)) * 100
                    table[region: r, activity: a] = value >= 5 ? value.rounded() : 0
                }
            }
            tables.append(table)
        }
        dataset.activities = (0..<activities).map { Activity(code: String(format: "A%05d", $0 + 1), label: "Synthetic activity \($0 + 1)") }
        dataset.activityTables = tables
        if years > 1 { dataset.info.years = (0..<years).map { firstYear + $0 } }
    }
}
