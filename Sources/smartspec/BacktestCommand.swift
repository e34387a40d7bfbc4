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
    @Option(help: ArgumentHelp("\(OptionMeaning.out) Here: the folder for the report, backtest.html (ROC curves, precision at k) and backtest.json; with --shard, the part's folder."), completion: .directory)
    var out: String?
    @Option(help: ArgumentHelp("\(OptionMeaning.lang) Here: of the report written with --out.")) var lang: SheetLanguage = .en
    @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false
    @OptionGroup var sharding: ShardOption
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
        if try sharding.parsed() != nil {
            guard out != nil else { throw ValidationError("--shard writes a part folder: give --out PART.") }
            guard output.format != .table else { throw ValidationError("--shard writes csv or json parts; give --format csv or --format json.") }
            guard writePredictions == nil, predictions == nil else { throw ValidationError("--write-predictions does not depend on the draws; give it to a run without --shard.") }
        }
    }

    func run() throws {
        let data = try DatasetInput.load(dataset, activityTable: activityTable)
        if let shard = try sharding.parsed(), let out {
            let test = try Backtest(data, baseYear: baseYear, targetYear: targetYear, absentBelow: absentBelow, bootstrap: bootstrap, seed: seed,
                                    draws: shard.range(of: bootstrap))
            let draws = BacktestParts.Draws(entries: test.entries.measures.map { ($0.draws ?? []).map { $0.isFinite ? $0 : nil } },
                                            exits: test.exits.measures.map { ($0.draws ?? []).map { $0.isFinite ? $0 : nil } })
            let manifest = PartFolder.manifest(command: "backtest", input: try DatasetFingerprint(folder: dataset.url, activityTable: activityTable.activityTable).sha256,
                                               shard: shard, units: bootstrap, files: [BacktestParts.fileName],
                                               extra: try RecordedCommand.current())
            return try PartFolder.write(URL(fileURLWithPath: out), files: [(BacktestParts.fileName, String(decoding: try JSONEncoder().encode(draws), as: UTF8.self))],
                                        manifest: manifest, force: force, inputs: dataset.inputFiles)
        }
        let test = try Backtest(data, baseYear: baseYear, targetYear: targetYear, absentBelow: absentBelow, bootstrap: bootstrap, seed: seed,
                                curves: out != nil)
        if let file = writePredictions ?? predictions { try Self.writePredictions(test, to: file, force: force, inputs: dataset.inputFiles) }
        try report(test, data: data)
    }

    /// Prints the measures (and writes the report folder of --out).
    func report(_ test: Backtest, data: Dataset, to file: String? = nil) throws {
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
        if let out, file == nil {
            let folder = URL(fileURLWithPath: out)
            let name = data.info.name.isEmpty ? folder.lastPathComponent : data.info.name
            try OutputRecord.write(BacktestReport.html(test, datasetName: name, lang: lang), to: folder.appendingPathComponent("backtest.html").path,
                                   force: force, inputs: dataset.inputFiles)
            try OutputRecord.write(try Console.json(document) + "\n", to: folder.appendingPathComponent("backtest.json").path,
                                   force: force, inputs: dataset.inputFiles)
        }
        let text: String
        switch output.format {
        case .json: text = try Console.json(document)
        case .csv:
            text = CSVText.render([["outcome"] + header] + document.signals.map { ["entry"] + cells($0, OutputNumber.cell) }
                                  + document.exits.signals.map { ["exit"] + cells($0, OutputNumber.cell) }, guardFormulas: true)
        case .table:
            let entries = TextTable(header: header, rows: document.signals.map { cells($0) { OutputNumber.text($0, 3) } },
                                    title: "Entries \(baseYear)→\(targetYear): \(document.entries) of \(document.cells) open cells (\(document.regions) regions × \(document.activities) activities)")
            let exits = TextTable(header: header, rows: document.exits.signals.map { cells($0) { OutputNumber.text($0, 3) } },
                                  title: "Exits \(baseYear)→\(targetYear): \(document.exits.exits) of \(document.exits.cells) held cells")
            return try Console.table(entries.text + "\n\n" + exits.text)
        }
        if let file {
            try OutputRecord.writePrinted(text, to: file, force: force, inputs: dataset.inputFiles)
        } else {
            try Console.data(text)
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

/// Parts of `backtest --shard I/N`: each holds the AUC of its slice of the bootstrap draws, per
/// signal; the merge runs the backtest's point estimates again and takes the intervals of all draws.
enum BacktestParts {
    static let fileName = "draws.json"

    /// Per signal (``Backtest/Signal/allCases`` order), the draws' AUCs (nil: a draw with one class only).
    struct Draws: Codable { var entries: [[Double?]], exits: [[Double?]] }

    static func merge(_ parts: [(path: String, manifest: ShardManifest)], out: String, force: Bool) throws {
        var entries: [[Double]] = [], exits: [[Double]] = []
        for part in parts {
            guard let data = FileManager.default.contents(atPath: URL(fileURLWithPath: part.path).appendingPathComponent(fileName).path),
                  let draws = try? JSONDecoder().decode(Draws.self, from: data) else {
                throw ShardError.incomplete(part: part.path, file: fileName)
            }
            let join = { (all: inout [[Double]], more: [[Double?]]) in
                if all.isEmpty { all = Array(repeating: [], count: more.count) }
                for k in more.indices where k < all.count { all[k] += more[k].map { $0 ?? .nan } }
            }
            join(&entries, draws.entries)
            join(&exits, draws.exits)
        }
        let target = URL(fileURLWithPath: out).standardizedFileURL.path
        try RecordedCommand.rerun(parts, as: BacktestCommand.self, more: force ? ["--force"] : []) { command in
            let data = try DatasetInput.load(command.dataset, activityTable: command.activityTable)
            try RecordedCommand.checkInput(try DatasetFingerprint(folder: command.dataset.url, activityTable: command.activityTable.activityTable).sha256, parts)
            let points = try Backtest(data, baseYear: command.baseYear, targetYear: command.targetYear, absentBelow: command.absentBelow,
                                      bootstrap: command.bootstrap, seed: command.seed, draws: 0..<0)
            guard entries.count == points.entries.measures.count, exits.count == points.exits.measures.count,
                  entries.allSatisfy({ $0.count == parts[0].manifest.units }) else {
                throw ValidationError("The parts do not hold one draw per bootstrap resample and signal; run the shards again.")
            }
            try command.report(points.withIntervals(entries: entries, exits: exits), data: data, to: target)
        }
        Console.message("Merged \(parts.count) part(s) of backtest into \(out).")
    }
}
