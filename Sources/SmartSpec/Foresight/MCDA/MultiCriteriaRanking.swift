/// A method that scores the alternatives of a ``DecisionMatrix``: the extension point of the
/// multi-criteria analyses. Adding a method means one type conforming to this protocol in this
/// folder, one line in ``MultiCriteriaMethods/all``, its test, its Methodology section and its
/// vocabulary entries (`CONTRIBUTING.md` walks through it).
public protocol MultiCriteriaMethod: Sendable {
    /// The method's id on the command line and in outputs (`topsis`, `vikor`, ...).
    var id: String { get }
    /// One line for `--help`.
    var summary: String { get }
    /// Whether a higher score ranks first (`false` for VIKOR's compromise index).
    var higherIsBetter: Bool { get }
    /// The score of every alternative, in matrix order.
    /// - Complexity: at most O(n² c) for n alternatives and c criteria.
    func scores(_ matrix: DecisionMatrix) -> [Double]
}

/// The parameters a method may read (each method uses those it needs).
public struct MultiCriteriaParameters: Sendable, Equatable {
    /// TOPSIS column normalisation.
    public var normalisation: TOPSIS.Normalisation = .vector
    /// VIKOR's weight of the group utility, in [0, 1].
    public var vikorV: Double = 0.5

    /// Default parameters (vector normalisation, v = 0.5).
    public init(normalisation: TOPSIS.Normalisation = .vector, vikorV: Double = 0.5) {
        self.normalisation = normalisation
        self.vikorV = vikorV
    }
}

/// The registry of multi-criteria methods.
public enum MultiCriteriaMethods {
    /// Every method, in the order `--help` lists them, built with `parameters`.
    public static func all(_ parameters: MultiCriteriaParameters = MultiCriteriaParameters()) -> [any MultiCriteriaMethod] {
        [TOPSISMethod(normalisation: parameters.normalisation), VIKORMethod(v: parameters.vikorV), PROMETHEEMethod(), WeightedSumMethod()]
    }

    /// The ids of every method.
    public static var ids: [String] { all().map(\.id) }

    /// The method with `id`, or nil.
    public static func method(_ id: String, _ parameters: MultiCriteriaParameters = MultiCriteriaParameters()) -> (any MultiCriteriaMethod)? {
        all(parameters).first { $0.id == id }
    }
}

/// Alternatives ranked by a method: rank 1 is best; equal scores share the order of the
/// alternatives' position (a stable sort), so every alternative has a distinct rank.
public struct MultiCriteriaRanking: Sendable, Equatable {
    /// The score of every alternative, in matrix order.
    public let scores: [Double]
    /// The alternatives, best first.
    public let order: [Int]
    /// The rank of every alternative (1 = best), in matrix order.
    public let ranks: [Int]

    /// Ranks the alternatives of `matrix` by `method`.
    public init(_ matrix: DecisionMatrix, method: any MultiCriteriaMethod) {
        let scores = method.scores(matrix)
        let up = method.higherIsBetter
        order = scores.indices.sorted { a, b in
            scores[a] != scores[b] ? (up ? scores[a] > scores[b] : scores[a] < scores[b]) : a < b
        }
        var ranks = [Int](repeating: 0, count: scores.count)
        for (position, i) in order.enumerated() { ranks[i] = position + 1 }
        self.scores = scores
        self.ranks = ranks
    }
}

/// TOPSIS closeness (higher is better).
public struct TOPSISMethod: MultiCriteriaMethod {
    public var normalisation: TOPSIS.Normalisation
    public init(normalisation: TOPSIS.Normalisation = .vector) { self.normalisation = normalisation }
    public var id: String { "topsis" }
    public var summary: String { "TOPSIS closeness to the ideal" }
    public var higherIsBetter: Bool { true }
    public func scores(_ matrix: DecisionMatrix) -> [Double] { TOPSIS.closeness(matrix, normalisation: normalisation) }
}

/// VIKOR compromise index Q (lower is better).
public struct VIKORMethod: MultiCriteriaMethod {
    public var v: Double
    public init(v: Double = 0.5) { self.v = v }
    public var id: String { "vikor" }
    public var summary: String { "VIKOR compromise index" }
    public var higherIsBetter: Bool { false }
    public func scores(_ matrix: DecisionMatrix) -> [Double] { VIKOR.evaluate(matrix, v: v).q }
}

/// PROMETHEE II net flow (higher is better).
public struct PROMETHEEMethod: MultiCriteriaMethod {
    public init() {}
    public var id: String { "promethee" }
    public var summary: String { "PROMETHEE II net outranking flow" }
    public var higherIsBetter: Bool { true }
    public func scores(_ matrix: DecisionMatrix) -> [Double] { PROMETHEE.netFlows(matrix).net }
}

/// Weighted sum of min–max normalised criteria (higher is better).
public struct WeightedSumMethod: MultiCriteriaMethod {
    public init() {}
    public var id: String { "wsm" }
    public var summary: String { "weighted sum of min–max normalised criteria" }
    public var higherIsBetter: Bool { true }
    public func scores(_ matrix: DecisionMatrix) -> [Double] { WeightedSum.scores(matrix) }
}
