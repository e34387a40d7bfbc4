import ArgumentParser
import Foundation
import SmartSpec

extension ComplexityConvention: ExpressibleByArgument {}
extension Proximity.Measure: ExpressibleByArgument {}
extension NicheRanking: ExpressibleByArgument {}

/// The complexity measures `smartspec complexity` computes.
enum ComplexityMethod: String, CaseIterable, ExpressibleByArgument {
    /// ECI and PCI (Hidalgo & Hausmann), with `--convention`.
    case eci
    /// Davies & Maré: relatedness as weighted correlations of employment shares, complexity from
    /// the relatedness matrices (Methodology/davies-mare.md).
    case daviesMare = "davies-mare"
}

/// Options shared by `complexity` and `niches`.
struct NicheOptionsGroup: ParsableArguments {
    @Option(help: ArgumentHelp("\(OptionMeaning.threshold) (range: above 0, finite)")) var threshold: Double = 1
    @Option(help: ArgumentHelp(OptionMeaning.convention)) var convention: ComplexityConvention = .atlas
    @Option(help: ArgumentHelp(OptionMeaning.proximity)) var proximity: Proximity.Measure = .conditional

    var options: NicheOptions { NicheOptions(threshold: threshold, convention: convention, proximity: proximity) }

    func validate() throws {
        try OptionCheck.number(threshold, atLeast: 0, strictly: true, "--threshold")
    }
}

/// `smartspec complexity`: ECI, PCI, COI for a whole dataset; optionally every cell's density and COG.
struct ComplexityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complexity",
        abstract: "Economic complexity of every region (ECI, COI) and activity (PCI); optionally every region–activity cell.",
        discussion: """
            Method: Methodology/niches.md. --write-cells writes region,activity,rca,mcp,density,cog. \
            With --method davies-mare (Methodology/davies-mare.md): activity and region complexity from Davies & Maré's \
            relatedness; --write-cells writes region,activity,employment,local_share,mean_local_relatedness and \
            --write-relatedness the activity and region relatedness pairs.
            """)

    @OptionGroup var dataset: DatasetOption
    @OptionGroup var activityTable: ActivityTableOption
    @OptionGroup var niche: NicheOptionsGroup
    @Option(help: ArgumentHelp("\(OptionMeaning.method) Here: eci (ECI/PCI, with --convention) or davies-mare (Davies & Maré's relatedness-based complexity)."))
    var method: ComplexityMethod = .eci
    @Option(help: "The year to take. Here: the year of the activity table (default: the latest).") var year: Int?
    @Option(name: .customLong("write-relatedness"), help: "With --method davies-mare: also write the activity and region relatedness pairs (kind,code_1,code_2,relatedness) to this CSV file.", completion: .file())
    var writeRelatedness: String?
    @Option(name: .customLong("write-cells"), help: "Also write every region–activity cell (region,activity,rca,mcp,density,cog) to this CSV file.", completion: .file())
    var writeCells: String?
    @Option(name: .customLong("cells"), help: .hidden) var cells: String?
    @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try DeprecatedOption.resolve(writeCells, cells, current: "--write-cells", old: "--cells")
        if writeRelatedness != nil, method != .daviesMare { throw ValidationError("--write-relatedness needs --method davies-mare.") }
    }

    struct RegionRow: Encodable {
        var code: String, diversity: Int, eci: Double?, coi: Double, eciReflections: Double?, fitness: Double?
    }
    struct ActivityRow: Encodable {
        var code: String, ubiquity: Int, pci: Double?, pciReflections: Double?, fitnessComplexity: Double?
    }
    struct Document: Encodable {
        var convention: String, threshold: Double, eigenvalues: [Double]
        var regions: [RegionRow], activities: [ActivityRow], warnings: [String]
    }

    func run() throws {
        var data = try DatasetInput.load(dataset, activityTable: activityTable)
        if method == .daviesMare { return try DaviesMareOutput(command: self).run(data) }
        if let year {
            guard data.activityTables.contains(where: { $0.year == year }) else {
                throw DaviesMareError.unknownYear(year, available: data.activityTables.compactMap(\.year))
            }
            data.activityTables.removeAll { ($0.year ?? Int.min) > year }
        }
        let analysis = try NicheAnalysis(data, options: niche.options)
        for warning in analysis.warnings { Console.warn(warning) }
        if let file = try DeprecatedOption.resolve(writeCells, cells, current: "--write-cells", old: "--cells") {
            try CellExport.write(analysis, to: file, force: force, inputs: dataset.inputFiles)
        }
        let c = analysis.complexity, round = { (x: Double?) in x.map(OutputNumber.rounded) }
        let regions = data.regions.indices.map { r in
            RegionRow(code: data.regions[r].code, diversity: analysis.presence.diversity[r], eci: round(c.eci[r]),
                      coi: OutputNumber.rounded(analysis.outlook.outlook[r]), eciReflections: round(c.reflections.eci[r]),
                      fitness: round(c.fitness.regions[r]))
        }
        let activities = data.activities.indices.map { a in
            ActivityRow(code: data.activities[a].code, ubiquity: analysis.presence.ubiquity[a], pci: round(c.pci[a]),
                        pciReflections: round(c.reflections.pci[a]), fitnessComplexity: round(c.fitness.activities[a]))
        }
        switch output.format {
        case .json:
            try Console.data(try Console.json(Document(convention: niche.convention.rawValue, threshold: niche.threshold,
                                                    eigenvalues: c.eigenvalues.map(OutputNumber.rounded),
                                                    regions: regions, activities: activities, warnings: analysis.warnings)))
        case .csv:
            let text = OutputNumber.cell
            try Console.data(CSVText.render([["kind", "code", "diversity_or_ubiquity", "eci_or_pci", "coi", "reflections", "fitness"]]
                + regions.map { ["region", $0.code, String($0.diversity), text($0.eci), text($0.coi), text($0.eciReflections), text($0.fitness)] }
                + activities.map { ["activity", $0.code, String($0.ubiquity), text($0.pci), "", text($0.pciReflections), text($0.fitnessComplexity)] },
                guardFormulas: true))
        case .table:
            let sorted = regions.sorted { ($0.eci ?? -.infinity, $1.code) > ($1.eci ?? -.infinity, $0.code) }
            try Console.table(TextTable(
                header: ["region", "diversity", "ECI", "COI"],
                rows: sorted.map { [$0.code, String($0.diversity), OutputNumber.text($0.eci, 3), OutputNumber.text($0.coi, 3)] },
                title: "Economic complexity (\(niche.convention.rawValue) convention, RCA ≥ \(niche.threshold)); highest ECI first:").text)
        }
    }
}

