/// The common taxonomy of economic domains in which the union's regions meet
/// (`Methodology/union.md`): NACE Rev. 2 divisions and sections, which OKVED2 shares.
///
/// For a NACE, OKVED2 or ISIC classification a division (`C26` or `26`) is the domain `C26`, named
/// from the OKVED2/NACE registry in English and Russian, with its section `C`; a section is its own
/// domain; an Eurostat aggregate (`B-E`, `M_N`) is a domain of its own. Other classifications (the
/// demo's) use the activity's `group`, or the activity itself when it has none.
public struct DomainTaxonomy: Sendable {
    /// A domain: its code and name.
    public struct Domain: Sendable, Equatable, Codable {
        public var code: String, label: LocalizedName
        /// The NACE section of a division domain (nil otherwise).
        public var section: String?
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
            if nace, let division = OKVED2.division(activity.code) {
                domain = Domain(code: division.naceCode, label: LocalizedName(division.nameEn, ru: division.nameRu), section: division.section)
            } else if nace, let s = sections[activity.code] {
                domain = Domain(code: s.code, label: LocalizedName(s.nameEn, ru: s.nameRu))
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

    /// The index of the domain with `code`.
    public func domain(code: String) -> Int? { domains.firstIndex { $0.code == code } }

    /// The activities (indices) of domain `d`.
    public func activities(in d: Int) -> [Int] { domainOfActivity.indices.filter { domainOfActivity[$0] == d } }

    /// The activities a declared code stands for: an activity, a domain, or a NACE section whose
    /// division domains the dataset has (`C` for `C10`…`C33`); nil for an unknown code.
    public func activities(forCode code: String, in dataset: Dataset) -> [Int]? {
        if let a = dataset.activities.firstIndex(where: { $0.code == code }) { return [a] }
        if let d = domain(code: code) { return activities(in: d) }
        let members = domainOfActivity.indices.filter { domains[domainOfActivity[$0]].section == code }
        return members.isEmpty ? nil : members
    }
}
