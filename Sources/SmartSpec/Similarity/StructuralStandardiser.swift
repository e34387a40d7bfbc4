import Foundation
import LinearAlgebra

/// A cell whose structural z-value was imputed.
public struct ImputedCell: Sendable, Equatable, Hashable {
    /// Region code.
    public var region: String
    /// Indicator id.
    public var indicator: String
    /// The imputed z-value (before the final re-standardisation).
    public var zValue: Double
    /// How it was imputed: the mean z of this many other regions of the same country (0 = set to 0).
    public var donors: Int
}

/// The structural indicators of a dataset, transformed, standardised and completed.
///
/// Steps (see `Methodology/reference-regions.md`): apply each indicator's transform; z-standardise
/// with the mean and sample standard deviation (n − 1) of the non-missing values; impute each
/// missing z by the mean z of the same country's other regions with a value, else 0; finally
/// re-standardise every column (a no-op for columns without imputations) so that `ZᵀZ/(n − 1)`
/// is exactly the correlation matrix.
public struct StandardisedIndicators: Sendable {
    /// The structural indicators, in dataset order.
    public let indicators: [Indicator]
    /// Region × indicator z-values (`n × p`).
    public let z: Matrix
    /// Every imputed cell, in region then indicator order.
    public let imputed: [ImputedCell]

    /// Standardises the structural indicators of `dataset`.
    /// - Parameter allowSparse: impute even indicators or regions that are more than half missing.
    /// - Complexity: O(n · p) for n regions and p structural indicators.
    public init(_ dataset: Dataset, allowSparse: Bool = false) throws {
        let columns = dataset.indicators.indices.filter { dataset.indicators[$0].role == .structural }
        guard !columns.isEmpty else { throw SimilarityError.noStructuralIndicators }
        let n = dataset.regions.count
        guard n >= 2 else { throw SimilarityError.tooFewRegions(n) }
        let indicators = columns.map { dataset.indicators[$0] }, regions = dataset.regions
        self.indicators = indicators
        // One column-major array, a missing value as NaN; each step runs column by column on all
        // cores, and the first failing column (in order) reports, as one pass in order would.
        var z = dataset.indicatorValues.columnMajor(columns)
        let missing = try ParallelTasks.forEachPart(of: &z, parts: columns.count, length: n) { k, column in
            Result { try Self.transform(column, indicators[k], regions) }
        }.map { try $0.get() }
        if !allowSparse { try Self.refuseSparse(z, missing: missing, regions: regions, indicators) }
        func standardiseColumns() throws {
            for outcome in ParallelTasks.forEachPart(of: &z, parts: columns.count, length: n, { k, column in
                Result { try Self.standardise(column, indicators[k]) } }) { try outcome.get() }
        }
        try standardiseColumns()
        imputed = missing.contains { $0 > 0 } ? Self.impute(&z, missing: missing, regions: regions, indicators) : []
        try standardiseColumns()
        self.z = try Matrix(rows: n, columns: columns.count, columnMajor: z)
    }

    /// The regions missing more than half of the structural indicators, which cannot be placed in
    /// the structural space unless imputed (``SimilarityError/sparseRegion(region:missing:indicators:)``
    /// for each), in dataset order.
    /// - Complexity: O(n · p) for n regions and p structural indicators.
    public static func sparseRegions(_ dataset: Dataset) -> [SimilarityError] {
        let columns = dataset.indicators.indices.filter { dataset.indicators[$0].role == .structural }
        guard !columns.isEmpty else { return [] }
        return dataset.regions.indices.compactMap { r in
            let missing = columns.filter { dataset.indicatorValues[region: r, indicator: $0] == nil }.count
            return missing * 2 > columns.count
                ? SimilarityError.sparseRegion(region: dataset.regions[r].code, missing: missing, indicators: columns.count) : nil
        }
    }

    /// Column of indicator `id`.
    public func column(of id: String) -> Int? { indicators.firstIndex { $0.id == id } }

