import CKernels
import Foundation

/// How well the signals of a base year predicted which activities regions entered (and left) by a
/// target year, in a dataset's own history (`Methodology/evidence.md`).
///
/// **Cells.** Regions and activities with positive totals in both years; each year's matrix is
/// restricted to them (absent pairs count as zero) and RCA, presence and every signal are computed
/// on it. An *entry cell* is a (region, activity) the region does not hold in the base year
/// (RCA < `absentBelow`, 1 by default, 0.5 for the stricter definition of Hidalgo et al. 2007);
/// it *entered* when RCA ≥ 1 in the target year. An *exit cell* is one the region holds in the
/// base year (RCA ≥ 1); it *exited* when RCA < 1 in the target year.
///
/// **Signals**, all from the base year: relatedness density (py-ecomplexity's, the atlas
/// convention), COG, PCI, the sheets' candidate score (today the COG ranking, so equal to COG),
/// RCA, ubiquity, and a seeded random score. A missing PCI (an activity outside the largest
/// connected part) ranks lowest.
///
/// **Measures** (on signal values rounded to 12 significant digits, as every output is, so that
/// ties do not depend on the BLAS build and equal those of the `--predictions` file). ROC AUC (Mann–Whitney, ties counted half), average precision (scikit-learn's
/// definition: Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct scores, highest first), mean precision at 5 and
/// at 10 over the regions with at least one cell (a region's cells ordered by the signal, ties by
/// activity code; with fewer than k cells, precision over all of them), and a 95% interval of
/// the AUC from a bootstrap over regions: draw `d` resamples the regions with replacement using a
/// generator seeded with `SplitMix64(seed + d)`, so that a draw does not depend on how the draws
/// are split; the interval is the 2.5% and 97.5% quantiles (type 7) of the draws' AUCs.
public struct Backtest: Sendable {
    /// The signals, in report order.
    public enum Signal: String, Sendable, CaseIterable, Codable {
        case density, cog, pci, score, rca, ubiquity, random
    }

    /// One signal's measures.
    public struct Measures: Sendable, Equatable {
        public var signal: Signal
        public var auc: Double, aucInterval: ClosedRange<Double>?
        public var averagePrecision: Double, precisionAt5: Double, precisionAt10: Double
        /// The ROC curve: (false-positive rate, true-positive rate) at every distinct score, highest
        /// first, from (0, 0) to (1, 1); at most 401 points (evenly spaced thresholds beyond that).
        /// Empty unless the backtest was asked for `curves`.
        public var roc: [RocPoint] = []
        /// The AUC of the bootstrap draws computed here, in draw order (NaN where a draw has one
        /// class only). Kept only when the backtest computes a slice of the draws (a shard's).
        public var draws: [Double]? = nil
    }

    /// Cells and measures of one outcome (entries or exits).
    /// A point of a ROC curve.
    public struct RocPoint: Sendable, Equatable {
        public var falsePositiveRate: Double, truePositiveRate: Double
    }

    public struct Outcome: Sendable {
        /// The cells: region and activity indices into ``Backtest/regions`` and ``Backtest/activities``.
        public var regions: [Int], activities: [Int]
        /// Whether the cell's event happened (entered, or exited).
        public var happened: [Bool]
        /// Signal values per cell, by signal.
        public var signals: [Signal: [Double]]
        /// Measures per signal, in ``Signal/allCases`` order.
        public var measures: [Measures]
        /// Number of cells and of events.
        public var cells: Int { happened.count }
        public var events: Int { happened.filter { $0 }.count }
    }

    public let baseYear: Int, targetYear: Int
    /// The regions and activities kept (codes), in dataset order.
    public let regions: [String], activities: [String]
    /// RCA of every kept (region, activity) in the base and target years, row-major.
    public let baseRCA: [Double], targetRCA: [Double]
    public private(set) var entries: Outcome, exits: Outcome
    /// The entry model fitted on the entry cells (``EntryModel``); nil when it cannot be fitted.
    public let entryModel: EntryModel?

