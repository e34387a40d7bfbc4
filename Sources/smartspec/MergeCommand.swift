import ArgumentParser
import Foundation
import SmartSpec
import SmartSpecReports

/// `smartspec merge`: the parts of a sharded run, joined into the output of one run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the parts written by --shard I/N into the output of one unsharded run.",
        discussion: """
            Checks that the parts belong together (same command, input data, options, shard count and \
            smartspec version; every shard exactly once) before writing anything. similar --all, \
            scenarios --uncertainty and backtest parts give one file (--out FILE); recommend --all and union \
            parts give a folder (--out DIR). Docs/cluster.md.
            """)

    @Argument(help: ArgumentHelp("The part folders (written by --shard I/N --out PART).", valueName: "part"), completion: .directory)
    var parts: [String]
    @Option(help: ArgumentHelp("\(OptionMeaning.out) Here: the merged file (parts of similar --all, scenarios --uncertainty, backtest) or folder (recommend --all, union)."),
            completion: .file())
    var out: String
    @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError(ShardError.noParts.description) }
    }

    func run() throws {
        let loaded = try parts.map { path in (path: path, manifest: try ShardManifest.read(part: URL(fileURLWithPath: path))) }
        let ordered = try ShardManifest.complete(loaded)
        let command = ordered[0].manifest.command
        switch command {
        case "similar --all": try SimilarParts.merge(ordered, out: out, force: force)
        case "scenarios --uncertainty": try UncertaintyParts.merge(ordered, out: out, force: force)
        case "recommend --all": try mergeSheets(ordered)
        case "union": try UnionParts.merge(ordered, out: out, force: force)
        case "backtest": try BacktestParts.merge(ordered, out: out, force: force)
        default: throw ShardError.unknownCommand(command)
        }
    }

    /// Parts of `recommend --all`: every part's sheet files copied, then the index of all sheets.
    private func mergeSheets(_ parts: [(path: String, manifest: ShardManifest)]) throws {
        let indexes = try parts.map { part in
            try SheetParts.Index.read(URL(fileURLWithPath: part.path))
        }
        let folder = URL(fileURLWithPath: out)
        var record = try PartFolder.record(folder)
        let hasIndex = indexes.contains { !$0.entries.isEmpty || !$0.failed.isEmpty } || !indexes[0].sparse.isEmpty
        try PartFolder.copyFiles(parts, to: folder, record: &record, alsoWriting: hasIndex ? ["index.html"] : [], force: force,
                                 inputs: parts.map { URL(fileURLWithPath: $0.path) })
        let language = SheetLanguage(rawValue: parts[0].manifest.extra?["lang"] ?? "en") ?? .en
        let entries = indexes.flatMap(\.entries)
        let skipped = indexes[0].sparse + indexes.flatMap(\.failed)
        if hasIndex {
            try AtomicFileWriter.write(SheetRenderer(language: language).index(entries, skipped: skipped, order: indexes[0].order),
                                       to: folder.appendingPathComponent("index.html"))
            try record.landed("index.html")
        }
        Console.message("Merged \(parts.count) part(s) of recommend --all: \(entries.count) sheet(s) in \(out)")
        for region in skipped { Console.warn("no sheet for region '\(region.code)': \(region.reason)") }
        if !skipped.isEmpty {
            throw ValidationError("\(skipped.count) of \(indexes[0].order.count) regions could not be analysed and have no sheet; the index marks them.")
        }
    }
}

/// The bookkeeping of a `recommend --all` part: its sheets (for the index), the regions it could
/// not analyse, and the regions left out of every shard for sparse data.
enum SheetParts {
    static let fileName = ".smartspec-part-sheets.json"

    struct Index: Codable {
        var entries: [SheetRenderer.IndexEntry], failed: [SheetRenderer.SkippedRegion], sparse: [SheetRenderer.SkippedRegion], order: [String]

        static func read(_ folder: URL) throws -> Index {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(SheetParts.fileName).path),
                  let index = try? JSONDecoder().decode(Index.self, from: data) else {
                throw ShardError.incomplete(part: folder.path, file: SheetParts.fileName)
            }
            return index
        }
    }
}
