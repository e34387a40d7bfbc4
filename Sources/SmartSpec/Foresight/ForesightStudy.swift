import Foundation
import Yams

/// A foresight study, read from a YAML file (format: `Docs/study-file.md`).
public struct ForesightStudy: Sendable {
    /// A labelled item (priority, criterion, MICMAC variable).
    public struct Item: Sendable, Equatable {
        /// Identifier.
        public var id: String
        /// Label in English.
        public var label: String
        /// Label in Russian.
        public var labelRu: String?
        /// For a priority: the dataset's activity codes or activity groups it covers (links the
        /// study to the niche analysis of recommendation sheets); empty otherwise.
        public var activities: [String] = []
    }

    /// A criterion with its weight and type.
    public struct Criterion: Sendable, Equatable {
        /// The criterion.
        public var item: Item
        /// Weight (from the file or from AHP).
        public var weight: Double
        /// Benefit or cost.
        public var type: DecisionMatrix.CriterionType
    }

    /// One expert rating.
    public struct Rating: Sendable, Equatable {
        /// Expert identifier, round, priority id, criterion id, value.
        public var expert: String, round: Int, priority: String, criterion: String, value: Double
    }

    /// Study name.
    public var name: String
    /// Study name in Russian.
    public var nameRu: String?
    /// The cross-impact matrix, when the study has descriptors.
    public var matrix: CrossImpactMatrix?
    /// MICMAC variables and direct-influence matrix (`P` read as `potential`).
    public var micmacVariables: [Item]
    /// MICMAC matrix with potential influences as −1 (see ``micmacMatrix(potential:)``).
    public var micmacRaw: [[Double]]
    /// Candidate priorities.
    public var priorities: [Item]
    /// Criteria (weights summing to 1).
    public var criteria: [Criterion]
    /// AHP comparison matrix of the criteria, when weights were given that way.
    public var ahpComparisons: [[Double]]?
    /// Rating scale.
    public var scale: ClosedRange<Double>
    /// Expert ratings.
    public var ratings: [Rating]
    /// `impacts[p][v]`: impact of flat variant `v` on priority `p` (−3…+3; 0 when not given).
    public var impacts: [[Double]]
    /// Pathways: the lagged impacts of one period's variants on the next (flat, row-major), when the study declares them.
    public var laggedImpacts: [Int]?
    /// Pathways: the start scenario (a variant per descriptor), when the study declares it.
    public var pathwayStart: [Int]?
    /// Further panels' matrices (`panels:` files, relative to the study); the study's own matrix
    /// is the first panel.
    public var panels: [Panel] = []
    /// The judgement uncertainty the sheets and the report use (`uncertainty:` section).
    public var uncertainty: UncertaintySettings?

    /// A further panel's cross-impact matrix.
    public struct Panel: Sendable {
        /// Identifier and label.
        public var id: String, label: String
        /// The matrix (same descriptors and variants as the study's).
        public var matrix: CrossImpactMatrix
    }

    /// The `uncertainty:` section: ``JudgementUncertainty``'s settings.
    public struct UncertaintySettings: Sendable, Equatable {
        /// Spread U, samples K, seed, whether signs are kept.
        public var spread: Int, samples: Int, seed: UInt64, keepSign: Bool
    }

    /// Every panel's matrix: the study's own first, then the `panels:` files.
    public var panelMatrices: [CrossImpactMatrix] { (matrix.map { [$0] } ?? []) + panels.map(\.matrix) }
    /// The panels' names, in the order of ``panelMatrices``.
    public var panelNames: [String] { (matrix == nil ? [] : ["study"]) + panels.map(\.id) }

    /// The MICMAC matrix with potential influences counted as `potential` (default 0).
    public func micmacMatrix(potential: Double = 0) -> [[Double]] {
        micmacRaw.map { $0.map { $0 < 0 ? potential : $0 } }
    }