    /// Runs the backtest.
    /// - Throws: ``EvidenceError`` (no activities, one year only, a year not in the dataset, no
    ///   cell, no entry), and the errors of the niche analysis.
    /// - Complexity: the niche analysis of the base year, plus O(B · S · C log C) for B bootstrap
    ///   draws, S signals and C cells.
    /// - Parameter curves: also compute every signal's ROC curve (``Measures/roc``), for the report.
    /// - Parameter draws: compute only these bootstrap draws (a shard's slice of `0..<bootstrap`) and
    ///   keep them in ``Measures/draws`` instead of the interval; ``withIntervals(entries:exits:)``
    ///   turns all the slices' draws into the intervals of one run.
    public init(_ dataset: Dataset, baseYear: Int, targetYear: Int, absentBelow: Double = 1, bootstrap: Int = 500, seed: UInt64 = 1,
                curves: Bool = false, draws slice: Range<Int>? = nil) throws {
        guard !dataset.activities.isEmpty, !dataset.activityTables.isEmpty else { throw EvidenceError.noActivities }
        let years = dataset.activityTables.compactMap(\.year)
        guard Set(years).count >= 2 else { throw EvidenceError.oneYear(years.first) }
        guard let t0 = dataset.activityTables.first(where: { $0.year == baseYear }) else { throw EvidenceError.unknownYear(baseYear, available: years) }
        guard let t1 = dataset.activityTables.first(where: { $0.year == targetYear }) else { throw EvidenceError.unknownYear(targetYear, available: years) }
        guard baseYear < targetYear else { throw EvidenceError.yearsInOrder(base: baseYear, target: targetYear) }
        guard absentBelow > 0, absentBelow <= 1 else { throw EvidenceError.invalidAbsence(absentBelow) }
        self.baseYear = baseYear
        self.targetYear = targetYear
        let (n, m) = (dataset.regions.count, dataset.activities.count)
        let rowTotal = { (t: ActivityTable, r: Int) in (0..<m).reduce(0.0) { $0 + t[region: r, activity: $1] } }
        let columnTotal = { (t: ActivityTable, a: Int) in (0..<n).reduce(0.0) { $0 + t[region: $1, activity: a] } }
        let keptRegions = (0..<n).filter { rowTotal(t0, $0) > 0 && rowTotal(t1, $0) > 0 }
        let keptActivities = (0..<m).filter { columnTotal(t0, $0) > 0 && columnTotal(t1, $0) > 0 }
        guard keptRegions.count >= 2, keptActivities.count >= 2 else { throw EvidenceError.noCells }
        regions = keptRegions.map { dataset.regions[$0].code }
        activities = keptActivities.map { dataset.activities[$0].code }
        let restricted = { (t: ActivityTable) -> ActivityTable in
            var out = ActivityTable(year: t.year, regionCount: keptRegions.count, activityCount: keptActivities.count)
            for (i, r) in keptRegions.enumerated() {
                for (j, a) in keptActivities.enumerated() { out[region: i, activity: j] = t[region: r, activity: a] }
            }
            return out
        }
        var base = dataset
        base.regions = keptRegions.map { dataset.regions[$0] }
        base.activities = keptActivities.map { dataset.activities[$0] }
        base.activityTables = [restricted(t0)]
        base.indicatorValues = IndicatorTable(regionCount: keptRegions.count, indicatorIDs: [])
        base.indicators = []
        let analysis = try NicheAnalysis(base, options: NicheOptions(threshold: 1, convention: .atlas, proximity: .conditional))
        let target = Specialisation(restricted(t1), threshold: 1, groups: base.activities.map(\.group))
        let (rn, am) = (keptRegions.count, keptActivities.count)
        let b = (0..<(rn * am)).map { analysis.specialisation.value(region: $0 / am, activity: $0 % am) }
        let t = (0..<(rn * am)).map { target.value(region: $0 / am, activity: $0 % am) }
        (baseRCA, targetRCA) = (b, t)
        let activityCodes = keptActivities.map { dataset.activities[$0].code }
        var ranks = [Int](repeating: 0, count: am)
        for (rank, a) in activityCodes.indices.sorted(by: { activityCodes[$0] < activityCodes[$1] }).enumerated() { ranks[a] = rank }
        let codeRank = ranks
        let gains = try analysis.outlook.gains(regions: Array(0..<rn))
        let ubiquity = analysis.presence.ubiquity.map(Double.init)
        let pci = analysis.complexity.pci.map { $0 ?? -.infinity }
        var random = SeededGenerator(seed: seed)
        let noise = (0..<(rn * am)).map { _ in random.uniform() }
        /// The value of a signal in cell `k` (region `k / am`, activity `k % am`).
        func signal(_ s: Signal, _ k: Int) -> Double {
            switch s {
            case .density: analysis.outlook.density(region: k / am, activity: k % am)
            case .cog, .score: gains[k]
            case .pci: pci[k % am]
            case .rca: b[k]
            case .ubiquity: ubiquity[k % am]
            case .random: noise[k]
            }
        }
        var fitted: EntryModel? = nil
        func outcome(_ cells: [Int], frontier: Bool, happened: (Int) -> Bool) -> Outcome {
            var values: [Signal: [Double]] = [:]
            // Rounded to the 12 significant digits of every output, so that ties are the same for
            // every BLAS build and thread count, and in the --predictions file.
            // Entries take their score from the frontier below, so it is not computed as COG first.
            for s in Signal.allCases where !(frontier && s == .score) { values[s] = cells.map { OutputRounding.significant(signal(s, $0)) } }
            var draft = Outcome(regions: cells.map { $0 / am }, activities: cells.map { $0 % am }, happened: cells.map(happened),
                                signals: values, measures: [])
            if frontier {
                fitted = try? EntryModel(draft, baseYear: baseYear, targetYear: targetYear)
                values[.score] = Backtest.frontierScores(draft, model: fitted, codes: activityCodes)
                draft.signals = values
            }
            let outcome = draft
            var measured = outcome
            // A signal equal to an earlier one cell for cell (the sheet's score is COG today) shares its measures.
            let signals = Signal.allCases
            let first = signals.map { s in signals.first { values[$0] == values[s] }! }
            let tieOrder = CellOrder.byDescendingKey(outcome.activities.map { UInt32(codeRank[$0]) })
            let computed = ParallelTasks.map(signals.count) { k -> Measures? in
                first[k] == signals[k] ? Backtest.measures(signals[k], outcome, tieOrder: tieOrder, regions: rn, bootstrap: bootstrap, seed: seed,
                                                                   curves: curves, slice: slice) : nil
            }
            measured.measures = signals.indices.map { k in
                var m = computed[signals.firstIndex(of: first[k])!]!
                m.signal = signals[k]
                return m
            }
            return measured
        }
        let cells = Array(0..<(rn * am))
        entries = outcome(cells.filter { b[$0] < absentBelow }, frontier: true) { t[$0] >= 1 }
        exits = outcome(cells.filter { b[$0] >= 1 }, frontier: false) { t[$0] < 1 }
        entryModel = fitted
        guard entries.cells > 0 else { throw EvidenceError.noCells }
        guard entries.events > 0 else { throw EvidenceError.noEntry(base: baseYear, target: targetYear) }
    }

