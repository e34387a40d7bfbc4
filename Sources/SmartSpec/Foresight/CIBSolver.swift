import CKernels
import Dispatch
import Foundation
import Synchronization
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
/// over the other descriptors). When the descriptors of a set `C` are chosen, the final
/// `θ_v − θ_w` of any two variants of one descriptor is at least its current value plus
/// `Σ_{d ∉ C} min_{u ∈ d} (M[u, v] − M[u, w])`. A chosen variant `w` whose bound exceeds the
/// threshold for some `v` cuts the branch; an unchosen variant `w` for which it does leaves its
/// descriptor's domain (forward checking); an empty domain cuts the branch. The next descriptor
/// chosen is one with the smallest domain. No scenario is ever sampled.
public struct CIBSolver: Sendable {
    /// The matrix.
    public let matrix: CrossImpactMatrix
    /// Largest inconsistency accepted (0 = consistent scenarios only).
    public let maxInconsistency: Int
    /// At most this many scenarios are collected; more is an error.
    public let limit: Int
    /// Descriptors held at a variant (descriptor index → variant index), as in ScenarioWizard's
    /// intervention mode: only that variant is a candidate, and the descriptor's own balance is not
    /// checked (its inconsistency counts as 0). The total impact score still counts it.
    public let fixed: [Int: Int]

    /// Creates a solver.
    /// - Precondition: every key of `fixed` is a descriptor index and its value one of its variants.
    public init(matrix: CrossImpactMatrix, maxInconsistency: Int = 0, limit: Int = 1_000_000, fixed: [Int: Int] = [:]) {
        precondition(fixed.allSatisfy { matrix.descriptors.indices.contains($0.key) && matrix.descriptors[$0.key].variants.indices.contains($0.value) },
                     "a fixed descriptor or variant is out of range")
        self.matrix = matrix
        self.maxInconsistency = maxInconsistency
        self.limit = limit
        self.fixed = fixed
    }

    /// The matrix the search runs on: the columns of fixed descriptors are zeroed, so that their
    /// balances are all 0 and never make a scenario inconsistent.
    private var searchMatrix: CrossImpactMatrix {
        guard !fixed.isEmpty else { return matrix }
        var impacts = matrix.impacts
        let n = matrix.variantCount
        for d in fixed.keys {
            let columns = matrix.offsets[d]..<(matrix.offsets[d] + matrix.descriptors[d].variants.count)
            for row in 0..<n { for column in columns { impacts[row * n + column] = 0 } }
        }
        return matrix.replacingImpacts(impacts)
    }

    /// The search's scenarios with their total impact scores taken from the unmodified matrix
    /// (they differ only when descriptors are fixed), in the documented order.
    private func finish(_ scenarios: [CIBScenario]) -> [CIBScenario] {
        var result = scenarios
        if !fixed.isEmpty {
            for i in result.indices { result[i].totalImpactScore = evaluate(result[i].variants).totalImpactScore }
        }
        return result.sorted {
            $0.totalImpactScore > $1.totalImpactScore || ($0.totalImpactScore == $1.totalImpactScore && $0.variants.lexicographicallyPrecedes($1.variants))
        }
    }

    /// The same search on the calling thread only: for callers that run many small searches in
    /// parallel themselves (ensembles, uncertainty samples). Same result as ``solve(progress:)``.
    public func solveOnThisThread() throws -> [CIBScenario] {
        try checkMagnitudes()
        let plan = SearchPlan(searchMatrix, fixed: fixed)
        let search = DepthFirstSearch(plan: plan, threshold: maxInconsistency, budget: ScenarioBudget(limit: limit))
        let (scenarios, overflow) = search.run(prefix: [])
        if overflow || scenarios.count > limit { throw ForesightError.tooManyScenarios(limit: limit) }
        return finish(scenarios)
    }

    /// The search keeps balances in 32 bits: refuse judgements whose sums could overflow.
    private func checkMagnitudes() throws {
        let largest = matrix.impacts.map { $0.magnitude }.max() ?? 0
        guard largest <= UInt(Int32.max) / UInt(8 * max(1, matrix.descriptors.count)) else {
            throw ForesightError.judgementsCouldOverflow(largest: largest)
        }
    }

