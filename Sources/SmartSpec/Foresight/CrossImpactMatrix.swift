/// A cross-impact balance (CIB) matrix: descriptors with their variants, and integer judgements
/// of how each variant (row, the source) promotes (+) or restricts (−) each variant of the other
/// descriptors (column, the target). Diagonal blocks (a descriptor on itself) are normally empty;
/// ScenarioWizard files sometimes fill them, and then they count, as in ScenarioWizard.
public struct CrossImpactMatrix: Sendable, Equatable {
    /// A variant of a descriptor.
    public struct Variant: Sendable, Equatable {
        /// Identifier.
        public var id: String
        /// Label in English.
        public var label: String
        /// Label in Russian.
        public var labelRu: String?

        /// Creates a variant.
        public init(id: String, label: String, labelRu: String? = nil) {
            self.id = id
            self.label = label
            self.labelRu = labelRu
        }
    }

    /// A descriptor (a factor of the system) with its mutually exclusive variants.
    public struct Descriptor: Sendable, Equatable {
        /// Identifier.
        public var id: String
        /// Label in English.
        public var label: String
        /// Label in Russian.
        public var labelRu: String?
        /// The variants, in file order.
        public var variants: [Variant]

        /// Creates a descriptor.
        public init(id: String, label: String, labelRu: String? = nil, variants: [Variant]) {
            self.id = id
            self.label = label
            self.labelRu = labelRu
            self.variants = variants
        }
    }

    /// The descriptors in order.
    public let descriptors: [Descriptor]
    /// Impacts, row-major over all variants in descriptor order: `impacts[source * variantCount + target]`.
    public let impacts: [Int]
    /// Index of each descriptor's first variant in the flat variant order.
    public let offsets: [Int]
    /// Remarks on the input (judgements in diagonal blocks).
    public let warnings: [String]

    /// Total number of variants.
    public var variantCount: Int { offsets.last.map { $0 + descriptors.last!.variants.count } ?? 0 }

    /// The most variants one descriptor may have.
    public static let mostVariants = 64

    /// The largest judgement magnitude accepted.
    public static let largestJudgement: UInt = 1_000_000

    /// Creates a matrix, checking its shape and that judgements are within ±``largestJudgement``.
    public init(descriptors: [Descriptor], impacts: [[Int]]) throws {
        guard !descriptors.isEmpty else { throw ForesightError.invalidMatrix("there are no descriptors") }
        for d in descriptors where d.variants.count < 2 {
            throw ForesightError.invalidMatrix("descriptor '\(d.id)' has \(d.variants.count) variant(s); each needs at least two")
        }
        for d in descriptors where d.variants.count > Self.mostVariants {
            throw ForesightError.invalidMatrix("descriptor '\(d.id)' has \(d.variants.count) variants; at most \(Self.mostVariants) are supported")
        }
        var offsets: [Int] = []
        var total = 0
        for d in descriptors { offsets.append(total); total += d.variants.count }
        guard impacts.count == total, impacts.allSatisfy({ $0.count == total }) else {
            throw ForesightError.invalidMatrix("the matrix must be \(total) × \(total) (one row and column per variant), but it is \(impacts.count) × \(impacts.first?.count ?? 0)")
        }
        // Judgements are small integers (ScenarioWizard's scale is −3…+3); a bound keeps every sum of
        // them, and its absolute value, far from overflow.
        if let (row, column) = impacts.enumerated().lazy.compactMap({ r, cells in
            cells.firstIndex { $0.magnitude > Self.largestJudgement }.map { (r, $0) } }).first {
            throw ForesightError.invalidMatrix("the judgement \(impacts[row][column]) (row \(row + 1), column \(column + 1)) is beyond ±\(Self.largestJudgement); rescale the judgements")
        }
        // The impact balance sums the rows of all active variants, as ScenarioWizard does; judgements
        // inside a descriptor's own block (usually empty) therefore count, and are reported.
        var notes: [String] = []
        for (k, d) in descriptors.enumerated() {
            let range = offsets[k]..<(offsets[k] + d.variants.count)
            let count = range.reduce(0) { total, row in total + range.filter { impacts[row][$0] != 0 }.count }
            if count > 0 {
                notes.append("Descriptor '\(d.id)' judges its own variants (\(count) non-zero cell(s) in its diagonal block); as in ScenarioWizard they count in the impact balance.")
            }
        }
        self.descriptors = descriptors
        self.offsets = offsets
        self.impacts = impacts.flatMap { $0 }
        warnings = notes
    }

    /// Impact of flat variant `source` on flat variant `target`.
    public func impact(_ source: Int, _ target: Int) -> Int { impacts[source * variantCount + target] }

    /// Number of scenarios (combinations of one variant per descriptor), as a double (it may exceed Int).
    public var scenarioCount: Double { descriptors.reduce(1.0) { $0 * Double($1.variants.count) } }
}

extension CrossImpactMatrix {
    /// A scenario (variant index per descriptor) as descriptor id → variant id.
    public func variantIDs(_ variants: [Int]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(descriptors, variants).map { ($0.id, $0.variants[$1].id) })
    }
}

/// Why a foresight input or computation is not usable; each case prints a sentence.
public enum ForesightError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The cross-impact matrix is malformed.
    case invalidMatrix(String)
    /// A ScenarioWizard file cannot be read.
    case invalidScenarioWizardFile(file: String, line: Int, String)
    /// More scenarios than the limit.
    case tooManyScenarios(limit: Int)
    /// A study lacks what scoring its priorities needs.
    case incompleteStudy(String)
    /// No scenario has an inconsistency within the maximum.
    case noConsistentScenario(maxInconsistency: Int)

    public var description: String {
        switch self {
        case let .invalidMatrix(detail): return "The cross-impact matrix is not usable: \(detail)."
        case let .invalidScenarioWizardFile(file, line, detail): return "\(file):\(line): \(detail)."
        case let .tooManyScenarios(limit): return "More than \(limit) scenarios match; raise --max-scenarios or lower --max-inconsistency."
        case let .incompleteStudy(detail): return "The study cannot be scored: \(detail)."
        case let .noConsistentScenario(maximum):
            return "The cross-impact matrix has no scenario with inconsistency at most \(maximum); try a higher --max-inconsistency."
        }
    }
}