    /// The sheets' candidate order as a score: per region, the feasibility–benefit frontier of the
    /// open cells (feasibility: the entry model's cross-fitted probability, or density when the model
    /// cannot be fitted; benefit: PCI), scored −layer + balance so that a higher score comes first in
    /// the sheet's order (balance < 1 keeps the layers apart).
    static func frontierScores(_ o: Outcome, model: EntryModel?, codes: [String]) -> [Double] {
        let feasibility = model.map(\.crossFitted).flatMap { $0.allSatisfy(\.isFinite) ? $0 : nil } ?? o.signals[.density]!
        let pci = o.signals[.pci]!
        var grouped: [Int: [Int]] = [:]
        for (i, r) in o.regions.enumerated() { grouped[r, default: []].append(i) }
        let byRegion = grouped
        var score = [Double](repeating: 0, count: o.cells)
        let regions = byRegion.keys.sorted()
        let parts = ParallelTasks.map(regions.count) { k -> [(Int, Double)] in
            let cells = byRegion[regions[k]]!
            let ranking = FeasibilityBenefitFrontier.rank(feasibility: cells.map { feasibility[$0] }, benefit: cells.map { pci[$0] },
                                                          codes: cells.map { codes[o.activities[$0]] }, dominators: false)
            return cells.indices.map { (cells[$0], OutputRounding.significant(-Double(ranking.layer[$0]) + ranking.balance[$0])) }
        }
        for part in parts { for (i, value) in part { score[i] = value } }
        return score
    }