/// The output of `complexity --method davies-mare`.
struct DaviesMareOutput {
    let command: ComplexityCommand

    struct Row: Encodable { var code: String, name: String, complexity: Double, size: Double }
    struct Document: Encodable { var method: String, year: Int, regions: [Row], activities: [Row] }

    func run(_ data: Dataset) throws {
        guard !data.activities.isEmpty else { throw NichesError.noActivities }
        guard let year = command.year ?? data.activityTables.compactMap(\.year).max() else { throw DaviesMareError.noYears }
        let result = try DaviesMareComplexity(data, year: year)
        let round = OutputNumber.rounded
        let regions = result.regions.enumerated().map { i, r in
            Row(code: data.regions[r].code, name: data.regions[r].name, complexity: round(result.regionComplexity[i]), size: result.regionSize[i])
        }
        let activities = result.activities.enumerated().map { j, a in
            Row(code: data.activities[a].code, name: data.activities[a].label, complexity: round(result.activityComplexity[j]), size: result.activitySize[j])
        }
        let inputs = command.dataset.inputFiles
        if let file = try DeprecatedOption.resolve(command.writeCells, command.cells, current: "--write-cells", old: "--cells") {
            var rows = [["region", "activity", "employment", "local_share", "mean_local_relatedness"]]
            let table = data.activityTables.first { $0.year == year }!
            for (i, r) in result.regions.enumerated() {
                for (j, a) in result.activities.enumerated() {
                    let employment = table[region: r, activity: a]
                    rows.append([data.regions[r].code, data.activities[a].code, OutputNumber.cell(employment),
                                 OutputNumber.cell(round(employment / result.regionSize[i])), OutputNumber.cell(round(result.meanLocalRelatedness[i, j]))])
                }
            }
            try OutputRecord.write(CSVText.render(rows, guardFormulas: true), to: file, force: command.force, inputs: inputs)
        }
        if let file = command.writeRelatedness {
            var rows = [["kind", "code_1", "code_2", "relatedness"]]
            for (kind, codes, matrix) in [("activity", result.activities.map { data.activities[$0].code }, result.activityRelatedness),
                                          ("region", result.regions.map { data.regions[$0].code }, result.regionRelatedness)] {
                for i in codes.indices { for j in codes.indices { rows.append([kind, codes[i], codes[j], OutputNumber.cell(round(matrix[i, j]))]) } }
            }
            try OutputRecord.write(CSVText.render(rows, guardFormulas: true), to: file, force: command.force, inputs: inputs)
        }
        switch command.output.format {
        case .json:
            try Console.data(try Console.json(Document(method: ComplexityMethod.daviesMare.rawValue, year: year, regions: regions, activities: activities)))
        case .csv:
            try Console.data(CSVText.render([["kind", "code", "complexity", "size"]]
                + regions.map { ["region", $0.code, OutputNumber.cell($0.complexity), OutputNumber.cell($0.size)] }
                + activities.map { ["activity", $0.code, OutputNumber.cell($0.complexity), OutputNumber.cell($0.size)] }, guardFormulas: true))
        case .table:
            let sorted = regions.sorted { ($0.complexity, $1.code) > ($1.complexity, $0.code) }
            try Console.table(TextTable(
                header: ["region", "complexity", "employment", "name"],
                rows: sorted.map { [$0.code, OutputNumber.text($0.complexity, 3), OutputNumber.text($0.size, 0), $0.name] },
                title: "Davies–Maré complexity, \(year) (\(activities.count) activities); most complex first:").text)
        }
    }
}

