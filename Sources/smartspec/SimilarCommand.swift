import ArgumentParser
import Foundation
import SmartSpec

/// `smartspec similar`: reference regions by structural similarity.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Find reference regions: the regions with the most similar structural conditions.",
        discussion: "Method: Methodology/reference-regions.md. With --all, writes the top-N list of every region (region,rank,code,distance).")

    @OptionGroup var dataset: DatasetOption
    @Option(help: ArgumentHelp(OptionMeaning.region)) var region: String?
    @Flag(help: ArgumentHelp("\(OptionMeaning.all) Here: the reference regions of every region.")) var all = false
    @OptionGroup var similarity: SimilarityOptionsGroup
    @Option(help: ArgumentHelp("\(OptionMeaning.bootstrap) Here: of the structural indicators, for the stability of each reference region.")) var bootstrap: Int = 0
    @Option(help: ArgumentHelp(OptionMeaning.seed)) var seed: UInt64 = 1
    @Option(name: .customLong("write-scores"), help: "Also write the final score matrix (one row per region) to this CSV file.", completion: .file())
    var writeScores: String?
    @Option(name: .customLong("export-scores"), help: .hidden) var exportScores: String?
    @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false
    @OptionGroup var sharding: ShardOption
    @Option(help: ArgumentHelp("\(OptionMeaning.out) Here: with --shard, the part's folder."), completion: .directory) var out: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (region != nil) != all else { throw ValidationError("Give either --region CODE or --all.") }
        if try sharding.parsed() != nil {
            guard all else { throw ValidationError("--shard splits similar --all; give --all.") }
            guard out != nil else { throw ValidationError("--shard writes a part folder: give --out PART.") }
            guard output.format != .table else { throw ValidationError("--shard writes csv or json parts; give --format csv or --format json.") }
        } else if out != nil {
            throw ValidationError("--out is the part folder of a sharded run; give --shard I/N too (without it similar prints to standard output).")
        }
        try OptionCheck.integer(bootstrap, 0...100_000, "--bootstrap")
        if all, bootstrap > 0 { throw ValidationError("--bootstrap works with --region, not --all.") }
        _ = try DeprecatedOption.resolve(writeScores, exportScores, current: "--write-scores", old: "--export-scores")
    }

    func run() throws {
        let scoresFile = try DeprecatedOption.resolve(writeScores, exportScores, current: "--write-scores", old: "--export-scores")
        // A shard's manifest names the dataset by its hash, computed on another core meanwhile.
        let folder = dataset.url, shard = try sharding.parsed()
        let fingerprint = shard == nil ? nil : BackgroundTask { Result { try DatasetFingerprint(folder: folder).sha256 } }
        let data = try DatasetInput.load(dataset)
        let space = try StructuralSpace(data, options: try similarity.similarityOptions())
        for warning in space.warnings { Console.warn(warning) }
        if let scoresFile { try ScoreExport.write(space, to: scoresFile, force: force, inputs: dataset.inputFiles) }
        let finder = ReferenceRegionFinder(space: space)
        if all {
            let codes = space.regions.map(\.code), method = try Console.json(MethodDescription(space, similarity))
            guard let shard, let fingerprint, let out else {
                let lists = try finder.allReferences(top: similarity.top, filter: similarity.filter, progress: ProgressReporter.make("similar --all"))
                return try Console.print(try SimilarAllRendering.render(lists, codes: codes, format: output.format, method: method), as: output.format)
            }
            let partial = try finder.partialReferences(top: similarity.top, filter: similarity.filter, shard: shard,
                                                       progress: ProgressReporter.make("similar --all \(shard)"))
            let files = SimilarParts.files(partial, codes: codes[shard.range(of: codes.count)], method: method)
            let manifest = PartFolder.manifest(command: "similar --all", input: try fingerprint.wait().get(), shard: shard,
                                               units: codes.count, files: files.map(\.name),
                                               extra: ["format": output.format.rawValue, "top": String(similarity.top)])
            try PartFolder.write(URL(fileURLWithPath: out), files: files, manifest: manifest, force: force, inputs: dataset.inputFiles)
            return
        }
        let result = try finder.references(for: region!, top: similarity.top, filter: similarity.filter)
        let stability = bootstrap > 0 || space.dimensions.count > 1
            ? try PeerStability(data, region: region!, top: similarity.top, filter: similarity.filter,
                                options: try similarity.similarityOptions(), references: result.references.map(\.region.code),
                                bootstrap: bootstrap, seed: seed)
            : nil
        try Console.print(try SimilarRendering.render(result, space: space, stability: stability, format: output.format,
                                                      method: MethodDescription(space, similarity)), as: output.format)
    }
}

