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
    public init(_ dataset: Dataset, allowSparse: Bool = false) throws {
        let columns = dataset.indicators.indices.filter { dataset.indicators[$0].role == .structural }
        guard !columns.isEmpty else { throw SimilarityError.noStructuralIndicators }
        let n = dataset.regions.count
        guard n >= 2 else { throw SimilarityError.tooFewRegions(n) }
        indicators = columns.map { dataset.indicators[$0] }
        // Column by column on all cores; the first failing column (in order) reports.
        let indicators = self.indicators
        let values = dataset.indicatorValues.columns(columns)
        var raw = try ParallelTasks.map(columns.count) { i in Result { try Self.transformed(values[i], dataset, column: columns[i]) } }.map { try $0.get() }
        if !allowSparse { try Self.refuseSparse(dataset, raw, indicators) }
        var imputedCells: [ImputedCell] = []
        let transformedValues = raw
        // Standardised columns (missing as NaN), each column contiguous as in the matrix.
        var standardisedColumns: [[Double]] = []
        for standardised in ParallelTasks.map(transformedValues.count, { k in Result { try Self.standardise(transformedValues[k], indicators[k]) } }) {
            standardisedColumns.append(try standardised.get().map { $0 ?? .nan })
        }
        // The missing cells, region by region.
        let missing = (0..<columns.count).flatMap { k in transformedValues[k].indices.filter { transformedValues[k][$0] == nil }.map { (r: $0, k: k) } }
            .sorted { ($0.r, $0.k) < ($1.r, $1.k) }
        raw.removeAll()
        // Donor means use the values of step 2 only, so every imputation is computed before any is written.
        let countryOf = dataset.regions.map(\.country)
        var fills: [(r: Int, k: Int, value: Double)] = []
        for (r, k) in missing {
            let column = standardisedColumns[k]
            let donors = (0..<n).filter { $0 != r && countryOf[$0] == countryOf[r] && !column[$0].isNaN }
            let value = donors.isEmpty ? 0 : donors.reduce(0) { $0 + column[$1] } / Double(donors.count)
            fills.append((r, k, value))
            imputedCells.append(ImputedCell(region: dataset.regions[r].code, indicator: indicators[k].id, zValue: value, donors: donors.count))
        }
        for fill in fills { standardisedColumns[fill.k][fill.r] = fill.value }
        let filled = standardisedColumns
        var elements: [Double] = []
        elements.reserveCapacity(n * columns.count)
        for restandardised in ParallelTasks.map(columns.count, { k in Result { try Self.standardise(filled[k].map { Optional($0) }, indicators[k]) } }) {
            elements += try restandardised.get().map { $0! }
        }
        let z = try Matrix(rows: n, columns: columns.count, columnMajor: elements)
        self.z = z
        imputed = imputedCells
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

    /// `values` (indicator `k`'s column) under the indicator's transform.
    private static func transformed(_ values: [Double?], _ dataset: Dataset, column k: Int) throws -> [Double?] {
        let indicator = dataset.indicators[k]
        guard indicator.transform == .log else { return values }
        return try values.enumerated().map { r, value in
            guard let value else { return nil }
            guard value > 0 else {
                throw SimilarityError.nonPositiveUnderLog(indicator: indicator.id, region: dataset.regions[r].code, value: value)
            }
            return log(value)
        }
    }

    private static func refuseSparse(_ dataset: Dataset, _ raw: [[Double?]], _ indicators: [Indicator]) throws {
        let n = dataset.regions.count
        for (k, values) in raw.enumerated() {
            let missing = values.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
            if missing == n { throw SimilarityError.emptyIndicator(indicator: indicators[k].id) }
            if missing * 2 > n { throw SimilarityError.sparseIndicator(indicator: indicators[k].id, missing: missing, regions: n) }
        }
        var missingInRegion = [Int](repeating: 0, count: n)
        for values in raw { for (r, value) in values.enumerated() where value == nil { missingInRegion[r] += 1 } }
        for r in 0..<n where missingInRegion[r] * 2 > raw.count {
            throw SimilarityError.sparseRegion(region: dataset.regions[r].code, missing: missingInRegion[r], indicators: raw.count)
        }
    }

    /// `(x − mean)/sd` over the non-missing values (sample sd, n − 1); nil stays nil.
    static func standardise(_ values: [Double?], _ indicator: Indicator) throws -> [Double?] {
        let present = values.compactMap { $0 }
        guard !present.isEmpty else { throw SimilarityError.emptyIndicator(indicator: indicator.id) }
        guard present.count >= 2 else { throw SimilarityError.constantIndicator(indicator: indicator.id, dimension: indicator.dimension) }
        let mean = present.reduce(0, +) / Double(present.count)
        let variance = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)
        let sd = variance.squareRoot()
        guard sd > 1e-12 * max(1, abs(mean)), sd.isFinite else {
            throw SimilarityError.constantIndicator(indicator: indicator.id, dimension: indicator.dimension)
        }
        return values.map { $0.map { ($0 - mean) / sd } }
    }
}

import Foundation