/// Writes `--write-cells`: one row per region–activity pair. Codes are quoted and guarded against
/// formula injection once each; the numbers are plain decimal numbers, which no spreadsheet runs.
/// The rows are formatted on all cores, straight into bytes, and written piece by piece.
enum CellExport {
    static func write(_ analysis: NicheAnalysis, to path: String, force: Bool, inputs: [URL]) throws {
        let data = analysis.dataset, m = data.activities.count
        let safe = { (code: String) in Array(CSVText.render([[code]], guardFormulas: true).utf8.dropLast()) }
        let regions = data.regions.map { safe($0.code) }, activities = data.activities.map { safe($0.code) }
        // Pieces of about 100,000 rows (at least 8), made on all cores and written as they are ready.
        let n = data.regions.count, parts = max(1, min(n, max(8, (n * m) / 100_000)))
        let gains = try analysis.outlook.gains(regions: Array(0..<n))
        try OutputRecord.write(to: path, force: force, inputs: inputs, pieces: parts) { part in
            var bytes = part == 0 ? Array("region,activity,rca,mcp,density,cog\n".utf8) : []
            bytes.reserveCapacity((n / parts + 1) * m * 56)
            let number = { (x: Double) in bytes.append(contentsOf: OutputNumber.rounded(x).description.utf8) }
            for r in stride(from: part * n / parts, to: (part + 1) * n / parts, by: 1) {
                for a in 0..<m {
                    bytes.append(contentsOf: regions[r])
                    bytes.append(UInt8(ascii: ","))
                    bytes.append(contentsOf: activities[a])
                    bytes.append(UInt8(ascii: ","))
                    number(analysis.specialisation.value(region: r, activity: a))
                    bytes.append(contentsOf: analysis.presence[region: r, activity: a] ? [44, 49, 44] : [44, 48, 44])
                    number(analysis.outlook.density(region: r, activity: a))
                    bytes.append(UInt8(ascii: ","))
                    number(gains[r * m + a])
                    bytes.append(10)
                }
            }
            return bytes
        }
    }
}

/// `smartspec niches`: a region's current strengths and ranked niche candidates.
struct NichesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "niches",
        abstract: "A region's current strengths and its candidate niches, ranked, with the evidence for each.",
        discussion: "Candidates are placed by relatedness density (risk) and PCI (benefit) in the four quadrants of Balland et al. (2019). Method: Methodology/niches.md.")

    @OptionGroup var dataset: DatasetOption
    @OptionGroup var activityTable: ActivityTableOption
    @Option(help: ArgumentHelp(OptionMeaning.region)) var region: String
    @Option(help: ArgumentHelp("\(OptionMeaning.top) Here: candidate niches (range: 1 or more).")) var top: Int = 20
    @Option(help: "Ranking of candidates: by COG, density, complexity or a balance of them.") var rankBy: NicheRanking = .cog
    @OptionGroup var niche: NicheOptionsGroup
    @Flag(help: ArgumentHelp(OptionMeaning.includeLocal)) var includeLocal = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try OptionCheck.integer(top, 1...Int.max, "--top")
    }

    func run() throws {
        let data = try DatasetInput.load(dataset, activityTable: activityTable)
        let analysis = try NicheAnalysis(data, options: niche.options)
        for warning in analysis.warnings { Console.warn(warning) }
        let niches = try NicheRanker(analysis, includeLocal: includeLocal).niches(for: region, ranking: rankBy)
        let document = NichesDocument(analysis, niches, top: top)
        switch output.format {
        case .json: try Console.data(try Console.json(document))
        case .csv: try Console.data(document.csv)
        case .table: try Console.table(document.table)
        }
    }
}

