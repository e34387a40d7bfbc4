import Testing
@testable import SmartSpec

@Suite("Multi-criteria methods: published examples")
struct MCDATests {
    /// Tzeng & Huang (2011), Multiple Attribute Decision Making, TOPSIS/VIKOR example: four
    /// alternatives, three benefit criteria, weights 0.3, 0.4, 0.3.
    static let tzengHuang = try! DecisionMatrix(values: [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], weights: [0.3, 0.4, 0.3])

    @Test("TOPSIS: closeness 0.5037, 0.6581, 0.7482, 0.3340")
    func topsis() {
        let c = TOPSIS.closeness(Self.tzengHuang)
        for (got, want) in zip(c, [0.5037, 0.6581, 0.7482, 0.3340]) { #expect(abs(got - want) < 5e-5) }
    }

    @Test("VIKOR (v = 0.5): Q = 0.75, 0.25, 0, 1")
    func vikor() {
        // Hand: f* = (8, 8, 8), f⁻ = (5, 4, 4); S = (0.6, 0.3, 0.15, 0.65), R = (0.3, 0.2, 0.15, 0.4).
        let result = VIKOR.evaluate(Self.tzengHuang)
        for (got, want) in zip(result.s, [0.6, 0.3, 0.15, 0.65]) { #expect(abs(got - want) < 1e-12) }
        for (got, want) in zip(result.r, [0.3, 0.2, 0.15, 0.4]) { #expect(abs(got - want) < 1e-12) }
        for (got, want) in zip(result.q, [0.75, 0.25, 0, 1]) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("PROMETHEE II (usual criterion): net flows 0.1, −0.3, 0.2")
    func promethee() throws {
        // π(1,2) = 0.8, π(2,1) = 0.2, π(1,3) = 0.3, π(3,1) = 0.7, π(2,3) = 0.5, π(3,2) = 0.5.
        let m = try DecisionMatrix(values: [[4, 3, 2], [3, 2, 4], [5, 1, 3]], weights: [0.5, 0.3, 0.2])
        let flows = PROMETHEE.netFlows(m)
        for (got, want) in zip(flows.net, [0.1, -0.3, 0.2]) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("AHP: a consistent matrix gives exact weights and CR 0; an inconsistent one is refused unless forced")
    func ahp() throws {
        let consistent = try AHP(comparisons: [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]])
        for (got, want) in zip(consistent.weights, [4.0 / 7, 2.0 / 7, 1.0 / 7]) { #expect(abs(got - want) < 1e-12) }
        #expect(abs(consistent.lambdaMax - 3) < 1e-12 && abs(consistent.consistencyRatio) < 1e-12)
        // 1 > 2 (×3), 2 > 3 (×3) but 3 > 1 (×3): circular, so CR is far above 0.1.
        let circular: [[Double]] = [[1, 3, 1.0 / 3], [1.0 / 3, 1, 3], [3, 1.0 / 3, 1]]
        #expect(throws: MCDAError.self) { try AHP(comparisons: circular) }
        let forced = try AHP(comparisons: circular, force: true)
        #expect(forced.consistencyRatio > 0.1)
        #expect(forced.weights.allSatisfy { abs($0 - 1.0 / 3) < 1e-12 })
        #expect(throws: MCDAError.self) { try AHP(comparisons: [[1, 2], [3, 1]]) }
    }

    @Test("Cost criteria: reversing a column and its type leaves VIKOR and PROMETHEE unchanged")
    func costCriteria() throws {
        let benefit = try DecisionMatrix(values: [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], weights: [0.3, 0.4, 0.3])
        let cost = try DecisionMatrix(values: [[-5, 8, 4], [-7, 6, 8], [-8, 8, 6], [-7, 4, 6]], weights: [0.3, 0.4, 0.3],
                                      types: [.cost, .benefit, .benefit])
        #expect(VIKOR.evaluate(benefit) == VIKOR.evaluate(cost))
        #expect(PROMETHEE.netFlows(benefit).net == PROMETHEE.netFlows(cost).net)
        #expect(WeightedSum.scores(benefit) == WeightedSum.scores(cost))
    }
}
