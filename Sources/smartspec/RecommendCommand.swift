import ArgumentParser
import Foundation
import SmartSpec
import SmartSpecReports

extension SheetLanguage: ExpressibleByArgument {}

/// `smartspec recommend`: the recommendation sheet of a region (or of every region).
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Write a region's recommendation sheet (HTML, Markdown, JSON, CSV tables, PDF) from its data and, optionally, a foresight study.",
        discussion: """
            With only --region, runs on the bundled demo (Datasets/demo) and its foresight study. Writes CODE.html, CODE.md, \
            CODE.json and CODE-<table>.csv into --out (--file-types chooses); with --all one sheet per region and index.html. \
            PDF needs headless Chromium (Debian package chromium). Method: Methodology/recommendation-sheets.md.
            """)

    @OptionGroup var dataset: DatasetOption
    @OptionGroup var activityTable: ActivityTableOption
    @Option(help: ArgumentHelp(OptionMeaning.region)) var region: String?
    @Flag(help: ArgumentHelp("\(OptionMeaning.all) Here: the sheet of every region, and an index.")) var all = false
    @Option(help: ArgumentHelp("\(OptionMeaning.study) Its scenarios and priorities go into the sheet."), completion: .file(extensions: ["yaml", "yml"]))
    var study: String?
    @Flag(name: .customLong("no-study"), help: "Leave out the foresight study (by default the demo's study is used with the demo dataset).") var noStudy = false
    @Option(help: ArgumentHelp("\(OptionMeaning.lang) Here: of the sheets.")) var lang: SheetLanguage = .en
    @Option(help: ArgumentHelp("\(OptionMeaning.out) With --shard, the part's folder."), completion: .directory) var out: String = "smartspec-out"
    @Option(name: .customLong("file-types"), help: ArgumentHelp("\(OptionMeaning.fileTypes) Here: html, md, json, csv, pdf (default: html,md,json,csv).")) var fileTypes: String?
    @Flag(help: ArgumentHelp(OptionMeaning.includeLocal)) var includeLocal = false
    @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false
    @Option(help: "Largest number of regions for --all, a guard against very long runs (range: 1 or more).") var maxRegions: Int = 10_000
    @OptionGroup var sharding: ShardOption
    // Deprecated spellings (0.1), hidden: --format (the file types), --foresight, --no-foresight.
    @Option(name: .customLong("format"), help: .hidden) var oldFormat: String?
    @Option(name: .customLong("foresight"), help: .hidden) var oldForesight: String?
    @Flag(name: .customLong("no-foresight"), help: .hidden) var oldNoForesight = false

    static let defaultFileTypes = "html,md,json,csv"

    func validate() throws {
        guard (region != nil) != all else { throw ValidationError("Give either --region CODE or --all.") }
        if noStudy || oldNoForesight, try studyOption() != nil { throw ValidationError("--study and --no-study exclude each other.") }
        try OptionCheck.integer(maxRegions, 1...Int.max, "--max-regions")
        if try sharding.parsed() != nil, !all { throw ValidationError("--shard splits recommend --all; give --all.") }
        _ = try formats()
    }

    private func studyOption() throws -> String? {
        try DeprecatedOption.resolve(study, oldForesight, current: "--study", old: "--foresight")
    }

    func formats() throws -> [SheetFormat] {
        let list = try DeprecatedOption.resolve(fileTypes, oldFormat, current: "--file-types", old: "--format") ?? Self.defaultFileTypes
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return try names.map { name in
            guard let f = SheetFormat(rawValue: name == "markdown" ? "md" : name) else {
                throw ValidationError("Unknown file type '\(name)'; use html, md, json, csv or pdf.")
            }
            return f
        }
    }

    /// The study to use: the given one, or the demo's with the demo dataset.
    func studyPath() throws -> String? {
        if DeprecatedOption.flag(noStudy, oldNoForesight, current: "--no-study", old: "--no-foresight") { return nil }
        if let given = try studyOption() { return given }
        let demoStudy = dataset.url.appendingPathComponent("foresight/study.yaml")
        return dataset.dataset == DatasetOption.defaultFolder && FileManager.default.fileExists(atPath: demoStudy.path) ? demoStudy.path : nil
    }

    func run() throws {
        let formats = try formats()
        let studyPath = try studyPath()
        let loaded = try DatasetInput.load(dataset, activityTable: activityTable)
        // With --all, a region that cannot be placed in the structural space (more than half of its
        // structural indicators missing) does not stop the batch: it is left out and named.
        let sparse = all ? StandardisedIndicators.sparseRegions(loaded) : []
        var skipped: [SheetRenderer.SkippedRegion] = sparse.compactMap { error in
            guard case .sparseRegion(let code, _, _) = error, let r = loaded.regionIndex(of: code) else { return nil }
            let region = loaded.regions[r]
            return SheetRenderer.SkippedRegion(code: code, name: LocalizedName(region.name, ru: region.nameRu), country: region.country, reason: "\(error)")
        }
        let data = loaded.removingRegions(Set(skipped.map(\.code)))
        let study = try studyPath.map { try StudyInput.study($0) }
        let provenance = SheetProvenance(
            version: SmartSpecVersion.current, commandLine: CommandLineText.reproducible,
            dataset: try DatasetFingerprint(folder: dataset.url, activityTable: activityTable.activityTable), studyName: study?.name,
            studySHA256: try studyPath.map { DatasetFingerprint.sha256(try Data(contentsOf: URL(fileURLWithPath: $0))) })
        var options = SheetOptions()
        options.includeLocal = includeLocal
        let builder = try SheetBuilder(dataset: data, study: study, options: options, provenance: provenance)
        let inputs = dataset.inputFiles + (studyPath.map { [URL(fileURLWithPath: $0)] } ?? [])
        let writer = try SheetWriter(folder: URL(fileURLWithPath: out), formats: formats, renderer: SheetRenderer(language: lang),
                                     force: force, inputs: inputs)
        let shard = try sharding.parsed()
        let allCodes = all ? data.regions.map(\.code) : [region!]
        let codes = shard.map { Array(allCodes[$0.range(of: allCodes.count)]) } ?? allCodes
        guard allCodes.count <= maxRegions else {
            throw ValidationError("--all would write \(allCodes.count) sheets, more than --max-regions \(maxRegions); raise the limit to go on.")
        }
        let progress = all ? ProgressReporter.make("recommend --all") : nil
        var written: [(file: String, sheet: RecommendationSheet)] = []
        for (i, code) in codes.enumerated() {
            let sheet: RecommendationSheet
            do {
                sheet = try builder.sheet(for: code)
            } catch where all {
                // An analysis that fails for one region: skip it, name it, go on with the others.
                let region = data.regions[data.regionIndex(of: code)!]
                skipped.append(.init(code: code, name: LocalizedName(region.name, ru: region.nameRu), country: region.country, reason: "\(error)"))
                continue
            }
            written.append((try writer.write(sheet), sheet))
            progress?(Double(i + 1) / Double(codes.count))
        }
        if let shard {
            return try writePart(writer: writer, shard: shard, written: written, sparse: Array(skipped.prefix(sparse.count)),
                                 failed: Array(skipped.dropFirst(sparse.count)), order: loaded.regions.map(\.code), units: allCodes.count)
        }
        if all { try writer.writeIndex(written, skipped: skipped, order: loaded.regions.map(\.code)) }
        Console.message("Wrote \(written.count) sheet\(written.count == 1 ? "" : "s") (\(formats.map(\.rawValue).joined(separator: ", "))) to \(out)")
        for region in skipped { Console.warn("no sheet for region '\(region.code)': \(region.reason)") }
        if let pdfProblem = writer.pdfProblem { throw ValidationError(pdfProblem) }
        if !skipped.isEmpty {
            throw ValidationError("\(skipped.count) of \(loaded.regions.count) regions could not be analysed and have no sheet; the index marks them.")
        }
    }

    /// A shard's part: its sheets are in the folder; the index's data and the manifest are added.
    /// Regions left out are recorded for the merge, which reports them as one run would.
    private func writePart(writer: SheetWriter, shard: Shard, written: [(file: String, sheet: RecommendationSheet)],
                           sparse: [SheetRenderer.SkippedRegion], failed: [SheetRenderer.SkippedRegion], order: [String], units: Int) throws {
        if let pdfProblem = writer.pdfProblem { throw ValidationError(pdfProblem) }
        let index = SheetParts.Index(entries: written.map { SheetRenderer.IndexEntry(file: $0.file, sheet: $0.sheet) }, failed: failed,
                                     sparse: sparse, order: order)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writer.putHidden(SheetParts.fileName, String(decoding: try encoder.encode(index), as: UTF8.self))
        let manifest = PartFolder.manifest(command: "recommend --all",
                                           input: try DatasetFingerprint(folder: dataset.url, activityTable: activityTable.activityTable).sha256,
                                           shard: shard, units: units, files: writer.written, extra: ["lang": lang.rawValue])
        try writer.putHidden(ShardManifest.fileName, try manifest.json())
        Console.message("Wrote shard \(shard) of recommend --all: \(written.count) sheet(s) in \(out)")
        for region in failed { Console.warn("no sheet for region '\(region.code)': \(region.reason)") }
    }
}
