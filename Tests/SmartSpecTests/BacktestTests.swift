import Foundation
import Testing
@testable import SmartSpec

@Suite("Backtests of the niche signals")
struct BacktestTests {
    static func auc(_ values: [Double], _ labels: [Bool]) -> Double {
        BacktestMeasures.auc(order: CellOrder.ascending(values, startingFrom: Array(0..<Int32(values.count))), values: values, labels: labels)
    }

    @Test("AUC: scikit-learn's documented example (0.75), ties counted half, weights as repeated cells")
    func auc() {
        #expect(Self.auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]) == 0.75)
        // (pos 1 vs neg 1) tie ½, (pos 1 vs neg 2) 0, (pos 2 vs neg 1) 1, (pos 2 vs neg 2) tie ½: 2 of 4.
        #expect(Self.auc([1, 1, 2, 2], [false, true, false, true]) == 0.5)
        #expect(Self.auc([1, 2], [true, true]).isNaN)
    }

    @Test("A bootstrap draw's AUC equals the AUC of the cells repeated as often as their region was drawn")
    func bootstrapDrawsAreRepeatedCells() {
        var generator = SeededGenerator(seed: 7)
        let regionCount = 5, cells = 60
        let values = (0..<cells).map { _ in Double(generator.next() % 7) - 3 }          // many ties, negatives
        let labels = (0..<cells).map { _ in generator.next() % 3 == 0 }
        let regions = (0..<cells).map { $0 % regionCount }
        let order = CellOrder.ascending(values, startingFrom: Array(0..<Int32(cells)))
        let bootstrap = BootstrapAUC(order: order, values: values, labels: labels, regions: regions, regionCount: regionCount)
        let draws = bootstrap.draws(0..<11, seed: 3)
        #expect(draws.count == 11)
        // A slice of the draws (a shard's) is the same slice of all the draws.
        let slice = bootstrap.draws(4..<11, seed: 3)
        #expect(zip(slice, draws[4..<11]).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        for d in 0..<11 {
            var g = SeededGenerator(seed: SeededGenerator.splitMix(3 &+ UInt64(d)))
            var count = [Int](repeating: 0, count: regionCount)
            for _ in 0..<regionCount { count[Int(g.next() % UInt64(regionCount))] += 1 }
            var repeatedValues: [Double] = [], repeatedLabels: [Bool] = []
            for c in 0..<cells { for _ in 0..<count[regions[c]] { repeatedValues.append(values[c]); repeatedLabels.append(labels[c]) } }
            let expected = Self.auc(repeatedValues, repeatedLabels)
            #expect(draws[d] == expected || (draws[d].isNaN && expected.isNaN), "draw \(d)")
        }
    }

    @Test("The radix orders sort doubles (negative, zero, infinite) ascending and keep ties in key order")
    func radixOrder() {
        var generator = SeededGenerator(seed: 11)
        let values = (0..<5000).map { i -> Double in i % 97 == 0 ? -.infinity : (generator.uniform() - 0.5) * pow(10, Double(i % 9) - 4) }
            + [0, -0.0, 1, 1, 1]
        let keys = values.indices.map { UInt32(($0 * 7919) % 13) }
        let order = CellOrder.ascending(values, startingFrom: CellOrder.byDescendingKey(keys)).map(Int.init)
        let expected = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : (keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1) }
        #expect(order.map { values[$0] } == expected.map { values[$0] })
        #expect(zip(order, order.dropFirst()).allSatisfy { values[$0] != values[$1] || keys[$0] >= keys[$1] })
    }

    @Test("Average precision: scikit-learn's documented example (0.8333…), ties as one threshold")
    func averagePrecision() {
        func ap(_ values: [Double], _ labels: [Bool]) -> Double {
            BacktestMeasures.averagePrecision(order: CellOrder.ascending(values, startingFrom: Array(0..<Int32(values.count))), values: values, labels: labels)
        }
        #expect(abs(ap([0.1, 0.4, 0.35, 0.8], [false, false, true, true]) - 5.0 / 6) < 1e-15)
        // All tied: one threshold with precision ½ and recall 1.
        #expect(ap([1, 1, 1, 1], [true, false, true, false]) == 0.5)
    }

    /// Four regions, four activities, two years (values below); RCA is recomputed in the test.
    static let values2010: [[Double]] = [[10, 1, 1, 5], [1, 10, 1, 5], [1, 1, 10, 5], [4, 4, 1, 2]]
    static let values2020: [[Double]] = [[10, 1, 6, 5], [1, 10, 1, 5], [1, 12, 10, 5], [4, 4, 1, 2]]

    static func dataset() throws -> Dataset {
        var rows = "region,activity,year,value\n"
        for (year, values) in [(2010, values2010), (2020, values2020)] {
            for (r, row) in values.enumerated() {
                for (a, v) in row.enumerated() { rows += "R\(r),A\(a),\(year),\(v)\n" }
            }
        }
        let folder = FolderBuilder()
            .file("dataset.yaml", "name: tiny\n")
            .file("regions.csv", "code,name,country\nR0,Zero,AA\nR1,One,AA\nR2,Two,BB\nR3,Three,BB\n")
            .file("indicators.yaml", "indicators: []\n")
            .file("indicators.csv", "code\nR0\nR1\nR2\nR3\n")
            .file("activities.csv", rows)
        return try DatasetLoader.load(folder: folder.url).dataset
    }

    /// RCA by the textbook formula, written here.
    static func rca(_ m: [[Double]]) -> [[Double]] {
        let total = m.flatMap { $0 }.reduce(0, +)
        let columns = (0..<m[0].count).map { a in m.reduce(0) { $0 + $1[a] } }
        return m.map { row in
            let rowTotal = row.reduce(0, +)
            return row.enumerated().map { a, v in (v / rowTotal) / (columns[a] / total) }
        }
    }

    @Test("Cells, entries and exits of a small panel, against RCA computed in the test")
    func small() throws {
        let test = try Backtest(try Self.dataset(), baseYear: 2010, targetYear: 2020, bootstrap: 10, seed: 3)
        let (before, after) = (Self.rca(Self.values2010), Self.rca(Self.values2020))
        var open = 0, entered = 0, held = 0, exited = 0
        for r in 0..<4 { for a in 0..<4 {
            if before[r][a] < 1 { open += 1; if after[r][a] >= 1 { entered += 1 } } else { held += 1; if after[r][a] < 1 { exited += 1 } }
            #expect(abs(test.baseRCA[r * 4 + a] - before[r][a]) < 1e-12 && abs(test.targetRCA[r * 4 + a] - after[r][a]) < 1e-12)
        } }
        #expect(entered > 0 && exited > 0)
        #expect(test.entries.cells == open && test.entries.events == entered)
        #expect(test.exits.cells == held && test.exits.events == exited)
        #expect(test.entries.measures.map(\.signal) == Backtest.Signal.allCases)
        // The same seed gives the same interval; the random signal is seeded too.
        let again = try Backtest(try Self.dataset(), baseYear: 2010, targetYear: 2020, bootstrap: 10, seed: 3)
        #expect(again.entries.measures == test.entries.measures)
    }

    @Test("Bad requests: one sentence each")
    func errors() throws {
        let data = try Self.dataset()
        #expect(throws: EvidenceError.unknownYear(2015, available: [2010, 2020])) { try Backtest(data, baseYear: 2015, targetYear: 2020) }
        #expect(EvidenceError.unknownYear(2015, available: [2010, 2020]).description == "The dataset has no activity values for 2015; it has 2010, 2020.")
        #expect(throws: EvidenceError.yearsInOrder(base: 2020, target: 2010)) { try Backtest(data, baseYear: 2020, targetYear: 2010) }
        var oneYear = data
        oneYear.activityTables = [data.activityTables[0]]
        #expect(throws: EvidenceError.oneYear(2010)) { try Backtest(oneYear, baseYear: 2010, targetYear: 2020) }
        var none = data
        none.activities = []
        none.activityTables = []
        #expect(throws: EvidenceError.noActivities) { try Backtest(none, baseYear: 2010, targetYear: 2020) }
        var still = data
        still.activityTables = [data.activityTables[0], data.activityTables[0]]
        still.activityTables[1].year = 2020
        #expect(throws: EvidenceError.noEntry(base: 2010, target: 2020)) { try Backtest(still, baseYear: 2010, targetYear: 2020) }
    }
}

