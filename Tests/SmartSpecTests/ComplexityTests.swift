import Foundation
import Testing
@testable import SmartSpec

/// Economic complexity on matrices small enough to work out by hand (the working is in the comments).
@Suite("Economic complexity (hand calculations)")
struct ComplexityTests {
    static func complexity(_ rows: [[Int]], convention: ComplexityConvention = .atlas) throws -> (PresenceMatrix, EconomicComplexity) {
        let (n, m) = (rows.count, rows[0].count)
        let presence = PresenceMatrix(rows.flatMap { $0.map { $0 == 1 } }, regions: n, activities: m)
        let result = try EconomicComplexity(presence, regionCodes: (1...n).map { "r\($0)" }, activityCodes: (1...m).map { "a\($0)" },
                                            convention: convention)
        return (presence, result)
    }

    static func close(_ got: [Double?], _ want: [Double?], _ tolerance: Double = 1e-10) -> Bool {
        got.count == want.count && zip(got, want).allSatisfy { g, w in
            switch (g, w) {
            case let (g?, w?): return abs(g - w) <= tolerance
            case (nil, nil): return true
            default: return false
            }
        }
    }

    /// Nested matrix M = [[1,1,1],[1,1,0],[1,0,0]]: d = (3,2,1), u = (3,2,1).
    /// M̃ = D⁻¹MU⁻¹Mᵀ = [[11/18, 5/18, 2/18], [5/12, 5/12, 2/12], [1/3, 1/3, 1/3]].
    /// Trace 49/36, det = det(D⁻¹)·det(M)²·det(U⁻¹) = 1/36, λ1 = 1 ⇒ λ2 + λ3 = 13/36, λ2λ3 = 1/36
    /// ⇒ λ2 = 1/4, λ3 = 1/9. (M̃ − I/4)v = 0 gives v = (2, −1, −4), which rises with diversity.
    /// Atlas ECI = z-score (population sd) of v: mean −1, deviations (3, 0, −3), sd √6 ⇒ (3/√6, 0, −3/√6).
    /// kp = U⁻¹Mᵀv = (−1, 1/2, 2); kc = D⁻¹M kp = (1/2, −1/4, −1) (= v/4), mean −1/4, sd 0.75·√(2/3);
    /// PCI = (kp + 1/4)/sd = (−0.75, 0.75, 2.25)/(0.75·√(2/3)) = (−√1.5, √1.5, 3√1.5).
    @Test("Nested matrix: eigenvalues 1, 1/4, 1/9; ECI and PCI in the Atlas convention")
    func nested() throws {
        let (_, c) = try Self.complexity([[1, 1, 1], [1, 1, 0], [1, 0, 0]])
        #expect(Self.close(c.eigenvalues, [1, 0.25, 1.0 / 9]))
        let r = 3 / 6.0.squareRoot(), q = 1.5.squareRoot()
        #expect(Self.close(c.eci, [r, 0, -r]))
        #expect(Self.close(c.pci, [-q, q, 3 * q]))
        #expect(c.warnings.isEmpty)
    }

    /// Standard convention on the same matrix: sample z-scores. v = (2, −1, −4): mean −1, sample sd
    /// √((9 + 0 + 9)/2) = 3 ⇒ ECI (1, 0, −1). kp = (−1, 1/2, 2): mean 1/2, deviations (−1.5, 0, 1.5),
    /// sample sd 1.5 ⇒ PCI (−1, 0, 1). Reflections: k_p,1 = mean diversity of producers =
    /// (2, 2.5, 3), rising with complexity, so the signs agree with the eigenvector's.
    @Test("Nested matrix in the standard convention")
    func standard() throws {
        let (_, c) = try Self.complexity([[1, 1, 1], [1, 1, 0], [1, 0, 0]], convention: .standard)
        #expect(Self.close(c.eci, [1, 0, -1]))
        #expect(Self.close(c.pci, [-1, 0, 1]))
        // Reflections rank the regions and activities the same way.
        #expect(c.reflections.eci[0]! > c.reflections.eci[1]! && c.reflections.eci[1]! > c.reflections.eci[2]!)
        #expect(c.reflections.pci[2]! > c.reflections.pci[1]! && c.reflections.pci[1]! > c.reflections.pci[0]!)
        // Fitness: F₁ = M·1 = d, normalised to mean 1 ⇒ (1.5, 1, 0.5) after the first step; the order stays.
        #expect(c.fitness.regions[0]! > c.fitness.regions[1]! && c.fitness.regions[1]! > c.fitness.regions[2]!)
    }

