import Dispatch
import Foundation
import LinearAlgebra

/// A scenario of a cross-impact matrix: one variant per descriptor, with its balance figures.
public struct CIBScenario: Sendable, Equatable, Hashable {
    /// Chosen variant (0-based, within its descriptor) for every descriptor.
    public var variants: [Int]
    /// `max_e (max_v θ_v − θ_{a_e})`: 0 for a consistent scenario.
    public var inconsistency: Int
    /// `Σ_e θ_{a_e}`, the total impact score.
    public var totalImpactScore: Int
}

/// Exact enumeration of the scenarios of a cross-impact matrix whose inconsistency is at most a
/// threshold (Weimer-Jehle 2006), by depth-first search over the descriptors with a sound bound.
///
/// The impact balance of variant `v` in scenario `s` is `θ_v(s) = Σ_d M[a_d, v]`, the sum of the
/// rows of the active variants `a_d` (the diagonal blocks are normally empty, so this is the sum
/// over the other descriptors). After the first
/// `k` descriptors are chosen, the final `θ_v − θ_{a_e}` of an already chosen descriptor `e` is at
/// least its current value plus `Σ_{d ≥ k} min_{u ∈ d} (M[u, v] − M[u, a_e])`; a branch is cut as
/// soon as this bound exceeds the threshold for some `v`. No scenario is ever sampled.
public struct CIBSolver: Sendable {
    /// The matrix.
    public let matrix: CrossImpactMatrix
    /// Largest inconsistency accepted (0 = consistent scenarios only).
    public let maxInconsistency: Int
    /// At most this many scenarios are collected; more is an error.
    public let limit: Int

    /// Creates a solver.
    public init(matrix: CrossImpactMatrix, maxInconsistency: Int = 0, limit: Int = 1_000_000) {
        self.matrix = matrix
        self.maxInconsistency = maxInconsistency
        self.limit = limit
    }

    /// All scenarios with inconsistency ≤ the threshold, by total impact score (descending), then variants.
    /// - Parameter progress: called with the share of subtrees searched (from worker threads).
    public func solve(progress: (@Sendable (Double) -> Void)? = nil) throws -> [CIBScenario] {
        let order = Self.searchOrder(matrix)
        let permuted = try matrix.reordered(order)
        let scenarios = try solve(permuted, progress: progress)
        return scenarios.map { s in
            var variants = [Int](repeating: 0, count: order.count)
            for (position, d) in order.enumerated() { variants[d] = s.variants[position] }
            return CIBScenario(variants: variants, inconsistency: s.inconsistency, totalImpactScore: s.totalImpactScore)
        }.sorted {
            $0.totalImpactScore > $1.totalImpactScore || ($0.totalImpactScore == $1.totalImpactScore && $0.variants.lexicographicallyPrecedes($1.variants))
        }
    }

    /// The order in which descriptors are chosen: the search prunes earlier when descriptors that
    /// judge each other strongly come first. Heuristic: most total absolute impact (given plus
    /// received) first; ties by position. Only speed depends on it.
    static func searchOrder(_ matrix: CrossImpactMatrix) -> [Int] {
        let n = matrix.variantCount
        let strength = matrix.descriptors.indices.map { d -> Int in
            let range = matrix.offsets[d]..<(matrix.offsets[d] + matrix.descriptors[d].variants.count)
            var total = 0
            for v in range { for u in 0..<n { total += abs(matrix.impact(v, u)) + abs(matrix.impact(u, v)) } }
            return total * 1000 / matrix.descriptors[d].variants.count
        }
        return matrix.descriptors.indices.sorted { strength[$0] > strength[$1] || (strength[$0] == strength[$1] && $0 < $1) }
    }

