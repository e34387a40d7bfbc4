import Foundation

/// A priority a region has declared (a row of the declared-priorities file).
public struct DeclaredPriority: Sendable, Equatable {
    public var region: String, priority: String, label: String
    /// Activity or domain codes, as written.
    public var codes: [String]
    /// The line of the file.
    public var line: Int
}

/// Reads a declared-priorities file: CSV with the header `region,priority,label,codes`, `codes`
/// listing activity or domain codes separated by `;` (`Datasets/README.md`).
public enum DeclaredPriorities {
    /// Reads and checks the file against the dataset: every problem is reported with its line,
    /// column and field (``DatasetValidationError``).
    public static func read(_ url: URL, dataset: Dataset, domains: DomainTaxonomy) throws -> [DeclaredPriority] {
        let name = url.lastPathComponent
        let text: String
        switch TextFile.read(url, displayName: name) {
        case .failure(let issue): throw DatasetValidationError(source: name, issues: [issue])
        case .success(let read): text = read
        }
        let table: DelimitedTable
        switch DelimitedTable.parse(text, file: name, declaredSeparator: nil) {
        case .failure(let issue): throw DatasetValidationError(source: name, issues: [issue])
        case .success(let parsed): table = parsed
        }
        let headerIssues = table.headerIssues(file: name, required: ["region", "priority", "label", "codes"], optional: [], allowOthers: false)
        if headerIssues.contains(where: { $0.severity == .error }) { throw DatasetValidationError(source: name, issues: headerIssues) }
        let column = { (field: String) in table.columnIndex(field)! }
        let (r, p, l, c) = (column("region"), column("priority"), column("label"), column("codes"))
        var problems: [DatasetIssue] = [], result: [DeclaredPriority] = [], seen = Set<String>()
        for record in table.records {
            guard record.fields.count == table.header.count else {
                problems.append(DatasetIssue(file: name, line: record.line, "the line has \(record.fields.count) fields but the header has \(table.header.count)"))
                continue
            }
            let field = { (i: Int) in record.fields[i].trimmingCharacters(in: .whitespaces) }
            let region = field(r), priority = field(p)
            if dataset.regionIndex(of: region) == nil {
                problems.append(DatasetIssue(file: name, line: record.line, column: r + 1, field: "region", "the region '\(region)' is not in the dataset"))
            }
            if priority.isEmpty {
                problems.append(DatasetIssue(file: name, line: record.line, column: p + 1, field: "priority", "the priority has no id"))
            } else if !seen.insert("\(region)\u{1F}\(priority)").inserted {
                problems.append(DatasetIssue(file: name, line: record.line, column: p + 1, field: "priority", "the region '\(region)' declares the priority '\(priority)' twice"))
            }
            let codes = field(c).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if codes.isEmpty {
                problems.append(DatasetIssue(file: name, line: record.line, column: c + 1, field: "codes", "the priority lists no activity or domain code"))
            }
            for code in codes where domains.activities(forCode: code, in: dataset) == nil {
                problems.append(DatasetIssue(file: name, line: record.line, column: c + 1, field: "codes",
                                             "'\(code)' is neither an activity nor a domain of the dataset"))
            }
            result.append(DeclaredPriority(region: region, priority: priority, label: field(l).isEmpty ? priority : field(l), codes: codes, line: record.line))
        }
        if !problems.isEmpty { throw DatasetValidationError(source: name, issues: problems) }
        guard !result.isEmpty else { throw DatasetValidationError(source: name, issues: [DatasetIssue(file: name, line: 2, "the file declares no priority")]) }
        return result
    }
}

/// The verdict on a declared priority.
public enum AuditVerdict: String, Sendable, Codable, CaseIterable {
    /// The region holds at least one of its traded activities (RCA at or above the threshold).
    case supported
    /// It holds none, but at least one traded activity is related: density at or above the
    /// region's density cut (the median over its candidates).
    case plausible
    /// Neither: no traded activity of the priority is held or related (or it has only local ones).
    case unsupported
}

/// The evidence for one activity of a declared priority.
public struct AuditEvidence: Sendable, Equatable, Codable {
    public var activity: String, label: LocalizedName, scope: ActivityScope
    public var rca: Double, held: Bool, stars: Int?
    public var density: Double?, pci: Double?, cog: Double?, entryProbability: Double?
    /// Reference regions (the sheet's 10 peers) that hold the activity.
    public var peersHolding: Int, peers: Int
}

/// One declared priority, audited.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var region: String, priority: String, label: String
    public var verdict: AuditVerdict
    /// The verdict in words, each sentence from numbers in `evidence`.
    public var reasons: [String]
    public var evidence: [AuditEvidence]
    /// The region's strongest candidates (the first of its frontier order) that it did not declare.
    public var undeclared: [String]
}

