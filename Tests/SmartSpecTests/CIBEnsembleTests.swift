import Foundation
import Testing
@testable import SmartSpec

/// `matrix` with `changes` random judgements moved by ±1…2.
private func perturbed(_ matrix: CrossImpactMatrix, changes: Int, _ rng: inout SeededGenerator) -> CrossImpactMatrix {
    var impacts = matrix.impacts
    for _ in 0..<changes {
        let cell = rng.integer(in: 0...(impacts.count - 1))
        impacts[cell] += rng.integer(in: 0...1) == 0 ? -rng.integer(in: 1...2) : rng.integer(in: 1...2)
    }
    return matrix.replacingImpacts(impacts)
}

@Suite("Foresight under disagreement and uncertainty")
struct CIBEnsembleTests {
    @Test("An ensemble's members each have exactly their own consistent set, and the union is complete")
    func ensembleExactness() throws {
        var rng = SeededGenerator(seed: 20)
        for trial in 0..<12 {
            let base = try randomCrossImpactMatrix(descriptors: 5, selfJudged: false, &rng)
            let members = [base] + (0..<3).map { _ in perturbed(base, changes: 4, &rng) }
            let threshold = trial % 3 == 0 ? 1 : 0
            let ensemble = try CIBEnsemble(members: members, names: ["a", "b", "c", "d"])
            let found = try ensemble.analyse(maxInconsistency: threshold)
            let own = try members.map { Set(try CIBSolver(matrix: $0, maxInconsistency: threshold).solve().map(\.variants)) }
            #expect(Set(found.map(\.variants)) == own.reduce(Set()) { $0.union($1) })
            for (k, member) in own.enumerated() {
                #expect(Set(found.filter { $0.perMember[k].inconsistency <= threshold }.map(\.variants)) == member)
            }
            for scenario in found {
                #expect(scenario.consistentIn == own.filter { $0.contains(scenario.variants) }.count)
                // The sum matrix, built here cell by cell, against the ensemble's answer.
                let sum = base.replacingImpacts(base.impacts.indices.map { i in members.reduce(0) { $0 + $1.impacts[i] } })
                #expect(scenario.consistentInSum == (CIBSolver(matrix: sum).evaluate(scenario.variants).inconsistency <= threshold * members.count))
            }
        }
    }

    @Test("The mean matrix rounds halves away from zero; the sum matrix adds")
    func meanAndSum() throws {
        let a = try CIBTests.twoByTwo()
        let b = a.replacingImpacts([0, 0, 3, -1, 0, 0, -2, 2, 2, -2, 0, 0, -2, 4, 0, 0])
        let ensemble = try CIBEnsemble(members: [a, b], names: ["a", "b"])
        // Cell by cell: (2+3)/2 = 2.5 → 3, (−2−1)/2 = −1.5 → −2, (−1−2)/2 = −1.5 → −2, (1+2)/2 = 1.5 → 2, …
        #expect(ensemble.meanMatrix().impacts == [0, 0, 3, -2, 0, 0, -2, 2, 2, -2, 0, 0, -3, 4, 0, 0])
        #expect(try ensemble.sumMatrix().impacts == [0, 0, 5, -3, 0, 0, -3, 3, 3, -3, 0, 0, -5, 7, 0, 0])
    }

