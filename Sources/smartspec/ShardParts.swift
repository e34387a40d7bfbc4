import ArgumentParser
import Foundation
import SmartSpec

/// The `--shard I/N` option of the batch commands.
struct ShardOption: ParsableArguments {
    @Option(help: ArgumentHelp(OptionMeaning.shard, valueName: "I/N")) var shard: String?

    /// The shard, checked.
    func parsed() throws -> Shard? {
        do { return try shard.map { try Shard(parsing: $0) } } catch let error as ShardError { throw ValidationError(error.description) }
    }
}

/// A part folder (`--shard I/N --out PART`): its files, then the manifest, written last, so that a
/// folder with a manifest is a complete part. Every file goes through ``OutputRecord``'s rule.
enum PartFolder {
    /// The file name of a text output's slice.
    static let body = "part.txt"

    static func write(_ folder: URL, files: [(name: String, text: String)], manifest: ShardManifest, force: Bool, inputs: [URL]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var record = OutputRecord(folder: folder)
        try record.lock()
        for file in files + [(ShardManifest.fileName, try manifest.json())] {
            try record.check(file.name, force: force, inputs: inputs)
        }
        for file in files + [(ShardManifest.fileName, try manifest.json())] {
            try AtomicFileWriter.write(file.text, to: folder.appendingPathComponent(file.name))
            try record.landed(file.name)
        }
    }

    /// The manifest of a part, with the options of this command line.
    static func manifest(command: String, input: String, shard: Shard, units: Int, files: [String], extra: [String: String] = [:],
                         head: String? = nil, separator: String? = nil, tail: String? = nil) -> ShardManifest {
        var manifest = ShardManifest(command: command, inputSHA256: input, options: CommandLineText.reproducible, shard: shard,
                                     toolVersion: SmartSpecVersion.current, units: units, head: head, separator: separator, tail: tail, files: files)
        manifest.extra = extra.isEmpty ? nil : extra
        return manifest
    }
}

/// A text output cut into units (regions, …): `head + units joined by separator + tail` is the whole.
struct UnitText {
    var head: String, units: [String], separator: String, tail: String

    var whole: String { head + units.joined(separator: separator) + tail }
}
