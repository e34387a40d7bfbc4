import ArgumentParser
import Foundation
import SmartSpec
import SmartSpecReports

/// `smartspec audit`: declared priorities against the evidence.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit declared priorities: is each held (supported), related (plausible) or neither (unsupported), with the evidence in words.",
        discussion: """
            The declared file is CSV: region,priority,label,codes, where codes lists activity or domain codes separated by ';' \
            (Datasets/README.md). Domains are NACE sections for NACE/OKVED2 data, activity groups otherwise. Method: Methodology/union.md.
            """)

    @OptionGroup var dataset: DatasetOption
    @OptionGroup var activityTable: ActivityTableOption
    @Option(help: ArgumentHelp(OptionMeaning.declared), completion: .file(extensions: ["csv"])) var declared: String
    @Flag(help: ArgumentHelp(OptionMeaning.includeLocal)) var includeLocal = false
    @Option(help: ArgumentHelp("\(OptionMeaning.lang) Here: of the reasons.")) var lang: SheetLanguage = .en
    @OptionGroup var output: OutputOptions

    func run() throws {
        let data = try DatasetInput.load(dataset, activityTable: activityTable)
        let domains = DomainTaxonomy(data)
        let priorities = try DeclaredPriorities.read(URL(fileURLWithPath: declared), dataset: data, domains: domains)
        var options = SheetOptions()
        options.includeLocal = includeLocal
        let provenance = SheetProvenance(version: SmartSpecVersion.current, commandLine: CommandLineText.reproducible,
                                         dataset: try DatasetFingerprint(folder: dataset.url, activityTable: activityTable.activityTable))
        let builder = try SheetBuilder(dataset: data, options: options, provenance: provenance)
        let entries = try PriorityAudit.audit(priorities, builder: builder, domains: domains, russian: lang == .ru)
        switch output.format {
        case .json: try Console.data(try Console.json(entries))
        case .csv:
            try Console.data(CSVText.render([["region", "priority", "label", "verdict", "activities", "reasons", "undeclared"]] + entries.map {
                [$0.region, $0.priority, $0.label, $0.verdict.rawValue, $0.evidence.map(\.activity).joined(separator: ";"),
                 $0.reasons.joined(separator: " "), $0.undeclared.joined(separator: ";")]
            }, guardFormulas: true))
        case .table:
            try Console.table(TextTable(
                header: ["region", "priority", "verdict", "why", "strongest undeclared"],
                rows: entries.map { [$0.region, $0.priority, $0.verdict.rawValue, $0.reasons.first ?? "", $0.undeclared.joined(separator: ", ")] },
                title: "Declared priorities against the evidence (\(entries.count)):").text)
        }
    }
}