    /// The measures of one signal. One sort of the cells serves them all: ascending by value and,
    /// within ties, by descending activity code, so that walking it backwards meets every region's
    /// cells as `precision at k` ranks them (value, then code). The bootstrap draws are computed 32
    /// at a time in one pass over the sorted cells.
    /// - Complexity: O(C) for the sort (radix) and each measure, O(B · C / 32) for B draws.
    /// `tieOrder` sorts the cells by descending activity code.
    static func measures(_ signal: Signal, _ outcome: Outcome, tieOrder: [Int32], regions: Int, bootstrap: Int, seed: UInt64,
                         curves: Bool = false, slice: Range<Int>? = nil) -> Measures {
        let values = outcome.signals[signal]!, labels = outcome.happened
        let order = CellOrder.ascending(values, startingFrom: tieOrder)
        let auc = BacktestMeasures.auc(order: order, values: values, labels: labels)
        let ap = BacktestMeasures.averagePrecision(order: order, values: values, labels: labels)
        let (p5, p10) = BacktestMeasures.precisionAt5And10(order: order, regions: outcome.regions, labels: labels, regionCount: regions)
        var interval: ClosedRange<Double>? = nil, kept: [Double]? = nil
        let wanted = slice ?? 0..<bootstrap
        if !wanted.isEmpty {
            let draws = BootstrapAUC(order: order, values: values, labels: labels, regions: outcome.regions, regionCount: regions)
                .draws(wanted, seed: seed)
            if slice != nil { kept = draws } else { interval = Self.interval(draws) }
        } else if slice != nil {
            kept = []
        }
        return Measures(signal: signal, auc: auc, aucInterval: interval, averagePrecision: ap, precisionAt5: p5, precisionAt10: p10,
                        roc: curves ? BacktestMeasures.roc(order: order, values: values, labels: labels) : [], draws: kept)
    }

    /// The 95 % interval of bootstrap AUCs: the 2.5 % and 97.5 % quantiles (type 7) of the finite ones.
    static func interval(_ draws: [Double]) -> ClosedRange<Double>? {
        let finite = draws.filter { $0.isFinite }
        guard let low = Statistics.quantile(finite, 0.025), let high = Statistics.quantile(finite, 0.975) else { return nil }
        return low...high
    }

    /// This backtest with the intervals of all the draws (every shard's slice, in draw order), per
    /// signal in ``Signal/allCases`` order, and no draws kept: the backtest of one run.
    /// - Precondition: one list of draws per signal of each outcome.
    public func withIntervals(entries entryDraws: [[Double]], exits exitDraws: [[Double]]) -> Backtest {
        precondition(entryDraws.count == entries.measures.count && exitDraws.count == exits.measures.count, "one list of draws per signal")
        var copy = self
        for k in copy.entries.measures.indices {
            copy.entries.measures[k].aucInterval = Self.interval(entryDraws[k])
            copy.entries.measures[k].draws = nil
        }
        for k in copy.exits.measures.indices {
            copy.exits.measures[k].aucInterval = Self.interval(exitDraws[k])
            copy.exits.measures[k].draws = nil
        }
        return copy
    }
}

/// Sorting the cells of a backtest: LSD radix sorts, stable, so that sorting by value after
/// sorting by a tie key orders ties by that key.
enum CellOrder {
    /// The permutation sorting `keys` in descending order (stable).
    static func byDescendingKey(_ keys: [UInt32]) -> [Int32] {
        radix(keys.map { UInt64(~$0) }, startingFrom: Array(0..<Int32(keys.count)), bytes: 4)
    }

    /// The permutation sorting `values` ascending, stable with respect to `start`.
    static func ascending(_ values: [Double], startingFrom start: [Int32]) -> [Int32] {
        // Order-preserving map of doubles to unsigned integers: flip every bit of a negative
        // number, only the sign bit of a positive one.
        radix(values.map { $0.sign == .minus ? ~$0.bitPattern : $0.bitPattern | (1 << 63) }, startingFrom: start, bytes: 8)
    }

    private static func radix(_ keys: [UInt64], startingFrom start: [Int32], bytes: Int) -> [Int32] {
        let n = start.count
        // Keys travel with their cells, so every pass reads and writes sequentially; the counts of
        // all byte positions come from one pass.
        var order = start, otherOrder = [Int32](repeating: 0, count: n)
        var key = start.map { keys[Int($0)] }, otherKey = [UInt64](repeating: 0, count: n)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 256), count: bytes)
        key.withUnsafeBufferPointer { key in
            for k in key { for byte in 0..<bytes { counts[byte][Int((k >> UInt64(byte * 8)) & 0xFF)] += 1 } }
        }
        for byte in 0..<bytes where !counts[byte].contains(n) {   // skip a byte all keys share
            var next = [Int](repeating: 0, count: 256)
            for b in 1..<256 { next[b] = next[b - 1] + counts[byte][b - 1] }
            let shift = UInt64(byte * 8)
            order.withUnsafeBufferPointer { sourceOrder in
                key.withUnsafeBufferPointer { sourceKey in
                    otherOrder.withUnsafeMutableBufferPointer { targetOrder in
                        otherKey.withUnsafeMutableBufferPointer { targetKey in
                            for i in 0..<n {
                                let k = sourceKey[i], b = Int((k >> shift) & 0xFF)
                                targetOrder[next[b]] = sourceOrder[i]
                                targetKey[next[b]] = k
                                next[b] += 1
                            }
                        }
                    }
                }
            }
            swap(&order, &otherOrder)
            swap(&key, &otherKey)
        }
        return order
    }
}

