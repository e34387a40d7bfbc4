import Foundation

extension CrossImpactMatrix {
    /// The first way in which `other` has different descriptors or variants (ids, count or order),
    /// as a phrase; nil when both have the same structure.
    public func firstStructuralDifference(from other: CrossImpactMatrix) -> String? {
        for (k, (mine, theirs)) in zip(descriptors, other.descriptors).enumerated() {
            guard mine.id == theirs.id else { return "descriptor \(k + 1) is '\(theirs.id)', not '\(mine.id)'" }
            for (j, (a, b)) in zip(mine.variants, theirs.variants).enumerated() where a.id != b.id {
                return "variant \(j + 1) of '\(mine.id)' is '\(b.id)', not '\(a.id)'"
            }
            guard mine.variants.count == theirs.variants.count else {
                return "descriptor '\(mine.id)' has \(theirs.variants.count) variants, not \(mine.variants.count)"
            }
        }
        guard descriptors.count == other.descriptors.count else {
            return "it has \(other.descriptors.count) descriptors, not \(descriptors.count)"
        }
        return nil
    }

    /// The flat variant index of `descriptor.variant` ids, or nil.
    public func indices(descriptor: String, variant: String) -> (descriptor: Int, variant: Int)? {
        guard let d = descriptors.firstIndex(where: { $0.id == descriptor }),
              let v = descriptors[d].variants.firstIndex(where: { $0.id == variant }) else { return nil }
        return (d, v)
    }
}

/// A panel's matrices over the same descriptors and variants (several experts' or national panels'
/// judgements), analysed together as ScenarioWizard's ensembles are: for every scenario consistent
/// in at least one member, its balance figures in every member, and whether it is consistent in
/// the members' sum matrix and in their mean matrix (Methodology/foresight.md).
public struct CIBEnsemble: Sendable {
    /// One scenario of the ensemble.
    public struct Scenario: Sendable, Equatable {
        /// Chosen variant (0-based) of every descriptor.
        public var variants: [Int]
        /// In how many members the scenario's inconsistency is within the threshold.
        public var consistentIn: Int
        /// Its inconsistency and total impact score in every member, in member order.
        public var perMember: [CIBScenario]
        /// Whether it is within the threshold in the mean matrix (judgements averaged, then
        /// rounded to the nearest integer, halves away from zero).
        public var consistentInMean: Bool
        /// Whether it is within `threshold × members` in the sum matrix (its balances are the
        /// members' balances added, so the threshold scales with them; at threshold 0 both agree).
        public var consistentInSum: Bool
    }

    /// The member matrices, in the order given.
    public let members: [CrossImpactMatrix]

    /// Creates an ensemble; `names` name the members in errors.
    /// - Throws: ``ForesightError/ensembleMembersDiffer(member:first:difference:)`` naming the first
    ///   member whose descriptors or variants differ from the first member's;
    ///   ``ForesightError/emptyEnsemble`` without members.
    public init(members: [CrossImpactMatrix], names: [String]) throws {
        guard let first = members.first else { throw ForesightError.emptyEnsemble }
        for (k, member) in members.enumerated().dropFirst() {
            if let difference = first.firstStructuralDifference(from: member) {
                throw ForesightError.ensembleMembersDiffer(member: names.indices.contains(k) ? names[k] : "member \(k + 1)",
                                                           first: names.first ?? "member 1", difference: difference)
            }
        }
        self.members = members
    }

    /// The members' judgements added cell by cell.
    /// - Throws: ``ForesightError/judgementTooLarge(value:row:column:limit:)`` when a sum leaves the accepted range.
    public func sumMatrix() throws -> CrossImpactMatrix {
        let first = members[0]
        var sum = [Int](repeating: 0, count: first.impacts.count)
        for member in members { for i in sum.indices { sum[i] += member.impacts[i] } }
        if let i = sum.firstIndex(where: { $0.magnitude > CrossImpactMatrix.largestJudgement }) {
            throw ForesightError.judgementTooLarge(value: sum[i], row: i / first.variantCount + 1, column: i % first.variantCount + 1,
                                                   limit: CrossImpactMatrix.largestJudgement)
        }
        return first.replacingImpacts(sum)
    }

