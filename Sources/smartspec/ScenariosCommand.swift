import ArgumentParser
import Foundation
import SmartSpec

/// `smartspec scenarios`: consistent scenarios of a cross-impact matrix; of an ensemble of
/// matrices; under judgement uncertainty; under interventions.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Enumerate the consistent scenarios of a cross-impact balance (CIB) matrix exactly.",
        discussion: """
        Reads a study file (.yaml, Docs/study-file.md) or a ScenarioWizard project file (.scw). \
        With --ensemble, several panels' matrices are compared; with --uncertainty, the judgements are \
        perturbed in seeded samples; with --fix, descriptors are held at a variant. Method: Methodology/foresight.md.
        """)

    @Argument(help: "The study (.yaml) or ScenarioWizard file (.scw).", completion: .file(extensions: ["yaml", "yml", "scw"])) var file: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("\(OptionMeaning.ensemble) Compared as an ensemble.", valueName: "file"), completion: .file(extensions: ["yaml", "yml", "scw"]))
    var ensemble: [String] = []
    @Option(name: .customLong("max-inconsistency"), help: ArgumentHelp("\(OptionMeaning.maxInconsistency) (range: 0 or more)")) var maxInconsistency: Int = 0
    @Option(name: .customLong("max-scenarios"), help: ArgumentHelp("\(OptionMeaning.maxScenarios) (range: 1 or more)")) var maxScenarios: Int = 1_000_000
    @Option(help: ArgumentHelp("\(OptionMeaning.succession) Given, every scenario's basin size (volume) is computed by following the succession from every scenario."))
    var succession: Succession.Rule?
    @OptionGroup var uncertainty: UncertaintyOptions
    @Option(name: .customLong("fix"), help: ArgumentHelp(OptionMeaning.fix, valueName: "descriptor=variant")) var fixes: [String] = []
    @Option(help: ArgumentHelp("Follow a pathway over this many periods from the start scenario, with the study's lagged impacts (Docs/study-file.md, pathways; range: 1–1000).", valueName: "P"))
    var periods: Int?
    @Option(help: ArgumentHelp("The pathway's start scenario, one DESCRIPTOR=VARIANT per descriptor (default: the study's pathways.start).", valueName: "descriptor=variant"))
    var start: [String] = []
    @OptionGroup var sharding: ShardOption
    @Option(help: ArgumentHelp("\(OptionMeaning.out) Here: with --shard, the part's folder."), completion: .directory) var out: String?
    @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if try sharding.parsed() != nil {
            guard uncertainty.isRequested else { throw ValidationError("--shard splits the samples of --uncertainty; give --uncertainty U.") }
            guard out != nil else { throw ValidationError("--shard writes a part folder: give --out PART.") }
            guard output.format != .table else { throw ValidationError("--shard writes csv or json parts; give --format csv or --format json.") }
        } else if out != nil {
            throw ValidationError("--out is the part folder of a sharded run; give --shard I/N too (without it scenarios prints to standard output).")
        }
        try OptionCheck.integer(maxInconsistency, 0...Int.max, "--max-inconsistency")
        try OptionCheck.integer(maxScenarios, 1...Int.max, "--max-scenarios")
        try uncertainty.check()
        switch (file, ensemble.isEmpty) {
        case (nil, true): throw ValidationError("Give a study or ScenarioWizard file, or --ensemble FILE FILE ….")
        case (.some, false): throw ValidationError("Give either one file or --ensemble FILE FILE …, not both.")
        default: break
        }
        if !ensemble.isEmpty, uncertainty.isRequested || !fixes.isEmpty || succession != nil {
            throw ValidationError("--ensemble compares the members as they are; it cannot be combined with --uncertainty, --fix or --succession.")
        }
        if uncertainty.isRequested, !fixes.isEmpty || succession != nil {
            throw ValidationError("--uncertainty cannot be combined with --fix or --succession.")
        }
        if !fixes.isEmpty, succession != nil { throw ValidationError("--succession cannot be combined with --fix.") }
        if let periods {
            try OptionCheck.integer(periods, 1...1_000, "--periods")
            if !ensemble.isEmpty || uncertainty.isRequested || !fixes.isEmpty {
                throw ValidationError("--periods follows one study's pathway; it cannot be combined with --ensemble, --uncertainty or --fix.")
            }
        } else if !start.isEmpty { throw ValidationError("--start is the start of a pathway; give --periods too.") }
    }

    func run() throws {
        if !ensemble.isEmpty { return try runEnsemble() }
        if let periods { return try runPathway(periods) }
        let matrix = try StudyInput.matrix(file!)
        if uncertainty.isRequested { return try runUncertainty(matrix) }
        let fixed = try FixedVariants.parse(fixes, in: matrix, option: "--fix")
        let scenarios = try CIBSolver(matrix: matrix, maxInconsistency: maxInconsistency, limit: maxScenarios, fixed: fixed)
            .solve(progress: matrix.scenarioCount > 1e8 ? ProgressReporter.make("scenarios") : nil)
        try ScenarioListOutput(matrix: matrix, scenarios: scenarios, maxInconsistency: maxInconsistency, succession: succession,
                               fixed: fixed).print(output.format)
    }

    // MARK: Ensemble

    struct MemberEntry: Encodable { var file: String, consistent: Int }
    struct MemberFigures: Encodable { var inconsistency: Int, totalImpactScore: Int }
    struct EnsembleScenarioEntry: Encodable {
        var variants: [String: String], consistentIn: Int, perMember: [MemberFigures], consistentInMean: Bool, consistentInSum: Bool
    }
    struct EnsembleDocument: Encodable { var members: [MemberEntry], maxInconsistency: Int, scenarios: [EnsembleScenarioEntry] }

    private func runEnsemble() throws {
        let matrices = try ensemble.map(StudyInput.matrix)
        let names = ensemble.map { URL(fileURLWithPath: $0).lastPathComponent }
        let panel = try CIBEnsemble(members: matrices, names: names)
        let scenarios = try panel.analyse(maxInconsistency: maxInconsistency, limit: maxScenarios,
                                          progress: matrices.count > 50 ? ProgressReporter.make("ensemble") : nil)
        let matrix = matrices[0], descriptors = matrix.descriptors
        let members = names.indices.map { k in MemberEntry(file: names[k], consistent: scenarios.filter { $0.perMember[k].inconsistency <= maxInconsistency }.count) }
        switch output.format {
        case .json:
            try Console.data(try Console.json(EnsembleDocument(members: members, maxInconsistency: maxInconsistency, scenarios: scenarios.map {
                EnsembleScenarioEntry(variants: matrix.variantIDs($0.variants), consistentIn: $0.consistentIn,
                                      perMember: $0.perMember.map { MemberFigures(inconsistency: $0.inconsistency, totalImpactScore: $0.totalImpactScore) },
                                      consistentInMean: $0.consistentInMean, consistentInSum: $0.consistentInSum)
            })))
        case .csv:
            let header = descriptors.map(\.id) + ["consistent_in", "consistent_in_mean", "consistent_in_sum"]
                + names.indices.flatMap { ["inconsistency_\($0 + 1)", "total_impact_score_\($0 + 1)"] }
            try Console.data(CSVText.render([header] + scenarios.map { s in
                zip(descriptors, s.variants).map { $0.variants[$1].id } + [String(s.consistentIn), String(s.consistentInMean), String(s.consistentInSum)]
                    + s.perMember.flatMap { [String($0.inconsistency), String($0.totalImpactScore)] }
            }, guardFormulas: true))
        case .table:
            let header = ["#"] + descriptors.map(\.id) + ["members", "mean", "sum"]
            let rows = scenarios.enumerated().map { n, s in
                [String(n + 1)] + zip(descriptors, s.variants).map { $0.variants[$1].id }
                    + ["\(s.consistentIn)/\(matrices.count)", s.consistentInMean ? "yes" : "no", s.consistentInSum ? "yes" : "no"]
            }
            let footer = members.enumerated().map { "member \($0 + 1) \($1.file): \($1.consistent) scenario(s)" }.joined(separator: "\n")
            try Console.table(TextTable(header: header, rows: rows,
                                        title: "\(scenarios.count) scenario(s) with inconsistency ≤ \(maxInconsistency) in at least one of \(matrices.count) members:",
                                        footer: footer).text)
        }
    }

    // MARK: Uncertainty


    private func runUncertainty(_ matrix: CrossImpactMatrix) throws {
        let model = try JudgementUncertainty(base: matrix, spread: uncertainty.uncertainty!, keepSign: uncertainty.keepSign, seed: uncertainty.seed)
        if let shard = try sharding.parsed(), let out {
            let range = shard.range(of: uncertainty.samples)
            let counts = try model.counts(samples: range, maxInconsistency: maxInconsistency, limit: maxScenarios, progress: ProgressReporter.make("samples"))
            let manifest = PartFolder.manifest(command: "scenarios --uncertainty", input: try UncertaintyParts.sha256(file!), shard: shard,
                                               units: uncertainty.samples, files: [UncertaintyParts.fileName],
                                               extra: try RecordedCommand.current())
            return try PartFolder.write(URL(fileURLWithPath: out), files: [(UncertaintyParts.fileName, try UncertaintyParts.encode(counts))],
                                        manifest: manifest, force: force, inputs: [URL(fileURLWithPath: file!)])
        }
        let scenarios = try model.analyse(samples: uncertainty.samples, maxInconsistency: maxInconsistency, limit: maxScenarios,
                                          progress: ProgressReporter.make("samples"))
        let text = try UncertaintyOutput(matrix: matrix, model: model, samples: uncertainty.samples, maxInconsistency: maxInconsistency,
                                         scenarios: scenarios).text(output.format)
        try Console.print(text, as: output.format)
    }

    // MARK: Pathways

    struct PeriodEntry: Encodable { var period: Int, variants: [String: String], inconsistency: Int, totalImpactScore: Int, cycleLength: Int? }
    struct PathwayDocument: Encodable { var rule: String, periods: [PeriodEntry] }

    private func runPathway(_ periods: Int) throws {
        let study = try StudyInput.study(file!)
        guard let matrix = study.matrix else { throw ForesightError.studyWithoutMatrix }
        guard let lagged = study.laggedImpacts else { throw ForesightError.studyWithoutPathways }
        let startScenario: [Int]
        if start.isEmpty {
            guard let given = study.pathwayStart else { throw ForesightError.pathwayWithoutStart }
            startScenario = given
        } else {
            let chosen = try FixedVariants.parse(start, in: matrix, option: "--start")
            let missing = matrix.descriptors.indices.filter { chosen[$0] == nil }.map { matrix.descriptors[$0].id }
            guard missing.isEmpty else { throw ForesightError.incompleteStart(missing: missing) }
            startScenario = matrix.descriptors.indices.map { chosen[$0]! }
        }
        let rule = succession ?? .global
        let path = Pathway(matrix: matrix, lagged: lagged).run(from: startScenario, periods: periods, rule: rule)
        let descriptors = matrix.descriptors
        switch output.format {
        case .json:
            try Console.data(try Console.json(PathwayDocument(rule: rule.rawValue, periods: path.map {
                PeriodEntry(period: $0.period, variants: matrix.variantIDs($0.variants), inconsistency: $0.inconsistency,
                            totalImpactScore: $0.totalImpactScore, cycleLength: $0.cycleLength)
            })))
        case .csv:
            try Console.data(CSVText.render([["period"] + descriptors.map(\.id) + ["inconsistency", "total_impact_score", "cycle_length"]] + path.map { p in
                [String(p.period)] + zip(descriptors, p.variants).map { $0.variants[$1].id }
                    + [String(p.inconsistency), String(p.totalImpactScore), p.cycleLength.map(String.init) ?? ""]
            }, guardFormulas: true))
        case .table:
            let rows = path.map { p in
                [String(p.period)] + zip(descriptors, p.variants).map { $0.variants[$1].id }
                    + [String(p.totalImpactScore), p.cycleLength.map { "cycle of \($0)" } ?? (p.period == 0 ? "start" : "fixed point")]
            }
            try Console.table(TextTable(header: ["period"] + descriptors.map(\.id) + ["score", "end"], rows: rows,
                                        title: "Pathway over \(periods) period(s), \(rule.rawValue) succession:").text)
        }
    }
}
extension Succession.Rule: ExpressibleByArgument {}

