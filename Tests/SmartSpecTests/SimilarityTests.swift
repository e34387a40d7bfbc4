import Foundation
import Testing
@testable import LinearAlgebra
@testable import SmartSpec
@testable import SyntheticData

/// A dataset built in code (no files), for hand-checkable similarity cases.
func handDataset(regions: [(String, String)], indicators: [Indicator], values: [[Double?]]) -> Dataset {
    var table = IndicatorTable(regionCount: regions.count, indicatorIDs: indicators.map(\.id))
    for (r, row) in values.enumerated() { for (k, v) in row.enumerated() { table[region: r, indicator: k] = v } }
    return Dataset(info: DatasetInfo(name: "hand"), regions: regions.map { Region(code: $0.0, name: $0.0, country: $0.1) },
                   indicators: indicators, dimensions: [], indicatorValues: table)
}

func structural(_ id: String, _ dimension: String, transform: IndicatorTransform = .none) -> Indicator {
    Indicator(id: id, label: id, dimension: dimension, role: .structural, transform: transform)
}

@Suite("Reference regions")
struct SimilarityTests {
    @Test("z-standardisation uses the sample sd: [1,2,3,4] → ±1.1619, ±0.3873")
    func standardisation() throws {
        let data = handDataset(regions: [("A", "X"), ("B", "X"), ("C", "Y"), ("D", "Y")],
                               indicators: [structural("x", "technology")], values: [[1], [2], [3], [4]])
        let s = try StandardisedIndicators(data)
        // mean 2.5, sd = √(5/3) = 1.290994…; (1 − 2.5)/1.290994 = −1.161895
        let expected = [-1.5, -0.5, 0.5, 1.5].map { $0 / (5.0 / 3).squareRoot() }
        for (got, want) in zip(s.z.column(0), expected) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("A missing z is the mean z of the same country's other regions, then the column is re-standardised")
    func imputation() throws {
        // Country A: 1, missing, 3; country B: 10, 20.
        let data = handDataset(regions: [("a1", "A"), ("a2", "A"), ("a3", "A"), ("b1", "B"), ("b2", "B")],
                               indicators: [structural("x", "technology")], values: [[1], [nil], [3], [10], [20]])
        let s = try StandardisedIndicators(data, allowSparse: true)
        // Present values 1, 3, 10, 20: mean 8.5, sd √(((−7.5)²+(−5.5)²+1.5²+11.5²)/3) = √(221/3)
        let sd = (221.0 / 3).squareRoot()
        let z1 = (1 - 8.5) / sd, z3 = (3 - 8.5) / sd
        #expect(s.imputed == [ImputedCell(region: "a2", indicator: "x", zValue: (z1 + z3) / 2, donors: 2)])
        let column = s.z.column(0)
        #expect(abs(column.reduce(0, +)) < 1e-12)
        #expect(abs(column.reduce(0) { $0 + $1 * $1 } / 4 - 1) < 1e-12)
    }

    @Test("Many missing cells in several countries: each imputed z is its country's mean of the first z-values, by brute force")
    func imputationByBruteForce() throws {
        // 300 regions in 7 countries (country 6 has one region, so its missing cells have no donor),
        // 4 indicators, about one cell in twelve missing; a log indicator among them.
        var rng = SeededGenerator(seed: 11)
        let n = 300, countries = (0..<n).map { $0 == n - 1 ? 6 : $0 % 6 }
        let indicators = [structural("a", "technology"), structural("b", "technology", transform: .log),
                          structural("c", "economy"), structural("d", "economy")]
        let values: [[Double?]] = (0..<n).map { r in
            (0..<4).map { k in (r == n - 1 && k == 0) || rng.uniform() < 1.0 / 12 ? nil : (k == 1 ? 1 + rng.uniform() * 50 : rng.uniform() * 10 - 5 + Double(countries[r])) }
        }
        let data = handDataset(regions: (0..<n).map { ("r\($0)", "C\(countries[$0])") }, indicators: indicators, values: values)
        let s = try StandardisedIndicators(data, allowSparse: true)
        var expected: [ImputedCell] = []
        var filled = values.map { $0.map { $0 ?? .nan } }
        for k in 0..<4 {
            // The first z-values, from the values present (sample sd).
            let column = values.map { $0[k].map { k == 1 ? log($0) : $0 } }
            let present = column.compactMap { $0 }
            let mean = present.reduce(0, +) / Double(present.count)
            let sd = (present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)).squareRoot()
            let z = column.map { $0.map { ($0 - mean) / sd } }
            for r in 0..<n {
                filled[r][k] = z[r] ?? .nan
                guard z[r] == nil else { continue }
                let donors = (0..<n).filter { $0 != r && countries[$0] == countries[r] && z[$0] != nil }
                let value = donors.isEmpty ? 0 : donors.reduce(0) { $0 + z[$1]! } / Double(donors.count)
                expected.append(ImputedCell(region: "r\(r)", indicator: indicators[k].id, zValue: value, donors: donors.count))
                filled[r][k] = value
            }
        }
        expected.sort { (Int($0.region.dropFirst())!, $0.indicator) < (Int($1.region.dropFirst())!, $1.indicator) }
        #expect(s.imputed.count == expected.count && s.imputed.count > 60)
        for (got, want) in zip(s.imputed, expected) {
            #expect(got.region == want.region && got.indicator == want.indicator && got.donors == want.donors)
            #expect(abs(got.zValue - want.zValue) < 1e-12)
        }
        #expect(s.imputed.contains { $0.donors == 0 && $0.zValue == 0 })
        // Then every column re-standardised: the filled z-values, standardised again.
        for k in 0..<4 {
            let column = filled.map { $0[k] }
            let mean = column.reduce(0, +) / Double(n)
            let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
            for r in 0..<n { #expect(abs(s.z[r, k] - (column[r] - mean) / sd) < 1e-12) }
        }
    }

    @Test("Sparse indicators are refused unless allowed")
    func sparse() throws {
        // y is missing in 3 of 5 regions: more than half.
        let data = handDataset(regions: [("a", "A"), ("b", "A"), ("c", "A"), ("d", "A"), ("e", "A")],
                               indicators: [structural("x", "technology"), structural("y", "technology")],
                               values: [[1, 1], [2, nil], [3, nil], [4, 2], [5, nil]])
        #expect(throws: SimilarityError.sparseIndicator(indicator: "y", missing: 3, regions: 5)) { try StandardisedIndicators(data) }
        #expect(throws: Never.self) { try StandardisedIndicators(data, allowSparse: true) }
    }

    @Test("Two perfectly correlated indicators form one component equal to their common z")
    func perfectCorrelation() throws {
        // y = 2x + 1: R = [[1,1],[1,1]], eigenvalues 2 and 0, one component; F = Z v /√2 = z_x.
        let data = handDataset(regions: [("a", "A"), ("b", "A"), ("c", "B"), ("d", "B")],
                               indicators: [structural("x", "technology"), structural("y", "technology")],
                               values: [[1, 3], [2, 5], [4, 9], [7, 15]])
        let space = try StructuralSpace(data)
        let d = space.dimensions[0]
        #expect(d.components == 1)
        #expect(abs(d.eigenvalues[0] - 2) < 1e-12 && abs(d.eigenvalues[1]) < 1e-12)
        let z = space.standardised.z.column(0)
        for r in 0..<4 { #expect(abs(abs(d.scores[r, 0]) - abs(z[r])) < 1e-12) }
    }

    @Test("Distances: D = √(Σ w_k D_k² / Σ w_k), similarity 1/(1+D)")
    func weightedDistance() throws {
        let data = handDataset(regions: [("a", "A"), ("b", "A"), ("c", "B")],
                               indicators: [structural("x", "technology"), structural("y", "openness")],
                               values: [[0, 0], [1, 2], [2, 1]])
        // Each column: mean 1, sd 1 ⇒ x: z = (−1, 0, 1); y: z = (−1, 1, 0).
        let plain = try StructuralSpace(data)
        #expect(abs(plain.distance(0, 1) - ((1.0 + 4.0) / 2).squareRoot()) < 1e-12)
        let weighted = try StructuralSpace(data, options: SimilarityOptions(weights: ["technology": 3, "openness": 1]))
        #expect(abs(weighted.distance(0, 1) - ((3 * 1.0 + 4.0) / 4).squareRoot()) < 1e-12)
        #expect(weighted.dimensionDistances(0, 2) == [2, 1])
        let result = try ReferenceRegionFinder(space: plain).references(for: "a", top: 2)
        #expect(result.references.map(\.region.code) == ["b", "c"] || result.references.map(\.region.code) == ["c", "b"])
        #expect(abs(result.references[0].similarity - 1 / (1 + result.references[0].distance)) < 1e-15)
        // b and c are equally far from a (√2.5): the tie is broken by code.
        #expect(result.references.map(\.region.code) == ["b", "c"])
    }

    @Test("Mahalanobis equals Euclidean for uncorrelated indicators; collinear ones give a warning")
    func mahalanobis() throws {
        // x = (1,−1,1,−1), y = (1,1,−1,−1): uncorrelated, so R = I.
        let data = handDataset(regions: [("a", "A"), ("b", "A"), ("c", "B"), ("d", "B")],
                               indicators: [structural("x", "technology"), structural("y", "technology")],
                               values: [[1, 1], [-1, 1], [1, -1], [-1, -1]])
        let m = try StructuralSpace(data, options: SimilarityOptions(method: .mahalanobis))
        let e = try StructuralSpace(data, options: SimilarityOptions(method: .euclidean))
        for a in 0..<4 { for b in 0..<4 { #expect(abs(m.distance(a, b) - e.distance(a, b)) < 1e-12) } }
        #expect(m.warnings.isEmpty)
        let collinear = handDataset(regions: [("a", "A"), ("b", "A"), ("c", "B")],
                                    indicators: [structural("x", "technology"), structural("y", "technology")],
                                    values: [[1, 2], [2, 4], [4, 8]])
        let singular = try StructuralSpace(collinear, options: SimilarityOptions(method: .mahalanobis))
        #expect(singular.warnings.count == 1 && singular.warnings[0].contains("pseudo-inverse"))
        #expect(throws: SimilarityError.self) { try StructuralSpace(data, options: SimilarityOptions(method: .euclidean, weights: ["technology": 2])) }
    }

    @Test("Bad requests give one clear sentence")
    func errors() throws {
        let data = handDataset(regions: [("RU-TA", "RU"), ("RU-BA", "RU"), ("RU-MOS", "RU")],
                               indicators: [structural("x", "technology", transform: .log)], values: [[1], [2], [3]])
        let finder = ReferenceRegionFinder(space: try StructuralSpace(data))
        #expect(throws: SimilarityError.unknownRegion("RU-TT", suggestion: "RU-TA")) { try finder.references(for: "RU-TT", top: 1) }
        #expect(throws: SimilarityError.tooManyReferences(requested: 5, available: 2)) { try finder.references(for: "RU-TA", top: 5) }
        #expect(throws: SimilarityError.noCandidates("the country filter leaves no region")) {
            try finder.references(for: "RU-TA", top: 1, filter: CandidateFilter(excludeSameCountry: true))
        }
        let negative = handDataset(regions: [("a", "A"), ("b", "A")], indicators: [structural("x", "technology", transform: .log)], values: [[1], [0]])
        #expect(throws: SimilarityError.nonPositiveUnderLog(indicator: "x", region: "b", value: 0)) { try StructuralSpace(negative) }
        let constant = handDataset(regions: [("a", "A"), ("b", "A"), ("c", "A")],
                                   indicators: [structural("x", "technology"), structural("k", "openness")], values: [[1, 5], [2, 5], [3, 5]])
        #expect(throws: SimilarityError.constantIndicator(indicator: "k", dimension: "openness")) { try StructuralSpace(constant) }
        let empty = handDataset(regions: [("a", "A"), ("b", "A")], indicators: [structural("x", "technology"), structural("e", "openness")],
                                values: [[1, nil], [2, nil]])
        #expect(throws: SimilarityError.emptyIndicator(indicator: "e")) { try StructuralSpace(empty) }
        #expect(throws: SimilarityError.emptyIndicator(indicator: "e")) { try StructuralSpace(empty, options: SimilarityOptions(allowSparse: true)) }
        #expect(SimilarityError.unknownRegion("RU-TT", suggestion: "RU-TA").description == "The region 'RU-TT' is not in the dataset; did you mean 'RU-TA'?")
    }

    @Test("All-pairs search across several tiles equals the one-region search, with filters", arguments: [false, true])
    func allPairsMatchesSingle(excludeSameCountry: Bool) throws {
        let data = ScaleDatasetGenerator(regions: 1300, indicators: 12, dimensions: 4, seed: 9).generate()
        let space = try StructuralSpace(data)
        let finder = ReferenceRegionFinder(space: space)
        let filter = CandidateFilter(excludeSameCountry: excludeSameCountry)
        let all = try finder.allReferences(top: 7, filter: filter)
        for r in stride(from: 0, to: 1300, by: 37) {
            let single = try finder.references(for: data.regions[r].code, top: 7, filter: filter)
            #expect(all[r].map { data.regions[$0.index].code } == single.references.map(\.region.code))
            for (a, b) in zip(all[r], single.references) { #expect(a.distance == b.distance) }
        }
    }

    @Test("Peer benchmark: type-7 quartiles, mid-rank percentile, gaps in the good direction")
    func benchmark() throws {
        var performance = Indicator(id: "unemployment", label: "u", dimension: "labour-market", role: .performance, direction: .lower)
        let data = handDataset(regions: [("r", "A"), ("p1", "A"), ("p2", "A"), ("p3", "A"), ("p4", "A")],
                               indicators: [structural("x", "technology"), performance],
                               values: [[1, 3], [2, 1], [3, 2], [4, 3], [5, 4]])
        let gaps = PeerBenchmark.gaps(data, region: 0, peers: [1, 2, 3, 4])
        let g = try #require(gaps.first)
        // Peers 1, 2, 3, 4: median 2.5, Q1 = 1 + 0.75·1 = 1.75, Q3 = 3.25; value 3 is above 2 peers and equal to 1.
        #expect(g.median == 2.5 && g.lowerQuartile == 1.75 && g.upperQuartile == 3.25)
        #expect(g.percentile == 100 * 2.5 / 4)
        // Lower is better: gap = value − median = 0.5 (a shortfall); best peer p1 with 1.
        #expect(g.gap == 0.5 && g.relativeGap == 0.2 && g.bestPeer == "p1" && g.bestPeerValue == 1)
        performance.direction = .higher
        let flipped = PeerBenchmark.gaps(handDataset(regions: [("r", "A"), ("p1", "A"), ("p2", "A")],
                                                     indicators: [structural("x", "technology"), performance],
                                                     values: [[1, 3], [2, 1], [3, 2]]), region: 0, peers: [1, 2])
        #expect(flipped[0].gap == -1.5)
    }

    @Test("Stability is deterministic for a seed and lies in [0, 1]")
    func stability() throws {
        let (dataset, _) = try DatasetLoader.load(folder: TestPaths.repository.appendingPathComponent("Datasets/demo"))
        let finder = ReferenceRegionFinder(space: try StructuralSpace(dataset))
        let refs = try finder.references(for: "XA03", top: 5).references.map(\.region.code)
        let a = try PeerStability(dataset, region: "XA03", top: 5, filter: CandidateFilter(), options: SimilarityOptions(),
                                  references: refs, bootstrap: 20, seed: 3)
        let b = try PeerStability(dataset, region: "XA03", top: 5, filter: CandidateFilter(), options: SimilarityOptions(),
                                  references: refs, bootstrap: 20, seed: 3)
        #expect(a.bootstrap == b.bootstrap && a.leaveOneDimensionOut == b.leaveOneDimensionOut)
        #expect(a.dimensionRuns == 7 && a.bootstrapRuns == 20)
        #expect(a.bootstrap.values.allSatisfy { (0...1).contains($0) } && a.leaveOneDimensionOut.values.allSatisfy { (0...1).contains($0) })
        #expect(a.leaveOneDimensionOut.values.contains { $0 > 0 })
    }
}