/// The part of a sharded `similar --all`: what the merge needs to write the whole output without
/// reading the dataset again.
/// - `neighbours.bin`: per region of the shard's pairs, its partial list, as little-endian binary —
///   region (Int32), count (Int32), then count × (region Int32, distance as the 64 bits of the
///   double) — so that the merge joins exactly the doubles the shard computed;
/// - `regions.txt`: the codes of the shard's own regions (``Shard/range(of:)``), one per line;
/// - `method.json`: the method block of the JSON output (the same in every part).
enum SimilarParts {
    static let neighbours = "neighbours.bin", regions = "regions.txt", method = "method.json"

    static func files(_ partial: [(region: Int, references: [(index: Int, distance: Double)])], codes: ArraySlice<String>,
                      method: String) -> [(name: String, data: Data)] {
        [(neighbours, encode(partial)), (regions, Data(codes.map { $0 + "\n" }.joined().utf8)), (Self.method, Data(method.utf8))]
    }

    /// Joins the parts (in shard order) into the output of the unsharded run, written to `out`.
    static func merge(_ parts: [(path: String, manifest: ShardManifest)], out: String, force: Bool) throws {
        let first = parts[0].manifest
        guard let format = first.extra?["format"].flatMap(OutputFormat.init(rawValue:)), let top = first.extra?["top"].flatMap(Int.init) else {
            throw ShardError.notAPart(parts[0].path)
        }
        let folders = parts.map { URL(fileURLWithPath: $0.path) }
        var codes: [String] = []
        for (folder, part) in zip(folders, parts) {
            let text = try read(folder, regions)
            let slice = text.isEmpty ? [] : text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard text.isEmpty || text.hasSuffix("\n"), slice.count == part.manifest.range[1] - part.manifest.range[0] else {
                throw ShardError.damaged(part: folder.path, file: regions)
            }
            codes += slice
        }
        guard codes.count == first.units, Set(codes).count == codes.count else { throw ShardError.damaged(part: folders[0].path, file: regions) }
        let method = try read(folders[0], Self.method)
        for folder in folders.dropFirst() where try read(folder, Self.method) != method { throw ShardError.damaged(part: folder.path, file: Self.method) }
        let partials = try folders.flatMap { try decode($0, regions: codes.count, top: top) }
        let lists = ReferenceRegionFinder.mergeReferences(partials, codes: codes, top: top)
        let text = try SimilarAllRendering.render(lists, codes: codes, format: format, method: method)
        try OutputRecord.writePrinted(text, to: out, force: force, inputs: folders)
        Console.message("Merged \(parts.count) part(s) of similar --all into \(out).")
    }

    private static func read(_ folder: URL, _ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
              let text = String(data: data, encoding: .utf8) else { throw ShardError.damaged(part: folder.path, file: file) }
        return text
    }

    static func encode(_ partial: [(region: Int, references: [(index: Int, distance: Double)])]) -> Data {
        var data = Data(count: partial.reduce(0) { $0 + 8 + 12 * $1.references.count })
        data.withUnsafeMutableBytes { bytes in
            var offset = 0
            func put<T: FixedWidthInteger>(_ value: T) {   // least significant byte first, whatever the host's byte order
                bytes.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
                offset += MemoryLayout<T>.size
            }
            for (region, references) in partial {
                put(Int32(region))
                put(Int32(references.count))
                for reference in references {
                    put(Int32(reference.index))
                    put(reference.distance.bitPattern)
                }
            }
        }
        return data
    }

    /// The partial lists of a part folder.
    /// - Throws: ``ShardError/damaged(part:file:)`` unless the file is whole and every region,
    ///   count and distance is in range.
    static func decode(_ folder: URL, regions: Int, top: Int) throws -> [(region: Int, references: [(index: Int, distance: Double)])] {
        let damaged = ShardError.damaged(part: folder.path, file: neighbours)
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(neighbours).path) else { throw damaged }
        return try data.withUnsafeBytes { bytes in
            var offset = 0
            func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
                guard offset + MemoryLayout<T>.size <= bytes.count else { throw damaged }
                defer { offset += MemoryLayout<T>.size }
                return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
            }
            var partial: [(region: Int, references: [(index: Int, distance: Double)])] = []
            while offset < bytes.count {
                let region = Int(try read(Int32.self)), count = Int(try read(Int32.self))
                guard (0..<regions).contains(region), (0...top).contains(count) else { throw damaged }
                var previous = 0.0
                let references = try (0..<count).map { _ in
                    let index = Int(try read(Int32.self)), distance = Double(bitPattern: try read(UInt64.self))
                    // A list is sorted by distance, as the search gives it.
                    guard (0..<regions).contains(index), index != region, distance.isFinite, distance >= previous else { throw damaged }
                    previous = distance
                    return (index: index, distance: distance)
                }
                partial.append((region: region, references: references))
            }
            return partial
        }
    }
}

