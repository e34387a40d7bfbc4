import Foundation
import Testing
import LinearAlgebra
@testable import SmartSpec

/// The rules the command-line tool used to compute itself and that the library now owns, each
/// checked against a hand calculation.
@Suite("Domain rules owned by the library")
struct DomainRulesTests {
    /// Two priorities, two criteria (cost weighs 1, growth 3), two rounds of three experts.
    static let study: ForesightStudy = {
        let file = TestPaths.temporaryFolder("rules").appendingPathComponent("study.yaml")
        try! Data("""
            study: {name: Rules}
            priorities:
              - {id: p, label: P}
              - {id: q, label: Q}
            criteria:
              items:
                - {id: growth, label: Growth, type: benefit, weight: 3}
                - {id: cost, label: Cost, type: cost, weight: 1}
            delphi:
              scale: [1, 5]
              ratings:
                - {expert: a, round: 1, priority: p, criterion: growth, value: 2}
                - {expert: b, round: 1, priority: p, criterion: growth, value: 3}
                - {expert: c, round: 1, priority: p, criterion: growth, value: 4}
                - {expert: a, round: 2, priority: p, criterion: growth, value: 4}
                - {expert: b, round: 2, priority: p, criterion: growth, value: 3}
                - {expert: c, round: 2, priority: p, criterion: growth, value: 5}
                - {expert: a, round: 1, priority: p, criterion: cost, value: 1}
                - {expert: b, round: 1, priority: p, criterion: cost, value: 2}
                - {expert: a, round: 1, priority: q, criterion: growth, value: 5}
                - {expert: b, round: 1, priority: q, criterion: growth, value: 5}
                - {expert: a, round: 1, priority: q, criterion: cost, value: 4}
                - {expert: b, round: 1, priority: q, criterion: cost, value: 5}
                - {expert: c, round: 1, priority: q, criterion: cost, value: 3}
            """.utf8).write(to: file)
        return try! ForesightStudy.read(file)
    }()

    @Test("Decision matrix: each pair's median in its latest round; weights normalised; a pair nobody rated is an error")
    func decisionMatrix() throws {
        // p: growth round 2 = {4, 3, 5} → 4; cost round 1 = {1, 2} → 1.5. q: growth {5, 5} → 5; cost {4, 5, 3} → 4.
        let m = try Self.study.decisionMatrix()
        #expect(m.values == [[4, 1.5], [5, 4]])
        #expect(m.weights == [0.75, 0.25] && m.types == [.benefit, .cost])
        var partial = Self.study
        partial.ratings.removeAll { $0.priority == "q" && $0.criterion == "cost" }
        #expect(throws: ForesightError.missingRating(priority: "q", criterion: "cost")) { try partial.decisionMatrix() }
        var empty = Self.study
        empty.criteria = []
        #expect(throws: ForesightError.studyWithoutCriteria) { try empty.decisionMatrix() }
    }

    @Test("Delphi table: items by (priority, criterion), rounds in order, stability of the experts in both rounds")
    func delphiTable() throws {
        let rows = try Self.study.delphiRounds(rule: DelphiRule(scale: 1...5))
        #expect(rows.map { "\($0.priority).\($0.criterion).\($0.round)" } == ["p.cost.1", "p.growth.1", "p.growth.2", "q.cost.1", "q.growth.1"])
        // p.growth: round 1 a2 b3 c4, round 2 a4 b3 c5: only b kept the rating → 1/3.
        let second = rows[2]
        #expect(second.summary.median == 4 && rows[1].stability == nil)
        #expect(abs(second.stability! - 1.0 / 3) < 1e-15)
    }

