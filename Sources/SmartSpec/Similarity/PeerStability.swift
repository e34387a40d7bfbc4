/// How often each reference region stays in the top `N` when the structural indicators change.
public struct PeerStability: Sendable {
    /// Per reference-region code: share of leave-one-dimension-out runs (0–1) in which it stays.
    public var leaveOneDimensionOut: [String: Double]
    /// Per reference-region code: share of bootstrap runs (0–1) in which it stays; empty without bootstrap.
    public var bootstrap: [String: Double]
    /// Number of leave-one-dimension-out runs (one per dimension, when there are at least two).
    public var dimensionRuns: Int
    /// Number of bootstrap runs.
    public var bootstrapRuns: Int

    /// Re-runs the reference-region search for `region` with each structural dimension left out
    /// and with `bootstrap` resamples (with replacement) of the structural indicators.
    public init(_ dataset: Dataset, region: String, top: Int, filter: CandidateFilter, options: SimilarityOptions,
                references: [String], bootstrap: Int, seed: UInt64) throws {
        let structural = dataset.indicators.indices.filter { dataset.indicators[$0].role == .structural }
        var dimensionOrder: [String] = []
        for k in structural where !dimensionOrder.contains(dataset.indicators[k].dimension) { dimensionOrder.append(dataset.indicators[k].dimension) }
        var options = options
        options.weights = [:]
        // The full set passed the sparsity rule; a variant that leaves a dimension out (or resamples)
        // can leave a region with few indicators, and is a sensitivity run: impute there.
        options.allowSparse = true
        func stays(_ sample: [Int]) throws -> Set<String> {
            let variant = dataset.withStructuralIndicators(sample)
            let space = try StructuralSpace(variant, options: options)
            return Set(try ReferenceRegionFinder(space: space).references(for: region, top: top, filter: filter).references.map(\.region.code))
        }
        var dimensionCounts: [String: Int] = [:]
        let dimensionSamples = dimensionOrder.count < 2 ? [] : dimensionOrder.map { d in structural.filter { dataset.indicators[$0].dimension != d } }
        for sample in dimensionSamples {
            for code in try stays(sample) { dimensionCounts[code, default: 0] += 1 }
        }
        var rng = SeededGenerator(seed: seed)
        var bootstrapCounts: [String: Int] = [:]
        for _ in 0..<bootstrap {
            let sample = structural.map { _ in structural[rng.integer(in: 0...(structural.count - 1))] }
            for code in try stays(sample) { bootstrapCounts[code, default: 0] += 1 }
        }
        dimensionRuns = dimensionSamples.count
        bootstrapRuns = bootstrap
        leaveOneDimensionOut = dimensionSamples.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: references.map {
            ($0, Double(dimensionCounts[$0] ?? 0) / Double(dimensionSamples.count))
        })
        self.bootstrap = bootstrap == 0 ? [:] : Dictionary(uniqueKeysWithValues: references.map {
            ($0, Double(bootstrapCounts[$0] ?? 0) / Double(bootstrap))
        })
    }
}

extension Dataset {
    /// A copy whose structural indicators are exactly `sample` (indices, repetitions allowed:
    /// a repeated indicator gets the id suffix `~2`, `~3`, ...); performance indicators are kept.
    func withStructuralIndicators(_ sample: [Int]) -> Dataset {
        let performance = indicators.indices.filter { indicators[$0].role == .performance }
        let chosen = performance + sample
        var seen: [String: Int] = [:]
        let newIndicators = chosen.map { k -> Indicator in
            var indicator = indicators[k]
            seen[indicator.id, default: 0] += 1
            if let count = seen[indicator.id], count > 1 { indicator.id += "~\(count)" }
            return indicator
        }
        var table = IndicatorTable(regionCount: regions.count, indicatorIDs: newIndicators.map(\.id))
        for (column, k) in chosen.enumerated() {
            for r in 0..<regions.count { table[region: r, indicator: column] = indicatorValues[region: r, indicator: k] }
        }
        var copy = self
        copy.indicators = newIndicators
        copy.indicatorValues = table
        return copy
    }
}
