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
        let data = try DatasetInput.load(dataset)
        let space = try StructuralSpace(data, options: try similarity.similarityOptions())
        for warning in space.warnings { Console.warn(warning) }
        if let scoresFile { try ScoreExport.write(space, to: scoresFile, force: force, inputs: dataset.inputFiles) }
        let finder = ReferenceRegionFinder(space: space)
        if all {
            let shard = try sharding.parsed()
            let slice = shard?.range(of: space.regions.count) ?? 0..<space.regions.count
            let lists = try finder.allReferences(top: similarity.top, filter: similarity.filter, regions: slice,
                                                 progress: ProgressReporter.make("similar --all"))
            let method = MethodDescription(space, similarity)
            guard let shard, let out else {
                return try Console.print(try SimilarAllRendering.render(lists, first: 0, space: space, format: output.format, method: method).whole,
                                         as: output.format)
            }
            let text = try SimilarAllRendering.render(lists, first: slice.lowerBound, space: space, format: output.format, method: method)
            let manifest = PartFolder.manifest(command: "similar --all", input: try DatasetFingerprint(folder: dataset.url).sha256, shard: shard,
                                               units: space.regions.count, files: [PartFolder.body],
                                               head: text.head, separator: text.separator, tail: text.tail)
            try PartFolder.write(URL(fileURLWithPath: out), files: [(PartFolder.body, text.units.joined(separator: text.separator))],
                                 manifest: manifest, force: force, inputs: dataset.inputFiles)
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

/// Output of `similar --all`, cut into one unit per region, so that the parts of a sharded run
/// join into exactly the unsharded text. The JSON is `{"method": …, "regions": [ … ]}`, laid out
/// as the library's pretty, key-sorted JSON.
enum SimilarAllRendering {
    struct Entry: Encodable { var rank: Int, code: String, distance: Double }
    struct RegionEntry: Encodable { var region: String, references: [Entry] }

    /// `lists[i]` are the references of region `first + i`.
    static func render(_ lists: [[(index: Int, distance: Double)]], first: Int, space: StructuralSpace, format: OutputFormat,
                       method: MethodDescription) throws -> UnitText {
        let codes = space.regions.map(\.code)
        switch format {
        case .json:
            let methodText = try Console.json(method).replacingOccurrences(of: "\n", with: "\n  ")
            // Units of 256 regions, each encoded as one array on all cores: the array's elements,
            // indented two more spaces, are the regions as the whole document lays them out.
            let run = 256
            let units = try ParallelTasks.map((lists.count + run - 1) / run) { c in
                Result { () throws -> String in
                    let entries = (c * run..<min(lists.count, (c + 1) * run)).map { i in
                        RegionEntry(region: codes[first + i], references: lists[i].enumerated().map {
                            Entry(rank: $0.offset + 1, code: codes[$0.element.index], distance: OutputNumber.rounded($0.element.distance))
                        })
                    }
                    return Self.indented(try Console.json(entries).utf8.dropFirst(2).dropLast(2))
                }
            }.map { try $0.get() }
            return UnitText(head: "{\n  \"method\" : \(methodText),\n  \"regions\" : [\n", units: units, separator: ",\n", tail: "\n  ]\n}\n")
        case .csv:
            let units = ParallelTasks.map(lists.count) { i in
                CSVText.render(lists[i].enumerated().map { rank, entry in
                    [codes[first + i], String(rank + 1), codes[entry.index], "\(OutputNumber.rounded(entry.distance))"]
                }, guardFormulas: true)
            }
            return UnitText(head: CSVText.render([["region", "rank", "code", "distance"]], guardFormulas: true), units: units, separator: "", tail: "")
        case .table:
            return UnitText(head: "", units: [TextTable(header: ["region", "rank", "code", "distance"], rows: lists.enumerated().flatMap { i, list in
                list.enumerated().map { rank, entry in [codes[first + i], String(rank + 1), codes[entry.index], OutputNumber.text(entry.distance, 6)] }
            }).text], separator: "", tail: "")
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