/// The method block of the JSON output.
struct MethodDescription: Encodable {
    struct Factor: Encodable { var indicator: String; var loading: Double }
    struct DimensionBlock: Encodable {
        var id: String, indicators: [String], eigenvalues: [Double], components: Int, explainedShare: Double, weight: Double
        var factors: [[Factor]]
        /// Varimax-rotated loadings, one row per indicator.
        var rotatedLoadings: [[Double]]
    }
    var name: String, top: Int, weights: [String: Double], excludeSameCountry: Bool, countries: [String]?
    var dimensions: [DimensionBlock]

    init(_ space: StructuralSpace, _ options: SimilarityOptionsGroup) {
        name = space.options.method.rawValue
        top = options.top
        weights = Dictionary(uniqueKeysWithValues: zip(space.dimensions.map(\.dimension), space.weights))
        excludeSameCountry = options.excludeSameCountry
        countries = options.filter.countries?.sorted()
        dimensions = zip(space.dimensions, space.weights).map { d, w in
            DimensionBlock(id: d.dimension, indicators: d.indicators, eigenvalues: d.eigenvalues.map(OutputNumber.rounded),
                           components: d.components, explainedShare: OutputNumber.rounded(d.explainedShare), weight: w,
                           factors: d.factorNames.map { $0.map { Factor(indicator: $0.indicator, loading: OutputNumber.rounded($0.loading)) } },
                           rotatedLoadings: d.rotatedLoadings.rowArrays.map { $0.map(OutputNumber.rounded) })
        }
    }
}

/// Output of `similar --region`.
enum SimilarRendering {
    struct Reference: Encodable {
        var rank: Int, code: String, name: String, country: String, distance: Double, similarity: Double
        var dimensions: [String: Double]
        var closestDimensions: [String], mostDifferentDimensions: [String]
        var indicatorDifferences: [String: Double]
        var stability: [String: Double]?
    }
    struct Imputed: Encodable { var region: String, indicator: String, zValue: Double, donors: Int }
    struct Document: Encodable {
        var region: String, name: String, method: MethodDescription, references: [Reference], imputed: [Imputed], warnings: [String]
    }

    static func render(_ result: ReferenceRegions, space: StructuralSpace, stability: PeerStability?, format: OutputFormat,
                       method: MethodDescription) throws -> String {
        let references = result.references.map { reference(from: $0, result: result, stability: stability) }
        switch format {
        case .json:
            let imputed = space.standardised.imputed.map {
                Imputed(region: $0.region, indicator: $0.indicator, zValue: OutputNumber.rounded($0.zValue), donors: $0.donors)
            }
            return try Console.json(Document(region: result.region.code, name: result.region.name, method: method, references: references,
                                             imputed: imputed, warnings: space.warnings))
        case .csv:
            let header = ["rank", "code", "name", "country", "distance", "similarity"] + result.dimensions.map { "distance_\($0)" }
            return CSVText.render([header] + references.map { r in
                [String(r.rank), r.code, r.name, r.country, "\(r.distance)", "\(r.similarity)"] + result.dimensions.map { "\(r.dimensions[$0]!)" }
            }, guardFormulas: true)
        case .table:
            let table = TextTable(
                header: ["rank", "code", "distance", "similarity", "closest in", "differs most in", "name"],
                rows: references.map { r in
                    [String(r.rank), r.code, OutputNumber.text(r.distance), OutputNumber.text(r.similarity),
                     r.closestDimensions.joined(separator: ", "), r.mostDifferentDimensions.joined(separator: ", "), r.name]
                },
                title: "Reference regions of \(result.region.code) \(result.region.name) (method \(method.name)):",
                footer: space.standardised.imputed.isEmpty ? nil : "\(space.standardised.imputed.count) missing value(s) imputed (see --format json).")
            return table.text
        }
    }

    private static func reference(from r: ReferenceRegion, result: ReferenceRegions, stability: PeerStability?) -> Reference {
        let dims = zip(result.dimensions, r.dimensionDistances).map { ($0, $1) }
        let contrast = result.contrast(r)
        var stabilityBlock: [String: Double]? = nil
        if let stability {
            var block: [String: Double] = [:]
            if let v = stability.leaveOneDimensionOut[r.region.code] { block["leaveOneDimensionOut"] = v }
            if let v = stability.bootstrap[r.region.code] { block["bootstrap"] = v }
            stabilityBlock = block
        }
        return Reference(
            rank: r.rank, code: r.region.code, name: r.region.name, country: r.region.country,
            distance: OutputNumber.rounded(r.distance), similarity: OutputNumber.rounded(r.similarity),
            dimensions: Dictionary(uniqueKeysWithValues: dims.map { ($0.0, OutputNumber.rounded($0.1)) }),
            closestDimensions: contrast.closest, mostDifferentDimensions: contrast.differing,
            indicatorDifferences: Dictionary(uniqueKeysWithValues: zip(result.indicators, r.indicatorDifferences.map(OutputNumber.rounded)).map { ($0, $1) }),
            stability: stabilityBlock)
    }
}

