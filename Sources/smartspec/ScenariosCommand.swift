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
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard maxInconsistency >= 0 else { throw ValidationError("--max-inconsistency must not be negative.") }
        guard maxScenarios >= 1 else { throw ValidationError("--max-scenarios must be at least 1.") }
    }

    struct DescriptorEntry: Encodable { var id: String, label: String, variants: [String] }
    struct ScenarioEntry: Encodable { var variants: [String: String], inconsistency: Int, totalImpactScore: Int }
    struct Document: Encodable { var descriptors: [DescriptorEntry], total: Int, scenarios: [ScenarioEntry] }

    func run() throws {
        let matrix = try StudyInput.matrix(file)
        let scenarios = try CIBSolver(matrix: matrix, maxInconsistency: maxInconsistency, limit: maxScenarios).solve()
        let descriptors = matrix.descriptors
        switch output.format {
        case .json:
            Console.print(try Console.json(Document(
                descriptors: descriptors.map { DescriptorEntry(id: $0.id, label: $0.label, variants: $0.variants.map(\.id)) },
                total: scenarios.count,
                scenarios: scenarios.map { s in
                    ScenarioEntry(variants: Dictionary(uniqueKeysWithValues: zip(descriptors, s.variants).map { ($0.id, $0.variants[$1].id) }),
                                  inconsistency: s.inconsistency, totalImpactScore: s.totalImpactScore)
                })))
        case .csv:
            let header = descriptors.map(\.id) + ["inconsistency", "total_impact_score"]
            Console.print(CSVText.render([header] + scenarios.map { s in
                zip(descriptors, s.variants).map { $0.variants[$1].id } + [String(s.inconsistency), String(s.totalImpactScore)]
            }, guardFormulas: true))
        case .table:
            var lines = ["\(scenarios.count) scenario(s) with inconsistency ≤ \(maxInconsistency) among \(String(format: "%.0f", matrix.scenarioCount)):"]
            for (n, s) in scenarios.enumerated() {
                let text = zip(descriptors, s.variants).map { "\($0.id)=\($0.variants[$1].id)" }.joined(separator: "  ")
                lines.append("\(n + 1). [score \(s.totalImpactScore), inconsistency \(s.inconsistency)] \(text)")
            }
            Console.print(lines.joined(separator: "\n"))
        }
    }
}
