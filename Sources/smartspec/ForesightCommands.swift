import ArgumentParser
import Foundation
import SmartSpec

/// Loading of foresight inputs: a YAML study, or a ScenarioWizard file for the matrix alone.
enum StudyInput {
    static func study(_ path: String, forceAHP: Bool = false) throws -> ForesightStudy {
        try ForesightStudy.read(URL(fileURLWithPath: path), forceAHP: forceAHP)
    }

    static func matrix(_ path: String) throws -> CrossImpactMatrix {
        let url = URL(fileURLWithPath: path)
        if ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
            guard let matrix = try study(path).matrix else {
                throw ValidationError("\(url.lastPathComponent) has no descriptors and cross-impacts.")
            }
            return matrix
        }
        let matrix = try ScenarioWizardReader.parse(try TextFile.readText(url).get(), file: url.lastPathComponent)
        for warning in matrix.warnings { Console.error("warning: \(warning)") }
        return matrix
    }

    /// Latest-round median rating of every priority on every criterion; missing pairs are an error.
    static func decisionValues(_ study: ForesightStudy) throws -> [[Double]] {
        guard !study.criteria.isEmpty, !study.priorities.isEmpty else {
            throw ValidationError("The study needs priorities and criteria (with weights or AHP comparisons).")
        }
        return try study.priorities.map { p in
            try study.criteria.map { c in
                let ratings = study.ratings.filter { $0.priority == p.id && $0.criterion == c.item.id }
                guard let round = ratings.map(\.round).max() else {
                    throw ValidationError("No expert rated priority '\(p.id)' on criterion '\(c.item.id)'.")
                }
                return Statistics.quantile(ratings.filter { $0.round == round }.map(\.value), 0.5)!
            }
        }
    }
}

/// `smartspec micmac`.
struct MICMACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "micmac", abstract: "MICMAC structural analysis of a study's direct-influence matrix.")
    @Argument(help: "The study file (.yaml).") var file: String
    @Option(help: "Value given to potential influences (P); 0 ignores them.") var potential: Double = 0
    @Option(name: .customLong("influence-cut"), help: "Cut line for influence (default: the mean).") var influenceCut: Double?
    @Option(name: .customLong("dependence-cut"), help: "Cut line for dependence (default: the mean).") var dependenceCut: Double?
    @OptionGroup var output: OutputOptions

    struct Row: Encodable { var id: String, label: String, directInfluence: Double, directDependence: Double, indirectInfluence: Double, indirectDependence: Double, quadrant: String }
    struct Document: Encodable { var power: Int, variables: [Row] }

    func run() throws {
        let study = try StudyInput.study(file)
        guard !study.micmacVariables.isEmpty else { throw ValidationError("The study has no 'micmac' section.") }
        let result = try MICMAC(matrix: study.micmacMatrix(potential: potential), influenceCut: influenceCut, dependenceCut: dependenceCut)
        if !result.stable {
            Console.error("warning: the influence rankings had not settled by power \(result.power) (the influence graph may be periodic); the last power is reported.")
        }
        let rows = study.micmacVariables.enumerated().map { i, v in
            Row(id: v.id, label: v.label, directInfluence: result.directInfluence[i], directDependence: result.directDependence[i],
                indirectInfluence: OutputNumber.rounded(result.indirectInfluence[i]), indirectDependence: OutputNumber.rounded(result.indirectDependence[i]),
                quadrant: result.quadrants[i].rawValue)
        }
        switch output.format {
        case .json: Console.print(try Console.json(Document(power: result.power, variables: rows)))
        case .csv, .table:
            Console.print(CSVText.render([["variable", "direct_influence", "direct_dependence", "indirect_influence", "indirect_dependence", "quadrant"]]
                + rows.map { [$0.id, "\($0.directInfluence)", "\($0.directDependence)", "\($0.indirectInfluence)", "\($0.indirectDependence)", $0.quadrant] },
                guardFormulas: true) + (output.format == .table ? "rankings stable from power \(result.power)" : ""))
        }
    }
}

