import Foundation
import SmartSpec

/// Generates large synthetic datasets for benchmarks: `regions` regions with `indicators`
/// structural indicators spread over `dimensions` dimensions (driven by a few latent factors per
/// dimension, so principal components are meaningful) and, optionally, a region × activity table.
public struct ScaleDatasetGenerator: Sendable {
    /// Number of regions.
    public var regions: Int
    /// Number of structural indicators.
    public var indicators: Int
    /// Number of dimensions the indicators are spread over (round robin).
    public var dimensions: Int
    /// Number of activities (0 for none).
    public var activities: Int
    /// The seed.
    public var seed: UInt64

    /// Creates a generator.
    public init(regions: Int, indicators: Int = 40, dimensions: Int = 7, activities: Int = 0, seed: UInt64 = 1) {
        self.regions = regions
        self.indicators = indicators
        self.dimensions = dimensions
        self.activities = activities
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

    private func addActivities(to dataset: inout Dataset, _ rng: inout SeededGenerator) {
        let capabilities = 12
        let activityNeeds = (0..<activities).map { _ in (0..<capabilities).map { _ in rng.uniform() < 0.25 ? 1.0 : 0.0 } }
        var table = ActivityTable(year: nil, regionCount: regions, activityCount: activities)
        for r in 0..<regions {
            let held = (0..<capabilities).map { _ in rng.uniform() < 0.5 ? 1.0 : 0.0 }
            let size = exp(rng.normal(sd: 1))
            for a in 0..<activities {
                let missing = zip(activityNeeds[a], held).reduce(0) { $0 + ($1.0 > 0 && $1.1 == 0 ? 1 : 0) }
                let value = size * exp(-1.2 * Double(missing) + rng.normal(sd: 0.7)) * 100
                table[region: r, activity: a] = value >= 5 ? value.rounded() : 0
            }
        }
        dataset.activities = (0..<activities).map { Activity(code: String(format: "A%05d", $0 + 1), label: "Synthetic activity \($0 + 1)") }
        dataset.activityTables = [table]
    }
}
