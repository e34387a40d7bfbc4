import ArgumentParser
import Foundation
import SmartSpec
import SmartSpecReports

/// `smartspec backtest`: how well the base year's signals predicted entries and exits by the target year.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Test the niche signals on the dataset's own history: did regions enter the activities the base year's signals pointed to?",
        discussion: "Measures per signal (density, cog, pci, score, rca, ubiquity, random): ROC AUC with a bootstrap interval over regions, average precision, precision at 5 and 10. Method: Methodology/evidence.md.")

    @OptionGroup var dataset: DatasetOption
    @OptionGroup var activityTable: ActivityTableOption
    @Option(name: .customLong("base-year"), help: "The year the signals are computed in (range: a year of activities.csv).") var baseYear: Int
    @Option(name: .customLong("target-year"), help: "The year the outcome is read in (range: a later year of activities.csv).") var targetYear: Int
    @Option(name: .customLong("absent-below"), help: "A cell is open when its base-year RCA is below this; 0.5 is Hidalgo et al.'s stricter rule (range: above 0, at most 1).")
    var absentBelow: Double = 1
    @Option(help: ArgumentHelp("\(OptionMeaning.bootstrap) Here: of the regions, for the AUC's 95% interval.")) var bootstrap: Int = 500
    @Option(help: ArgumentHelp(OptionMeaning.seed)) var seed: UInt64 = 1
    @Option(name: .customLong("write-predictions"), help: "Also write every entry cell (region,activity,rca_base,rca_target,entered,density,cog,pci,score) to this CSV file.", completion: .file())
    var writePredictions: String?
    @Option(name: .customLong("predictions"), help: .hidden) var predictions: String?
    @Option(help: ArgumentHelp("\(OptionMeaning.out) Here: the folder for the report, backtest.html (ROC curves, precision at k) and backtest.json."), completion: .directory)
    var out: String?
    @Option(help: ArgumentHelp("\(OptionMeaning.lang) Here: of the report written with --out.")) var lang: SheetLanguage = .en
    @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false
    @OptionGroup var output: OutputOptions

    struct SignalRow: Encodable {
        var signal: String, auc: Double?, aucInterval: [Double]?, averagePrecision: Double?, precisionAt5: Double?, precisionAt10: Double?
    }
    struct ExitBlock: Encodable { var cells: Int, exits: Int, signals: [SignalRow] }
    struct ModelBlock: Encodable {
        var terms: [String], coefficients: [Double], standardErrors: [Double], iterations: Int, outOfSampleAUC: Double?
    }
    struct PicksBlock: Encodable {
        var perRegion: Int, picks: Int, frontier: Double?, density: Double?, cog: Double?, baseRate: Double
    }
    struct Document: Encodable {
        var baseYear: Int, targetYear: Int, cells: Int, entries: Int, regions: Int, activities: Int, absentBelow: Double, bootstrap: Int, seed: UInt64
        var signals: [SignalRow], exits: ExitBlock
        /// The entry model fitted on the entry cells (Methodology/entry-model.md); nil when it cannot be fitted.
        var entryModel: ModelBlock?
        /// Share of entered cells among each rule's picks (frontier, density alone, COG alone) and the base rate.
        var picks: PicksBlock?
    }

    func validate() throws {
        try OptionCheck.number(absentBelow, 0.000001...1, "--absent-below")
        try OptionCheck.integer(bootstrap, 0...100_000, "--bootstrap")
        if writePredictions != nil, predictions != nil { throw ValidationError("--predictions is the same as --write-predictions; give one.") }
    }

    func run() throws {
        let data = try DatasetInput.load(dataset, activityTable: activityTable)
        let test = try Backtest(data, baseYear: baseYear, targetYear: targetYear, absentBelow: absentBelow, bootstrap: bootstrap, seed: seed,
                                curves: out != nil)
        if let file = writePredictions ?? predictions { try Self.writePredictions(test, to: file, force: force, inputs: dataset.inputFiles) }
        let finite = { (x: Double) in x.isFinite ? x : nil }
        let rows = { (o: Backtest.Outcome) in
            o.measures.map { m in
                SignalRow(signal: m.signal.rawValue, auc: finite(m.auc), aucInterval: m.aucInterval.map { [$0.lowerBound, $0.upperBound] },
                          averagePrecision: finite(m.averagePrecision), precisionAt5: finite(m.precisionAt5), precisionAt10: finite(m.precisionAt10))
            }
        }
        let model = test.entryModel
        let comparison = model.map { _ in PickComparison(test) }
        let document = Document(baseYear: baseYear, targetYear: targetYear, cells: test.entries.cells, entries: test.entries.events,
                                regions: test.regions.count, activities: test.activities.count, absentBelow: absentBelow, bootstrap: bootstrap, seed: seed,
                                signals: rows(test.entries), exits: ExitBlock(cells: test.exits.cells, exits: test.exits.events, signals: rows(test.exits)),
                                entryModel: model.map { m in
                                    ModelBlock(terms: EntryModel.terms, coefficients: m.coefficients.map(OutputNumber.rounded),
                                               standardErrors: m.standardErrors.map(OutputNumber.rounded), iterations: m.iterations,
                                               outOfSampleAUC: m.outOfSampleAUC.isFinite ? OutputNumber.rounded(m.outOfSampleAUC) : nil)
                                },
                                picks: comparison.map { c in
                                    let share = { (x: Double) in x.isFinite ? OutputNumber.rounded(x) : nil }
                                    return PicksBlock(perRegion: c.perRegion, picks: c.picks, frontier: share(c.frontier), density: share(c.density),
                                                      cog: share(c.cog), baseRate: OutputNumber.rounded(c.baseRate))
                                })
        let header = ["signal", "auc", "auc_low", "auc_high", "average_precision", "precision_at_5", "precision_at_10"]
        let cells = { (r: SignalRow, number: (Double?) -> String) in
            [r.signal, number(r.auc), number(r.aucInterval?[0]), number(r.aucInterval?[1]), number(r.averagePrecision), number(r.precisionAt5), number(r.precisionAt10)]
        }
        if let out {
            let folder = URL(fileURLWithPath: out)
            let name = data.info.name.isEmpty ? folder.lastPathComponent : data.info.name
            try OutputRecord.write(BacktestReport.html(test, datasetName: name, lang: lang), to: folder.appendingPathComponent("backtest.html").path,
                                   force: force, inputs: dataset.inputFiles)
            try OutputRecord.write(try Console.json(document) + "\n", to: folder.appendingPathComponent("backtest.json").path,
                                   force: force, inputs: dataset.inputFiles)
        }
        switch output.format {
        case .json: try Console.data(try Console.json(document))
        case .csv:
            try Console.data(CSVText.render([["outcome"] + header] + document.signals.map { ["entry"] + cells($0, OutputNumber.cell) }
                                            + document.exits.signals.map { ["exit"] + cells($0, OutputNumber.cell) }, guardFormulas: true))
        case .table:
            let entries = TextTable(header: header, rows: document.signals.map { cells($0) { OutputNumber.text($0, 3) } },
                                    title: "Entries \(baseYear)→\(targetYear): \(document.entries) of \(document.cells) open cells (\(document.regions) regions × \(document.activities) activities)")
            let exits = TextTable(header: header, rows: document.exits.signals.map { cells($0) { OutputNumber.text($0, 3) } },
                                  title: "Exits \(baseYear)→\(targetYear): \(document.exits.exits) of \(document.exits.cells) held cells")
            try Console.table(entries.text + "\n\n" + exits.text)
        }
    }

    static func writePredictions(_ test: Backtest, to path: String, force: Bool, inputs: [URL]) throws {
        let o = test.entries, am = test.activities.count
        let text = CSVText.render(header: ["region", "activity", "rca_base", "rca_target", "entered", "density", "cog", "pci", "score"],
                                  groups: o.cells, guardFormulas: true) { i in
            let (r, a) = (o.regions[i], o.activities[i])
            let number = { (s: Backtest.Signal) in OutputNumber.cell(o.signals[s]![i].isFinite ? o.signals[s]![i] : nil) }
            return [[test.regions[r], test.activities[a], OutputNumber.cell(test.baseRCA[r * am + a]), OutputNumber.cell(test.targetRCA[r * am + a]),
                     o.happened[i] ? "1" : "0", number(.density), number(.cog), number(.pci), number(.score)]]
        }
        try OutputRecord.write(text, to: path, force: force, inputs: inputs)
    }
}