    /// The members' judgements averaged cell by cell and rounded to the nearest integer (halves
    /// away from zero: a mean of 1.5 is 2, of −1.5 is −2).
    public func meanMatrix() -> CrossImpactMatrix {
        let first = members[0], n = members.count
        var mean = [Int](repeating: 0, count: first.impacts.count)
        for i in mean.indices {
            let total = members.reduce(0) { $0 + $1.impacts[i] }
            mean[i] = Int((Double(total) / Double(n)).rounded(.toNearestOrAwayFromZero))
        }
        return first.replacingImpacts(mean)
    }

    /// Every scenario within `maxInconsistency` in at least one member, ordered by the number of
    /// members (descending), then the sum of its total impact scores (descending), then variants.
    /// Each member is searched exactly (``CIBSolver``), the members in parallel.
    /// - Parameter limit: the most scenarios one member's search may hold.
    public func analyse(maxInconsistency: Int = 0, limit: Int = 1_000_000,
                        progress: (@Sendable (Double) -> Void)? = nil) throws -> [Scenario] {
        let members = self.members
        let count = Double(members.count)
        let finished: (@Sendable (Int) -> Void)? = progress.map { report in { @Sendable done in report(Double(done) / count) } }
        let found = ParallelTasks.map(members.count, finished: finished) { k in
            Result { try CIBSolver(matrix: members[k], maxInconsistency: maxInconsistency, limit: limit).solveOnThisThread() }
        }
        var union = Set<[Int]>()
        for result in found { for scenario in try result.get() { union.insert(scenario.variants) } }
        let solvers = members.map { CIBSolver(matrix: $0, maxInconsistency: maxInconsistency) }
        let mean = CIBSolver(matrix: meanMatrix()), sum = CIBSolver(matrix: try sumMatrix())
        let scenarios = union.map { variants in
            let perMember = solvers.map { $0.evaluate(variants) }
            return Scenario(variants: variants, consistentIn: perMember.filter { $0.inconsistency <= maxInconsistency }.count,
                            perMember: perMember,
                            consistentInMean: mean.evaluate(variants).inconsistency <= maxInconsistency,
                            consistentInSum: sum.evaluate(variants).inconsistency <= maxInconsistency * members.count)
        }
        return scenarios.sorted { a, b in
            if a.consistentIn != b.consistentIn { return a.consistentIn > b.consistentIn }
            let sa = a.perMember.reduce(0) { $0 + $1.totalImpactScore }, sb = b.perMember.reduce(0) { $0 + $1.totalImpactScore }
            return sa != sb ? sa > sb : a.variants.lexicographicallyPrecedes(b.variants)
        }
    }
}

/// Judgement uncertainty (Monte Carlo over a matrix's judgements): sample `k` perturbs every
/// non-zero judgement of the base matrix by an integer drawn uniformly from `−spread…spread`, with
/// a generator seeded by `SplitMix64(seed + k)`, so a sample depends on its index only (not on how
/// the samples are split over cores or cluster shards).
///
/// With `keepSign`, a judgement keeps its sign: the new value is drawn uniformly from the values of
/// `v − spread … v + spread` with the same sign as `v` (for `v = 2`, `spread = 3`: 1…5), so the
/// draw never crosses or reaches zero. Values are clamped to ±``CrossImpactMatrix/largestJudgement``.
public struct JudgementUncertainty: Sendable {
    /// The base matrix.
    public let base: CrossImpactMatrix
    /// The largest change of a judgement (0 or more).
    public let spread: Int
    /// Whether judgements keep their sign.
    public let keepSign: Bool
    /// The master seed.
    public let seed: UInt64

    /// The most samples one analysis accepts.
    public static let mostSamples = 1_000_000
    /// The largest spread accepted.
    public static let largestSpread = 1_000

    /// Creates the model.
    /// - Throws: ``ForesightError/invalidSpread(_:limit:)`` for a spread below 0 or above ``largestSpread``.
    public init(base: CrossImpactMatrix, spread: Int, keepSign: Bool = false, seed: UInt64) throws {
        guard (0...Self.largestSpread).contains(spread) else { throw ForesightError.invalidSpread(spread, limit: Self.largestSpread) }
        self.base = base
        self.spread = spread
        self.keepSign = keepSign
        self.seed = seed
    }

