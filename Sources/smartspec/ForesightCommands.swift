import ArgumentParser
import Foundation
import SmartSpec

extension Statistics.QuantileType: ExpressibleByArgument {}
extension TOPSIS.Normalisation: ExpressibleByArgument {}
extension AHP.RandomIndexTable: ExpressibleByArgument {}

/// Loading of foresight inputs: a YAML study, or a ScenarioWizard file for the matrix alone.
enum StudyInput {
    static func study(_ path: String, forceAHP: Bool = false) throws -> ForesightStudy {
        try ForesightStudy.read(URL(fileURLWithPath: path), forceAHP: forceAHP)
    }

    static func matrix(_ path: String) throws -> CrossImpactMatrix {
        let url = URL(fileURLWithPath: path)
        if ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
            guard let matrix = try study(path).matrix else { throw ForesightError.studyWithoutMatrix }
            return matrix
        }
        let matrix = try ScenarioWizardReader.parse(try TextFile.readText(url).get(), file: url.lastPathComponent)
        for warning in matrix.warnings { Console.warn(warning) }
        return matrix
    }
}

/// The study-file argument of the foresight commands.
struct StudyArgument: ParsableArguments {
    @Argument(help: ArgumentHelp(OptionMeaning.study), completion: .file(extensions: ["yaml", "yml"])) var file: String
}

/// `smartspec micmac`.
struct MICMACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "micmac", abstract: "MICMAC structural analysis of a study's direct-influence matrix.")
    @OptionGroup var input: StudyArgument
    @Option(help: "Value given to potential influences (P); 0 ignores them (range: 0 or more, finite).") var potential: Double = 0
    @Option(name: .customLong("influence-cut"), help: "Cut line for influence (default: the mean; range: finite).") var influenceCut: Double?
    @Option(name: .customLong("dependence-cut"), help: "Cut line for dependence (default: the mean; range: finite).") var dependenceCut: Double?
    @OptionGroup var output: OutputOptions

    struct Row: Encodable { var id: String, label: String, directInfluence: Double, directDependence: Double, indirectInfluence: Double, indirectDependence: Double, quadrant: String }
    struct Document: Encodable { var power: Int, variables: [Row] }

    func validate() throws {
        try OptionCheck.number(potential, atLeast: 0, "--potential")
        if let influenceCut { try OptionCheck.number(influenceCut, -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, "--influence-cut") }
        if let dependenceCut { try OptionCheck.number(dependenceCut, -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, "--dependence-cut") }
    }

    func run() throws {
        let study = try StudyInput.study(input.file)
        guard !study.micmacVariables.isEmpty else { throw ForesightError.studyWithoutMICMAC }
        let result = try MICMAC(matrix: study.micmacMatrix(potential: potential), influenceCut: influenceCut, dependenceCut: dependenceCut)
        if !result.stable {
            Console.warn("the influence rankings had not settled by power \(result.power) (the influence graph may be periodic); the last power is reported.")
        }
        let rows = study.micmacVariables.enumerated().map { i, v in
            Row(id: v.id, label: v.label, directInfluence: result.directInfluence[i], directDependence: result.directDependence[i],
                indirectInfluence: OutputNumber.rounded(result.indirectInfluence[i]), indirectDependence: OutputNumber.rounded(result.indirectDependence[i]),
                quadrant: result.quadrants[i].rawValue)
        }
        let header = ["variable", "direct_influence", "direct_dependence", "indirect_influence", "indirect_dependence", "quadrant"]
        switch output.format {
        case .json: try Console.data(try Console.json(Document(power: result.power, variables: rows)))
        case .csv:
            try Console.data(CSVText.render([header] + rows.map {
                [$0.id, "\($0.directInfluence)", "\($0.directDependence)", "\($0.indirectInfluence)", "\($0.indirectDependence)", $0.quadrant]
            }, guardFormulas: true))
        case .table:
            try Console.table(TextTable(header: header, rows: rows.map {
                [$0.id, OutputNumber.text($0.directInfluence, 2), OutputNumber.text($0.directDependence, 2),
                 OutputNumber.text($0.indirectInfluence, 4), OutputNumber.text($0.indirectDependence, 4), $0.quadrant]
            }, footer: "rankings stable from power \(result.power)").text)
        }
    }
}