/// The AUC of bootstrap draws over regions: each draw weights a cell by the number of times its
/// region was drawn; 32 draws share one pass over the sorted cells.
struct BootstrapAUC {
    /// Per sorted cell: region << 2 | positive << 1 | last of its tie group.
    private let cells: [UInt32]
    private let regionCount: Int
    private let positives: [Double], negatives: [Double]

    init(order: [Int32], values: [Double], labels: [Bool], regions: [Int], regionCount: Int) {
        var cells = [UInt32](repeating: 0, count: order.count)
        var positives = [Double](repeating: 0, count: regionCount), negatives = positives
        for (k, i) in order.enumerated() {
            let cell = Int(i)
            let last = k + 1 == order.count || values[Int(order[k + 1])] != values[cell]
            cells[k] = UInt32(regions[cell]) << 2 | (labels[cell] ? 2 : 0) | (last ? 1 : 0)
            if labels[cell] { positives[regions[cell]] += 1 } else { negatives[regions[cell]] += 1 }
        }
        (self.cells, self.regionCount, self.positives, self.negatives) = (cells, regionCount, positives, negatives)
    }

    /// The AUC of the draws `indices`; draw `d` resamples the regions with the generator seeded by
    /// `splitMix(seed + d)`, so a draw does not depend on how many there are or how they are split.
    /// NaN when a draw has no positive or no negative cell.
    func draws(_ indices: Range<Int>, seed: UInt64) -> [Double] {
        let width = 32, count = indices.count, batches = (count + width - 1) / width
        return ParallelTasks.map(batches) { batch -> [Double] in
            let lanes = min(width, count - batch * width)
            var weights = [Double](repeating: 0, count: regionCount * width)
            for lane in 0..<lanes {
                var generator = SeededGenerator(seed: SeededGenerator.splitMix(seed &+ UInt64(indices.lowerBound + batch * width + lane)))
                for _ in 0..<regionCount { weights[Int(generator.next() % UInt64(regionCount)) * width + lane] += 1 }
            }
            var sums = [Double](repeating: 0, count: width)
            cells.withUnsafeBufferPointer { cells in
                smartspec_bootstrap_auc32(cells.baseAddress, cells.count, weights, &sums)
            }
            var p = [Double](repeating: 0, count: width), n = p
            for r in 0..<regionCount {
                for lane in 0..<width { p[lane] += weights[r * width + lane] * positives[r]; n[lane] += weights[r * width + lane] * negatives[r] }
            }
            return (0..<lanes).map { p[$0] > 0 && n[$0] > 0 ? sums[$0] / (p[$0] * n[$0]) : .nan }
        }.flatMap { $0 }
    }
}

/// ROC AUC, average precision (as scikit-learn defines them) and precision at k, on cells in
/// ascending order of value.
enum BacktestMeasures {
    /// The Mann–Whitney AUC, ties counting half. NaN when one class is empty.
    /// - Complexity: O(C).
    static func auc(order: [Int32], values: [Double], labels: [Bool]) -> Double {
        var positives = 0.0, negatives = 0.0, sum = 0.0
        var i = 0
        while i < order.count {
            var j = i, groupPositives = 0.0, groupNegatives = 0.0
            let value = values[Int(order[i])]
            while j < order.count, values[Int(order[j])] == value {
                if labels[Int(order[j])] { groupPositives += 1 } else { groupNegatives += 1 }
                j += 1
            }
            sum += groupPositives * (negatives + groupNegatives / 2)
            negatives += groupNegatives
            positives += groupPositives
            i = j
        }
        return positives > 0 && negatives > 0 ? sum / (positives * negatives) : .nan
    }

