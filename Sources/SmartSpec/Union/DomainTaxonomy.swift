/// The common taxonomy of economic domains in which the union's regions meet
/// (`Methodology/union.md`): NACE Rev. 2 sections, which OKVED2 shares.
///
/// For a NACE, OKVED2 or ISIC classification an activity's domain is its section: a division
/// `C26` or `26` belongs to `C`, a section `C` is its own domain, and an Eurostat aggregate (`B-E`,
/// `M_N`) is a domain of its own. Other classifications (the demo's) use the activity's `group`,
/// or the activity itself when it has none.
public struct DomainTaxonomy: Sendable {
    /// A domain: its code and name.
    public struct Domain: Sendable, Equatable, Codable {
        public var code: String, label: LocalizedName
    }

    /// The domains, in order of their first activity in the dataset.
    public let domains: [Domain]
    /// The domain (index into ``domains``) of every activity of the dataset.
    public let domainOfActivity: [Int]

    /// Builds the taxonomy of `dataset`'s activities.
    public init(_ dataset: Dataset) {
        let nace = ActivityScopes.applies(toClassification: dataset.activityClassification)
        let sections = Dictionary(uniqueKeysWithValues: OKVED2.sections.map { ($0.code, $0) })
        var domains: [Domain] = [], index: [String: Int] = [:], of: [Int] = []
        for activity in dataset.activities {
            let domain: Domain
            if nace, let section = Self.section(of: activity.code), let s = sections[section] {
                domain = Domain(code: section, label: LocalizedName(s.nameEn, ru: s.nameRu))
            } else if nace {
                domain = Domain(code: activity.code, label: LocalizedName(activity.label, ru: activity.labelRu))
            } else {
                let code = activity.group ?? activity.code
                domain = Domain(code: code, label: LocalizedName(activity.group == nil ? activity.label : code, ru: activity.group == nil ? activity.labelRu : nil))
            }
            if index[domain.code] == nil {
                index[domain.code] = domains.count
                domains.append(domain)
            }
            of.append(index[domain.code]!)
        }
        self.domains = domains
        domainOfActivity = of
    }

    /// The NACE section of a code: `C26` → C, `26` → C (through OKVED2's divisions), `C` → C; nil for
    /// an aggregate or an unknown code.
    static func section(of code: String) -> String? {
        if code.count == 1, OKVED2.sections.contains(where: { $0.code == code }) { return code }
        return OKVED2.division(code)?.section
    }

    /// The index of the domain with `code`.
    public func domain(code: String) -> Int? { domains.firstIndex { $0.code == code } }

    /// The activities (indices) of domain `d`.
    public func activities(in d: Int) -> [Int] { domainOfActivity.indices.filter { domainOfActivity[$0] == d } }
}