    /// Two separate blocks: r1, r2 with a1, a2 and r3, r4, r5 with a3, a4. The larger block (three
    /// regions) is computed: M = [[1,1],[1,0],[1,0]], d = (2,1,1), u = (3,1),
    /// M̃ = [[2/3, 1/6, 1/6], [1/3, 1/3, 1/3], [1/3, 1/3, 1/3]], eigenvalues 1, 1/3, 0;
    /// (M̃ − I/3)v = 0 ⇒ v = (1, −1, −1). Population z-score: mean −1/3, sd √(8/9)
    /// ⇒ ECI = (4/3, −2/3, −2/3)/√(8/9) = (√2, −1/√2, −1/√2).
    @Test("Two disconnected blocks: the larger is computed, the other is listed")
    func blocks() throws {
        let rows = [[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 1], [0, 0, 1, 0], [0, 0, 1, 0]]
        let (presence, c) = try Self.complexity(rows)
        #expect(presence.componentCount == 2)
        #expect(presence.component.regions == [2, 3, 4] && presence.component.activities == [2, 3])
        let s = 2.0.squareRoot()
        #expect(Self.close(c.eci, [nil, nil, s, -1 / s, -1 / s]))
        #expect(c.pci[0] == nil && c.pci[1] == nil)
        #expect(c.warnings.contains { $0.contains("2 separate parts") && $0.contains("r1, r2") && $0.contains("a1, a2") })
    }

    /// A region that holds nothing has no ECI and is named in a warning; the rest is the nested case.
    @Test("A zero row is left out with a warning")
    func zeroRow() throws {
        let (_, c) = try Self.complexity([[1, 1, 1], [0, 0, 0], [1, 1, 0], [1, 0, 0]])
        let r = 3 / 6.0.squareRoot()
        #expect(Self.close(c.eci, [r, nil, 0, -r]))
        #expect(c.warnings.contains { $0.contains("hold no activity") && $0.contains("r2") })
    }

    /// Values [[2,2],[2,2]]: every share 0.5 equals the overall share 0.5, so every RCA is exactly 1
    /// and counts as present (RCA ≥ 1). All regions then hold everything: M̃ = ones/2 has eigenvalues
    /// 1 and 0, the region vector is constant, so ECI and PCI are 0 with a warning, never NaN.
    @Test("Ties at RCA = 1 are held; a complete network gives 0 with a warning")
    func tiesAtOne() throws {
        var table = ActivityTable(year: nil, regionCount: 2, activityCount: 2)
        table.values = [2, 2, 2, 2]
        let s = Specialisation(table)
        #expect(s.rca == [1, 1, 1, 1] && s.presence == [true, true, true, true])
        let presence = PresenceMatrix(s.presence, regions: 2, activities: 2)
        let c = try EconomicComplexity(presence, regionCodes: ["r1", "r2"], activityCodes: ["a1", "a2"])
        #expect(c.eci == [0, 0] && c.pci == [0, 0])
        #expect(c.warnings.contains { $0.contains("same complexity") })
    }

    @Test("Too small a network is a clear error")
    func tooSmall() throws {
        let presence = PresenceMatrix([true, false, false, false], regions: 2, activities: 2)
        #expect(throws: NichesError.tooSmallForComplexity(regions: 1, activities: 1)) {
            try EconomicComplexity(presence, regionCodes: ["r1", "r2"], activityCodes: ["a1", "a2"])
        }
    }

    /// COG on the nested matrix (Atlas): region r3 holds a1 only. With φ = C/max(u):
    /// C = [[3,2,1],[2,2,1],[1,1,1]] ⇒ φ = [[1, 2/3, 1/3], [2/3, 1, 1/2], [1/3, 1/2, 1]], strengths
    /// s = (2, 13/6, 11/6). kp = (−1, 1/2, 2) (signed, unscaled), σ = sd of kc = 0.75·√(2/3).
    /// COG(r3, a2) = Σ_{b ∉ r3} φ_b2 kp_b / s_b / σ = [φ_22·(1/2)/(13/6) + φ_32·2/(11/6)] / σ
    ///             = [3/13 + 6/11] / σ.
    @Test("Complexity outlook gain by hand")
    func outlookGain() throws {
        let (presence, c) = try Self.complexity([[1, 1, 1], [1, 1, 0], [1, 0, 0]])
        let outlook = try ComplexityOutlook(presence, proximity: try Proximity(presence), complexity: c)
        let sigma = 0.75 * (2.0 / 3).squareRoot()
        #expect(abs((try outlook.gains(region: 2))[1] - (3.0 / 13 + 6.0 / 11) / sigma) < 1e-12)
        #expect((try outlook.gains(region: 0))[0] == 0)   // held: no gain
    }
}