    /// scikit-learn's average precision: Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct scores, highest first.
    static func averagePrecision(order: [Int32], values: [Double], labels: [Bool]) -> Double {
        let positives = Double(labels.filter { $0 }.count)
        guard positives > 0 else { return .nan }
        var truePositives = 0.0, seen = 0.0, previousRecall = 0.0, ap = 0.0
        var i = order.count - 1
        while i >= 0 {
            var j = i
            let value = values[Int(order[i])]
            while j >= 0, values[Int(order[j])] == value {
                if labels[Int(order[j])] { truePositives += 1 }
                seen += 1
                j -= 1
            }
            let recall = truePositives / positives
            ap += (recall - previousRecall) * (truePositives / seen)
            previousRecall = recall
            i = j
        }
        return ap
    }

    /// The ROC curve from the highest score down: a point after every tie group; beyond 400
    /// groups, the points at 400 evenly spaced positions (and the last).
    static func roc(order: [Int32], values: [Double], labels: [Bool]) -> [Backtest.RocPoint] {
        let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
        guard positives > 0, negatives > 0 else { return [] }
        var points = [Backtest.RocPoint(falsePositiveRate: 0, truePositiveRate: 0)]
        var tp = 0.0, fp = 0.0, i = order.count - 1, nextMark = 1
        let step = max(1, order.count / 400)
        while i >= 0 {
            let value = values[Int(order[i])]
            while i >= 0, values[Int(order[i])] == value {
                if labels[Int(order[i])] { tp += 1 } else { fp += 1 }
                i -= 1
            }
            let seen = order.count - 1 - i
            if seen >= nextMark * step || i < 0 {
                points.append(Backtest.RocPoint(falsePositiveRate: fp / negatives, truePositiveRate: tp / positives))
                nextMark = seen / step + 1
            }
        }
        return points
    }

    /// The mean over regions of the share of entries among each region's 5 and 10 highest cells
    /// (a region with fewer cells: among all of them). The order must put ties in descending code
    /// order, so that the backward walk takes them by ascending code.
    static func precisionAt5And10(order: [Int32], regions: [Int], labels: [Bool], regionCount: Int) -> (Double, Double) {
        var taken = [Int](repeating: 0, count: regionCount), hits5 = taken, hits10 = taken
        for i in order.reversed() {
            let cell = Int(i), r = regions[cell]
            guard taken[r] < 10 else { continue }
            taken[r] += 1
            if labels[cell] {
                hits10[r] += 1
                if taken[r] <= 5 { hits5[r] += 1 }
            }
        }
        var sum5 = 0.0, sum10 = 0.0, present = 0
        for r in 0..<regionCount where taken[r] > 0 {
            present += 1
            sum5 += Double(hits5[r]) / Double(min(5, taken[r]))
            sum10 += Double(hits10[r]) / Double(taken[r])
        }
        return present == 0 ? (.nan, .nan) : (sum5 / Double(present), sum10 / Double(present))
    }
}

/// Why a backtest cannot run; each case prints a sentence.
public enum EvidenceError: Error, Sendable, Equatable, CustomStringConvertible {
    case noActivities
    case oneYear(Int?)
    case unknownYear(Int, available: [Int])
    case yearsInOrder(base: Int, target: Int)
    case invalidAbsence(Double)
    case noCells
    case noEntry(base: Int, target: Int)
    /// The entry model could not be fitted (the reason in words).
    case modelNotFitted(String)

    public var description: String {
        switch self {
        case .noActivities: return "The dataset has no activities.csv, so there is nothing to backtest."
        case let .oneYear(year):
            return "A backtest needs activity values for two years; the dataset has \(year.map { "only \($0)" } ?? "no year column")."
        case let .unknownYear(year, available):
            return "The dataset has no activity values for \(year); it has \(Array(Set(available)).sorted().map(String.init).joined(separator: ", "))."
        case let .yearsInOrder(base, target): return "The base year (\(base)) must come before the target year (\(target))."
        case let .invalidAbsence(x): return "--absent-below must be above 0 and at most 1; got \(x)."
        case .noCells: return "No region and activity have positive totals in both years, so there is no cell to backtest."
        case let .noEntry(base, target): return "No region entered any activity between \(base) and \(target) (RCA from below 1 to at least 1), so nothing can be predicted."
        case let .modelNotFitted(reason): return "The entry model (logistic regression of entry on density and RCA) cannot be fitted: \(reason)."
        }
    }
}
