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
    @Option(name: .customLong("max-inconsistency"), help: "Also list scenarios with inconsistency up to this value.") var maxInconsistency: Int = 0
    @Option(name: .customLong("max-scenarios"), help: "Stop with an error when more scenarios than this match.") var maxScenarios: Int = 1_000_000
    @Option(help: "Succession analysis for volume weights: global or local (follows the succession from every scenario).") var succession: Succession.Rule?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard maxInconsistency >= 0 else { throw ValidationError("--max-inconsistency must not be negative.") }
        guard maxScenarios >= 1 else { throw ValidationError("--max-scenarios must be at least 1.") }
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
            Console.print(try Console.json(Document(
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
            Console.print(CSVText.render([header] + scenarios.map { s in
                zip(descriptors, s.variants).map { $0.variants[$1].id } + [String(s.inconsistency), String(s.totalImpactScore)]
                    + (basins.map { [String($0[.fixedPoint(s.variants)] ?? 0)] } ?? [])
            }, guardFormulas: true))
        case .table:
            var lines = ["\(scenarios.count) scenario(s) with inconsistency ≤ \(maxInconsistency) among \(String(format: "%.0f", matrix.scenarioCount)):"]
            for (n, s) in scenarios.enumerated() {
                let text = zip(descriptors, s.variants).map { "\($0.id)=\($0.variants[$1].id)" }.joined(separator: "  ")
                let volume = basins.map { ", volume \($0[.fixedPoint(s.variants)] ?? 0)" } ?? ""
                lines.append("\(n + 1). [score \(s.totalImpactScore), inconsistency \(s.inconsistency)\(volume)] \(text)")
            }
            if let cycles, let cycleVolume { lines.append("\(cycles.count) cycle(s), reached from \(cycleVolume) scenario(s).") }
            Console.print(lines.joined(separator: "\n"))
        }
    }
}
extension Succession.Rule: ExpressibleByArgument {}