    /// Reads a study file.
    /// - Throws: ``DatasetValidationError`` listing every problem with its line and column.
    /// - Parameter asPanel: the file is another study's panel: it may not declare panels itself.
    public static func read(_ url: URL, forceAHP: Bool = false, asPanel: Bool = false) throws -> ForesightStudy {
        let name = url.lastPathComponent
        let text = try TextFile.readText(url).get()
        let document = try YAMLDocument.parse(text, file: name).get()
        var reader = StudyReader(document: document, folder: url.deletingLastPathComponent(), asPanel: asPanel)
        let study = reader.read(forceAHP: forceAHP)
        if reader.issues.hasErrors || study == nil {
            throw DatasetValidationError(source: url.path, issues: reader.issues.sorted.filter { $0.severity == .error })
        }
        return study!
    }
}

/// Reads the parts of a study file, collecting every problem.
struct StudyReader {
    let document: YAMLDocument
    /// The folder of the study file, which `panels:` files are relative to.
    let folder: URL
    /// Reading another study's panel, which may not declare panels itself.
    let asPanel: Bool
    var issues = IssueCollector()

    init(document: YAMLDocument, folder: URL, asPanel: Bool = false) {
        self.document = document
        self.folder = folder
        self.asPanel = asPanel
    }

    mutating func read(forceAHP: Bool) -> ForesightStudy? {
        let root = document.root
        guard case .mapping = root else {
            issues.add(document.issue(root, key: nil, "the study file must be a mapping (study, descriptors, cross_impacts, priorities, ...)"))
            return nil
        }
        document.warnUnknownKeys(root, known: ["study", "descriptors", "cross_impacts", "micmac", "priorities", "criteria", "delphi", "impacts", "pathways", "panels", "uncertainty"],
                                 context: "study file", issues: &issues)
        let header = root["study"] ?? root
        let name = document.string(header, "name", required: root["study"] != nil, issues: &issues) ?? "study"
        let nameRu = document.string(header, "name_ru", required: false, issues: &issues)
        let matrix = crossImpacts(root)
        let (variables, micmac) = micmacPart(root)
        let priorities = items(root["priorities"], key: "priorities")
        let (criteria, ahp) = criteriaPart(root, forceAHP: forceAHP)
        let criteriaUsable = root["criteria"] == nil || !criteria.isEmpty
        let (scale, ratings) = delphiPart(root, priorities: priorities, criteria: criteriaUsable ? criteria.map(\.item) : nil)
        let impacts = impactPart(root, priorities: priorities, matrix: matrix)
        let (lagged, start) = pathwayPart(root, matrix: matrix)
        let panels = panelPart(root, matrix: matrix)
        let uncertainty = uncertaintyPart(root, matrix: matrix)
        guard !issues.hasErrors else { return nil }
        return ForesightStudy(name: name, nameRu: nameRu, matrix: matrix, micmacVariables: variables, micmacRaw: micmac,
                              priorities: priorities, criteria: criteria, ahpComparisons: ahp, scale: scale, ratings: ratings,
                              impacts: impacts, laggedImpacts: lagged, pathwayStart: start, panels: panels, uncertainty: uncertainty)
    }