    /// All scenarios with inconsistency ≤ the threshold, by total impact score (descending), then variants.
    /// - Parameter progress: called with the share of subtrees searched (from worker threads).
    public func solve(progress: (@Sendable (Double) -> Void)? = nil) throws -> [CIBScenario] {
        try checkMagnitudes()
        let plan = SearchPlan(searchMatrix, fixed: fixed)
        // A few independent subtrees per core, so that the cores stay evenly busy: search to the
        // first depth with enough feasible nodes, then search below each of them in parallel.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // One budget of `limit` scenarios for the whole search (the head and every parallel part),
        // so that memory is bounded by --max-scenarios however the work is split.
        var budget = ScenarioBudget(limit: limit)
        var depth = 0, head = DepthFirstSearch(plan: plan, threshold: maxInconsistency, budget: budget)
        var prefixes = head.collect(depth: 0)
        while prefixes.count < 4 * cores, !prefixes.isEmpty, depth < matrix.descriptors.count {
            depth += 1
            budget = ScenarioBudget(limit: limit)
            head = DepthFirstSearch(plan: plan, threshold: maxInconsistency, budget: budget)
            prefixes = head.collect(depth: depth)
        }
        let shared = budget
        let tasks = prefixes
        // OpenBLAS's idle threads would otherwise compete with the search for the cores.
        let count = Double(tasks.count)
        let finished: (@Sendable (Int) -> Void)? = progress.map { report in { @Sendable done in report(Double(done) / count) } }
        let below: [(scenarios: [CIBScenario], overflow: Bool)] = BLASBackend.withSingleThreadedBLAS {
            ParallelTasks.map(tasks.count, finished: finished) { task in
                DepthFirstSearch(plan: plan, threshold: maxInconsistency, budget: shared).run(prefix: tasks[task])
            }
        }
        let scenarios = head.found + below.flatMap(\.scenarios)
        let overflow = head.overflow || below.contains { $0.overflow }
        if overflow || scenarios.count > limit { throw ForesightError.tooManyScenarios(limit: limit) }
        return finish(scenarios)
    }

    /// The balance figures of one scenario (variants 0-based within descriptors); the
    /// inconsistency leaves out fixed descriptors.
    public func evaluate(_ variants: [Int]) -> CIBScenario { evaluate(variants, offset: nil) }

    /// ``evaluate(_:)`` with `offset`, when given, added to every balance (one value per flat variant).
    public func evaluate(_ variants: [Int], offset: [Int]?) -> CIBScenario {
        var balance = Succession.balances(matrix, variants)
        if let offset { for i in balance.indices { balance[i] += offset[i] } }
        var inconsistency = 0, total = 0
        for (d, v) in variants.enumerated() {
            if fixed[d] != nil { total += balance[matrix.offsets[d] + v]; continue }
            let first = matrix.offsets[d], active = first + v
            let best = (first..<(first + matrix.descriptors[d].variants.count)).map { balance[$0] }.max()!
            inconsistency = max(inconsistency, best - balance[active])
            total += balance[active]
        }
        return CIBScenario(variants: variants, inconsistency: inconsistency, totalImpactScore: total)
    }
}

/// Precomputed tables for the search. Every descriptor's variants sit in lanes of 4-wide
/// vectors ("chunks"; a descriptor of 3 or 4 variants takes one chunk, of 5–8 two, …), so that a
/// row addition and a consistency check are a few vector operations per descriptor.
final class SearchPlan: @unchecked Sendable {
    let variantCount: Int
    let sizes: [Int]
    /// Total chunks of a row, and the most chunks of one descriptor.
    let chunks: Int
    let widest: Int
    /// Vectors in one bound table: `variantCount · widest`.
    let block: Int
    /// Sizes, offsets, chunk offsets and chunk counts (4 × descriptors), read without bounds
    /// checks in the hot loop.
    let layout: UnsafeMutablePointer<Int>
    /// `rows[u·chunks + c]`: chunk `c` of the impacts of source variant `u`; padding lanes are 0.
    let rows: UnsafeMutablePointer<SIMD4<Int32>>
    /// `least[(d·V + a)·widest + c]`: for variant `a` of descriptor `e`, chunk `c` of `e` holds in
    /// the lane of variant `v` the least that choosing descriptor `d` adds to `θ_v − θ_a`,
    /// `min_{u ∈ d} (M[u, v] − M[u, a])`; 0 in the lane of `a` itself and in padding.
    let least: UnsafeMutablePointer<SIMD4<Int32>>
    /// `Σ_d least[d]` over every descriptor, with the lanes of `a` itself and of padding set to a
    /// large negative value, so that they never fail a check: the bound before anything is chosen.
    let rootBound: UnsafeMutablePointer<SIMD4<Int32>>
    /// Every descriptor's candidate variants at the root, as a bit set (all, or the fixed one).
    let rootDomains: [UInt64]
    /// Placed in lanes that must never fail a check.
    static let inert: Int32 = Int32.min / 2

