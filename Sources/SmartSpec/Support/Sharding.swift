import Foundation

/// One shard of a batch job: shard `index` of `count` (written `I/N`, 0-based `I`,
/// 1 ≤ N ≤ ``mostShards``), as a cluster's array job runs it.
public struct Shard: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// 0-based index, below ``count``.
    public let index: Int
    /// Number of shards.
    public let count: Int

    /// The most shards a job may be split into.
    public static let mostShards = 100_000

    /// Creates a shard.
    /// - Throws: ``ShardError/invalid(_:)`` unless `0 ≤ index < count ≤ mostShards`.
    public init(index: Int, count: Int) throws {
        guard (1...Self.mostShards).contains(count), (0..<count).contains(index) else { throw ShardError.invalid("\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`.
    /// - Throws: ``ShardError/invalid(_:)``.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), String(i) == parts[0], String(n) == parts[1] else {
            throw ShardError.invalid(text)
        }
        try self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The units this shard computes out of `total` (regions by position, samples by index):
    /// `⌊index·total/count⌋ ..< ⌊(index+1)·total/count⌋`. The shards' ranges are contiguous, in
    /// shard order, and cover every unit exactly once; a shard may be empty when `count > total`.
    public func range(of total: Int) -> Range<Int> { Self.range(index, of: count, total: total) }
}

/// A block of pairs of units (regions by position): every unit of `rows` with every unit of
/// `columns`, or, when the two ranges are equal, every two units of the range once.
public struct PairBlock: Sendable, Hashable {
    /// The first range.
    public let rows: Range<Int>
    /// The second range: equal to `rows`, or disjoint from it.
    public let columns: Range<Int>

    /// Creates a block.
    public init(rows: Range<Int>, columns: Range<Int>) {
        self.rows = rows
        self.columns = columns
    }

    /// The number of pairs in the block.
    public var pairCount: Int { rows == columns ? rows.count * (rows.count - 1) / 2 : rows.count * columns.count }
}

extension Shard {
    /// The pairs of units this shard computes, for a job whose result depends on every pair of
    /// units (the neighbour search of `similar --all`), so that the shards together compute every
    /// pair exactly once and each about `1/count` of them. With `S_i` shard `i`'s ``range(of:)``:
    /// - the pairs within `S_index`;
    /// - for `d` = 1 … ⌈count/2⌉ − 1, the pairs of `S_index` with `S_(index+d) mod count`;
    /// - for an even `count`, the shard `j` = `index + count/2` (mod `count`) is paired with this one
    ///   half and half: the lower of the two takes its own range with the first half of the other's;
    ///   the upper takes the second half of its own range with the other's whole range. Then every
    ///   range of this shard is either the other's, its first half, or one of the halves of its
    ///   own (its own range is cut in halves), so any two ranges are equal or disjoint.
    ///
    /// Complexity: O(count).
    public func pairBlocks(of total: Int) -> [PairBlock] {
        let own = range(of: total)
        let halves = [own.lowerBound..<(own.lowerBound + own.count / 2), (own.lowerBound + own.count / 2)..<own.upperBound]
        let mine = count % 2 == 0 ? halves : [own]
        var blocks = mine.map { PairBlock(rows: $0, columns: $0) }
        if mine.count == 2 { blocks.append(PairBlock(rows: halves[0], columns: halves[1])) }
        func other(_ j: Int) -> Range<Int> { Shard.range(j, of: count, total: total) }
        for d in stride(from: 1, to: (count + 1) / 2, by: 1) {
            blocks += mine.map { PairBlock(rows: $0, columns: other((index + d) % count)) }
        }
        if count % 2 == 0, count >= 2 {
            let j = (index + count / 2) % count, theirs = other(j)
            if index < j {
                let firstHalf = theirs.lowerBound..<(theirs.lowerBound + theirs.count / 2)
                blocks += mine.map { PairBlock(rows: $0, columns: firstHalf) }
            } else {
                blocks.append(PairBlock(rows: halves[1], columns: theirs))
            }
        }
        return blocks.filter { $0.pairCount > 0 }
    }

    private static func range(_ index: Int, of count: Int, total: Int) -> Range<Int> {
        Int((Int64(index) * Int64(total)) / Int64(count))..<Int((Int64(index + 1) * Int64(total)) / Int64(count))
    }
}

/// Why a shard or a set of parts is refused; each case prints one sentence.
public enum ShardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--shard` is not `I/N` with 0 ≤ I < N ≤ 100,000.
    case invalid(String)
    /// A path holds no part written by `--shard`.
    case notAPart(String)
    /// No part was given.
    case noParts
    /// Two parts differ in a field that must agree.
    case mismatch(field: String, first: String, other: String)
    /// Shards are missing.
    case missing([Int], count: Int)
    /// A shard is given more than once.
    case repeated(shard: Int, paths: [String])
    /// A part's files are not all there.
    case incomplete(part: String, file: String)
    /// The part's command cannot be merged by this version.
    case unknownCommand(String)
    /// A part's file is there but cannot be read as what its shard writes.
    case damaged(part: String, file: String)

    public var description: String {
        switch self {
        case let .invalid(text):
            return "--shard \(text) is not a shard: write I/N with 0 ≤ I < N ≤ \(Shard.mostShards) (for example 0/4 … 3/4)."
        case let .notAPart(path): return "\(path) is not a part written by --shard (it has no \(ShardManifest.fileName))."
        case .noParts: return "Give the parts to merge."
        case let .mismatch(field, first, other):
            return "The parts do not belong together: \(other) differs from \(first) in its \(field); merge the parts of one run only; nothing was written."
        case let .missing(shards, count):
            let list = shards.prefix(10).map(String.init).joined(separator: ", ") + (shards.count > 10 ? ", …" : "")
            return "The parts are incomplete: shard\(shards.count == 1 ? "" : "s") \(list) of \(count) \(shards.count == 1 ? "is" : "are") missing; nothing was written."
        case let .repeated(shard, paths):
            return "Shard \(shard) is given more than once (\(paths.joined(separator: ", "))); give each shard once; nothing was written."
        case let .incomplete(part, file): return "The part \(part) is incomplete: \(file) is missing; run its shard again."
        case let .unknownCommand(command): return "Parts of '\(command)' cannot be merged by this version of smartspec."
        case let .damaged(part, file): return "The part \(part) is damaged: \(file) is not what its shard writes; run its shard again; nothing was written."
        }
    }
}

/// The manifest of one part (`.smartspec-part.json` in the part's folder): what ran, on which
/// data, with which options, and which slice.
public struct ShardManifest: Sendable, Equatable, Codable {
    /// The manifest's file name in a part folder.
    public static let fileName = ".smartspec-part.json"

    /// The batch command, such as `similar --all`.
    public var command: String
    /// SHA-256 of the input (the dataset's fingerprint, or the study file).
    public var inputSHA256: String
    /// The command line without `--shard`, `--out` and `--force`: the options every part must share.
    public var options: String
    /// This part's shard.
    public var shard: Int
    /// The number of shards.
    public var shards: Int
    /// The version of smartspec that wrote it.
    public var toolVersion: String
    /// Units in the whole job, and this part's range of them.
    public var units: Int, range: [Int]
    /// The BLAS and its kernels (``BLASBackend/signature``): the last digits of the linear algebra
    /// depend on them, so parts to merge must share them.
    public var blas: String?
    /// Files of the part (relative to its folder), besides the manifest.
    public var files: [String]
    /// What the merge needs besides (the output format, the sheets' language, the input file).
    public var extra: [String: String]?

    /// Creates a manifest.
    public init(command: String, inputSHA256: String, options: String, shard: Shard, toolVersion: String, blas: String? = nil, units: Int,
                files: [String]) {
        self.command = command
        self.inputSHA256 = inputSHA256
        self.options = options
        self.shard = shard.index
        self.shards = shard.count
        self.toolVersion = toolVersion
        self.units = units
        let range = shard.range(of: units)
        self.range = [range.lowerBound, range.upperBound]
        self.blas = blas
        self.files = files
    }

    /// Reads a part folder's manifest.
    /// - Throws: ``ShardError/notAPart(_:)`` without a readable manifest; ``ShardError/incomplete(part:file:)`` when a listed file is missing.
    public static func read(part folder: URL) throws -> ShardManifest {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path),
              let manifest = try? JSONDecoder().decode(ShardManifest.self, from: data) else { throw ShardError.notAPart(folder.path) }
        for file in manifest.files where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) {
            throw ShardError.incomplete(part: folder.path, file: file)
        }
        return manifest
    }

    /// The manifest as JSON text (keys sorted).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Checks that `parts` (path, manifest) belong together — same command, input, options, shard
    /// count and tool version; every shard present exactly once — and returns them in shard order.
    /// - Throws: ``ShardError`` naming the first problem.
    public static func complete(_ parts: [(path: String, manifest: ShardManifest)]) throws -> [(path: String, manifest: ShardManifest)] {
        guard let first = parts.first else { throw ShardError.noParts }
        for part in parts.dropFirst() {
            let m = part.manifest
            guard (0..<m.shards).contains(m.shard) else { throw ShardError.notAPart(part.path) }
            for (field, same) in [("command", m.command == first.manifest.command), ("input data", m.inputSHA256 == first.manifest.inputSHA256),
                                  ("options", m.options == first.manifest.options), ("shard count", m.shards == first.manifest.shards),
                                  ("smartspec version", m.toolVersion == first.manifest.toolVersion),
                                  ("BLAS kernels", m.blas == first.manifest.blas),
                                  ("settings", m.extra == first.manifest.extra)] where !same {
                throw ShardError.mismatch(field: field, first: first.path, other: part.path)
            }
        }
        let byShard = Dictionary(grouping: parts, by: \.manifest.shard)
        if let repeated = byShard.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw ShardError.repeated(shard: repeated.key, paths: repeated.value.map(\.path))
        }
        let missing = (0..<first.manifest.shards).filter { byShard[$0] == nil }
        guard missing.isEmpty else { throw ShardError.missing(missing, count: first.manifest.shards) }
        return parts.sorted { $0.manifest.shard < $1.manifest.shard }
    }
}