/// `smartspec ahp`.
struct AHPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ahp", abstract: "Criterion weights from a study's AHP comparisons, with λmax, CI and CR.")
    @OptionGroup var input: StudyArgument
    @Flag(name: .customLong("accept-inconsistent"), help: "Accept a consistency ratio above 0.1.") var acceptInconsistent = false
    @Flag(name: .customLong("force"), help: .hidden) var oldForce = false
    @Option(name: .customLong("random-index"), help: "Random-index table of the consistency ratio.") var randomIndex: AHP.RandomIndexTable = .saaty1980
    @OptionGroup var output: OutputOptions

    struct Document: Encodable { var weights: [String: Double], lambdaMax: Double, consistencyIndex: Double, consistencyRatio: Double }

    func run() throws {
        let accept = DeprecatedOption.flag(acceptInconsistent, oldForce, current: "--accept-inconsistent", old: "--force (of ahp)")
        let study = try StudyInput.study(input.file, forceAHP: accept)
        guard let comparisons = study.ahpComparisons else { throw ForesightError.studyWithoutAHP }
        let ahp = try AHP(comparisons: comparisons, randomIndex: randomIndex.values, force: accept)
        let ids = study.criteria.map(\.item.id)
        let document = Document(weights: Dictionary(uniqueKeysWithValues: zip(ids, ahp.weights)), lambdaMax: ahp.lambdaMax,
                                consistencyIndex: ahp.consistencyIndex, consistencyRatio: ahp.consistencyRatio)
        switch output.format {
        case .json: try Console.data(try Console.json(document))
        case .csv:
            try Console.data(CSVText.render([["criterion", "weight"]] + ids.indices.map { [ids[$0], OutputNumber.cell(ahp.weights[$0])] }, guardFormulas: true))
        case .table:
            try Console.table(TextTable(header: ["criterion", "weight"], rows: ids.indices.map { [ids[$0], OutputNumber.text(ahp.weights[$0], 4)] },
                                        footer: "λmax \(OutputNumber.text(ahp.lambdaMax, 4)), CI \(OutputNumber.text(ahp.consistencyIndex, 4)), CR \(OutputNumber.text(ahp.consistencyRatio, 4))").text)
        }
    }
}

/// A multi-criteria method named on the command line: any id of ``MultiCriteriaMethods``' registry.
struct MultiCriteriaMethodName: ExpressibleByArgument, Equatable {
    var id: String
    init?(argument: String) {
        guard MultiCriteriaMethods.ids.contains(argument) else { return nil }
        id = argument
    }
    init(_ id: String) { self.id = id }
    static var allValueStrings: [String] { MultiCriteriaMethods.ids }
    var defaultValueDescription: String { id }
}

/// `smartspec mcda`.
struct MCDACommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mcda",
        abstract: "Rank a study's priorities on its criteria (latest-round median expert ratings) by TOPSIS, VIKOR, PROMETHEE II or weighted sum.")
    @OptionGroup var input: StudyArgument
    @Option(help: ArgumentHelp(OptionMeaning.method)) var method: MultiCriteriaMethodName = MultiCriteriaMethodName("topsis")
    @Option(help: "TOPSIS column normalisation.") var normalisation: TOPSIS.Normalisation = .vector
    @Option(name: .customLong("vikor-v"), help: "VIKOR weight of the group utility (range: 0–1).") var vikorV: Double = 0.5
    @Option(name: .customLong("v"), help: .hidden) var oldV: Double?
    @OptionGroup var output: OutputOptions

    struct Row: Encodable { var priority: String, label: String, score: Double, rank: Int }

    func validate() throws {
        try OptionCheck.number(try resolvedV(), 0...1, "--vikor-v")
    }

    private func resolvedV() throws -> Double {
        if let oldV {
            DeprecatedOption.warn(old: "--v", current: "--vikor-v")
            return oldV
        }
        return vikorV
    }

    func run() throws {
        let study = try StudyInput.study(input.file)
        let parameters = MultiCriteriaParameters(normalisation: normalisation, vikorV: oldV ?? vikorV)
        let chosen = MultiCriteriaMethods.method(method.id, parameters)!
        let ranking = MultiCriteriaRanking(try study.decisionMatrix(), method: chosen)
        let rows = ranking.order.map { Row(priority: study.priorities[$0].id, label: study.priorities[$0].label, score: ranking.scores[$0], rank: ranking.ranks[$0]) }
        switch output.format {
        case .json: try Console.data(try Console.json(rows))
        case .csv: try Console.data(CSVText.render([["rank", "priority", "score"]] + rows.map { [String($0.rank), $0.priority, OutputNumber.cell($0.score)] }, guardFormulas: true))
        case .table:
            try Console.table(TextTable(header: ["rank", "priority", "score", "label"], rows: rows.map { [String($0.rank), $0.priority, OutputNumber.text($0.score, 4), $0.label] },
                                        footer: "\(chosen.summary); \(chosen.higherIsBetter ? "higher" : "lower") is better").text)
        }
    }
}

