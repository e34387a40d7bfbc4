import Foundation
import Testing
@testable import SmartSpec

@Suite("MICMAC, Delphi, priority scoring and the study file")
struct ForesightStudyTests {
    @Test("MICMAC: direct sums, indirect sums of M² rescaled to the direct total, quadrants at the means")
    func micmac() throws {
        //      A  B  C
        // A [  0, 3, 2 ]      M² = [[5, 2, 9], [3, 6, 2], [1, 3, 5]]: row sums 16, 11, 9; column sums 9, 11, 16;
        // B [  1, 0, 3 ]      total 36, direct total 11, so indirect = sums · 11/36. Rankings of M² equal those
        // C [  1, 1, 0 ]      of M (influence A > B > C, dependence C > B > A), so the power is 2.
        let result = try MICMAC(matrix: [[0, 3, 2], [1, 0, 3], [1, 1, 0]])
        #expect(result.directInfluence == [5, 4, 2] && result.directDependence == [2, 4, 5])
        #expect(result.power == 2)
        for (got, want) in zip(result.indirectInfluence, [16.0, 11, 9].map { $0 * 11 / 36 }) { #expect(abs(got - want) < 1e-12) }
        for (got, want) in zip(result.indirectDependence, [9.0, 11, 16].map { $0 * 11 / 36 }) { #expect(abs(got - want) < 1e-12) }
        // Means 11/3 ≈ 3.667: A high influence, low dependence; B below both; C low influence, high dependence.
        #expect(result.quadrants == [.influential, .autonomous, .dependent])
        #expect(throws: ForesightError.self) { try MICMAC(matrix: [[0, 1]]) }
    }

    @Test("Delphi: type-7 quartiles, top-third share, consensus and stability")
    func delphi() throws {
        // Ratings 3, 4, 4, 5, 5 on 1–5: Q1 = 4, median 4, Q3 = 5, IQR 1; top band ≥ 5 − 4/3 = 3.67 holds 4 of 5 = 0.8.
        let s = try Delphi.summarise([3, 4, 4, 5, 5])
        #expect(s.median == 4 && s.lowerQuartile == 4 && s.upperQuartile == 5 && s.interquartileRange == 1)
        #expect(abs(s.topBandShare - 0.8) < 1e-12 && s.consensus)
        // Type 6 on 3, 4, 4, 5, 5: Q1 at h = 6·0.25 − 1 = 0.5 → 3.5; Q3 at h = 3.5 → 5.
        var six = DelphiRule()
        six.quantileType = .six
        let s6 = try Delphi.summarise([3, 4, 4, 5, 5], rule: six)
        #expect(s6.lowerQuartile == 3.5 && s6.upperQuartile == 5 && s6.median == 4)
        let wide = try Delphi.summarise([1, 2, 4, 5, 5])
        #expect(!wide.consensus)
        #expect(Delphi.stability(previous: ["a": 3, "b": 4, "c": 5], current: ["a": 3, "b": 5, "d": 1]) == 0.5)
        #expect(throws: ForesightError.self) { try Delphi.summarise([6]) }
    }

    @Test("Priority scoring: sums of impacts per scenario and the decision rules")
    func scoring() throws {
        // Two scenarios over three flat variants: s1 = {0, 2}, s2 = {1, 2}.
        // Priority x: impacts (2, −1, 1) → s1 = 3, s2 = 0. Priority y: (0, 1, 1) → s1 = 1, s2 = 2.
        let scoring = try PriorityScoring(impacts: [[2, -1, 1], [0, 1, 1]], scenarios: [[0, 2], [1, 2]], alpha: 0.25)
        #expect(scoring.scores == [[3, 0], [1, 2]])
        #expect(scoring.expected == [1.5, 1.5] && scoring.worst == [0, 1] && scoring.best == [3, 2])
        #expect(scoring.hurwicz == [0.75, 1.25])
        // Regret: s1 best 3, s2 best 2 → x: (0, 2), y: (2, 0).
        #expect(scoring.maxRegret == [2, 2] && scoring.wins == [1, 1])
        #expect(scoring.robustness == [.scenarioDependent, .scenarioDependent])
        let weighted = try PriorityScoring(impacts: [[2, -1, 1], [0, 1, 1]], scenarios: [[0, 2], [1, 2]], weighting: .given([3, 1]))
        #expect(weighted.expected == [2.25, 1.25])
    }

    @Test("The demo study loads, has consistent scenarios and AHP weights")
    func demoStudy() throws {
        let study = try ForesightStudy.read(TestPaths.repository.appendingPathComponent("Datasets/demo/foresight/study.yaml"))
        #expect(study.priorities.count == 5 && study.criteria.count == 3 && study.micmacVariables.count == 6)
        #expect(abs(study.criteria.map(\.weight).reduce(0, +) - 1) < 1e-12)
        let matrix = try #require(study.matrix)
        // 4 consistent scenarios of the 72, found by an independent brute force (numpy) over all 72.
        #expect(try CIBSolver(matrix: matrix).solve().count == 4)
        #expect(study.micmacRaw[5][4] == -1)   // the P entry
        #expect(study.descriptorsHaveRussianLabels)
    }

    @Test("A broken study reports each problem with line and column")
    func brokenStudy() throws {
        let folder = TestPaths.temporaryFolder("study")
        let file = folder.appendingPathComponent("bad.yaml")
        try Data("""
            study: {name: broken}
            descriptors:
              - id: a
                variants: [{id: x}, {id: y}]
              - id: b
                variants: [{id: x}, {id: y}]
            cross_impacts:
              a.x: [0, 0, 1]
              a.z: [0, 0, 1, 1]
            priorities: [{id: p}]
            impacts:
              p: {a.x: 7}
            """.utf8).write(to: file)
        #expect { try ForesightStudy.read(file) } throws: { error in
            guard let e = error as? DatasetValidationError else { return false }
            let locations = e.issues.map(\.location)
            return locations.contains("bad.yaml:8:8") && locations.contains("bad.yaml:9:3") && locations.contains("bad.yaml:12:12")
        }
    }
}

extension ForesightStudy {
    var descriptorsHaveRussianLabels: Bool { matrix?.descriptors.allSatisfy { $0.labelRu != nil && $0.variants.allSatisfy { $0.labelRu != nil } } ?? false }
}