    /// `panels: [{id, label, file}]`: further panels' matrices, each a `.scw` or a study `.yaml`
    /// (its descriptors and cross_impacts) beside the study, with the study's descriptors and variants.
    private mutating func panelPart(_ root: Node, matrix: CrossImpactMatrix?) -> [ForesightStudy.Panel] {
        guard let node = root["panels"] else { return [] }
        guard !asPanel else {
            issues.add(document.issue(node, key: "panels", "this file is another study's panel and may not declare panels of its own; a panel is one matrix"))
            return []
        }
        guard let matrix else {
            issues.add(document.issue(node, key: "panels", "'panels' needs the study's descriptors and cross_impacts"))
            return []
        }
        guard let list = node.sequence else {
            issues.add(document.issue(node, key: "panels", "'panels' must be a list of {id, label, file}"))
            return []
        }
        var seen: Set<String> = ["study"]
        return list.compactMap { item in
            guard let id = document.string(item, "id", required: true, issues: &issues),
                  let file = document.string(item, "file", required: true, issues: &issues) else { return nil }
            guard seen.insert(id).inserted else {
                issues.add(document.issue(item, key: "panels", "the panel id '\(id)' appears twice (or is 'study', the study's own panel)"))
                return nil
            }
            let url = URL(fileURLWithPath: file, relativeTo: folder).standardizedFileURL
            do {
                let panel: CrossImpactMatrix
                if ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
                    guard let m = try ForesightStudy.read(url, asPanel: true).matrix else { throw ForesightError.studyWithoutMatrix }
                    panel = m
                } else {
                    panel = try ScenarioWizardReader.parse(try TextFile.readText(url).get(), file: url.lastPathComponent)
                }
                if let difference = matrix.firstStructuralDifference(from: panel) {
                    issues.add(document.issue(item, key: "panels", "the panel '\(id)' (\(file)) does not match the study's descriptors: \(difference)"))
                    return nil
                }
                return ForesightStudy.Panel(id: id, label: document.string(item, "label", required: false, issues: &issues) ?? id, matrix: panel)
            } catch {
                issues.add(document.issue(item, key: "panels", "the panel '\(id)' cannot be read: \(error)"))
                return nil
            }
        }
    }

    /// `uncertainty: {spread, samples, seed, keep_sign}`.
    private mutating func uncertaintyPart(_ root: Node, matrix: CrossImpactMatrix?) -> ForesightStudy.UncertaintySettings? {
        guard let node = root["uncertainty"] else { return nil }
        guard matrix != nil, case .mapping = node else {
            issues.add(document.issue(node, key: "uncertainty", "'uncertainty' must be {spread, samples, seed, keep_sign} and needs the study's cross_impacts"))
            return nil
        }
        document.warnUnknownKeys(node, known: ["spread", "samples", "seed", "keep_sign"], context: "uncertainty", issues: &issues)
        func integer(_ key: String, _ range: ClosedRange<Int>, _ fallback: Int) -> Int? {
            guard let value = node[key] else { return fallback }
            guard let n = value.int, range.contains(n), value.string == String(n) else {
                issues.add(document.issue(value, key: "uncertainty.\(key)", "'uncertainty.\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
                return nil
            }
            return n
        }
        let spread = integer("spread", 0...JudgementUncertainty.largestSpread, 1)
        let samples = integer("samples", 1...JudgementUncertainty.mostSamples, 200)
        let seed = integer("seed", 0...Int.max, 1)
        var keepSign = false
        if let value = node["keep_sign"] {
            guard let flag = value.bool else {
                issues.add(document.issue(value, key: "uncertainty.keep_sign", "'uncertainty.keep_sign' must be true or false"))
                return nil
            }
            keepSign = flag
        }
        guard let spread, let samples, let seed else { return nil }
        return .init(spread: spread, samples: samples, seed: UInt64(seed), keepSign: keepSign)
    }

    /// `pathways: {start: {descriptor: variant}, lagged_impacts: {descriptor.variant: [row]}}`.
    private mutating func pathwayPart(_ root: Node, matrix: CrossImpactMatrix?) -> ([Int]?, [Int]?) {
        guard let node = root["pathways"] else { return (nil, nil) }
        guard let matrix else {
            issues.add(document.issue(node, key: "pathways", "'pathways' needs the study's descriptors and cross_impacts"))
            return (nil, nil)
        }
        document.warnUnknownKeys(node, known: ["start", "lagged_impacts"], context: "pathways", issues: &issues)
        var start: [Int]? = nil
        if let startNode = node["start"] {
            guard case .mapping(let pairs) = startNode else {
                issues.add(document.issue(startNode, key: "pathways.start", "'pathways.start' must map every descriptor to a variant"))
                return (nil, nil)
            }
            var chosen = [Int?](repeating: nil, count: matrix.descriptors.count)
            for (keyNode, valueNode) in pairs {
                guard let d = matrix.descriptors.firstIndex(where: { $0.id == keyNode.string }) else {
                    issues.add(document.issue(keyNode, key: "pathways.start", "'\(keyNode.string ?? "?")' is not a descriptor")); continue
                }
                guard let v = matrix.descriptors[d].variants.firstIndex(where: { $0.id == valueNode.string }) else {
                    issues.add(document.issue(valueNode, key: "pathways.start", "'\(valueNode.string ?? "?")' is not a variant of '\(matrix.descriptors[d].id)'")); continue
                }
                chosen[d] = v
            }
            let missing = matrix.descriptors.indices.filter { chosen[$0] == nil }.map { matrix.descriptors[$0].id }
            if !missing.isEmpty {
                issues.add(document.issue(startNode, key: "pathways.start", "'pathways.start' gives no variant for \(missing.joined(separator: ", "))"))
            } else { start = chosen.map { $0! } }
        }
        guard let lagNode = node["lagged_impacts"] else {
            issues.add(document.issue(node, key: "pathways.lagged_impacts", "'pathways' needs 'lagged_impacts'"))
            return (nil, start)
        }
        let rows = impactRows(lagNode, matrix: matrix, key: "pathways.lagged_impacts", ownBlock: true)
        return (rows.map { $0.flatMap { $0 } }, start)
    }

    /// Rows of integer impacts keyed `descriptor.variant`, one integer per variant; rows left out
    /// are 0. `ownBlock: false` refuses non-zero cells in a descriptor's own block.
    private mutating func impactRows(_ node: Node, keys: [String], ownerOf: [Int],
                                     key context: String, ownBlock: Bool) -> [[Int]]? {
        guard case .mapping(let pairs) = node else {
            issues.add(document.issue(node, key: context, "'\(context)' must map each source variant (descriptor.variant) to a row of \(keys.count) integers"))
            return nil
        }
        var rows = [[Int]](repeating: Array(repeating: 0, count: keys.count), count: keys.count)
        for (keyNode, rowNode) in pairs {
            let key = keyNode.string ?? ""
            guard let r = keys.firstIndex(of: key) else {
                issues.add(document.issue(keyNode, key: context, "'\(key)' is not a variant (write descriptor.variant; known: \(keys.prefix(6).joined(separator: ", "))…)"))
                continue
            }
            guard let values = numberRow(rowNode, count: keys.count, context: "\(context).\(key)") else { continue }
            guard values.allSatisfy({ $0 == $0.rounded() && abs($0) <= Double(CrossImpactMatrix.largestJudgement) }) else {
                issues.add(document.issue(rowNode, key: "\(context).\(key)", "judgements must be integers within ±\(CrossImpactMatrix.largestJudgement)"))
                continue
            }
            // A descriptor does not judge its own variants: in ScenarioWizard such cells count in the
            // balance, which is almost never meant; a study file refuses them.
            let own = keys.indices.filter { ownerOf[$0] == ownerOf[r] && values[$0] != 0 }
            if !ownBlock, !own.isEmpty {
                issues.add(document.issue(rowNode, key: "\(context).\(key)",
                    "'\(key)' judges variants of its own descriptor (\(own.map { keys[$0] }.joined(separator: ", "))); the cells of a descriptor's own block must be 0"))
                continue
            }
            rows[r] = values.map { Int($0) }
        }
        return rows
    }

    private mutating func impactRows(_ node: Node, matrix: CrossImpactMatrix, key: String, ownBlock: Bool) -> [[Int]]? {
        let keys = matrix.descriptors.flatMap { d in d.variants.map { "\(d.id).\($0.id)" } }
        let ownerOf = matrix.descriptors.enumerated().flatMap { d, descriptor in descriptor.variants.map { _ in d } }
        return impactRows(node, keys: keys, ownerOf: ownerOf, key: key, ownBlock: ownBlock)
    }

    private mutating func items(_ node: Node?, key: String) -> [ForesightStudy.Item] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            issues.add(document.issue(node, key: key, "'\(key)' must be a list of {id, label, label_ru}"))
            return []
        }
        var seen = Set<String>()
        return list.compactMap { item in
            guard case .mapping = item, let id = document.string(item, "id", required: true, issues: &issues) else {
                if case .mapping = item {} else { issues.add(document.issue(item, key: key, "each entry of '\(key)' must be a mapping with an id")) }
                return nil
            }
            guard seen.insert(id).inserted else {
                issues.add(document.issue(item, key: key, "the id '\(id)' appears twice in '\(key)'"))
                return nil
            }
            var activities: [String] = []
            if let list = YAMLDocument.value(item, "activities") {
                if let entries = list.sequence, entries.allSatisfy({ $0.scalar != nil }) {
                    activities = entries.compactMap { $0.scalar?.string.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                } else {
                    issues.add(document.issue(list, key: "activities", "'activities' of '\(id)' must be a list of activity codes or groups"))
                }
            }
            return ForesightStudy.Item(id: id, label: document.string(item, "label", required: false, issues: &issues) ?? id,
                                       labelRu: document.string(item, "label_ru", required: false, issues: &issues),
                                       activities: activities)
        }
    }

    private func number(_ node: Node) -> Double? {
        guard let text = node.string, case .value(let v) = NumberParser.parse(text) else { return nil }
        return v
    }

    private mutating func numberRow(_ node: Node?, count: Int, context: String, allowP: Bool = false) -> [Double]? {
        guard let list = node?.sequence, list.count == count else {
            issues.add(document.issue(node, key: context, "'\(context)' must be a list of \(count) numbers"))
            return nil
        }
        var row: [Double] = []
        for cell in list {
            if allowP, cell.string?.uppercased() == "P" { row.append(-1); continue }
            guard let v = number(cell) else {
                issues.add(document.issue(cell, key: context, "'\(cell.string ?? "?")' is not a number\(allowP ? " (or P)" : "")"))
                return nil
            }
            row.append(v)
        }
        return row
    }

    private mutating func crossImpacts(_ root: Node) -> CrossImpactMatrix? {
        guard let list = root["descriptors"] else { return nil }
        guard let descriptorNodes = list.sequence else {
            issues.add(document.issue(list, key: "descriptors", "'descriptors' must be a list"))
            return nil
        }
        var seen = Set<String>(), duplicated = false
        let descriptors: [CrossImpactMatrix.Descriptor] = descriptorNodes.compactMap { node in
            guard let id = document.string(node, "id", required: true, issues: &issues) else { return nil }
            guard seen.insert(id).inserted else {
                issues.add(document.issue(YAMLDocument.value(node, "id"), key: "descriptors", "the descriptor id '\(id)' appears twice"))
                duplicated = true
                return nil
            }
            let variants = items(node["variants"], key: "variants").map { CrossImpactMatrix.Variant(id: $0.id, label: $0.label, labelRu: $0.labelRu) }
            return CrossImpactMatrix.Descriptor(id: id, label: document.string(node, "label", required: false, issues: &issues) ?? id,
                                                labelRu: document.string(node, "label_ru", required: false, issues: &issues), variants: variants)
        }
        // With a descriptor twice, every cross-impact row would be reported again: stop at the cause.
        guard !duplicated else { return nil }
        let keys = descriptors.flatMap { d in d.variants.map { "\(d.id).\($0.id)" } }
        guard let rowsNode = root["cross_impacts"] else {
            issues.add(document.issue(root, key: "cross_impacts", "the study has descriptors but no 'cross_impacts'"))
            return nil
        }
        guard keys.count <= DatasetLimits.mostVariants else {
            issues.add(document.issue(list, key: "descriptors", "the descriptors have \(keys.count) variants in all; at most \(DatasetLimits.mostVariants) are supported (the matrix holds variants² judgements)"))
            return nil
        }
        let ownerOf = descriptors.enumerated().flatMap { d, descriptor in descriptor.variants.map { _ in d } }
        guard let rows = impactRows(rowsNode, keys: keys, ownerOf: ownerOf, key: "cross_impacts", ownBlock: false) else { return nil }
        do { return try CrossImpactMatrix(descriptors: descriptors, impacts: rows) } catch {
            issues.add(document.issue(list, key: "descriptors", "\(error)"))
            return nil
        }
    }

    private mutating func micmacPart(_ root: Node) -> ([ForesightStudy.Item], [[Double]]) {
        guard let node = root["micmac"] else { return ([], []) }
        let variables = items(node["variables"], key: "micmac.variables")
        guard let rows = node["matrix"]?.sequence, rows.count == variables.count else {
            issues.add(document.issue(node, key: "micmac.matrix", "'micmac.matrix' must have one row per variable (\(variables.count))"))
            return (variables, [])
        }
        let matrix = rows.compactMap { numberRow($0, count: variables.count, context: "micmac.matrix", allowP: true) }
        if matrix.flatMap({ $0 }).contains(where: { $0 > 3 || ($0 < 0 && $0 != -1) }) {
            issues.add(document.issue(node["matrix"], key: "micmac.matrix", "MICMAC influences must be 0, 1, 2, 3 or P"))
        }
        return (variables, matrix)
    }

    private mutating func criteriaPart(_ root: Node, forceAHP: Bool) -> ([ForesightStudy.Criterion], [[Double]]?) {
        guard let node = root["criteria"] else { return ([], nil) }
        let list = node["items"] ?? node
        let base = items(list, key: "criteria")
        var types: [DecisionMatrix.CriterionType] = []
        var weights: [Double?] = []
        for item in list.sequence ?? [] {
            types.append(document.choice(item, "type", DecisionMatrix.CriterionType.self, default: .benefit, context: "criterion", issues: &issues) ?? .benefit)
            weights.append(item["weight"].flatMap(number))
        }
        var ahp: [[Double]]? = nil
        var final: [Double]
        if let comparisons = node["ahp"] {
            let rows = (comparisons.sequence ?? []).compactMap { numberRow($0, count: base.count, context: "criteria.ahp") }
            guard rows.count == base.count else {
                issues.add(document.issue(comparisons, key: "criteria.ahp", "'criteria.ahp' must be a \(base.count) × \(base.count) matrix"))
                return ([], nil)
            }
            do {
                final = try AHP(comparisons: rows, force: forceAHP).weights
                ahp = rows
            } catch {
                issues.add(document.issue(comparisons, key: "criteria.ahp", "\(error)"))
                return ([], nil)
            }
        } else {
            guard weights.allSatisfy({ ($0 ?? -1) >= 0 }), weights.compactMap({ $0 }).reduce(0, +) > 0 else {
                issues.add(document.issue(node, key: "criteria", "every criterion needs a weight ≥ 0 (not all 0), or give 'ahp' comparisons"))
                return ([], nil)
            }
            let total = weights.compactMap { $0 }.reduce(0, +)
            final = weights.map { $0! / total }
        }
        return (zip(base, zip(final, types)).map { ForesightStudy.Criterion(item: $0, weight: $1.0, type: $1.1) }, ahp)
    }

    /// Ratings; `criteria` nil means the criteria section had errors, so criterion ids are not checked again.
    private mutating func delphiPart(_ root: Node, priorities: [ForesightStudy.Item], criteria: [ForesightStudy.Item]?) -> (ClosedRange<Double>, [ForesightStudy.Rating]) {
        guard let node = root["delphi"] else { return (1...5, []) }
        var scale: ClosedRange<Double> = 1...5
        if let s = node["scale"]?.sequence, s.count == 2, let low = number(s[0]), let high = number(s[1]), low < high { scale = low...high }
        else if node["scale"] != nil { issues.add(document.issue(node["scale"], key: "delphi.scale", "'delphi.scale' must be [lowest, highest]")) }
        let ids = Set(priorities.map(\.id)), criterionIDs = criteria.map { Set($0.map(\.id)) }
        var firstLine: [String: Int] = [:]
        let ratings: [ForesightStudy.Rating] = (node["ratings"]?.sequence ?? []).compactMap { item in
            guard let expert = document.string(item, "expert", required: true, issues: &issues),
                  let priority = document.string(item, "priority", required: true, issues: &issues),
                  let valueNode = item["value"], let value = number(valueNode) else {
                issues.add(document.issue(item, key: "delphi.ratings", "a rating needs expert, priority and a numeric value"))
                return nil
            }
            let criterion = document.string(item, "criterion", required: false, issues: &issues) ?? "overall"
            var round = 1
            if let roundNode = item["round"] {
                guard let r = roundNode.int, r >= 1, let text = roundNode.string, text == String(r) else {
                    issues.add(document.issue(roundNode, key: "delphi.ratings", "the round '\(roundNode.string ?? "?")' is not a whole number of at least 1"))
                    return nil
                }
                round = r
            }
            if !ids.contains(priority) { issues.add(document.issue(item, key: "delphi.ratings", "unknown priority '\(priority)'")); return nil }
            if criterion != "overall", let criterionIDs, !criterionIDs.contains(criterion) { issues.add(document.issue(item, key: "delphi.ratings", "unknown criterion '\(criterion)'")); return nil }
            if !scale.contains(value) { issues.add(document.issue(valueNode, key: "delphi.ratings", "the rating \(value) is outside the scale \(scale.lowerBound)–\(scale.upperBound)")); return nil }
            let key = "\(expert)\u{1F}\(round)\u{1F}\(priority)\u{1F}\(criterion)"
            if let line = firstLine[key] {
                issues.add(document.issue(item, key: "delphi.ratings",
                    "expert '\(expert)' rated priority '\(priority)' on '\(criterion)' twice in round \(round) (first at line \(line)); keep one rating"))
                return nil
            }
            firstLine[key] = item.mark?.line ?? 0
            return ForesightStudy.Rating(expert: expert, round: round, priority: priority, criterion: criterion, value: value)
        }
        return (scale, ratings)
    }

    private mutating func impactPart(_ root: Node, priorities: [ForesightStudy.Item], matrix: CrossImpactMatrix?) -> [[Double]] {
        let keys = matrix.map { m in m.descriptors.flatMap { d in d.variants.map { "\(d.id).\($0.id)" } } } ?? []
        var table = priorities.map { _ in [Double](repeating: 0, count: keys.count) }
        guard let node = root["impacts"] else { return table }
        guard case .mapping(let pairs) = node else {
            issues.add(document.issue(node, key: "impacts", "'impacts' must map each priority to {descriptor.variant: −3…3}"))
            return table
        }
        for (priorityNode, row) in pairs {
            guard let p = priorities.firstIndex(where: { $0.id == priorityNode.string }) else {
                issues.add(document.issue(priorityNode, key: "impacts", "'\(priorityNode.string ?? "?")' is not a priority"))
                continue
            }
            guard case .mapping(let cells) = row else { issues.add(document.issue(row, key: "impacts", "each priority maps variants to impacts")); continue }
            for (variantNode, valueNode) in cells {
                guard let v = keys.firstIndex(of: variantNode.string ?? "") else {
                    issues.add(document.issue(variantNode, key: "impacts", "'\(variantNode.string ?? "?")' is not a variant (descriptor.variant)"))
                    continue
                }
                guard let value = number(valueNode), (-3...3).contains(value) else {
                    issues.add(document.issue(valueNode, key: "impacts", "impacts must be numbers from −3 to +3"))
                    continue
                }
                table[p][v] = value
            }
        }
        return table
    }
}