/// `smartspec delphi`.
struct DelphiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delphi",
        abstract: "Aggregate expert ratings per item and round: median, quartiles (type 7), IQR, top-band share, consensus, stability.")
    @OptionGroup var input: StudyArgument
    @Option(name: .customLong("max-iqr"), help: "Consensus: largest interquartile range (range: 0 or more, finite).") var maxIQR: Double = 1
    @Option(name: .customLong("min-top-share"), help: "Consensus: smallest share of ratings in the top third of the scale (range: 0–1).") var minTopShare: Double = 0.7
    @Option(name: .customLong("quantile-type"), help: "Hyndman–Fan quantile type for median and quartiles.") var quantileType: Statistics.QuantileType = .seven
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var priority: String, criterion: String, round: Int, count: Int, median: Double, lowerQuartile: Double, upperQuartile: Double
        var interquartileRange: Double, topBandShare: Double, consensus: Bool, stability: Double?
    }

    func validate() throws {
        try OptionCheck.number(maxIQR, atLeast: 0, "--max-iqr")
        try OptionCheck.number(minTopShare, 0...1, "--min-top-share")
    }

    func run() throws {
        let study = try StudyInput.study(input.file)
        var rule = DelphiRule(scale: study.scale, maxInterquartileRange: maxIQR, minTopBandShare: minTopShare)
        rule.quantileType = quantileType
        let rows = try study.delphiRounds(rule: rule).map { r in
            Row(priority: r.priority, criterion: r.criterion, round: r.round, count: r.summary.count, median: r.summary.median,
                lowerQuartile: r.summary.lowerQuartile, upperQuartile: r.summary.upperQuartile, interquartileRange: r.summary.interquartileRange,
                topBandShare: r.summary.topBandShare, consensus: r.summary.consensus, stability: r.stability)
        }
        let header = ["priority", "criterion", "round", "n", "median", "q1", "q3", "iqr", "top_share", "consensus", "stability"]
        let cells = { (r: Row, number: (Double?) -> String) in
            [r.priority, r.criterion, String(r.round), String(r.count), number(r.median), number(r.lowerQuartile), number(r.upperQuartile),
             number(r.interquartileRange), number(r.topBandShare), r.consensus ? "yes" : "no", r.stability.map { number($0) } ?? ""]
        }
        switch output.format {
        case .json: try Console.data(try Console.json(rows))
        case .csv: try Console.data(CSVText.render([header] + rows.map { cells($0, OutputNumber.cell) }, guardFormulas: true))
        case .table: try Console.table(TextTable(header: header, rows: rows.map { cells($0) { OutputNumber.text($0, 2) } }).text)
        }
    }
}

/// `--scenario-weights`: `equal`, `volume`, or one probability per scenario.
struct ScenarioWeightsArgument: ExpressibleByArgument, Equatable {
    enum Choice: Equatable { case equal, volume, panels, given([Double]) }
    var choice: Choice

    init?(argument: String) {
        switch argument {
        case "equal": choice = .equal
        case "volume": choice = .volume
        case "panels": choice = .panels
        default:
            let values = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else { return nil }
            choice = .given(values.map { $0! })
        }
    }
    init(_ choice: Choice) { self.choice = choice }
    static var allValueStrings: [String] { ["equal", "volume", "panels", "p1,p2,..."] }
    var defaultValueDescription: String { "equal" }
}

