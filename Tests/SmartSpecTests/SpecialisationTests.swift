import Foundation
import Testing
@testable import SmartSpec

@Suite("Specialisation measures (hand calculations)")
struct SpecialisationTests {
    /// Two regions, three activities:
    ///        a    b    c   | total
    ///   r1  10   30   60   | 100
    ///   r2  30   10   60   | 100
    ///   all 40   40  120   | 200   → S = (0.2, 0.2, 0.6)
    static func table() -> ActivityTable {
        var t = ActivityTable(year: nil, regionCount: 2, activityCount: 3)
        t.values = [10, 30, 60, 30, 10, 60]
        return t
    }

    @Test("RCA = s/S, presence at RCA ≥ 1, diversity and ubiquity")
    func rca() {
        let s = Specialisation(Self.table(), groups: ["G", "G", "H"])
        // r1: s = (0.1, 0.3, 0.6) → RCA = (0.5, 1.5, 1.0); r2: (1.5, 0.5, 1.0)
        let expected = [0.5, 1.5, 1.0, 1.5, 0.5, 1.0]
        for (got, want) in zip(s.rca, expected) { #expect(abs(got - want) < 1e-12) }
        // RCA = 1 exactly counts as present (ties at the threshold are held).
        #expect(s.presence == [false, true, true, true, false, true])
        #expect(s.diversity == [2, 2] && s.ubiquity == [1, 1, 2])
    }

    @Test("Herfindahl, entropy, Krugman, Hachman, related and unrelated variety")
    func indices() {
        let s = Specialisation(Self.table(), groups: ["G", "G", "H"])
        // Herfindahl r1: 0.01 + 0.09 + 0.36 = 0.46
        #expect(abs(s.herfindahl[0] - 0.46) < 1e-12)
        // Entropy r1: −(0.1 ln 0.1 + 0.3 ln 0.3 + 0.6 ln 0.6)
        #expect(abs(s.entropy[0] - -(0.1 * log(0.1) + 0.3 * log(0.3) + 0.6 * log(0.6))) < 1e-12)
        // Krugman r1: |0.1 − 0.2| + |0.3 − 0.2| + |0.6 − 0.6| = 0.2
        #expect(abs(s.krugman[0] - 0.2) < 1e-12)
        // Hachman r1: 1 / (0.1·0.5 + 0.3·1.5 + 0.6·1.0) = 1 / 1.1
        #expect(abs(s.hachman[0] - 1 / 1.1) < 1e-12)
        // Groups G = {a, b} (P = 0.4), H = {c} (P = 0.6):
        // UV = 0.4 ln(1/0.4) + 0.6 ln(1/0.6); RV = 0.4·[0.25 ln 4 + 0.75 ln(4/3)] + 0.6·0
        let uv = 0.4 * log(1 / 0.4) + 0.6 * log(1 / 0.6)
        let rv = 0.4 * (0.25 * log(4) + 0.75 * log(4.0 / 3))
        #expect(abs(s.unrelatedVariety![0] - uv) < 1e-12 && abs(s.relatedVariety![0] - rv) < 1e-12)
    }

    @Test("Empty rows and columns give RCA 0, not NaN; a threshold other than 1")
    func edges() {
        var t = ActivityTable(year: nil, regionCount: 3, activityCount: 2)
        t.values = [5, 0, 0, 0, 1, 4]   // r2 empty; activity totals (6, 4)
        let s = Specialisation(t, threshold: 2)
        let allFinite = s.rca.allSatisfy { $0.isFinite }
        #expect(allFinite)
        let emptyRegionRCA = s.value(region: 1, activity: 0)
        #expect(emptyRegionRCA == 0)
        #expect(s.hachman[1] == 0)
        // r1: s = (1, 0), S = (0.6, 0.4) → RCA (1/0.6, 0) = 1.667 < 2: not present at threshold 2.
        #expect(s.presence[0] == false && s.diversity == [0, 0, 1])
    }
}

@Suite("Proximity and relatedness density (hand calculations)")
struct ProximityTests {
    /// Presence of three regions in three activities:
    ///        a  b  c
    ///   r1   1  1  0
    ///   r2   1  1  1
    ///   r3   0  0  1
    /// Ubiquity (2, 2, 2); co-occurrence ab = 2, ac = 1, bc = 1.
    static let presence: [Bool] = [true, true, false, true, true, true, false, false, true]

    @Test("Conditional proximity = co-occurrence / max ubiquity; cosine = / √(u_a u_b); diagonal 1")
    func proximity() throws {
        let m = PresenceMatrix(Self.presence, regions: 3, activities: 3)
        let phi = try Proximity(m).matrix
        #expect(phi.rowArrays == [[1, 1, 0.5], [1, 1, 0.5], [0.5, 0.5, 1]])
        let cosine = try Proximity(m, measure: .cosine).matrix
        #expect(cosine.rowArrays == [[1, 1, 0.5], [1, 1, 0.5], [0.5, 0.5, 1]])   // equal ubiquities: the same
        // An activity held nowhere has proximity 0 everywhere, itself included.
        let sparse = try Proximity(PresenceMatrix([true, false, true, false], regions: 2, activities: 2)).matrix
        #expect(sparse.rowArrays == [[1, 0], [0, 0]])
        // Unequal ubiquities: a held by r1, r2; b by r2 only. C_ab = 1 → conditional 1/max(2, 1) = 0.5,
        // cosine 1/√2.
        let unequal = PresenceMatrix([true, false, true, true], regions: 2, activities: 2)
        #expect(try Proximity(unequal).matrix[0, 1] == 0.5)
        #expect(abs(try Proximity(unequal, measure: .cosine).matrix[0, 1] - 1 / 2.0.squareRoot()) < 1e-15)
    }

    @Test("Density ω_ra = Σ_b M_rb φ_ab / Σ_b φ_ab")
    func density() throws {
        let m = PresenceMatrix(Self.presence, regions: 3, activities: 3)
        let outlook = try ComplexityOutlook(m, proximity: try Proximity(m), complexity: try EconomicComplexity(
            m, regionCodes: ["r1", "r2", "r3"], activityCodes: ["a", "b", "c"]))
        // Column sums of φ: a 2.5, b 2.5, c 2. r1 holds a, b: ω(r1, c) = (0.5 + 0.5)/2 = 0.5; ω(r1, a) = (1 + 1)/2.5 = 0.8.
        // r3 holds c: ω(r3, a) = 0.5/2.5 = 0.2; ω(r3, c) = 1/2 = 0.5.
        let expected = [0.8, 0.8, 0.5, 1, 1, 1, 0.2, 0.2, 0.5]
        for (got, want) in zip(outlook.density, expected) { #expect(abs(got - want) < 1e-12) }
    }
}