    private func solve(_ matrix: CrossImpactMatrix, progress: (@Sendable (Double) -> Void)?) throws -> [CIBScenario] {
        // The search keeps balances in 32 bits: refuse judgements whose sums could overflow.
        let largest = matrix.impacts.map { $0.magnitude }.max() ?? 0
        guard largest <= UInt(Int32.max) / UInt(4 * max(1, matrix.descriptors.count)) else {
            throw ForesightError.invalidMatrix("judgements as large as \(largest) could overflow the impact balances; rescale them")
        }
        let plan = SearchPlan(matrix)
        // A few independent subtrees per core, so that the cores stay evenly busy.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var depth = 0, tasks = 1
        while depth < matrix.descriptors.count, tasks < 4 * cores { tasks *= plan.sizes[depth]; depth += 1 }
        let prefixes = plan.prefixes(depth: depth)
        let results = ResultSlots(count: prefixes.count)
        // OpenBLAS's idle threads would otherwise compete with the search for the cores.
        BLASBackend.withSingleThreadedBLAS {
        DispatchQueue.concurrentPerform(iterations: prefixes.count) { task in
            let search = DepthFirstSearch(plan: plan, threshold: maxInconsistency, limit: limit)
            let done = results.store(task, search.run(prefix: prefixes[task]))
            progress?(Double(done) / Double(prefixes.count))
        }
        }
        let (scenarios, overflow) = results.merged()
        if overflow || scenarios.count > limit { throw ForesightError.tooManyScenarios(limit: limit) }
        return scenarios.sorted {
            $0.totalImpactScore > $1.totalImpactScore || ($0.totalImpactScore == $1.totalImpactScore && $0.variants.lexicographicallyPrecedes($1.variants))
        }
    }

    /// The balance figures of one scenario (variants 0-based within descriptors).
    public func evaluate(_ variants: [Int]) -> CIBScenario {
        let balance = Succession.balances(matrix, variants)
        var inconsistency = 0, total = 0
        for (d, v) in variants.enumerated() {
            let first = matrix.offsets[d], active = first + v
            let best = (first..<(first + matrix.descriptors[d].variants.count)).map { balance[$0] }.max()!
            inconsistency = max(inconsistency, best - balance[active])
            total += balance[active]
        }
        return CIBScenario(variants: variants, inconsistency: inconsistency, totalImpactScore: total)
    }
}

/// Precomputed tables for the search.
final class SearchPlan: @unchecked Sendable {
    let variantCount: Int
    let offsets: [Int]
    let sizes: [Int]
    let impacts: [Int]
    /// The impacts in 32 bits, shared read-only by the search tasks.
    let impacts32: UnsafeMutablePointer<Int32>
    /// `bounds32[k·V² + v·V + w] = Σ_{d ≥ k} min_{u ∈ d} (M[u, v] − M[u, w])`, for v, w of one
    /// descriptor: the least that descriptors k… can still add to `θ_v − θ_w`.
    let bounds32: UnsafeMutablePointer<Int32>

    init(_ matrix: CrossImpactMatrix) {
        let n = matrix.variantCount
        let offsets = matrix.offsets
        let sizes = matrix.descriptors.map(\.variants.count)
        let impacts = matrix.impacts
        variantCount = n
        self.offsets = offsets
        self.sizes = sizes
        self.impacts = impacts
        let d = sizes.count
        var bounds = [Int](repeating: 0, count: (d + 1) * n * n)
        for k in stride(from: d - 1, through: 0, by: -1) {
            let level = k * n * n, next = (k + 1) * n * n
            for e in 0..<d {
                for v in offsets[e]..<(offsets[e] + sizes[e]) {
                    for w in offsets[e]..<(offsets[e] + sizes[e]) where w != v {
                        var smallest = Int.max
                        for u in offsets[k]..<(offsets[k] + sizes[k]) { smallest = min(smallest, impacts[u * n + v] - impacts[u * n + w]) }
                        bounds[level + v * n + w] = bounds[next + v * n + w] + smallest
                    }
                }
            }
        }
        impacts32 = .allocate(capacity: max(1, n * n))
        for i in 0..<(n * n) { impacts32[i] = Int32(clamping: impacts[i]) }
        bounds32 = .allocate(capacity: max(1, bounds.count))
        for i in bounds.indices { bounds32[i] = Int32(clamping: bounds[i]) }
    }

    deinit {
        impacts32.deallocate()
        bounds32.deallocate()
    }

    /// Every combination of variants of the first `depth` descriptors.
    func prefixes(depth: Int) -> [[Int]] {
        (0..<depth).reduce([[]]) { partial, d in partial.flatMap { p in (0..<sizes[d]).map { p + [$0] } } }
    }
}