    /// Sample `index`'s matrix. Complexity: O(variants²).
    public func sample(_ index: Int) -> CrossImpactMatrix {
        var generator = SeededGenerator(seed: SeededGenerator.splitMix(seed &+ UInt64(index)))
        let limit = Int(CrossImpactMatrix.largestJudgement)
        let impacts = base.impacts.map { v -> Int in
            guard v != 0, spread > 0 else { return v }
            let range: ClosedRange<Int>
            if !keepSign { range = (v - spread)...(v + spread) }
            else if v > 0 { range = max(1, v - spread)...(v + spread) }
            else { range = (v - spread)...min(-1, v + spread) }
            return min(limit, max(-limit, generator.integer(in: range)))
        }
        return base.replacingImpacts(impacts)
    }

    /// How often each scenario is within `maxInconsistency` over the samples `samples`
    /// (searched exactly, in parallel over blocks of samples). Counts of disjoint sample ranges add up.
    /// - Parameter limit: the most scenarios one sample's search may hold.
    public func counts(samples: Range<Int>, maxInconsistency: Int = 0, limit: Int = 1_000_000,
                       progress: (@Sendable (Double) -> Void)? = nil) throws -> [[Int]: Int] {
        guard !samples.isEmpty else { return [:] }
        let blocks = min(samples.count, 8 * ProcessInfo.processInfo.activeProcessorCount)
        let size = (samples.count + blocks - 1) / blocks
        let total = Double(samples.count)
        let done = ProgressCounter()
        let parts = ParallelTasks.map(blocks) { b in
            Result { () throws -> [[Int]: Int] in
                var counts: [[Int]: Int] = [:]
                let start = min(samples.upperBound, samples.lowerBound + b * size)
                for k in start..<min(samples.upperBound, start + size) {
                    for scenario in try CIBSolver(matrix: sample(k), maxInconsistency: maxInconsistency, limit: limit).solveOnThisThread() {
                        counts[scenario.variants, default: 0] += 1
                    }
                    if let progress { progress(Double(done.increment()) / total) }
                }
                return counts
            }
        }
        var counts: [[Int]: Int] = [:]
        for part in parts { counts.merge(try part.get(), uniquingKeysWith: +) }
        return counts
    }

    /// One scenario's robustness.
    public struct Scenario: Sendable, Equatable {
        /// Chosen variant (0-based) of every descriptor.
        public var variants: [Int]
        /// Samples in which it is within the threshold.
        public var count: Int
        /// `count / samples`.
        public var share: Double
        /// The Wilson score interval of the share at 95 %.
        public var interval: ClosedRange<Double>
        /// Whether it is within the threshold in the base matrix.
        public var base: Bool
        /// Its place in the base scenarios' robustness ranking (1 = most robust); nil for others.
        public var rank: Int?

        /// A scenario consistent in `count` of `samples` samples, with its share and Wilson interval (unranked).
        public init(_ variants: [Int], count: Int, of samples: Int, base: Bool) {
            self.variants = variants
            self.count = count
            share = Double(count) / Double(samples)
            interval = Statistics.wilsonInterval(successes: count, trials: samples)
            self.base = base
            rank = nil
        }
    }