/// The audit of declared priorities against the evidence (`Methodology/union.md`).
public enum PriorityAudit {
    /// Audits every declared priority with the sheets' analyses.
    /// - Complexity: one sheet per region that declares something.
    /// - Parameters:
    ///   - sheets: sheets already built by `builder`, by region code (the union's); the others are built here.
    ///   - russian: write the reasons in Russian (else English).
    public static func audit(_ declared: [DeclaredPriority], builder: SheetBuilder, domains: DomainTaxonomy,
                             sheets built: [String: RecommendationSheet] = [:], russian: Bool = false) throws -> [AuditEntry] {
        let dataset = builder.dataset
        guard let analysis = builder.niches else { throw NichesError.noActivities }
        var sheets = built
        for region in Set(declared.map(\.region)).sorted() where sheets[region] == nil { sheets[region] = try builder.sheet(for: region) }
        return declared.map { d in
            let sheet = sheets[d.region]!
            let r = dataset.regionIndex(of: d.region)!
            var activities: [Int] = []
            for code in d.codes { activities += domains.activities(forCode: code, in: dataset) ?? [] }
            activities = Array(Set(activities)).sorted()
            let strengths = Dictionary(uniqueKeysWithValues: sheet.strengths.map { ($0.activity, $0) })
            let candidates = Dictionary(uniqueKeysWithValues: (sheet.candidates?.all ?? []).map { ($0.activity, $0) })
            let peers = sheet.references.compactMap { dataset.regionIndex(of: $0.code) }
            let threshold = analysis.options.threshold
            let evidence = activities.map { a -> AuditEvidence in
                let code = dataset.activities[a].code, c = candidates[code]
                let rca = analysis.specialisation.value(region: r, activity: a)
                return AuditEvidence(activity: code, label: LocalizedName(dataset.activities[a].label, ru: dataset.activities[a].labelRu),
                                     scope: dataset.activities[a].scope, rca: rca, held: rca >= threshold, stars: strengths[code]?.stars,
                                     density: c?.density ?? analysis.outlook.density(region: r, activity: a), pci: analysis.complexity.pci[a],
                                     cog: c?.cog, entryProbability: c?.entryProbability,
                                     peersHolding: peers.filter { analysis.presence[region: $0, activity: a] }.count, peers: peers.count)
            }
            let traded = evidence.filter { $0.scope == .traded }
            let cut = sheet.candidates?.densityCut ?? 0
            var reasons: [String] = []
            let verdict: AuditVerdict
            let held = traded.filter(\.held), related = traded.filter { !$0.held && ($0.density ?? 0) >= cut }
            let number = { (x: Double) in String(format: "%.3f", x) }
            let ru = russian
            if !held.isEmpty {
                verdict = .supported
                for e in held {
                    let stars = e.stars.map { ru ? ", звёзд кластера: \($0)" : ", \($0) cluster star\($0 == 1 ? "" : "s")" } ?? ""
                    reasons.append(ru ? "\(e.activity) освоен: RCA \(number(e.rca))\(stars); освоен у \(e.peersHolding) из \(e.peers) эталонных регионов."
                                      : "\(e.activity) is held: RCA \(number(e.rca))\(stars); \(e.peersHolding) of \(e.peers) reference regions hold it.")
                }
            } else if !related.isEmpty {
                verdict = .plausible
                for e in related {
                    let entry = e.entryProbability.map { ru ? "; вероятность входа \(number($0))" : "; entry probability \(number($0))" } ?? ""
                    reasons.append(ru ? "\(e.activity) не освоен (RCA \(number(e.rca))), но родствен освоенному: плотность \(number(e.density ?? 0)) не ниже медианы региона \(number(cut))\(entry)."
                                      : "\(e.activity) is not held (RCA \(number(e.rca))) but related: density \(number(e.density ?? 0)) is at or above the region's median \(number(cut))\(entry).")
                }
            } else {
                verdict = .unsupported
                if traded.isEmpty {
                    reasons.append(ru ? "Все виды деятельности приоритета локальные (следуют за численностью населения), поэтому это не ниша специализации."
                                      : "Every activity of the priority is local (it follows the population), so it is no specialisation niche.")
                }
                for e in traded {
                    reasons.append(ru ? "\(e.activity) не освоен (RCA \(number(e.rca))) и не родствен освоенному (плотность \(number(e.density ?? 0)) ниже медианы региона \(number(cut)))."
                                      : "\(e.activity) is neither held (RCA \(number(e.rca))) nor related (density \(number(e.density ?? 0)), below the region's median \(number(cut))).")
                }
            }
            if let auc = sheet.evidence?.densityAUC {
                reasons.append(ru ? "В истории этих данных плотность ставила освоенные виды деятельности выше прочих с вероятностью \(number(auc)) (0,5 — случайный выбор)."
                                  : "In this dataset's history, density ranked the activities regions entered above the others with probability \(number(auc)) (0.5 is chance).")
            }
            let declaredCodes = Set(evidence.map(\.activity))
            let undeclared = (sheet.candidates?.all ?? []).filter { $0.layer == 0 && !declaredCodes.contains($0.activity) }.prefix(3).map(\.activity)
            return AuditEntry(region: d.region, priority: d.priority, label: d.label, verdict: verdict, reasons: reasons, evidence: evidence,
                              undeclared: Array(undeclared))
        }
    }
}