/// The output of `scenarios --uncertainty` (printed, or written by `merge` from parts).
struct UncertaintyOutput {
    let matrix: CrossImpactMatrix, model: JudgementUncertainty, samples: Int, maxInconsistency: Int
    let scenarios: [JudgementUncertainty.Scenario]

    struct ScenarioEntry: Encodable { var variants: [String: String], share: Double, interval: [Double], count: Int, base: Bool, rank: Int? }
    struct Document: Encodable {
        var samples: Int, uncertainty: Int, keepSign: Bool, seed: UInt64, maxInconsistency: Int, scenarios: [ScenarioEntry]
    }

    func text(_ format: OutputFormat) throws -> String {
        let descriptors = matrix.descriptors
        switch format {
        case .json:
            return try Console.json(Document(
                samples: samples, uncertainty: model.spread, keepSign: model.keepSign, seed: model.seed, maxInconsistency: maxInconsistency,
                scenarios: scenarios.map {
                    ScenarioEntry(variants: matrix.variantIDs($0.variants), share: OutputNumber.rounded($0.share),
                                  interval: [OutputNumber.rounded($0.interval.lowerBound), OutputNumber.rounded($0.interval.upperBound)],
                                  count: $0.count, base: $0.base, rank: $0.rank)
                }))
        case .csv:
            let header = descriptors.map(\.id) + ["share", "interval_low", "interval_high", "count", "base", "rank"]
            return CSVText.render([header] + scenarios.map { s in
                zip(descriptors, s.variants).map { $0.variants[$1].id }
                    + [OutputNumber.cell(s.share), OutputNumber.cell(s.interval.lowerBound), OutputNumber.cell(s.interval.upperBound),
                       String(s.count), String(s.base), s.rank.map(String.init) ?? ""]
            }, guardFormulas: true)
        case .table:
            let header = ["rank"] + descriptors.map(\.id) + ["share", "95% interval", "base"]
            let rows = scenarios.map { s in
                [s.rank.map(String.init) ?? "–"] + zip(descriptors, s.variants).map { $0.variants[$1].id }
                    + [OutputNumber.text(s.share, 3), "\(OutputNumber.text(s.interval.lowerBound, 3))–\(OutputNumber.text(s.interval.upperBound, 3))", s.base ? "yes" : "no"]
            }
            return TextTable(header: header, rows: rows,
                             title: "\(samples) sample(s), judgements ±\(model.spread)\(model.keepSign ? " (signs kept)" : ""), seed \(model.seed):").text
        }
    }
}