    /// Applies the indicator's transform to its column in place and returns how many values are missing.
    private static func transform(_ column: UnsafeMutableBufferPointer<Double>, _ indicator: Indicator, _ regions: [Region]) throws -> Int {
        var missing = 0
        for r in column.indices {
            let value = column[r]
            if value.isNaN { missing += 1; continue }
            guard indicator.transform == .log else { continue }
            guard value > 0 else {
                throw SimilarityError.nonPositiveUnderLog(indicator: indicator.id, region: regions[r].code, value: value)
            }
            column[r] = log(value)
        }
        return missing
    }

    /// Refuses an indicator without values or more than half missing, then a region more than half missing.
    private static func refuseSparse(_ z: [Double], missing: [Int], regions: [Region], _ indicators: [Indicator]) throws {
        let n = regions.count
        for (k, missing) in missing.enumerated() {
            if missing == n { throw SimilarityError.emptyIndicator(indicator: indicators[k].id) }
            if missing * 2 > n { throw SimilarityError.sparseIndicator(indicator: indicators[k].id, missing: missing, regions: n) }
        }
        guard missing.contains(where: { $0 > 0 }) else { return }
        var missingInRegion = [Int](repeating: 0, count: n)
        for k in missing.indices where missing[k] > 0 { for r in 0..<n where z[k * n + r].isNaN { missingInRegion[r] += 1 } }
        for r in 0..<n where missingInRegion[r] * 2 > indicators.count {
            throw SimilarityError.sparseRegion(region: regions[r].code, missing: missingInRegion[r], indicators: indicators.count)
        }
    }

    /// `(x − mean)/sd` in place over the values present (sample sd, n − 1); a missing value (NaN) stays missing.
    static func standardise(_ column: UnsafeMutableBufferPointer<Double>, _ indicator: Indicator) throws {
        var count = 0, sum = 0.0
        for value in column where !value.isNaN { count += 1; sum += value }
        guard count > 0 else { throw SimilarityError.emptyIndicator(indicator: indicator.id) }
        guard count >= 2 else { throw SimilarityError.constantIndicator(indicator: indicator.id, dimension: indicator.dimension) }
        let mean = sum / Double(count)
        var squares = 0.0
        for value in column where !value.isNaN { squares += (value - mean) * (value - mean) }
        let sd = (squares / Double(count - 1)).squareRoot()
        guard sd > 1e-12 * max(1, abs(mean)), sd.isFinite else {
            throw SimilarityError.constantIndicator(indicator: indicator.id, dimension: indicator.dimension)
        }
        for r in column.indices where !column[r].isNaN { column[r] = (column[r] - mean) / sd }
    }

    /// Sets every missing z (NaN) to the mean z of the same country's regions with a value in its
    /// column (summed in region order), else 0, all from the values before any is set; returns the
    /// cells in region then indicator order.
    /// - Complexity: O(n) per column with a missing value.
    private static func impute(_ z: inout [Double], missing: [Int], regions: [Region], _ indicators: [Indicator]) -> [ImputedCell] {
        let n = regions.count
        var groupOf: [String: Int] = [:]
        let group = regions.map { region -> Int in
            if let known = groupOf[region.country] { return known }
            groupOf[region.country] = groupOf.count
            return groupOf.count - 1
        }
        var fills: [(r: Int, k: Int, value: Double, donors: Int)] = []
        for k in missing.indices where missing[k] > 0 {
            var sums = [Double](repeating: 0, count: groupOf.count), counts = [Int](repeating: 0, count: groupOf.count)
            for r in 0..<n where !z[k * n + r].isNaN {
                sums[group[r]] += z[k * n + r]
                counts[group[r]] += 1
            }
            for r in 0..<n where z[k * n + r].isNaN {
                let donors = counts[group[r]]
                fills.append((r, k, donors == 0 ? 0 : sums[group[r]] / Double(donors), donors))
            }
        }
        fills.sort { ($0.r, $0.k) < ($1.r, $1.k) }
        for fill in fills { z[fill.k * n + fill.r] = fill.value }
        return fills.map { ImputedCell(region: regions[$0.r].code, indicator: indicators[$0.k].id, zValue: $0.value, donors: $0.donors) }
    }
}