@Suite("Cluster stars and niche ranking (hand calculations)")
struct NicheRankingTests {
    /// Ten regions, two activities. Activity a (index 0): values 100, 50, 10 × 8; b: 10 × 9, 100 in r10.
    /// Top 10% of ten regions = the single largest value. LQ = share / overall share.
    @Test("Stars: size, specialisation (LQ ≥ 2), focus")
    func stars() {
        var table = ActivityTable(year: nil, regionCount: 10, activityCount: 2)
        let a: [Double] = [100, 50, 10, 10, 10, 10, 10, 10, 10, 10], b: [Double] = [10, 10, 10, 10, 10, 10, 10, 10, 10, 100]
        for r in 0..<10 { table[region: r, activity: 0] = a[r]; table[region: r, activity: 1] = b[r] }
        let s = Specialisation(table)
        let stars = ClusterStars(table, specialisation: s)
        // Totals: a 230, b 190, all 420 ⇒ S_a = 23/42. r1: share of a = 100/110 ⇒ LQ 0.909·42/23 = 1.66 (< 2).
        #expect(abs(s.value(region: 0, activity: 0) - (100.0 / 110) / (230.0 / 420)) < 1e-12)
        // r1 is the largest in a (size) and has the largest share of a (100/110 = 0.909; r2 50/60) ⇒ 2 stars.
        #expect(stars.stars(region: 0, activity: 0) == 2)
        // r10 in b: largest (size), share 100/110 largest (focus), LQ (100/110)/(190/420) = 2.01 ≥ 2 ⇒ 3 stars.
        #expect(abs(s.value(region: 9, activity: 1) - (100.0 / 110) / (190.0 / 420)) < 1e-12)
        #expect(stars.stars(region: 9, activity: 1) == 3)
        // r3: 10 of a is not in the top 1; share 0.5, LQ 0.5/(23/42) = 0.91 ⇒ no star.
        #expect(stars.stars(region: 2, activity: 0) == 0)
    }

    @Test("Quadrants by density and PCI cut lines; ties at the cut are low risk")
    func quadrants() {
        #expect(NicheRanker.quadrant(density: 0.5, pci: 0, densityCut: 0.5) == .lowRiskHighBenefit)
        #expect(NicheRanker.quadrant(density: 0.6, pci: -0.1, densityCut: 0.5) == .lowRiskLowBenefit)
        #expect(NicheRanker.quadrant(density: 0.4, pci: 1, densityCut: 0.5) == .highRiskHighBenefit)
        #expect(NicheRanker.quadrant(density: 0.4, pci: -1, densityCut: 0.5) == .highRiskLowBenefit)
    }

    @Test("Selection of the k-th largest value agrees with sorting")
    func selection() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let values = (0..<(1 + Int(generator.uniform() * 40))).map { _ in (generator.uniform() * 10).rounded() }
            for k in 1...values.count { #expect(ClusterStars.cut(values, places: k) == values.sorted(by: >)[k - 1]) }
        }
    }

    @Test("Candidates of a demo region: not held, ranked by COG, with the held activities that make them near")
    func demoCandidates() throws {
        let (dataset, _) = try DatasetLoader.load(folder: TestPaths.repository.appendingPathComponent("Datasets/demo"))
        let analysis = try NicheAnalysis(dataset)
        let niches = try NicheRanker(analysis).niches(for: "XA03")
        let r = niches.region
        #expect(!niches.strengths.isEmpty && !niches.candidates.isEmpty)
        for c in niches.candidates {
            #expect(!analysis.presence[region: r, activity: c.activity])
            #expect(c.score == c.cog)
            #expect(c.relatedHeld.allSatisfy { analysis.presence[region: r, activity: $0.activity] })
        }
        #expect(zip(niches.candidates, niches.candidates.dropFirst()).allSatisfy { $0.score >= $1.score })
        let densities = niches.candidates.map(\.density).sorted()
        #expect(abs(niches.densityCut - Statistics.quantile(densities, 0.5)!) < 1e-15)
        #expect(niches.strengths.allSatisfy { $0.rca >= 1 })
        #expect(throws: NichesError.unknownRegion("NOPE")) { try NicheRanker(analysis).niches(for: "NOPE") }
    }
}