/// Parts of `scenarios --uncertainty --shard I/N`: each holds its samples' counts; the merge adds
/// them (samples depend on their index only) and writes what one run prints.
enum UncertaintyParts {
    static let fileName = "counts.json"

    struct Count: Codable { var variants: [Int], count: Int }

    static func sha256(_ path: String) throws -> String { DatasetFingerprint.sha256(try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func encode(_ counts: [[Int]: Int]) throws -> String {
        let list = counts.map { Count(variants: $0.key, count: $0.value) }.sorted { $0.variants.lexicographicallyPrecedes($1.variants) }
        return String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
    }

    static func merge(_ parts: [(path: String, manifest: ShardManifest)], out: String, force: Bool) throws {
        var counts: [[Int]: Int] = [:]
        for part in parts {
            guard let data = FileManager.default.contents(atPath: URL(fileURLWithPath: part.path).appendingPathComponent(fileName).path),
                  let list = try? JSONDecoder().decode([Count].self, from: data) else { throw ShardError.incomplete(part: part.path, file: fileName) }
            for entry in list { counts[entry.variants, default: 0] += entry.count }
        }
        let target = URL(fileURLWithPath: out).standardizedFileURL.path
        // The run's settings, read back from its command line in the folder it ran in.
        try RecordedCommand.rerun(parts, as: ScenariosCommand.self) { command in
            guard let file = command.file, let spread = command.uncertainty.uncertainty else { throw ShardError.notAPart(parts[0].path) }
            try RecordedCommand.checkInput(try sha256(file), parts)
            let matrix = try StudyInput.matrix(file)
            let model = try JudgementUncertainty(base: matrix, spread: spread, keepSign: command.uncertainty.keepSign, seed: command.uncertainty.seed)
            let samples = command.uncertainty.samples
            let scenarios = try model.summary(counts: counts, samples: samples, maxInconsistency: command.maxInconsistency, limit: command.maxScenarios)
            let text = try UncertaintyOutput(matrix: matrix, model: model, samples: samples, maxInconsistency: command.maxInconsistency,
                                             scenarios: scenarios).text(command.output.format)
            try OutputRecord.writePrinted(text, to: target, force: force, inputs: [URL(fileURLWithPath: file)])
        }
        Console.message("Merged \(parts.count) part(s) of scenarios --uncertainty into \(out).")
    }
}

/// The options of judgement uncertainty.
struct UncertaintyOptions: ParsableArguments {
    @Option(help: ArgumentHelp(OptionMeaning.uncertainty, valueName: "U")) var uncertainty: Int?
    @Option(help: ArgumentHelp(OptionMeaning.samples, valueName: "K")) var samples: Int = 1_000
    @Option(help: ArgumentHelp(OptionMeaning.seed)) var seed: UInt64 = 1
    @Flag(name: .customLong("keep-sign"), help: ArgumentHelp(OptionMeaning.keepSign)) var keepSign = false

    var isRequested: Bool { uncertainty != nil }

    func check() throws {
        if let uncertainty { try OptionCheck.integer(uncertainty, 0...JudgementUncertainty.largestSpread, "--uncertainty") }
        try OptionCheck.integer(samples, 1...JudgementUncertainty.mostSamples, "--samples")
    }
}

/// `DESCRIPTOR=VARIANT` values of --fix and --target.
enum FixedVariants {
    static func parse(_ values: [String], in matrix: CrossImpactMatrix, option: String) throws -> [Int: Int] {
        var fixed: [Int: Int] = [:]
        for value in values {
            let (d, v) = try one(value, in: matrix, option: option)
            guard fixed[d] == nil else { throw ForesightError.descriptorFixedTwice(matrix.descriptors[d].id) }
            fixed[d] = v
        }
        return fixed
    }

    static func one(_ value: String, in matrix: CrossImpactMatrix, option: String) throws -> (Int, Int) {
        let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let found = matrix.indices(descriptor: parts[0], variant: parts[1]) else {
            throw ForesightError.unknownVariant(value, option: option)
        }
        return found
    }
}

/// The plain scenario list in the three output styles (shared by `scenarios` and its --fix).
struct ScenarioListOutput {
    let matrix: CrossImpactMatrix
    let scenarios: [CIBScenario]
    let maxInconsistency: Int
    let succession: Succession.Rule?
    let fixed: [Int: Int]

    struct VariantEntry: Encodable { var id: String, label: String, labelRu: String? }
    struct DescriptorEntry: Encodable { var id: String, label: String, labelRu: String?, variants: [String], variantLabels: [VariantEntry] }
    struct ScenarioEntry: Encodable { var variants: [String: String], inconsistency: Int, totalImpactScore: Int, volume: Int? }
    struct Document: Encodable {
        var descriptors: [DescriptorEntry], fixed: [String: String]?, total: Int, scenarios: [ScenarioEntry], cycles: [[[String: String]]]?, cycleVolume: Int?
    }

    func print(_ format: OutputFormat) throws {
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
        let fixedIDs = fixed.isEmpty ? nil : Dictionary(uniqueKeysWithValues: fixed.map { (descriptors[$0.key].id, descriptors[$0.key].variants[$0.value].id) })
        switch format {
        case .json:
            try Console.data(try Console.json(Document(
                descriptors: descriptors.map {
                    DescriptorEntry(id: $0.id, label: $0.label, labelRu: $0.labelRu, variants: $0.variants.map(\.id),
                                    variantLabels: $0.variants.map { VariantEntry(id: $0.id, label: $0.label, labelRu: $0.labelRu) })
                },
                fixed: fixedIDs,
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
            var notes: [String] = []
            if let fixedIDs { notes.append("held: " + fixedIDs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")) }
            if let cycles { notes.append("\(cycles.count) cycle(s), reached from \(cycleVolume ?? 0) scenario(s).") }
            try Console.table(TextTable(header: header, rows: rows,
                                        title: "\(scenarios.count) scenario(s) with inconsistency ≤ \(maxInconsistency) among \(String(format: "%.0f", matrix.scenarioCount)):",
                                        footer: notes.isEmpty ? nil : notes.joined(separator: "\n")).text)
        }
    }
}

/// `smartspec levers`: which descriptors, held at a variant, make a target variant part of a consistent scenario.
struct LeversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "levers",
        abstract: "Policy levers: which descriptor held at a variant makes scenarios containing a target variant consistent.",
        discussion: "Every single-descriptor intervention is searched exactly (ScenarioWizard's intervention mode). Method: Methodology/foresight.md.")

    @Argument(help: "The study (.yaml) or ScenarioWizard file (.scw).", completion: .file(extensions: ["yaml", "yml", "scw"])) var file: String
    @Option(help: ArgumentHelp("The variant to reach, as DESCRIPTOR=VARIANT.", valueName: "descriptor=variant")) var target: String
    @Option(name: .customLong("max-inconsistency"), help: ArgumentHelp("\(OptionMeaning.maxInconsistency) (range: 0 or more)")) var maxInconsistency: Int = 0
    @Option(name: .customLong("max-scenarios"), help: ArgumentHelp("\(OptionMeaning.maxScenarios) (range: 1 or more)")) var maxScenarios: Int = 1_000_000
    @OptionGroup var output: OutputOptions

    struct LeverEntry: Encodable { var descriptor: String, variant: String, scenariosWithTarget: Int, scenarios: Int }
    struct Document: Encodable { var target: [String: String], withoutIntervention: Int, holdingTarget: Int, levers: [LeverEntry] }

    func validate() throws {
        try OptionCheck.integer(maxInconsistency, 0...Int.max, "--max-inconsistency")
        try OptionCheck.integer(maxScenarios, 1...Int.max, "--max-scenarios")
    }

    func run() throws {
        let matrix = try StudyInput.matrix(file)
        let (d, v) = try FixedVariants.one(target, in: matrix, option: "--target")
        let result = try PolicyLevers.analyse(matrix, target: (d, v), maxInconsistency: maxInconsistency, limit: maxScenarios)
        let descriptors = matrix.descriptors
        let levers = result.levers.map {
            LeverEntry(descriptor: descriptors[$0.descriptor].id, variant: descriptors[$0.descriptor].variants[$0.variant].id,
                       scenariosWithTarget: $0.scenariosWithTarget, scenarios: $0.scenarios)
        }
        let targetID = [descriptors[d].id: descriptors[d].variants[v].id]
        switch output.format {
        case .json:
            try Console.data(try Console.json(Document(target: targetID, withoutIntervention: result.withoutIntervention,
                                                       holdingTarget: result.holdingTarget, levers: levers)))
        case .csv:
            try Console.data(CSVText.render([["descriptor", "variant", "scenarios_with_target", "scenarios"]]
                + levers.map { [$0.descriptor, $0.variant, String($0.scenariosWithTarget), String($0.scenarios)] }, guardFormulas: true))
        case .table:
            try Console.table(TextTable(header: ["hold", "scenarios with target", "scenarios"],
                                        rows: levers.map { ["\($0.descriptor)=\($0.variant)", String($0.scenariosWithTarget), String($0.scenarios)] },
                                        title: "Levers for \(descriptors[d].id)=\(descriptors[d].variants[v].id): without intervention \(result.withoutIntervention) consistent scenario(s) contain it; holding it directly, \(result.holdingTarget).").text)
        }
    }
}
