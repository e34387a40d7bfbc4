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
        guard !descriptors.isEmpty else { throw ForesightError.noDescriptors }
        for d in descriptors where d.variants.count < 2 {
            throw ForesightError.tooFewVariants(descriptor: d.id, count: d.variants.count)
        }
        for d in descriptors where d.variants.count > Self.mostVariants {
            throw ForesightError.tooManyVariants(descriptor: d.id, count: d.variants.count, limit: Self.mostVariants)
        }
        var offsets: [Int] = []
        var total = 0
        for d in descriptors { offsets.append(total); total += d.variants.count }
        guard total <= DatasetLimits.mostVariants else { throw ForesightError.tooManyVariantsInAll(total, limit: DatasetLimits.mostVariants) }
        guard impacts.count == total, impacts.allSatisfy({ $0.count == total }) else {
            throw ForesightError.wrongMatrixShape(expected: total, rows: impacts.count, columns: impacts.first?.count ?? 0)
        }
        // Judgements are small integers (ScenarioWizard's scale is −3…+3); a bound keeps every sum of
        // them, and its absolute value, far from overflow.
        if let (row, column) = impacts.enumerated().lazy.compactMap({ r, cells in
            cells.firstIndex { $0.magnitude > Self.largestJudgement }.map { (r, $0) } }).first {
            throw ForesightError.judgementTooLarge(value: impacts[row][column], row: row + 1, column: column + 1, limit: Self.largestJudgement)
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

    /// The same descriptors with other judgements (flat, row-major, `variantCount²` values).
    /// - Precondition: `impacts.count == variantCount * variantCount`, every value within ±``largestJudgement``.
    public func replacingImpacts(_ impacts: [Int]) -> CrossImpactMatrix {
        precondition(impacts.count == variantCount * variantCount, "the judgements must be variantCount² values")
        precondition(impacts.allSatisfy { $0.magnitude <= Self.largestJudgement }, "a judgement is beyond the largest accepted")
        return CrossImpactMatrix(descriptors: descriptors, offsets: offsets, impacts: impacts, warnings: [])
    }

    private init(descriptors: [Descriptor], offsets: [Int], impacts: [Int], warnings: [String]) {
        self.descriptors = descriptors
        self.offsets = offsets
        self.impacts = impacts
        self.warnings = warnings
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

/// Why a foresight computation cannot run; each case prints a sentence for the user.
public enum ForesightError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The matrix has no descriptors.
    case noDescriptors
    /// A descriptor has fewer than two variants.
    case tooFewVariants(descriptor: String, count: Int)
    /// A descriptor has more variants than supported.
    case tooManyVariants(descriptor: String, count: Int, limit: Int)
    /// More variants in all than a matrix may hold.
    case tooManyVariantsInAll(Int, limit: Int)
    /// The judgement table is not one row and column per variant.
    case wrongMatrixShape(expected: Int, rows: Int, columns: Int)
    /// A judgement is beyond ±``CrossImpactMatrix/largestJudgement``.
    case judgementTooLarge(value: Int, row: Int, column: Int, limit: UInt)
    /// Judgements so large that the search's 32-bit balances could overflow.
    case judgementsCouldOverflow(largest: UInt)
    /// A ScenarioWizard file cannot be read.
    case invalidScenarioWizardFile(file: String, line: Int, String)
    /// More scenarios than the limit.
    case tooManyScenarios(limit: Int)
    /// Succession (volume weights) would have to follow more scenarios than the limit.
    case scenarioSpaceTooLarge(scenarios: Double, limit: Double)
    /// The study has no descriptors and cross-impacts.
    case studyWithoutMatrix
    /// The study has no priorities to score.
    case studyWithoutPriorities
    /// The study has no `micmac` section.
    case studyWithoutMICMAC
    /// The study gives criterion weights directly, not as AHP comparisons.
    case studyWithoutAHP
    /// The study has no priorities or no criteria for a multi-criteria ranking.
    case studyWithoutCriteria
    /// No expert rated a priority on a criterion.
    case missingRating(priority: String, criterion: String)
    /// No scenario has an inconsistency within the maximum.
    case noConsistentScenario(maxInconsistency: Int)
    /// There is no scenario to score priorities in.
    case noScenarios
    /// Scenario weights are not one non-negative number per scenario with a positive sum.
    case invalidScenarioWeights(given: Int, scenarios: Int)
    /// A Delphi item has no ratings.
    case noRatings
    /// A rating lies outside the study's scale.
    case ratingOutsideScale(value: Double, scale: ClosedRange<Double>)
    /// The MICMAC matrix is not square with at least two variables.
    case micmacNotSquare
    /// A MICMAC influence is negative or not a number.
    case micmacInvalidInfluence
    /// An ensemble without members.
    case emptyEnsemble
    /// An ensemble member's descriptors or variants differ from the first member's.
    case ensembleMembersDiffer(member: String, first: String, difference: String)
    /// The judgement spread is out of range.
    case invalidSpread(Int, limit: Int)
    /// The number of uncertainty samples is out of range.
    case invalidSampleCount(Int, limit: Int)
    /// A `DESCRIPTOR=VARIANT` names no variant of the matrix.
    case unknownVariant(String, option: String)
    /// A descriptor is held at two variants.
    case descriptorFixedTwice(String)
    /// Panel weights were asked for without panels.
    case noPanels
    /// The study declares no pathways section.
    case studyWithoutPathways
    /// Neither the study nor the command line gives a pathway's start.
    case pathwayWithoutStart
    /// --start leaves descriptors without a variant.
    case incompleteStart(missing: [String])

    public var description: String {
        switch self {
        case .noDescriptors: return "The cross-impact matrix is not usable: there are no descriptors."
        case let .tooFewVariants(d, count):
            return "The cross-impact matrix is not usable: descriptor '\(d)' has \(count) variant(s); each needs at least two."
        case let .tooManyVariants(d, count, limit):
            return "The cross-impact matrix is not usable: descriptor '\(d)' has \(count) variants; at most \(limit) are supported."
        case let .tooManyVariantsInAll(count, limit):
            return "The cross-impact matrix is not usable: it has \(count) variants in all; at most \(limit) are supported (the matrix holds variants² judgements)."
        case let .wrongMatrixShape(expected, rows, columns):
            return "The cross-impact matrix is not usable: it must be \(expected) × \(expected) (one row and column per variant), but it is \(rows) × \(columns)."
        case let .judgementTooLarge(value, row, column, limit):
            return "The cross-impact matrix is not usable: the judgement \(value) (row \(row), column \(column)) is beyond ±\(limit); rescale the judgements."
        case let .judgementsCouldOverflow(largest):
            return "The cross-impact matrix is not usable: judgements as large as \(largest) could overflow the impact balances; rescale them."
        case let .invalidScenarioWizardFile(file, line, detail): return "\(file):\(line): \(detail)."
        case let .tooManyScenarios(limit): return "More than \(limit) scenarios match; raise --max-scenarios or lower --max-inconsistency."
        case let .scenarioSpaceTooLarge(scenarios, limit):
            return "The matrix has \(Int(scenarios)) scenarios; volume weights follow every one of them, which is limited to \(Int(limit))."
        case .studyWithoutMatrix: return "The study has no descriptors and cross-impacts."
        case .studyWithoutPriorities: return "The study cannot be scored: it has no priorities."
        case .studyWithoutMICMAC: return "The study has no 'micmac' section."
        case .studyWithoutAHP: return "The study gives criterion weights directly, not as AHP comparisons."
        case .studyWithoutCriteria: return "The study needs priorities and criteria (with weights or AHP comparisons)."
        case let .missingRating(priority, criterion): return "No expert rated priority '\(priority)' on criterion '\(criterion)'."
        case let .noConsistentScenario(maximum):
            return "The cross-impact matrix has no scenario with inconsistency at most \(maximum); try a higher --max-inconsistency."
        case .noScenarios: return "There is no scenario to score the priorities in."
        case let .invalidScenarioWeights(given, scenarios):
            return "Scenario weights must be \(scenarios) non-negative numbers (one per scenario), not all zero; \(given) were given."
        case .noRatings: return "A Delphi item has no ratings."
        case let .ratingOutsideScale(value, scale):
            return "The rating \(value) lies outside the scale \(scale.lowerBound)–\(scale.upperBound)."
        case .micmacNotSquare: return "The MICMAC matrix must be square with at least two variables."
        case .micmacInvalidInfluence: return "MICMAC influences must be numbers ≥ 0."
        case .emptyEnsemble: return "An ensemble needs at least one member matrix."
        case let .ensembleMembersDiffer(member, first, difference):
            return "The ensemble's members must have the same descriptors and variants, but in \(member) \(difference) (as in \(first))."
        case let .invalidSpread(spread, limit):
            return "The judgement uncertainty --uncertainty must be from 0 to \(limit), not \(spread)."
        case let .invalidSampleCount(count, limit):
            return "The number of uncertainty samples --samples must be from 1 to \(limit), not \(count)."
        case let .unknownVariant(text, option):
            return "\(option) \(text): there is no such variant; write DESCRIPTOR=VARIANT with the ids of the matrix."
        case let .descriptorFixedTwice(descriptor): return "The descriptor '\(descriptor)' is held at two variants; give it once."
        case .noPanels: return "Panel weights need panels: declare 'panels' in the study or give --ensemble FILE …."
        case .studyWithoutPathways: return "The study has no 'pathways' section with lagged impacts (Docs/study-file.md)."
        case .pathwayWithoutStart: return "The pathway needs a start: give pathways.start in the study or --start DESCRIPTOR=VARIANT for every descriptor."
        case let .incompleteStart(missing): return "--start gives no variant for \(missing.joined(separator: ", ")); give one for every descriptor."
        }
    }
}