@Suite("The entry model")
struct EntryModelTests {
    @Test("The maximum-likelihood conditions hold at the fit: the score is zero, predicted entries equal observed ones")
    func scoreEquations() throws {
        let (dataset, _) = try DatasetLoader.load(folder: TestPaths.repository.appendingPathComponent("Datasets/nz-urban-areas-1981-2013"))
        let test = try Backtest(dataset, baseYear: 1981, targetYear: 1991, bootstrap: 0)
        let model = try EntryModel(test)
        let o = test.entries, density = o.signals[.density]!, rca = o.signals[.rca]!
        var score = [0.0, 0.0, 0.0]
        for i in 0..<o.cells {
            let p = model.probability(density: density[i], rca: rca[i]).value, residual = (o.happened[i] ? 1.0 : 0.0) - p
            score[0] += residual; score[1] += residual * density[i]; score[2] += residual * rca[i]
        }
        #expect(score.allSatisfy { abs($0) < 1e-8 }, "\(score)")
        #expect(model.standardErrors.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(model.outOfSampleAUC > 0.5 && model.outOfSampleAUC < 1)
        let p = model.probability(density: 0.3, rca: 0.5)
        #expect(p.low < p.value && p.value < p.high)
    }

    @Test("A history the model cannot identify is refused with a sentence: one outcome only, or an outcome separated by density")
    func degenerate() throws {
        func outcome(_ density: [Double], _ happened: [Bool]) -> Backtest.Outcome {
            Backtest.Outcome(regions: density.indices.map { $0 % 3 }, activities: density.indices.map { $0 % 4 }, happened: happened,
                             signals: [.density: density, .rca: density.indices.map { Double($0 % 5) / 10 }], measures: [])
        }
        let density = (0..<40).map { Double($0) / 40 }
        #expect(throws: EvidenceError.modelNotFitted("every cell has the same outcome")) {
            try EntryModel(outcome(density, density.map { _ in false }), baseYear: 2000, targetYear: 2010)
        }
        #expect(throws: EvidenceError.modelNotFitted("the outcome is separated by density or RCA (the coefficients diverge)")) {
            try EntryModel(outcome(density, density.map { $0 >= 0.5 }), baseYear: 2000, targetYear: 2010)
        }
        #expect("\(EvidenceError.modelNotFitted("every cell has the same outcome"))".hasPrefix("The entry model"))
    }
}