/// The machine-readable output of `niches`.
struct NichesDocument: Encodable {
    struct Related: Encodable { var activity: String, proximity: Double }
    struct Strength: Encodable {
        var activity: String, label: String, value: Double, share: Double, rca: Double, earlierRca: Double?
        var stars: Int, size: Bool, specialisation: Bool, focus: Bool, pci: Double?
    }
    struct Candidate: Encodable {
        var activity: String, label: String, rca: Double, density: Double, pci: Double, cog: Double
        var quadrant: String, score: Double, relatedHeld: [Related]
    }
    var region: String, name: String, ranking: String, densityCut: Double, complexityCut: Double
    var strengths: [Strength], candidates: [Candidate], warnings: [String]

    init(_ analysis: NicheAnalysis, _ niches: RegionNiches, top: Int) {
        let data = analysis.dataset, round = OutputNumber.rounded
        region = data.regions[niches.region].code
        name = data.regions[niches.region].name
        ranking = niches.ranking.rawValue
        densityCut = round(niches.densityCut)
        complexityCut = niches.complexityCut
        strengths = niches.strengths.map { s in
            Strength(activity: data.activities[s.activity].code, label: data.activities[s.activity].label, value: s.value,
                     share: round(s.share), rca: round(s.rca), earlierRca: s.earlierRCA.map(round), stars: s.stars,
                     size: s.size, specialisation: s.specialisation, focus: s.focus, pci: s.pci.map(round))
        }
        candidates = niches.candidates.prefix(top).map { c in
            Candidate(activity: data.activities[c.activity].code, label: data.activities[c.activity].label, rca: round(c.rca),
                      density: round(c.density), pci: round(c.pci), cog: round(c.cog), quadrant: c.quadrant.rawValue,
                      score: round(c.score),
                      relatedHeld: c.relatedHeld.map { Related(activity: data.activities[$0.activity].code, proximity: round($0.proximity)) })
        }
        warnings = analysis.warnings
    }

    var csv: String {
        CSVText.render([["section", "activity", "label", "rca", "density", "pci", "cog", "quadrant", "score", "stars", "related_held"]]
            + strengths.map { ["strength", $0.activity, $0.label, "\($0.rca)", "", $0.pci.map { "\($0)" } ?? "", "", "", "", "\($0.stars)", ""] }
            + candidates.map { ["candidate", $0.activity, $0.label, "\($0.rca)", "\($0.density)", "\($0.pci)", "\($0.cog)", $0.quadrant,
                                "\($0.score)", "", $0.relatedHeld.map(\.activity).joined(separator: " ")] },
            guardFormulas: true)
    }

    var table: String {
        let held = TextTable(
            header: ["activity", "stars", "RCA", "share %", "label"],
            rows: strengths.map { s in
                [s.activity, String(repeating: "*", count: s.stars), OutputNumber.text(s.rca, 2), OutputNumber.text(s.share * 100, 1), s.label]
            },
            title: "\(region) \(name): current strengths (RCA ≥ threshold)")
        let candidates = TextTable(
            header: ["rank", "activity", "density", "PCI", "COG", "quadrant", "near (held)"],
            rows: self.candidates.enumerated().map { i, c in
                [String(i + 1), c.activity, OutputNumber.text(c.density, 3), OutputNumber.text(c.pci, 2), OutputNumber.text(c.cog, 3), c.quadrant,
                 c.relatedHeld.prefix(3).map(\.activity).joined(separator: ", ")]
            },
            title: "Candidate niches (ranked by \(ranking); density cut \(OutputNumber.text(densityCut, 3)), PCI cut 0):")
        return held.text + "\n\n" + candidates.text
    }
}
