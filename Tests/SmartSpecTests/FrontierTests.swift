import Foundation
import Testing
@testable import SmartSpec

@Suite("The feasibility–benefit frontier")
struct FrontierTests {
    @Test("Layers equal brute-force peeling of dominated points on random sets with ties; the order runs layer by layer")
    func bruteForce() {
        var generator = SeededGenerator(seed: 5)
        for trial in 0..<60 {
            let n = 1 + trial % 25
            let f = (0..<n).map { _ in Double(generator.next() % 6) }, b = (0..<n).map { _ in Double(generator.next() % 6) }
            let codes = (0..<n).map { String(format: "A%02d", $0) }
            let ranking = FeasibilityBenefitFrontier.rank(feasibility: f, benefit: b, codes: codes)
            // Brute force: peel the points no remaining point strictly dominates.
            var layer = [Int](repeating: -1, count: n), remaining = Set(0..<n), current = 0
            while !remaining.isEmpty {
                let front = remaining.filter { c in !remaining.contains { f[$0] > f[c] && b[$0] > b[c] } }
                for c in front { layer[c] = current }
                remaining.subtract(front)
                current += 1
            }
            #expect(ranking.layer == layer, "trial \(trial)")
            #expect(zip(ranking.order, ranking.order.dropFirst()).allSatisfy { layer[$0] <= layer[$1] })
            for c in 0..<n {
                if let d = ranking.dominatedBy[c] { #expect(f[d] > f[c] && b[d] > b[c]) } else { #expect(layer[c] == 0) }
            }
        }
    }

    @Test("Balance: the mean of mid-rank percentiles orders a layer")
    func balance() {
        // Frontier A (3, 1), B (2, 2.5), C (1, 3); D (0.5, 2.4) is dominated by B. Mid-rank percentiles of
        // feasibility: A .875, B .625, C .375, D .125; of benefit: A .125, B .625, C .875, D .375; balance
        // A .5, B .625, C .625, D .25: B and C tie and B is more feasible.
        let ranking = FeasibilityBenefitFrontier.rank(feasibility: [3, 2, 1, 0.5], benefit: [1, 2.5, 3, 2.4], codes: ["A", "B", "C", "D"])
        #expect(ranking.layer == [0, 0, 0, 1])
        #expect(ranking.order == [1, 2, 0, 3])
        #expect(ranking.dominatedBy == [nil, nil, nil, 1])
        #expect(Statistics.midRankPercentiles([1, 2, 2, 3]) == [0.125, 0.5, 0.5, 0.875])
        for v in [1.0, 2, 3] { #expect(Statistics.percentile(of: v, among: [1, 2, 2, 3])! / 100 == Statistics.midRankPercentiles([1, 2, 2, 3])[[1.0, 2, 2, 3].firstIndex(of: v)!]) }
    }
}
