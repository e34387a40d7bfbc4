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

/// The OKVED2 sections, and the matching of Rosstat's column labels to them.
public enum OKVED2 {
    /// The 21 sections A–U.
    public static let sections: [OKVED2Section] = RegistryFile.records("okved2-sections").map {
        OKVED2Section(code: $0[0], nameRu: $0[1], nameEn: $0[2])
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