    init(_ matrix: CrossImpactMatrix, fixed: [Int: Int] = [:]) {
        let n = matrix.variantCount
        let offsets = matrix.offsets
        let sizes = matrix.descriptors.map(\.variants.count)
        let impacts = matrix.impacts
        let d = sizes.count
        variantCount = n
        self.sizes = sizes
        rootDomains = sizes.indices.map { d in fixed[d].map { UInt64(1) << $0 } ?? (UInt64.max >> (64 - sizes[d])) }
        let chunkCounts = sizes.map { ($0 + 3) / 4 }
        let chunkOffsets = Array(chunkCounts.reduce(into: [0]) { $0.append($0.last! + $1) }.dropLast())
        chunks = chunkCounts.reduce(0, +)
        widest = chunkCounts.max() ?? 1
        block = n * widest
        layout = .allocate(capacity: max(1, 4 * d))
        for (i, value) in (sizes + offsets + chunkOffsets + chunkCounts).enumerated() { layout[i] = value }
        rows = .allocate(capacity: max(1, n * chunks))
        rows.initialize(repeating: .zero, count: max(1, n * chunks))
        for u in 0..<n {
            for e in 0..<d {
                for j in 0..<sizes[e] {
                    rows[u * chunks + chunkOffsets[e] + j / 4][j % 4] = Int32(clamping: impacts[u * n + offsets[e] + j])
                }
            }
        }
        least = .allocate(capacity: max(1, d * block))
        least.initialize(repeating: .zero, count: max(1, d * block))
        rootBound = .allocate(capacity: max(1, block))
        rootBound.initialize(repeating: SIMD4(repeating: Self.inert), count: max(1, block))
        for e in 0..<d {
            for a in offsets[e]..<(offsets[e] + sizes[e]) {
                for j in 0..<sizes[e] where offsets[e] + j != a {
                    let v = offsets[e] + j
                    var sum = 0
                    for k in 0..<d {
                        var smallest = Int.max
                        for u in offsets[k]..<(offsets[k] + sizes[k]) { smallest = min(smallest, impacts[u * n + v] - impacts[u * n + a]) }
                        least[k * block + a * widest + j / 4][j % 4] = Int32(clamping: smallest)
                        sum += smallest
                    }
                    rootBound[a * widest + j / 4][j % 4] = Int32(clamping: sum)
                }
            }
        }
    }

    deinit {
        rows.deallocate()
        layout.deallocate()
        least.deallocate()
        rootBound.deallocate()
    }
}

/// One task's depth-first search. At every node each descriptor not yet chosen keeps a domain:
/// its variants that can still end consistent (forward checking; a domain only shrinks going
/// down, so a node starts from its parent's). The next descriptor is one with the smallest domain
/// (ties: the first), and only its domain is tried. The hot state is raw memory owned by the
/// instance: 32-bit balances in the plan's chunk layout, and per depth the bound on what the
/// unchosen descriptors can still add and the domains, so a node costs a few vector operations
/// per descriptor.
final class DepthFirstSearch {
    /// A choice: descriptor and variant (0-based within the descriptor).
    typealias Choice = (descriptor: Int, variant: Int)

