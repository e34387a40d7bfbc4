import ArgumentParser
import Foundation
import LinearAlgebra
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
    static func write(_ folder: URL, files: [(name: String, text: String)], manifest: ShardManifest, force: Bool, inputs: [URL]) throws {
        try write(folder, files: files.map { ($0.name, Data($0.text.utf8)) }, manifest: manifest, force: force, inputs: inputs)
    }

    static func write(_ folder: URL, files: [(name: String, data: Data)], manifest: ShardManifest, force: Bool, inputs: [URL]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var record = OutputRecord(folder: folder)
        try record.lock()
        let all = files + [(ShardManifest.fileName, Data(try manifest.json().utf8))]
        for file in all { try record.check(file.name, force: force, inputs: inputs) }
        for file in all {
            try AtomicFileWriter.write(file.data, to: folder.appendingPathComponent(file.name))
            try record.landed(file.name)
        }
    }

    /// The output record of a merged folder, created and locked.
    static func record(_ target: URL) throws -> OutputRecord {
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        var record = OutputRecord(folder: target)
        try record.lock()
        return record
    }

    /// Copies every part's visible files (the manifest lists them) into `target`: all are checked
    /// against ``OutputRecord``'s rule first, with `alsoWriting` (what the merge writes besides), then copied.
    static func copyFiles(_ parts: [(path: String, manifest: ShardManifest)], to target: URL, record: inout OutputRecord,
                          alsoWriting: [String] = [], force: Bool, inputs: [URL]) throws {
        let copies = parts.flatMap { part in part.manifest.files.filter { !$0.hasPrefix(".") }.map { (URL(fileURLWithPath: part.path), $0) } }
        for name in copies.map(\.1) + alsoWriting { try record.check(name, force: force, inputs: inputs) }
        for (folder, name) in copies {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                throw ShardError.incomplete(part: folder.path, file: name)
            }
            try AtomicFileWriter.write(data, to: target.appendingPathComponent(name))
            try record.landed(name)
        }
    }

    /// The manifest of a part, with the options of this command line.
    static func manifest(command: String, input: String, shard: Shard, units: Int, files: [String], extra: [String: String] = [:]) -> ShardManifest {
        var manifest = ShardManifest(command: command, inputSHA256: input, options: CommandLineText.reproducible, shard: shard,
                                     toolVersion: SmartSpecVersion.current, blas: BLASBackend.current.signature, units: units, files: files)
        manifest.extra = extra.isEmpty ? nil : extra
        return manifest
    }
}

/// The command of a part, recorded so that a merge can run it again: for the jobs whose merge
/// computes a shared, cheap part itself (the backtest's point estimates, the union's domains, the
/// uncertainty summary) rather than reading it from every part.
enum RecordedCommand {
    /// The manifest fields: the subcommand's arguments without the output options, and the folder it ran in.
    static func current() throws -> [String: String] {
        ["arguments": try Console.json(CommandLineText.withoutOutputOptions(Array(CommandLine.arguments.dropFirst(2)))),
         "folder": FileManager.default.currentDirectoryPath]
    }

    /// Parses the recorded command (with `more` arguments) and runs `body` in the folder it ran in.
    static func rerun<C: ParsableCommand, R>(_ parts: [(path: String, manifest: ShardManifest)], as type: C.Type, more: [String] = [],
                                            _ body: (C) throws -> R) throws -> R {
        guard let text = parts[0].manifest.extra?["arguments"], let folder = parts[0].manifest.extra?["folder"],
              let arguments = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw ShardError.notAPart(parts[0].path)
        }
        let blas = BLASBackend.current.signature
        guard parts[0].manifest.blas == nil || parts[0].manifest.blas == blas else {
            throw ValidationError("The parts were computed with \(parts[0].manifest.blas!) and this merge runs with \(blas), whose last digits can differ; run the merge where the shards ran (or set OPENBLAS_CORETYPE as they had it).")
        }
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(folder) else {
            throw ValidationError("The parts were written in \(folder), which is gone; their merge runs their command there again.")
        }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        return try body(try C.parse(arguments + more))
    }

    /// Refuses inputs that changed since the parts were written.
    static func checkInput(_ sha256: String, _ parts: [(path: String, manifest: ShardManifest)]) throws {
        guard sha256 == parts[0].manifest.inputSHA256 else {
            throw ValidationError("The input of these parts has changed since they were written; run the shards again.")
        }
    }
}