/// `smartspec ahp`.
struct AHPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ahp", abstract: "Criterion weights from a study's AHP comparisons, with λmax, CI and CR.")
    @Argument(help: "The study file (.yaml).") var file: String
    @Flag(help: "Accept a consistency ratio above 0.1.") var force = false
    @Option(name: .customLong("random-index"), help: "Random-index table: saaty1980 (default), saaty2005 or donegan-dodd.") var randomIndex: String = "saaty1980"
    @OptionGroup var output: OutputOptions

    struct Document: Encodable { var weights: [String: Double], lambdaMax: Double, consistencyIndex: Double, consistencyRatio: Double }

    func run() throws {
        let study = try StudyInput.study(file, forceAHP: force)
        guard let comparisons = study.ahpComparisons else { throw ValidationError("The study gives criterion weights directly, not as AHP comparisons.") }
        guard let table = AHP.RandomIndexTable(rawValue: randomIndex) else {
            throw ValidationError("--random-index must be saaty1980, saaty2005 or donegan-dodd.")
        }
        let ahp = try AHP(comparisons: comparisons, randomIndex: table.values, force: force)
        let weights = Dictionary(uniqueKeysWithValues: zip(study.criteria.map(\.item.id), ahp.weights.map(OutputNumber.rounded)))
        let document = Document(weights: weights, lambdaMax: OutputNumber.rounded(ahp.lambdaMax),
                                consistencyIndex: OutputNumber.rounded(ahp.consistencyIndex), consistencyRatio: OutputNumber.rounded(ahp.consistencyRatio))
        switch output.format {
        case .json: Console.print(try Console.json(document))
        case .csv, .table:
            Console.print(CSVText.render([["criterion", "weight"]] + study.criteria.indices.map { [study.criteria[$0].item.id, "\(OutputNumber.rounded(ahp.weights[$0]))"] })
                + (output.format == .table ? "λmax \(OutputNumber.text(ahp.lambdaMax, 4)), CI \(OutputNumber.text(ahp.consistencyIndex, 4)), CR \(OutputNumber.text(ahp.consistencyRatio, 4))" : ""))
        }
    }
}

/// `smartspec mcda`.
struct MCDACommand: ParsableCommand {
    enum Method: String, ExpressibleByArgument, CaseIterable { case topsis, vikor, promethee, wsm }
    static let configuration = CommandConfiguration(commandName: "mcda",
        abstract: "Rank a study's priorities on its criteria (latest-round median expert ratings) by TOPSIS, VIKOR, PROMETHEE II or weighted sum.")
    @Argument(help: "The study file (.yaml).") var file: String
    @Option(help: "topsis, vikor, promethee or wsm.") var method: Method = .topsis
    @Option(help: "TOPSIS normalisation: vector or minmax.") var normalisation: String = "vector"
    @Option(help: "VIKOR weight of the group utility.") var v: Double = 0.5
    @OptionGroup var output: OutputOptions

    struct Row: Encodable { var priority: String, label: String, score: Double, rank: Int }

    func run() throws {
        let study = try StudyInput.study(file)
        let matrix = try DecisionMatrix(values: try StudyInput.decisionValues(study), weights: study.criteria.map(\.weight),
                                        types: study.criteria.map(\.type))
        guard let norm = TOPSIS.Normalisation(rawValue: normalisation) else { throw ValidationError("--normalisation must be vector or minmax.") }
        let (scores, higherIsBetter): ([Double], Bool) = switch method {
        case .topsis: (TOPSIS.closeness(matrix, normalisation: norm), true)
        case .vikor: (VIKOR.evaluate(matrix, v: v).q, false)
        case .promethee: (PROMETHEE.netFlows(matrix).net, true)
        case .wsm: (WeightedSum.scores(matrix), true)
        }
        let order = scores.indices.sorted { higherIsBetter ? scores[$0] > scores[$1] : scores[$0] < scores[$1] }
        var rank = [Int](repeating: 0, count: scores.count)
        for (position, i) in order.enumerated() { rank[i] = position + 1 }
        let rows = order.map { Row(priority: study.priorities[$0].id, label: study.priorities[$0].label, score: OutputNumber.rounded(scores[$0]), rank: rank[$0]) }
        switch output.format {
        case .json: Console.print(try Console.json(rows))
        case .csv, .table: Console.print(CSVText.render([["rank", "priority", "score"]] + rows.map { [String($0.rank), $0.priority, "\($0.score)"] }, guardFormulas: true))
        }
    }
}