/// One task's depth-first search below a fixed prefix. The hot state is raw memory owned by the
/// instance (32-bit balances; the active variant of every variant's descriptor kept alongside),
/// so a node costs one row addition and one pass over the chosen variants.
final class DepthFirstSearch {
    let plan: SearchPlan
    let threshold: Int32
    let limit: Int
    private let n: Int
    private let impacts: UnsafeMutablePointer<Int32>
    private let bounds: UnsafeMutablePointer<Int32>
    private let balance: UnsafeMutablePointer<Int32>
    /// For every flat variant, the flat index of the active variant of its descriptor.
    private let activeOf: UnsafeMutablePointer<Int32>
    private let chosen: UnsafeMutablePointer<Int>
    private let descriptorCount: Int
    private(set) var found: [CIBScenario] = []
    private(set) var overflow = false

    init(plan: SearchPlan, threshold: Int, limit: Int) {
        self.plan = plan
        self.threshold = Int32(clamping: threshold)
        self.limit = limit
        n = plan.variantCount
        impacts = plan.impacts32
        bounds = plan.bounds32
        balance = .allocate(capacity: n)
        balance.initialize(repeating: 0, count: n)
        activeOf = .allocate(capacity: n)
        activeOf.initialize(repeating: 0, count: n)
        descriptorCount = plan.sizes.count
        chosen = .allocate(capacity: max(1, descriptorCount))
        chosen.initialize(repeating: 0, count: max(1, descriptorCount))
    }

    deinit {
        balance.deallocate(); activeOf.deallocate(); chosen.deallocate()
    }

    func run(prefix: [Int]) -> (scenarios: [CIBScenario], overflow: Bool) {
        for (d, v) in prefix.enumerated() {
            choose(d, v)
            add(plan.offsets[d] + v, sign: 1)
            if !feasible(assigned: d + 1) { return ([], false) }
        }
        descend(prefix.count)
        return (found, overflow)
    }

    private func choose(_ d: Int, _ v: Int) {
        chosen[d] = v
        let first = plan.offsets[d]
        for u in first..<(first + plan.sizes[d]) { activeOf[u] = Int32(first + v) }
    }

    private func descend(_ depth: Int) {
        if overflow { return }
        if depth == descriptorCount {
            record()
            return
        }
        for v in 0..<plan.sizes[depth] {
            choose(depth, v)
            let flat = plan.offsets[depth] + v
            add(flat, sign: 1)
            if feasible(assigned: depth + 1) { descend(depth + 1) }
            add(flat, sign: -1)
        }
    }

    @inline(__always)
    private func add(_ source: Int, sign: Int32) {
        let row = impacts + source * n
        if sign > 0 { for v in 0..<n { balance[v] &+= row[v] } } else { for v in 0..<n { balance[v] &-= row[v] } }
    }

    /// Whether the descriptors `0..<assigned` can still end with inconsistency ≤ threshold.
    @inline(__always)
    private func feasible(assigned: Int) -> Bool {
        let end = plan.offsets[assigned - 1] + plan.sizes[assigned - 1]
        let bound = bounds + assigned * n * n
        for v in 0..<end {
            let active = Int(activeOf[v])
            if v != active && balance[v] &- balance[active] &+ bound[v * n + active] > threshold { return false }
        }
        return true
    }

    private func record() {
        var inconsistency = 0, total = 0
        for e in 0..<descriptorCount {
            let active = plan.offsets[e] + chosen[e]
            var best = Int(balance[active])
            for v in plan.offsets[e]..<(plan.offsets[e] + plan.sizes[e]) where Int(balance[v]) > best { best = Int(balance[v]) }
            inconsistency = max(inconsistency, best - Int(balance[active]))
            total += Int(balance[active])
        }
        guard inconsistency <= Int(threshold) else { return }
        if found.count >= limit { overflow = true; return }
        found.append(CIBScenario(variants: Array(UnsafeBufferPointer(start: chosen, count: descriptorCount)),
                                 inconsistency: inconsistency, totalImpactScore: total))
    }
}

/// Per-task result storage written from parallel tasks (each task writes only its own slot).
final class ResultSlots: @unchecked Sendable {
    private var slots: [(scenarios: [CIBScenario], overflow: Bool)]
    private var completed = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: ([], false), count: count) }

    /// Stores a task's result and returns how many tasks have finished.
    @discardableResult
    func store(_ index: Int, _ value: (scenarios: [CIBScenario], overflow: Bool)) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
        completed += 1
        return completed
    }

    func merged() -> ([CIBScenario], Bool) {
        (slots.flatMap(\.scenarios), slots.contains { $0.overflow })
    }
}