    let threshold: Int32
    private let budget: ScenarioBudget
    private let plan: SearchPlan
    private let chunks: Int
    private let block: Int
    private let descriptorCount: Int
    private let widest: Int
    private let sizes: UnsafeMutablePointer<Int>
    private let offsets: UnsafeMutablePointer<Int>
    private let chunkOffsets: UnsafeMutablePointer<Int>
    private let chunkCounts: UnsafeMutablePointer<Int>
    private let rows: UnsafeMutablePointer<SIMD4<Int32>>
    private let least: UnsafeMutablePointer<SIMD4<Int32>>
    private let balance: UnsafeMutablePointer<SIMD4<Int32>>
    /// `bound + depth·block`: the plan's `rootBound` less the `least` of every descriptor chosen above that depth.
    private let bound: UnsafeMutablePointer<SIMD4<Int32>>
    /// `domains + (depth + 1)·descriptors`: every descriptor's domain at that depth, as a bit set
    /// (row 0 holds the full domains).
    private let domains: UnsafeMutablePointer<UInt64>
    /// The chosen descriptors in the order chosen, and the variant of every chosen descriptor (−1: not chosen).
    private let order: UnsafeMutablePointer<Int>
    private let chosen: UnsafeMutablePointer<Int>
    /// The choices to follow before searching freely (a task's subtree), and where to stop and
    /// collect nodes instead of searching on.
    private var path: [Choice] = []
    private var stopDepth = Int.max
    private(set) var frontier: [[Choice]] = []
    private(set) var found: [CIBScenario] = []
    private(set) var overflow = false

    init(plan: SearchPlan, threshold: Int, budget: ScenarioBudget) {
        self.plan = plan
        self.threshold = Int32(clamping: threshold)
        self.budget = budget
        chunks = plan.chunks
        block = plan.block
        descriptorCount = plan.sizes.count
        widest = plan.widest
        sizes = plan.layout
        offsets = plan.layout + descriptorCount
        chunkOffsets = plan.layout + 2 * descriptorCount
        chunkCounts = plan.layout + 3 * descriptorCount
        rows = plan.rows
        least = plan.least
        balance = .allocate(capacity: max(1, chunks))
        balance.initialize(repeating: .zero, count: max(1, chunks))
        bound = .allocate(capacity: max(1, (descriptorCount + 1) * block))
        bound.initialize(from: plan.rootBound, count: max(1, block))
        domains = .allocate(capacity: (descriptorCount + 2) * descriptorCount)
        for d in 0..<descriptorCount { domains[d] = plan.rootDomains[d] }
        let slots = max(1, descriptorCount)
        order = .allocate(capacity: slots)
        order.initialize(repeating: 0, count: slots)
        chosen = .allocate(capacity: slots)
        chosen.initialize(repeating: -1, count: slots)
    }

    deinit {
        balance.deallocate(); bound.deallocate(); domains.deallocate(); order.deallocate(); chosen.deallocate()
    }

    /// Searches below `prefix`, choices that an earlier search (`collect`) found feasible.
    func run(prefix: [Choice]) -> (scenarios: [CIBScenario], overflow: Bool) {
        path = prefix
        descend(0)
        return (found, overflow)
    }

    /// Searches to `depth` and returns the feasible choices there (scenarios completed sooner are in `found`).
    func collect(depth: Int) -> [[Choice]] {
        stopDepth = depth
        descend(0)
        return frontier
    }

    private func descend(_ depth: Int) {
        if overflow || !chosenStayConsistent(depth) { return }
        if depth == descriptorCount { record(); return }
        if depth == stopDepth {
            frontier.append((0..<depth).map { (order[$0], chosen[order[$0]]) })
            return
        }
        guard let next = narrowDomains(depth) else { return }
        narrowBound(depth: depth, descriptor: next)
        var options = domains[(depth + 1) * descriptorCount + next]
        if depth < path.count { options = 1 << path[depth].variant }
        while options != 0 {
            let v = options.trailingZeroBitCount
            options &= options - 1
            order[depth] = next
            chosen[next] = v
            add(offsets[next] + v, sign: 1)
            descend(depth + 1)
            add(offsets[next] + v, sign: -1)
            chosen[next] = -1
        }
    }

    /// Whether every descriptor chosen before `depth` can still end with inconsistency ≤ threshold.
    @inline(__always)
    private func chosenStayConsistent(_ depth: Int) -> Bool {
        let bound = self.bound + depth * block
        for i in 0..<depth {
            let d = order[i], v = chosen[d]
            let active = balance(d, v), chunks = chunkCounts[d]
            let exceeds = withLanes(balance + chunkOffsets[d], chunks, bound + (offsets[d] + v) * widest, chunks) {
                smartspec_cib_exceeds($0, active, $1, chunks, threshold)
            }
            if exceeds != 0 { return false }
        }
        return true
    }