/// `smartspec delphi`.
struct DelphiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delphi",
        abstract: "Aggregate expert ratings per item and round: median, quartiles (type 7), IQR, top-band share, consensus, stability.")
    @Argument(help: "The study file (.yaml).") var file: String
    @Option(name: .customLong("max-iqr"), help: "Consensus: largest interquartile range.") var maxIQR: Double = 1
    @Option(name: .customLong("min-top-share"), help: "Consensus: smallest share of ratings in the top third of the scale.") var minTopShare: Double = 0.7
    @Option(name: .customLong("quantile-type"), help: "Hyndman–Fan quantile type for median and quartiles: 7 (default) or 6.") var quantileType: Int = 7
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var priority: String, criterion: String, round: Int, count: Int, median: Double, lowerQuartile: Double, upperQuartile: Double
        var interquartileRange: Double, topBandShare: Double, consensus: Bool, stability: Double?
    }

    func run() throws {
        let study = try StudyInput.study(file)
        var rule = DelphiRule(scale: study.scale, maxInterquartileRange: maxIQR, minTopBandShare: minTopShare)
        guard let type = Statistics.QuantileType(rawValue: quantileType) else { throw ValidationError("--quantile-type must be 6 or 7.") }
        rule.quantileType = type
        var rows: [Row] = []
        let items = Set(study.ratings.map { "\($0.priority)\u{1F}\($0.criterion)" }).sorted()
        for item in items {
            let parts = item.split(separator: "\u{1F}").map(String.init)
            let ratings = study.ratings.filter { $0.priority == parts[0] && $0.criterion == parts[1] }
            var previous: [String: Double]? = nil
            for round in Set(ratings.map(\.round)).sorted() {
                let current = ratings.filter { $0.round == round }
                let summary = try Delphi.summarise(current.map(\.value), rule: rule)
                let byExpert = Dictionary(current.map { ($0.expert, $0.value) }, uniquingKeysWith: { $1 })
                rows.append(Row(priority: parts[0], criterion: parts[1], round: round, count: summary.count, median: summary.median,
                                lowerQuartile: summary.lowerQuartile, upperQuartile: summary.upperQuartile, interquartileRange: summary.interquartileRange,
                                topBandShare: OutputNumber.rounded(summary.topBandShare), consensus: summary.consensus,
                                stability: previous.flatMap { Delphi.stability(previous: $0, current: byExpert) }.map(OutputNumber.rounded)))
                previous = byExpert
            }
        }
        switch output.format {
        case .json: Console.print(try Console.json(rows))
        case .csv, .table:
            Console.print(CSVText.render([["priority", "criterion", "round", "n", "median", "q1", "q3", "iqr", "top_share", "consensus", "stability"]] + rows.map {
                [$0.priority, $0.criterion, String($0.round), String($0.count), "\($0.median)", "\($0.lowerQuartile)", "\($0.upperQuartile)",
                 "\($0.interquartileRange)", "\($0.topBandShare)", $0.consensus ? "yes" : "no", $0.stability.map { "\($0)" } ?? ""]
            }, guardFormulas: true))
        }
    }
}

