import Foundation

/// The registry data files shipped with the library (`Registry/Data/*.csv`, written by the scripts
/// in `Registries/`, each stating its sources).
enum RegistryFile {
    /// The records (header dropped) of `Registry/Data/<name>.csv`; empty when the file is missing.
    static func records(_ name: String) -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Data"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              case .success(let table) = DelimitedTable.parse(text, file: "\(name).csv", declaredSeparator: ",") else { return [] }
        return table.records.map(\.fields)
    }
}

/// A section of OKVED2 (the Russian edition of NACE Rev. 2; sections and divisions coincide).
public struct OKVED2Section: Sendable, Equatable {
    /// Letter code (A–U), also the NACE Rev. 2 section.
    public var code: String
    /// Names in Russian and English.
    public var nameRu: String, nameEn: String
}

/// A division of OKVED2, equal to the NACE Rev. 2 (and ISIC Rev. 4) division of the same code.
public struct OKVED2Division: Sendable, Equatable {
    /// Two-digit code (`10`) and the section it belongs to (`C`).
    public var code: String, section: String
    /// Names in Russian and English.
    public var nameRu: String, nameEn: String
    /// The code SmartSpec's EU datasets give the division: section letter and code (`C10`).
    public var naceCode: String
}

/// The OKVED2 sections and divisions, and the matching of Rosstat's column labels to sections.
/// OKVED2 (OK 029-2014) is the Russian edition of NACE Rev. 2: at section and division level the
/// correspondence is the identity, so Russian and EU activities meet in one classification.
public enum OKVED2 {
    /// The 21 sections A–U.
    public static let sections: [OKVED2Section] = RegistryFile.records("okved2-sections").map {
        OKVED2Section(code: $0[0], nameRu: $0[1], nameEn: $0[2])
    }

    /// The 88 divisions 01–99.
    public static let divisions: [OKVED2Division] = RegistryFile.records("okved2-divisions").map {
        OKVED2Division(code: $0[0], section: $0[1], nameRu: $0[2], nameEn: $0[3], naceCode: $0[4])
    }

    /// The division with a two-digit code (`10`) or a NACE-style code (`C10`).
    public static func division(_ code: String) -> OKVED2Division? {
        divisions.first { $0.code == code || $0.naceCode == code }
    }

    /// The section whose name a column label gives (labels may be abbreviated or carry footnote
    /// marks): the section with the largest share of shared words, when at least half of the
    /// label's words are the section's; nil for a label that names no section.
    public static func section(forLabel label: String) -> OKVED2Section? {
        let words = Self.words(label)
        guard !words.isEmpty else { return nil }
        let scored = sections.map { section -> (OKVED2Section, Double) in
            let name = Self.words(section.nameRu)
            let shared = Double(words.intersection(name).count)
            return (section, shared / Double(max(words.count, name.count)))
        }
        guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= 0.5,
              scored.filter({ $0.1 == best.1 }).count == 1 else { return nil }
        return best.0
    }

    /// Whether a column label is the total of all activities.
    public static func isTotal(_ label: String) -> Bool {
        let w = words(label)
        return w.contains("всего") || w.contains("итого")
    }

    static func words(_ text: String) -> Set<String> {
        let normal = RussianRegions.normalised(text)
        return Set(normal.split(separator: " ").map(String.init).filter { $0.count > 2 && !["деятельность", "виды", "видам"].contains($0) })
    }
}

/// The shipped traded/local classification of NACE Rev. 2 (= OKVED2 = ISIC Rev. 4) sections,
/// divisions (`47` and `G47`) and Eurostat section aggregates (`O-Q`): registry
/// `Registry/Data/activity-scope.csv`, made by `Registries/make_activity_scope.py`, method in
/// `Methodology/traded-local.md`. Codes not listed are traded.
public enum ActivityScopes {
    /// The local codes and why each is local.
    public static let local: [String: String] = Dictionary(
        RegistryFile.records("activity-scope").filter { $0.count == 3 && $0[1] == "local" }.map { ($0[0], $0[2]) },
        uniquingKeysWith: { first, _ in first })

    /// Whether a classification's codes are NACE Rev. 2 / OKVED2 / ISIC Rev. 4 codes, to which the
    /// shipped classification applies.
    public static func applies(toClassification name: String?) -> Bool {
        guard let name = name?.uppercased() else { return false }
        return name.contains("NACE") || name.contains("OKVED") || name.contains("ОКВЭД") || name.contains("ISIC")
    }

    /// The scope of a NACE-family code.
    public static func scope(of code: String) -> ActivityScope { local[code] == nil ? .traded : .local }
}