/// Output of `similar --all`, rendered in runs of regions on all cores. The JSON is
/// `{"method": …, "regions": [ … ]}`, laid out as the library's pretty, key-sorted JSON.
enum SimilarAllRendering {
    struct Entry: Encodable { var rank: Int, code: String, distance: Double }
    struct RegionEntry: Encodable { var region: String, references: [Entry] }

    /// `lists[i]` are the references of region `i` (`codes[i]`); `method` is the JSON method block.
    static func render(_ lists: [[(index: Int, distance: Double)]], codes: [String], format: OutputFormat, method: String) throws -> String {
        switch format {
        case .json:
            let methodText = method.replacingOccurrences(of: "\n", with: "\n  ")
            // Units of 256 regions, each encoded as one array on all cores: the array's elements,
            // indented two more spaces, are the regions as the whole document lays them out.
            let run = 256
            let units = try ParallelTasks.map((lists.count + run - 1) / run) { c in
                Result { () throws -> String in
                    let entries = (c * run..<min(lists.count, (c + 1) * run)).map { i in
                        RegionEntry(region: codes[i], references: lists[i].enumerated().map {
                            Entry(rank: $0.offset + 1, code: codes[$0.element.index], distance: OutputNumber.rounded($0.element.distance))
                        })
                    }
                    return Self.indented(try Console.json(entries).utf8.dropFirst(2).dropLast(2))
                }
            }.map { try $0.get() }
            return "{\n  \"method\" : \(methodText),\n  \"regions\" : [\n" + units.joined(separator: ",\n") + "\n  ]\n}\n"
        case .csv:
            // Each code's cell made once, all in one buffer; the rank and the distance are plain
            // numbers (never quoted or neutralised). The rows are those of CSVText.render.
            let cells = ParallelTasks.map(codes.count) { CSVText.cell(codes[$0], guardFormulas: true) }
            var start = [0]
            for cell in cells { start.append(start[start.count - 1] + cell.count) }
            let cellBytes = cells.flatMap { $0 }, cellStart = start
            let run = 256
            let pieces = ParallelTasks.map((lists.count + run - 1) / run) { c in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(run * 20 * 40)
                cellBytes.withUnsafeBufferPointer { all in
                    for i in c * run..<min(lists.count, (c + 1) * run) {
                        let region = UnsafeBufferPointer(rebasing: all[cellStart[i]..<cellStart[i + 1]])
                        for (rank, entry) in lists[i].enumerated() {
                            bytes.append(contentsOf: region)
                            bytes.append(UInt8(ascii: ","))
                            bytes.append(contentsOf: String(rank + 1).utf8)
                            bytes.append(UInt8(ascii: ","))
                            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: all[cellStart[entry.index]..<cellStart[entry.index + 1]]))
                            bytes.append(UInt8(ascii: ","))
                            bytes.append(contentsOf: OutputNumber.rounded(entry.distance).description.utf8)
                            bytes.append(10)
                        }
                    }
                }
                return bytes
            }
            var bytes = Array(CSVText.render([["region", "rank", "code", "distance"]], guardFormulas: true).utf8)
            bytes.reserveCapacity(pieces.reduce(bytes.count) { $0 + $1.count })
            for piece in pieces { bytes += piece }
            return String(decoding: bytes, as: UTF8.self)
        case .table:
            return TextTable(header: ["region", "rank", "code", "distance"], rows: lists.enumerated().flatMap { i, list in
                list.enumerated().map { rank, entry in [codes[i], String(rank + 1), codes[entry.index], OutputNumber.text(entry.distance, 6)] }
            }).text
        }
    }
}

extension SimilarAllRendering {
    /// `text` with two more spaces at the start of every line.
    static func indented(_ text: Substring.UTF8View) -> String {
        var bytes: [UInt8] = [32, 32]
        bytes.reserveCapacity(text.count + text.count / 8)
        for byte in text {
            bytes.append(byte)
            if byte == 10 { bytes.append(32); bytes.append(32) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Writes the score matrix the distances are computed on.
enum ScoreExport {
    static func write(_ space: StructuralSpace, to path: String, force: Bool, inputs: [URL]) throws {
        let m = space.points.rows, points = space.points, codes = space.regions.map(\.code)
        let text = CSVText.render(header: ["code"] + (0..<m).map { "s\($0 + 1)" }, groups: codes.count, guardFormulas: true) { r in
            [[codes[r]] + (0..<m).map { "\(points[$0, r])" }]
        }
        try OutputRecord.write(text, to: path, force: force, inputs: inputs)
    }
}
