import ArgumentParser
import Foundation
import SmartSpec
import SmartSpecReports

/// `smartspec union`: the union view as a static site.
struct UnionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "union",
        abstract: "Write the union view: every region's sheet, the domains with their crowding, cross-border partnerships and, with --declared, the audit of declared priorities.",
        discussion: """
            Writes into --out: index.html (self-contained, filters by country and domain, a search box), union.json, \
            domains.csv, partnerships.csv (and audit.csv) and one HTML sheet per region. Method: Methodology/union.md.
            """)

    @OptionGroup var dataset: DatasetOption
    @OptionGroup var activityTable: ActivityTableOption
    @Option(help: ArgumentHelp("\(OptionMeaning.study) Its scenarios and priorities go into the sheets."), completion: .file(extensions: ["yaml", "yml"]))
    var study: String?
    @Option(name: .customLong("foresight"), help: .hidden) var oldForesight: String?
    @Option(help: ArgumentHelp(OptionMeaning.declared), completion: .file(extensions: ["csv"])) var declared: String?
    @Option(help: "A GeoJSON FeatureCollection of the regions (Polygon or MultiPolygon, longitude/latitude) for the map.", completion: .file(extensions: ["geojson", "json"]))
    var geometry: String?
    @Option(name: .customLong("geometry-key"), help: "The feature property holding the region code. (default: code)") var geometryKey = "code"
    @Option(name: .customLong("map-domain"), help: "Colour the map by this domain (holders and recommended regions) instead of the number of frontier candidates.")
    var mapDomain: String?
    @Option(help: ArgumentHelp("\(OptionMeaning.out) Here: the folder of the site."), completion: .directory) var out: String
    @Option(help: ArgumentHelp("\(OptionMeaning.lang) Here: of the site and its sheets.")) var lang: SheetLanguage = .en
    @Flag(help: ArgumentHelp(OptionMeaning.includeLocal)) var includeLocal = false
    @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false

    func validate() throws {
        _ = try DeprecatedOption.resolve(study, oldForesight, current: "--study", old: "--foresight")
    }

    func run() throws {
        let data = try DatasetInput.load(dataset, activityTable: activityTable)
        let studyPath = try DeprecatedOption.resolve(study, oldForesight, current: "--study", old: "--foresight")
        let foresight = try studyPath.map { try StudyInput.study($0) }
        let domains = DomainTaxonomy(data)
        let map = try geometry.map { path -> UnionReport.Map in
            let shapes = try RegionGeometry(URL(fileURLWithPath: path), key: geometryKey, regionCodes: Set(data.regions.map(\.code)))
            if let mapDomain, domains.domain(code: mapDomain) == nil {
                throw ValidationError("--map-domain \(mapDomain) is not a domain of the dataset; its domains are \(domains.domains.map(\.code).joined(separator: ", ")).")
            }
            return UnionReport.Map(paths: shapes.paths(width: 900, height: 600), domain: mapDomain)
        }
        if mapDomain != nil, geometry == nil { throw ValidationError("--map-domain colours the map, which needs --geometry.") }
        let declaredPriorities = try declared.map { try DeclaredPriorities.read(URL(fileURLWithPath: $0), dataset: data, domains: domains) }
        var options = SheetOptions()
        options.includeLocal = includeLocal
        let provenance = SheetProvenance(
            version: SmartSpecVersion.current, commandLine: CommandLineText.reproducible,
            dataset: try DatasetFingerprint(folder: dataset.url, activityTable: activityTable.activityTable), studyName: foresight?.name,
            studySHA256: try studyPath.map { DatasetFingerprint.sha256(try Data(contentsOf: URL(fileURLWithPath: $0))) })
        let builder = try SheetBuilder(dataset: data, study: foresight, options: options, provenance: provenance)
        let inputs = dataset.inputFiles + ([studyPath, declared, geometry].compactMap { $0 }.map { URL(fileURLWithPath: $0) })
        let folder = URL(fileURLWithPath: out)
        let writer = try SheetWriter(folder: folder, formats: [.html], renderer: SheetRenderer(language: lang), force: force, inputs: inputs)
        let progress = ProgressReporter.make("union")
        var sheets: [RecommendationSheet] = [], files: [String: String] = [:]
        for (i, region) in data.regions.enumerated() {
            let sheet = try builder.sheet(for: region.code)
            files[region.code] = try writer.write(sheet)
            sheets.append(sheet)
            progress?(Double(i + 1) / Double(data.regions.count))
        }
        let audit = try declaredPriorities.map { try PriorityAudit.audit($0, builder: builder, domains: domains,
                                                                        sheets: Dictionary(uniqueKeysWithValues: sheets.map { ($0.region.code, $0) }),
                                                                        russian: lang == .ru) }
        let view = UnionView(builder: builder, sheets: sheets, domains: domains, audit: audit)
        let write = { (name: String, text: String) in
            try OutputRecord.write(text, to: folder.appendingPathComponent(name).path, force: force, inputs: inputs)
        }
        try write("union.json", try Console.json(view) + "\n")
        let number = OutputNumber.cell
        try write("domains.csv", CSVText.render([["code", "label", "regions_holding", "regions_recommended", "crowding"]] + view.domains.map {
            [$0.code, lang == .ru ? ($0.label.ru ?? $0.label.en) : $0.label.en, String($0.regionsHolding), String($0.regionsRecommended), number($0.crowding)]
        }, guardFormulas: true))
        try write("partnerships.csv", CSVText.render([["domain", "region_1", "region_2", "country_1", "country_2", "role_1", "role_2", "similarity", "complementarity", "score"]]
            + view.partnerships.map { [$0.domain, $0.regions[0], $0.regions[1], $0.countries[0], $0.countries[1], $0.roles[0], $0.roles[1],
                                       number($0.similarity), number($0.complementarity), number($0.score)] }, guardFormulas: true))
        if let audit {
            try write("audit.csv", CSVText.render([["region", "priority", "label", "verdict", "reasons", "undeclared"]] + audit.map {
                [$0.region, $0.priority, $0.label, $0.verdict.rawValue, $0.reasons.joined(separator: " "), $0.undeclared.joined(separator: ";")]
            }, guardFormulas: true))
        }
        try write("index.html", UnionReport.html(view, datasetName: data.info.name, lang: lang, sheets: files, map: map))
        Console.message("Wrote the union view of \(sheets.count) regions (\(view.domains.count) domains, \(view.partnerships.count) partnerships) to \(out)")
    }
}