/// `smartspec score`.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score",
        abstract: "Score a study's priorities in every consistent scenario and rank them robustly (expected value, maximin, maximax, Hurwicz, minimax regret).")
    @Argument(help: "The study file (.yaml).") var file: String
    @Option(help: "Hurwicz optimism α (0–1).") var alpha: Double = 0.5
    @Option(name: .customLong("max-inconsistency"), help: "Also use scenarios with inconsistency up to this value.") var maxInconsistency: Int = 0
    @Option(name: .customLong("scenario-weights"), help: "Weights of the expected value: equal, volume (succession basin sizes) or comma-separated probabilities, one per scenario in listed order.") var scenarioWeights: String = "equal"
    @Option(help: "Succession rule for volume weights: global or local.") var succession: Succession.Rule = .global
    @Flag(name: .customLong("with-criteria"), help: "Add each priority's criteria score (weighted sum of its latest-round median ratings, min–max normalised, times the number of descriptors) in every scenario.") var withCriteria = false
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var priority: String, label: String, expected: Double, worst: Double, best: Double, hurwicz: Double, maxRegret: Double
        var topHalfShare: Double, robustness: String, scores: [Double]
    }
    struct Document: Encodable { var scenarios: [[String: String]], priorities: [Row] }

    func run() throws {
        let study = try StudyInput.study(file)
        let futures = try StudyScenarios(study, maxInconsistency: maxInconsistency)
        let (matrix, scenarios) = (futures.matrix, futures.scenarios)
        let weighting: PriorityScoring.Weighting
        switch scenarioWeights {
        case "equal": weighting = .equal
        case "volume":
            let basins = try Succession.basins(matrix, rule: succession, progress: ProgressReporter.make("succession"))
            weighting = .given(scenarios.map { Double(basins[.fixedPoint($0.variants)] ?? 0) })
        default:
            let values = scenarioWeights.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == scenarios.count else {
                throw ValidationError("--scenario-weights needs \(scenarios.count) probabilities (one per consistent scenario), or 'equal' or 'volume'.")
            }
            weighting = .given(values)
        }
        var base: [Double]? = nil
        if withCriteria {
            let decision = try DecisionMatrix(values: try StudyInput.decisionValues(study), weights: study.criteria.map(\.weight),
                                              types: study.criteria.map(\.type))
            base = WeightedSum.scores(decision).map { $0 * Double(matrix.descriptors.count) }
        }
        let scoring = try PriorityScoring(impacts: study.impacts, scenarios: futures.activeVariants, base: base, weighting: weighting, alpha: alpha)
        let rows = study.priorities.indices.map { p in
            Row(priority: study.priorities[p].id, label: study.priorities[p].label, expected: OutputNumber.rounded(scoring.expected[p]),
                worst: OutputNumber.rounded(scoring.worst[p]), best: OutputNumber.rounded(scoring.best[p]),
                hurwicz: OutputNumber.rounded(scoring.hurwicz[p]), maxRegret: OutputNumber.rounded(scoring.maxRegret[p]),
                topHalfShare: OutputNumber.rounded(scoring.topHalfShare[p]), robustness: scoring.robustness[p],
                scores: scoring.scores[p].map(OutputNumber.rounded))
        }.sorted { $0.expected > $1.expected || ($0.expected == $1.expected && $0.priority < $1.priority) }
        let described = scenarios.map { matrix.variantIDs($0.variants) }
        switch output.format {
        case .json: Console.print(try Console.json(Document(scenarios: described, priorities: rows)))
        case .csv, .table:
            Console.print(CSVText.render([["priority", "expected", "worst", "best", "hurwicz", "max_regret", "top_half_share", "robustness"]] + rows.map {
                [$0.priority, "\($0.expected)", "\($0.worst)", "\($0.best)", "\($0.hurwicz)", "\($0.maxRegret)", "\($0.topHalfShare)", $0.robustness]
            }, guardFormulas: true) + (output.format == .table ? "over \(scenarios.count) consistent scenario(s)" : ""))
        }
    }
}