    @Test("Members with other descriptors are refused, naming the member and the first difference")
    func membersDiffer() throws {
        let a = try CIBTests.twoByTwo()
        let d = { (id: String, v: String) in CrossImpactMatrix.Descriptor(id: id, label: id, variants: [.init(id: v + "1", label: ""), .init(id: v + "2", label: "")]) }
        let b = try CrossImpactMatrix(descriptors: [d("A", "A"), d("B", "C")], impacts: Array(repeating: Array(repeating: 0, count: 4), count: 4))
        #expect(throws: ForesightError.ensembleMembersDiffer(member: "b.scw", first: "a.yaml", difference: "variant 1 of 'B' is 'C1', not 'B1'")) {
            try CIBEnsemble(members: [a, b], names: ["a.yaml", "b.scw"])
        }
    }

    @Test("With U = 0 every sample is the base matrix and every base scenario has share 1")
    func zeroSpread() throws {
        var rng = SeededGenerator(seed: 4)
        let base = try randomCrossImpactMatrix(descriptors: 5, selfJudged: false, &rng)
        let model = try JudgementUncertainty(base: base, spread: 0, seed: 9)
        for k in 0..<5 { #expect(model.sample(k) == base) }
        let result = try model.analyse(samples: 25)
        let expected = try CIBSolver(matrix: base).solve()
        #expect(result.map(\.variants).sorted { $0.lexicographicallyPrecedes($1) } == expected.map(\.variants).sorted { $0.lexicographicallyPrecedes($1) })
        #expect(result.allSatisfy { $0.share == 1 && $0.base && $0.rank != nil })
    }

    @Test("Samples depend on their index only: any split of the samples gives the same counts")
    func splitIndependence() throws {
        var rng = SeededGenerator(seed: 5)
        let base = try randomCrossImpactMatrix(descriptors: 5, selfJudged: false, &rng)
        let model = try JudgementUncertainty(base: base, spread: 1, seed: 77)
        let whole = try model.counts(samples: 0..<40)
        var parts = try model.counts(samples: 0..<13)
        parts.merge(try model.counts(samples: 13..<40), uniquingKeysWith: +)
        #expect(whole == parts)
        // Each sample's counts equal a search on that sample's matrix.
        var direct: [[Int]: Int] = [:]
        for k in 0..<40 { for s in try CIBSolver(matrix: model.sample(k)).solve() { direct[s.variants, default: 0] += 1 } }
        #expect(whole == direct)
    }

    @Test("Perturbations stay within ±U, and --keep-sign keeps every sign")
    func perturbationRange() throws {
        var rng = SeededGenerator(seed: 6)
        let base = try randomCrossImpactMatrix(descriptors: 6, selfJudged: false, &rng)
        for keepSign in [false, true] {
            let model = try JudgementUncertainty(base: base, spread: 2, keepSign: keepSign, seed: 3)
            var moved = false, flipped = false
            for k in 0..<50 {
                for (old, new) in zip(base.impacts, model.sample(k).impacts) {
                    #expect(abs(new - old) <= 2)
                    if old == 0 { #expect(new == 0) }
                    if new != old { moved = true }
                    if old != 0, new.signum() != old.signum() { flipped = true }
                }
            }
            #expect(moved)
            #expect(flipped == !keepSign)
        }
        #expect(throws: ForesightError.invalidSpread(-1, limit: JudgementUncertainty.largestSpread)) { try JudgementUncertainty(base: base, spread: -1, seed: 1) }
        #expect(throws: ForesightError.invalidSampleCount(0, limit: JudgementUncertainty.mostSamples)) {
            try JudgementUncertainty(base: base, spread: 1, seed: 1).analyse(samples: 0)
        }
    }

    @Test("Wilson intervals equal statsmodels' proportion_confint(method='wilson')")
    func wilson() {
        // statsmodels 0.14 proportion_confint(k, n, alpha=0.05, method="wilson").
        let reference: [(Int, Int, Double, Double)] = [(5, 5, 0.5655175352168252, 1.0), (0, 10, 0.0, 0.27753279986288926),
                                                       (7, 20, 0.18119182410108203, 0.5671457233147638), (171, 200, 0.7995133246921847, 0.8971064935799559)]
        for (k, n, low, high) in reference {
            let interval = Statistics.wilsonInterval(successes: k, trials: n)
            #expect(abs(interval.lowerBound - low) < 1e-12 && abs(interval.upperBound - high) < 1e-12)
        }
    }

    @Test("Fixing a descriptor equals brute force with its other variants removed and its row ignored")
    func fixedBruteForce() throws {
        var rng = SeededGenerator(seed: 31)
        for _ in 0..<20 {
            let matrix = try randomCrossImpactMatrix(descriptors: 5, variants: 2...4, selfJudged: rng.uniform() < 0.3, &rng)
            let d = rng.integer(in: 0...4), v = rng.integer(in: 0...(matrix.descriptors[d].variants.count - 1))
            for t in [0, 2] {
                let plain = CIBSolver(matrix: matrix, maxInconsistency: t)
                let expected = allScenarios(matrix).filter { $0[d] == v }.filter { s in
                    // Inconsistency over the other descriptors only.
                    let balance = Succession.balances(matrix, s)
                    return matrix.descriptors.indices.filter { $0 != d }.allSatisfy { e in
                        let range = matrix.offsets[e]..<(matrix.offsets[e] + matrix.descriptors[e].variants.count)
                        return range.map { balance[$0] }.max()! - balance[matrix.offsets[e] + s[e]] <= t
                    }
                }
                let found = try CIBSolver(matrix: matrix, maxInconsistency: t, fixed: [d: v]).solve()
                #expect(Set(found.map(\.variants)) == Set(expected))
                #expect(found.allSatisfy { $0.totalImpactScore == plain.evaluate($0.variants).totalImpactScore })
                #expect(try CIBSolver(matrix: matrix, maxInconsistency: t, fixed: [d: v]).solveOnThisThread() == found)
            }
        }
    }

    @Test("Levers: each listed intervention yields the target, and the ones left out do not")
    func levers() throws {
        var rng = SeededGenerator(seed: 41)
        for _ in 0..<6 {
            let matrix = try randomCrossImpactMatrix(descriptors: 4, selfJudged: false, &rng)
            let target = (descriptor: 1, variant: 0)
            let result = try PolicyLevers.analyse(matrix, target: target)
            for d in matrix.descriptors.indices where d != 1 {
                for v in matrix.descriptors[d].variants.indices {
                    let found = try CIBSolver(matrix: matrix, fixed: [d: v]).solve()
                    let count = found.filter { $0.variants[1] == 0 }.count
                    let lever = result.levers.first { $0.descriptor == d && $0.variant == v }
                    #expect(lever?.scenariosWithTarget == (count > 0 ? count : nil))
                }
            }
            #expect(result.withoutIntervention == (try CIBSolver(matrix: matrix).solve()).filter { $0.variants[1] == 0 }.count)
        }
    }

    @Test("Pathways: without lagged impacts every period is the succession's attractor; a hand-worked lag flips it")
    func pathways() throws {
        let matrix = try CIBTests.twoByTwo()
        let still = Pathway(matrix: matrix, lagged: Array(repeating: 0, count: 16)).run(from: [0, 1], periods: 3)
        let attractor = Succession.attractor(matrix, from: [0, 1], rule: .global)
        #expect(still.count == 4 && still[0].variants == [0, 1])
        for period in still.dropFirst() {
            if case .fixedPoint(let s) = attractor { #expect(period.variants == s) } else { #expect(period.cycleLength != nil) }
        }
        // Lag: A1 active in one period adds +5 to B2 in the next. From (A1, B1): period 1 balances are
        // θ_A = row B1 = (1, −1) → A1; θ_B = row A1 (2, −2) + lag (0, 5) = (2, 3) → B2. Then (A1, B2):
        // θ_A = row B2 = (−3, 3) → A2, so global succession goes to (A2, B2): θ_A = (−3, 3) keeps A2;
        // θ_B = row A2 (−1, 1) + lag of A1 (0, 5) = (−1, 6) keeps B2. Period 1 is (A2, B2), inconsistency 0,
        // TIS 3 + 6 = 9. Period 2: the lag of A2 is 0, so (A2, B2) stays (TIS 3 + 1 = 4).
        var lag = Array(repeating: 0, count: 16)
        lag[0 * 4 + 3] = 5
        let path = Pathway(matrix: matrix, lagged: lag).run(from: [0, 0], periods: 2)
        #expect(path.map(\.variants) == [[0, 0], [1, 1], [1, 1]])
        #expect(path[1].totalImpactScore == 9 && path[1].inconsistency == 0 && path[2].totalImpactScore == 4)
    }
}