    @Test("Scenario weighting: equal, given (count checked)")
    func scenarioWeighting() throws {
        let study = try ForesightStudy.read(TestPaths.repository.appendingPathComponent("Datasets/demo/foresight/study.yaml"))
        let futures = try StudyScenarios(study)
        #expect(try futures.weighting(.equal) == .equal)
        let n = futures.scenarios.count
        #expect(try futures.weighting(.given(Array(repeating: 1, count: n))) == .given(Array(repeating: 1, count: n)))
        #expect(throws: ForesightError.invalidScenarioWeights(given: n + 1, scenarios: n)) {
            try futures.weighting(.given(Array(repeating: 1, count: n + 1)))
        }
        // Volume weights are basin sizes: every scenario of the space lands in exactly one basin.
        if case .given(let volumes) = try futures.weighting(.volume(.global)) {
            #expect(volumes.allSatisfy { $0 >= 1 && $0 == $0.rounded() } && volumes.reduce(0, +) <= futures.matrix.scenarioCount)
        } else {
            Issue.record("volume weighting should give weights")
        }
    }

    @Test("Dimension contrast: k = min(2, ⌊K/2⌋) smallest and largest distances, ties by id, never overlapping")
    func contrast() {
        let region = Region(code: "R", name: "R", country: "AA")
        func contrast(_ ids: [String], _ distances: [Double]) -> ([String], [String]) {
            let reference = ReferenceRegion(rank: 1, region: region, distance: 1, dimensionDistances: distances, indicatorDifferences: [])
            let result = ReferenceRegions(region: region, references: [reference], dimensions: ids, indicators: [])
            let c = result.contrast(reference)
            return (c.closest, c.differing)
        }
        // Order by (distance, id): b 0.1, d 0.1, a 0.2, e 0.3, c 0.5.
        let five = contrast(["e", "d", "c", "b", "a"], [0.3, 0.1, 0.5, 0.1, 0.2])
        #expect(five.0 == ["b", "d"] && five.1 == ["c", "e"])
        let three = contrast(["x", "y", "z"], [0.2, 0.1, 0.3])
        #expect(three.0 == ["y"] && three.1 == ["z"])
        let one = contrast(["x"], [0.2])
        #expect(one.0.isEmpty && one.1.isEmpty)
    }

    @Test("Multi-criteria ranking: the method's direction, ties by position, the registry")
    func ranking() throws {
        // VIKOR Q on Tzeng & Huang's example is 0.75, 0.25, 0, 1 (lower is better).
        let vikor = MultiCriteriaRanking(MCDATests.tzengHuang, method: VIKORMethod())
        #expect(vikor.order == [2, 1, 0, 3] && vikor.ranks == [3, 2, 1, 4])
        // Two identical alternatives tie; the earlier one ranks first.
        let tie = try DecisionMatrix(values: [[1, 2], [3, 1], [1, 2]], weights: [1, 1])
        let wsm = MultiCriteriaRanking(tie, method: WeightedSumMethod())
        #expect(wsm.scores[0] == wsm.scores[2] && wsm.ranks[0] < wsm.ranks[2])
        #expect(MultiCriteriaMethods.ids == ["topsis", "vikor", "promethee", "wsm"])
        #expect(MultiCriteriaMethods.method("vikor", MultiCriteriaParameters(vikorV: 0.2))?.scores(MCDATests.tzengHuang)
                == VIKOR.evaluate(MCDATests.tzengHuang, v: 0.2).q)
        #expect(MultiCriteriaMethods.method("electre") == nil)
    }

    @Test("Similarity methods come from the registry")
    func similarityRegistry() {
        #expect(SimilarityMethod.allCases.map(\.rawValue) == ["pca", "mahalanobis", "euclidean"])
        #expect(SimilarityMethod(rawValue: "cosine") == nil && SimilarityMethod(rawValue: "pca") == .pca)
        #expect(SimilarityMethod.pca.measure.usesDimensionWeights && !SimilarityMethod.euclidean.measure.usesDimensionWeights)
    }

    @Test("Sheet parameters keep their type in memory and their string form in JSON")
    func parameterValues() throws {
        let values: [ParameterValue] = [.number(0.3), .count(10), .flag(true), .choice("pca"), .range(3...7), .equalWeights,
                                        .weights(["human-capital": 2, "technology": 1.5])]
        let json = try JSONEncoder().encode(values)
        #expect(String(decoding: json, as: UTF8.self)
                == #"["0.3","10","true","pca","3-7","1 for every dimension","human-capital=2.0,technology=1.5"]"#)
        #expect(try JSONDecoder().decode([ParameterValue].self, from: json) == values)
    }

    @Test("Matrix: elements change only through the subscript or the buffer, never in count")
    func matrixInvariant() throws {
        var m = try Matrix(rowMajor: [[1, 2], [3, 4]])
        m.withUnsafeMutableElements { e in for k in e.indices { e[k] *= 2 } }
        m[0, 1] = 10
        m.scale(by: 0.5)
        #expect(m.elements == [1, 3, 5, 4] && m.elements.count == m.rows * m.columns)
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]) }
    }
}
