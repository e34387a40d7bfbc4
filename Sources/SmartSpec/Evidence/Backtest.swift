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
    }

    /// Cells and measures of one outcome (entries or exits).
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
    public let entries: Outcome, exits: Outcome

    /// Runs the backtest.
    /// - Throws: ``EvidenceError`` (no activities, one year only, a year not in the dataset, no
    ///   cell, no entry), and the errors of the niche analysis.
    /// - Complexity: the niche analysis of the base year, plus O(B · S · C log C) for B bootstrap
    ///   draws, S signals and C cells.
    public init(_ dataset: Dataset, baseYear: Int, targetYear: Int, absentBelow: Double = 1, bootstrap: Int = 500, seed: UInt64 = 1) throws {
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
        func outcome(_ cells: [Int], happened: (Int) -> Bool) -> Outcome {
            var values: [Signal: [Double]] = [:]
            // Rounded to the 12 significant digits of every output, so that ties are the same for
            // every BLAS build and thread count, and in the --predictions file.
            for s in Signal.allCases { values[s] = cells.map { OutputRounding.significant(signal(s, $0)) } }
            let outcome = Outcome(regions: cells.map { $0 / am }, activities: cells.map { $0 % am }, happened: cells.map(happened),
                                  signals: values, measures: [])
            var measured = outcome
            measured.measures = Signal.allCases.map { Backtest.measures($0, outcome, codes: activityCodes, regions: rn, bootstrap: bootstrap, seed: seed) }
            return measured
        }
        let cells = Array(0..<(rn * am))
        entries = outcome(cells.filter { b[$0] < absentBelow }) { t[$0] >= 1 }
        exits = outcome(cells.filter { b[$0] >= 1 }) { t[$0] < 1 }
        guard entries.cells > 0 else { throw EvidenceError.noCells }
        guard entries.events > 0 else { throw EvidenceError.noEntry(base: baseYear, target: targetYear) }
    }

    static func measures(_ signal: Signal, _ outcome: Outcome, codes: [String], regions: Int, bootstrap: Int, seed: UInt64) -> Measures {
        let values = outcome.signals[signal]!, labels = outcome.happened
        let order = values.indices.sorted { values[$0] < values[$1] }
        let auc = BacktestMeasures.auc(order: order, values: values, labels: labels, weights: nil)
        var interval: ClosedRange<Double>? = nil
        if bootstrap > 0 {
            let regionOf = outcome.regions
            let draws = ParallelTasks.map(bootstrap) { d -> Double in
                var generator = SeededGenerator(seed: SeededGenerator.splitMix(seed &+ UInt64(d)))
                var count = [Double](repeating: 0, count: regions)
                for _ in 0..<regions { count[Int(generator.next() % UInt64(regions))] += 1 }
                return BacktestMeasures.auc(order: order, values: values, labels: labels, weights: regionOf.map { count[$0] })
            }.filter { $0.isFinite }
            if let low = Statistics.quantile(draws, 0.025), let high = Statistics.quantile(draws, 0.975) { interval = low...high }
        }
        let ap = BacktestMeasures.averagePrecision(values: values, labels: labels)
        var byRegion: [Int: [Int]] = [:]
        for (i, r) in outcome.regions.enumerated() { byRegion[r, default: []].append(i) }
        func precision(at k: Int) -> Double {
            let shares = byRegion.keys.sorted().map { r -> Double in
                let cells = byRegion[r]!.sorted { x, y in
                    values[x] != values[y] ? values[x] > values[y] : codes[outcome.activities[x]] < codes[outcome.activities[y]]
                }
                let top = cells.prefix(k)
                return Double(top.filter { labels[$0] }.count) / Double(top.count)
            }
            return shares.isEmpty ? .nan : shares.reduce(0, +) / Double(shares.count)
        }
        return Measures(signal: signal, auc: auc, aucInterval: interval, averagePrecision: ap, precisionAt5: precision(at: 5), precisionAt10: precision(at: 10))
    }
}

/// ROC AUC and average precision, as scikit-learn defines them.
enum BacktestMeasures {
    /// The Mann–Whitney AUC (ties count half) with optional per-cell weights; `order` sorts the
    /// cells by value, ascending. NaN when one class is empty.
    /// - Complexity: O(C).
    static func auc(order: [Int], values: [Double], labels: [Bool], weights: [Double]?) -> Double {
        var positives = 0.0, negatives = 0.0, sum = 0.0, negativesBelow = 0.0
        var i = 0
        while i < order.count {
            var j = i, groupPositives = 0.0, groupNegatives = 0.0
            while j < order.count, values[order[j]] == values[order[i]] {
                let w = weights?[order[j]] ?? 1
                if labels[order[j]] { groupPositives += w } else { groupNegatives += w }
                j += 1
            }
            sum += groupPositives * (negativesBelow + groupNegatives / 2)
            negativesBelow += groupNegatives
            positives += groupPositives
            negatives += groupNegatives
            i = j
        }
        return positives > 0 && negatives > 0 ? sum / (positives * negatives) : .nan
    }

    /// scikit-learn's average precision: Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct scores, highest first.
    static func averagePrecision(values: [Double], labels: [Bool]) -> Double {
        let positives = Double(labels.filter { $0 }.count)
        guard positives > 0 else { return .nan }
        let order = values.indices.sorted { values[$0] > values[$1] }
        var truePositives = 0.0, seen = 0.0, previousRecall = 0.0, ap = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j < order.count, values[order[j]] == values[order[i]] {
                if labels[order[j]] { truePositives += 1 }
                seen += 1
                j += 1
            }
            let recall = truePositives / positives
            ap += (recall - previousRecall) * (truePositives / seen)
            previousRecall = recall
            i = j
        }
        return ap
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
        }
    }
}