/// `smartspec score`.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score",
        abstract: "Score a study's priorities in every consistent scenario and rank them robustly (expected value, maximin, maximax, Hurwicz, minimax regret).")
    @OptionGroup var input: StudyArgument
    @Option(help: "Hurwicz optimism α (range: 0–1).") var alpha: Double = 0.5
    @Option(name: .customLong("max-inconsistency"), help: ArgumentHelp("\(OptionMeaning.maxInconsistency) (range: 0 or more)")) var maxInconsistency: Int = 0
    @Option(name: .customLong("scenario-weights"),
            help: "Weights of the expected value: equal, volume (succession basin sizes of the study's own matrix), panels (each panel votes equally; needs panels) or comma-separated non-negative probabilities, one per scenario in listed order.")
    var scenarioWeights: ScenarioWeightsArgument = ScenarioWeightsArgument(.equal)
    @Option(help: ArgumentHelp("\(OptionMeaning.succession) Used with --scenario-weights volume.")) var succession: Succession.Rule = .global
    @Flag(name: .customLong("with-criteria"), help: "Add each priority's criteria score (weighted sum of its latest-round median ratings, min–max normalised, times the number of descriptors) in every scenario.") var withCriteria = false
    @Option(parsing: .upToNextOption, help: ArgumentHelp("\(OptionMeaning.ensemble) Added to the study's own and its panels: the scenarios are those consistent in at least one panel.", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml", "scw"]))
    var ensemble: [String] = []
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var priority: String, label: String, expected: Double, worst: Double, best: Double, hurwicz: Double, maxRegret: Double
        var topHalfShare: Double, robustness: PriorityRobustness, scores: [Double]
    }
    struct Document: Encodable { var scenarios: [[String: String]], panels: [String]?, scenarioPanels: [Int]?, priorities: [Row] }

    func validate() throws {
        try OptionCheck.number(alpha, 0...1, "--alpha")
        try OptionCheck.integer(maxInconsistency, 0...Int.max, "--max-inconsistency")
    }

    func run() throws {
        let study = try StudyInput.study(input.file)
        let panels = study.panels.map { (name: $0.id, matrix: $0.matrix) } + (try ensemble.map { (name: $0, matrix: try StudyInput.matrix($0)) })
        let panelNames = study.panelNames + ensemble.map { URL(fileURLWithPath: $0).lastPathComponent }
        let futures = try StudyScenarios(study, maxInconsistency: maxInconsistency, panels: panels)
        let choice: ScenarioWeighting = switch scenarioWeights.choice {
        case .equal: .equal
        case .volume: .volume(succession)
        case .panels: .panels
        case .given(let values): .given(values)
        }
        let weighting = try futures.weighting(choice, progress: ProgressReporter.make("succession"))
        let base = withCriteria ? try futures.criteriaBase(study) : nil
        let scoring = try PriorityScoring(impacts: study.impacts, scenarios: futures.activeVariants, base: base, weighting: weighting, alpha: alpha)
        let rows = study.priorities.indices.map { p in
            Row(priority: study.priorities[p].id, label: study.priorities[p].label, expected: scoring.expected[p],
                worst: scoring.worst[p], best: scoring.best[p], hurwicz: scoring.hurwicz[p], maxRegret: scoring.maxRegret[p],
                topHalfShare: scoring.topHalfShare[p], robustness: scoring.robustness[p], scores: scoring.scores[p])
        }.sorted {
            let (a, b) = (OutputNumber.rounded($0.expected), OutputNumber.rounded($1.expected))
            return a > b || (a == b && $0.priority < $1.priority)
        }
        let header = ["priority", "expected", "worst", "best", "hurwicz", "max_regret", "top_half_share", "robustness"]
        let cells = { (r: Row, number: (Double) -> String) in
            [r.priority, number(r.expected), number(r.worst), number(r.best), number(r.hurwicz), number(r.maxRegret), number(r.topHalfShare), r.robustness.rawValue]
        }
        switch output.format {
        case .json:
            try Console.data(try Console.json(Document(scenarios: futures.scenarios.map { futures.matrix.variantIDs($0.variants) },
                                                       panels: panels.isEmpty ? nil : panelNames, scenarioPanels: futures.panelSupport, priorities: rows)))
        case .csv: try Console.data(CSVText.render([header] + rows.map { cells($0) { OutputNumber.cell($0) } }, guardFormulas: true))
        case .table:
            try Console.table(TextTable(header: header, rows: rows.map { cells($0) { OutputNumber.text($0, 3) } },
                                        footer: "over \(futures.scenarios.count) consistent scenario(s)\(panels.isEmpty ? "" : " of \(panels.count + 1) panels")").text)
        }
    }
}