/// Spot checks on real data against LQs worked out in the test from the raw activities.csv.
@Suite("Niches on real shared data", .enabled(if: TestPaths.hasSharedData, "../shared/data is absent, so the tests on real shared data are skipped"))
struct NichesRealDataTests {
    /// Rows of a plain `region,activity,value` file.
    static func rows(_ dataset: String) throws -> [(region: String, activity: String, value: Double)] {
        let text = try String(contentsOf: TestPaths.sharedData.appendingPathComponent("\(dataset)/activities.csv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f[1], Double(f[2]) ?? 0)
        }
    }

    /// LQ = (x_ra / x_r) / (x_a / x) from the raw rows.
    static func quotient(_ rows: [(region: String, activity: String, value: Double)], _ region: String, _ activity: String) -> Double {
        let x = rows.reduce(0) { $0 + $1.value }
        let xr = rows.filter { $0.region == region }.reduce(0) { $0 + $1.value }
        let xa = rows.filter { $0.activity == activity }.reduce(0) { $0 + $1.value }
        let xra = rows.first { $0.region == region && $0.activity == activity }?.value ?? 0
        return (xra / xr) / (xa / x)
    }

    @Test("EU NUTS-2 employment: LQ, stars and indices of two regions", arguments: ["AT13", "ITC4"])
    func eurostat(region: String) throws {
        let rows = try Self.rows("eurostat-nuts2-2014")
        let (dataset, _) = try DatasetLoader.load(folder: TestPaths.sharedData.appendingPathComponent("eurostat-nuts2-2014"))
        let analysis = try NicheAnalysis(dataset)
        let r = dataset.regionIndex(of: region)!
        let own = rows.filter { $0.region == region }, total = own.reduce(0) { $0 + $1.value }
        var herfindahl = 0.0
        for (a, activity) in dataset.activities.enumerated() {
            let lq = Self.quotient(rows, region, activity.code)
            #expect(abs(analysis.specialisation.value(region: r, activity: a) - lq) < 1e-12)
            let share = (own.first { $0.activity == activity.code }?.value ?? 0) / total
            herfindahl += share * share
            // Size star: among the ⌈0.1 · 284⌉ = 29 largest values of the activity.
            let values = rows.filter { $0.activity == activity.code }.map(\.value).sorted(by: >)
            let value = own.first { $0.activity == activity.code }?.value ?? 0
            let c = analysis.stars.criteria[r * dataset.activities.count + a]
            #expect(c.size == (value > 0 && value >= values[28]))
            #expect(c.specialisation == (lq >= 2))
        }
        #expect(abs(analysis.specialisation.herfindahl[r] - herfindahl) < 1e-12)
    }

    @Test("Tatarstan (RU-TA) fixed assets: strengths are the sections with LQ ≥ 1, with the hand LQs")
    func tatarstan() throws {
        let rows = try Self.rows("rosstat-regions-2022")
        let (dataset, _) = try DatasetLoader.load(folder: TestPaths.sharedData.appendingPathComponent("rosstat-regions-2022"))
        let niches = try NicheRanker(try NicheAnalysis(dataset)).niches(for: "RU-TA")
        let held = Dictionary(uniqueKeysWithValues: niches.strengths.map { (dataset.activities[$0.activity].code, $0.rca) })
        for section in ["C", "B"] {
            let lq = Self.quotient(rows, "RU-TA", section)
            #expect((held[section] != nil) == (lq >= 1), "section \(section): LQ \(lq)")
            if let rca = held[section] { #expect(abs(rca - lq) < 1e-12) }
        }
        // Every section the region does not hold is a candidate or outside the component.
        #expect(niches.strengths.count + niches.candidates.count <= dataset.activities.count)
    }
}