    /// Narrows the parent's domains to the variants that can still end consistent at `depth`, and
    /// returns the unchosen descriptor with the smallest domain; nil when a domain is empty.
    private func narrowDomains(_ depth: Int) -> Int? {
        let parent = domains + depth * descriptorCount, domain = parent + descriptorCount
        let bound = self.bound + depth * block
        var next = -1, smallest = Int.max
        for d in 0..<descriptorCount where chosen[d] < 0 {
            let chunks = chunkCounts[d], allowed = parent[d]
            let kept = withLanes(balance + chunkOffsets[d], chunks, bound + offsets[d] * widest, sizes[d] * widest) {
                smartspec_cib_viable($0, $1, chunks, widest, allowed, threshold)
            }
            if kept == 0 { return nil }
            domain[d] = kept
            if kept.nonzeroBitCount < smallest { next = d; smallest = kept.nonzeroBitCount }
        }
        return next
    }

    /// `bound` at `depth + 1` = `bound` at `depth` less what descriptor `d` adds at least.
    @inline(__always)
    private func narrowBound(depth: Int, descriptor d: Int) {
        let from = bound + depth * block, to = from + block, added = least + d * block
        for i in 0..<block { to[i] = from[i] &- added[i] }
    }

    @inline(__always)
    private func add(_ source: Int, sign: Int32) {
        let row = rows + source * chunks
        if sign > 0 { for c in 0..<chunks { balance[c] &+= row[c] } } else { for c in 0..<chunks { balance[c] &-= row[c] } }
    }

    /// Calls `body` with the 32-bit lanes of two runs of 4-lane vectors (`countA` and `countB`
    /// vectors), the memory rebound to `Int32` for the call, as the C kernels read it.
    @inline(__always)
    private func withLanes<R>(_ a: UnsafeMutablePointer<SIMD4<Int32>>, _ countA: Int, _ b: UnsafeMutablePointer<SIMD4<Int32>>, _ countB: Int,
                              _ body: (UnsafePointer<Int32>, UnsafePointer<Int32>) -> R) -> R {
        assert(a >= balance && a + countA <= balance + chunks, "balance lanes out of range")
        assert(b >= bound && b + countB <= bound + (descriptorCount + 1) * block, "bound lanes out of range")
        return a.withMemoryRebound(to: Int32.self, capacity: countA * 4) { x in
            b.withMemoryRebound(to: Int32.self, capacity: countB * 4) { y in body(UnsafePointer(x), UnsafePointer(y)) }
        }
    }

    /// The balance of variant `v` (0-based) of descriptor `d`: lane `v` of the descriptor's first
    /// vector, read as raw bytes (no typed view of the vectors is assumed).
    @inline(__always)
    private func balance(_ d: Int, _ v: Int) -> Int32 {
        assert(v < sizes[d], "variant \(v) out of range for descriptor \(d)")
        return UnsafeRawPointer(balance).load(fromByteOffset: (chunkOffsets[d] * 4 + v) * MemoryLayout<Int32>.stride, as: Int32.self)
    }

    private func record() {
        var inconsistency = 0, total = 0
        for e in 0..<descriptorCount {
            let active = Int(balance(e, chosen[e]))
            var best = active
            for j in 0..<sizes[e] { best = max(best, Int(balance(e, j))) }
            inconsistency = max(inconsistency, best - active)
            total += active
        }
        guard inconsistency <= Int(threshold) else { return }
        guard budget.take() else { overflow = true; return }
        found.append(CIBScenario(variants: Array(UnsafeBufferPointer(start: chosen, count: descriptorCount)),
                                 inconsistency: inconsistency, totalImpactScore: total))
    }
}

/// How many scenarios a search may still keep, shared by all its parallel parts.
final class ScenarioBudget: Sendable {
    let limit: Int
    private let used = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    /// Takes one place; false when the budget is spent.
    func take() -> Bool { used.add(1, ordering: .relaxed).newValue <= limit }
}