    /// The scenarios of `counts` (over `samples` samples) and of the base matrix: the base
    /// scenarios first, ranked by share (descending), then by total impact score in the base
    /// matrix (descending), then variants; then the other scenarios by share, then variants.
    public func summary(counts: [[Int]: Int], samples: Int, maxInconsistency: Int = 0, limit: Int = 1_000_000) throws -> [Scenario] {
        let baseScenarios = try CIBSolver(matrix: base, maxInconsistency: maxInconsistency, limit: limit).solve()
        let baseScore = Dictionary(uniqueKeysWithValues: baseScenarios.map { ($0.variants, $0.totalImpactScore) })
        func entry(_ variants: [Int]) -> Scenario {
            Scenario(variants, count: counts[variants] ?? 0, of: samples, base: baseScore[variants] != nil)
        }
        var ranked = baseScenarios.map { entry($0.variants) }.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            let sa = baseScore[a.variants]!, sb = baseScore[b.variants]!
            return sa != sb ? sa > sb : a.variants.lexicographicallyPrecedes(b.variants)
        }
        for i in ranked.indices { ranked[i].rank = i + 1 }
        let others = counts.keys.filter { baseScore[$0] == nil }.map(entry).sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.variants.lexicographicallyPrecedes($1.variants)
        }
        return ranked + others
    }

    /// ``counts(samples:maxInconsistency:limit:progress:)`` over samples `0..<samples`, summarised.
    /// - Throws: ``ForesightError/invalidSampleCount(_:limit:)`` unless 1 ≤ samples ≤ ``mostSamples``.
    public func analyse(samples: Int, maxInconsistency: Int = 0, limit: Int = 1_000_000,
                        progress: (@Sendable (Double) -> Void)? = nil) throws -> [Scenario] {
        guard (1...Self.mostSamples).contains(samples) else { throw ForesightError.invalidSampleCount(samples, limit: Self.mostSamples) }
        let counts = try counts(samples: 0..<samples, maxInconsistency: maxInconsistency, limit: limit, progress: progress)
        return try summary(counts: counts, samples: samples, maxInconsistency: maxInconsistency, limit: limit)
    }
}

/// Policy levers (intervention analysis): which descriptors, held at a variant, make scenarios
/// containing a target variant consistent.
public enum PolicyLevers {
    /// A descriptor held at a variant, and what it yields.
    public struct Lever: Sendable, Equatable {
        /// Descriptor and variant (0-based) held.
        public var descriptor: Int, variant: Int
        /// Consistent scenarios (under the intervention) that contain the target.
        public var scenariosWithTarget: Int
        /// All consistent scenarios under the intervention.
        public var scenarios: Int
    }

    /// The outcome for a target.
    public struct Result: Sendable, Equatable {
        /// Consistent scenarios containing the target without any intervention.
        public var withoutIntervention: Int
        /// Consistent scenarios containing the target when the target's own descriptor is held at it.
        public var holdingTarget: Int
        /// Every lever (a descriptor other than the target's, at one of its variants) under which
        /// some consistent scenario contains the target: by `scenariosWithTarget` (descending),
        /// then descriptor and variant order.
        public var levers: [Lever]
    }

    /// Searches every single-descriptor intervention exactly (in parallel).
    /// Complexity: one ``CIBSolver`` search per variant of the other descriptors.
    public static func analyse(_ matrix: CrossImpactMatrix, target: (descriptor: Int, variant: Int), maxInconsistency: Int = 0,
                               limit: Int = 1_000_000) throws -> Result {
        let candidates = matrix.descriptors.indices.flatMap { d in matrix.descriptors[d].variants.indices.map { (d, $0) } }
            .filter { $0.0 != target.descriptor }
        let interventions: [[Int: Int]] = [[:], [target.descriptor: target.variant]] + candidates.map { [$0.0: $0.1] }
        let outcomes = try ParallelTasks.map(interventions.count) { k in
            Swift.Result { () throws -> (Int, Int) in
                let found = try CIBSolver(matrix: matrix, maxInconsistency: maxInconsistency, limit: limit, fixed: interventions[k]).solveOnThisThread()
                return (found.filter { $0.variants[target.descriptor] == target.variant }.count, found.count)
            }
        }.map { try $0.get() }
        let levers = zip(candidates, outcomes.dropFirst(2)).filter { $0.1.0 > 0 }
            .map { Lever(descriptor: $0.0.0, variant: $0.0.1, scenariosWithTarget: $0.1.0, scenarios: $0.1.1) }
            .sorted { ($1.scenariosWithTarget, $0.descriptor, $0.variant) < ($0.scenariosWithTarget, $1.descriptor, $1.variant) }
        return Result(withoutIntervention: outcomes[0].0, holdingTarget: outcomes[1].0, levers: levers)
    }
}
