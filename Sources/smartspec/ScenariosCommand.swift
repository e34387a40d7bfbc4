import ArgumentParser
import Foundation
import SmartSpec

/// `smartspec scenarios`: consistent scenarios of a cross-impact matrix.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Enumerate the consistent scenarios of a cross-impact balance (CIB) matrix exactly.",
        discussion: "Reads a study file (.yaml, Docs/study-file.md) or a ScenarioWizard project file (.scw). Method: Methodology/foresight.md.")

    @Argument(help: "The study (.yaml) or ScenarioWizard file (.scw).", completion: .file(extensions: ["yaml", "yml", "scw"])) var file: String
    @Option(name: .customLong("max-inconsistency"), help: ArgumentHelp("\(OptionMeaning.maxInconsistency) (range: 0 or more)")) var maxInconsistency: Int = 0
    @Option(name: .customLong("max-scenarios"), help: "Stop with an error when more scenarios than this match (range: 1 or more).") var maxScenarios: Int = 1_000_000
    @Option(help: ArgumentHelp("\(OptionMeaning.succession) Given, every scenario's basin size (volume) is computed by following the succession from every scenario."))
    var succession: Succession.Rule?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try OptionCheck.integer(maxInconsistency, 0...Int.max, "--max-inconsistency")
        try OptionCheck.integer(maxScenarios, 1...Int.max, "--max-scenarios")
    }

    struct VariantEntry: Encodable { var id: String, label: String, labelRu: String? }
    struct DescriptorEntry: Encodable { var id: String, label: String, labelRu: String?, variants: [String], variantLabels: [VariantEntry] }
    struct ScenarioEntry: Encodable { var variants: [String: String], inconsistency: Int, totalImpactScore: Int, volume: Int? }
    struct Document: Encodable { var descriptors: [DescriptorEntry], total: Int, scenarios: [ScenarioEntry], cycles: [[[String: String]]]?, cycleVolume: Int? }

    func run() throws {
        let matrix = try StudyInput.matrix(file)
        let scenarios = try CIBSolver(matrix: matrix, maxInconsistency: maxInconsistency, limit: maxScenarios)
            .solve(progress: matrix.scenarioCount > 1e8 ? ProgressReporter.make("scenarios") : nil)
        let descriptors = matrix.descriptors
        let basins = try succession.map { try Succession.basins(matrix, rule: $0, progress: ProgressReporter.make("succession")) }
        let named = matrix.variantIDs
        var cycles: [[[String: String]]]? = nil, cycleVolume: Int? = nil
        if let basins {
            let found = basins.compactMap { key, count -> ([[Int]], Int)? in if case .cycle(let c) = key { return (c, count) } else { return nil } }
                .sorted { $0.0.lexicographicallyPrecedes($1.0) { $0.lexicographicallyPrecedes($1) } }
            cycles = found.map { $0.0.map(named) }
            cycleVolume = found.reduce(0) { $0 + $1.1 }
        }
        switch output.format {
        case .json:
            try Console.data(try Console.json(Document(
                descriptors: descriptors.map {
                    DescriptorEntry(id: $0.id, label: $0.label, labelRu: $0.labelRu, variants: $0.variants.map(\.id),
                                    variantLabels: $0.variants.map { VariantEntry(id: $0.id, label: $0.label, labelRu: $0.labelRu) })
                },
                total: scenarios.count,
                scenarios: scenarios.map { s in
                    ScenarioEntry(variants: named(s.variants), inconsistency: s.inconsistency, totalImpactScore: s.totalImpactScore,
                                  volume: basins.map { $0[.fixedPoint(s.variants)] ?? 0 })
                }, cycles: cycles, cycleVolume: cycleVolume)))
        case .csv:
            let header = descriptors.map(\.id) + ["inconsistency", "total_impact_score"] + (basins == nil ? [] : ["volume"])
            try Console.data(CSVText.render([header] + scenarios.map { s in
                zip(descriptors, s.variants).map { $0.variants[$1].id } + [String(s.inconsistency), String(s.totalImpactScore)]
                    + (basins.map { [String($0[.fixedPoint(s.variants)] ?? 0)] } ?? [])
            }, guardFormulas: true))
        case .table:
            let header = ["#"] + descriptors.map(\.id) + ["score", "inconsistency"] + (basins == nil ? [] : ["volume"])
            let rows = scenarios.enumerated().map { n, s in
                [String(n + 1)] + zip(descriptors, s.variants).map { $0.variants[$1].id } + [String(s.totalImpactScore), String(s.inconsistency)]
                    + (basins.map { [String($0[.fixedPoint(s.variants)] ?? 0)] } ?? [])
            }
            let footer = cycles.map { "\($0.count) cycle(s), reached from \(cycleVolume ?? 0) scenario(s)." }
            try Console.table(TextTable(header: header, rows: rows,
                                        title: "\(scenarios.count) scenario(s) with inconsistency ≤ \(maxInconsistency) among \(String(format: "%.0f", matrix.scenarioCount)):",
                                        footer: footer).text)
        }
    }
}
extension Succession.Rule: ExpressibleByArgument {}
