import Foundation

/// One subject of the Russian Federation (registry: `Registry/Data/ru-subjects.csv`, made by
/// `Registries/make_ru_subjects.py` from Rosstat's names and the OKATO/OKTMO codes of
/// github.com/hflabs/region, CC BY-SA 4.0).
public struct RussianSubject: Sendable, Equatable {
    /// ISO-3166-2 code (`RU-TA`; `RU-CR` and `RU-SEV` for Crimea and Sevastopol).
    public var code: String
    /// OKATO prefix and OKTMO code.
    public var okato: String, oktmo: String
    /// Names in Russian (as Rosstat writes them) and English.
    public var nameRu: String, nameEn: String
    /// Federal district in Russian and English.
    public var districtRu: String, districtEn: String
    /// For the three autonomous okrugs inside an oblast (Nenets in Arkhangelsk, Khanty-Mansi and
    /// Yamalo-Nenets in Tyumen): the oblast's code.
    public var parent: String?
    /// Other spellings found in Rosstat tables.
    public var variants: [String]
}

/// What a row name of a Rosstat table is.
public enum RussianRegionRow: Sendable, Equatable {
    /// A subject (for an oblast with autonomous okrugs: the oblast including them).
    case subject(String)
    /// An oblast without its autonomous okrugs ("… без Ненецкого авт. округа", "… кроме …").
    case subjectWithoutOkrugs(String)
    /// The federation, a federal district or a total: not a region.
    case aggregate
}

/// The registry of the 85 subjects, and the matching of Rosstat's row names to them.
///
/// Names are compared after normalisation: lower case, `ё` as `е`, footnote marks (`1)`, `2)3)`)
/// and punctuation removed, the abbreviations `авт.`, `обл.`, `респ.`, `г.` and the words for the
/// kind of subject (республика, край, область, автономный округ, город) dropped, so that
/// "Ханты-Мансийский авт. округ-Югра" and "Ханты-Мансийский автономный округ - Югра" meet.
public enum RussianRegions {
    /// Every subject, in Rosstat's order.
    public static let subjects: [RussianSubject] = {
        RegistryFile.records("ru-subjects").map { f in
            RussianSubject(code: f[0], okato: f[1], oktmo: f[2], nameRu: f[3], nameEn: f[4], districtRu: f[5], districtEn: f[6],
                           parent: f[7].isEmpty ? nil : f[7], variants: f[8].isEmpty ? [] : f[8].split(separator: ";").map(String.init))
        }
    }()

    /// The subject with `code`.
    public static func subject(_ code: String) -> RussianSubject? { subjects.first { $0.code == code } }

    private static let byKey: [String: String] = {
        var keys: [String: String] = [:]
        for s in subjects {
            for name in [s.nameRu] + s.variants { keys[key(name)] = s.code }
        }
        return keys
    }()

    /// What the row named `name` is; nil when it is no subject, part or aggregate known.
    public static func classify(_ name: String) -> RussianRegionRow? {
        let normal = normalised(name)
        if normal.isEmpty { return nil }
        if [" российская федерация", " российской федерации", "федеральный округ", " всего", " итого", " по субъектам"].contains(where: { normal.contains($0) }) {
            return .aggregate
        }
        for marker in [" без ", " кроме "] {
            if let range = normal.range(of: marker) {
                let head = String(normal[..<range.lowerBound])
                return byKey[stripped(head)].map { .subjectWithoutOkrugs($0) }
            }
        }
        return byKey[stripped(normal)].map { .subject($0) }
    }

    /// The comparison key of a name.
    static func key(_ name: String) -> String { stripped(normalised(name)) }

    /// Lower case, `ё` → `е`, footnote marks, punctuation and leading "в т.ч." removed, spaces collapsed.
    static func normalised(_ name: String) -> String {
        var text = name.lowercased().replacingOccurrences(of: "ё", with: "е")
        text = text.replacingOccurrences(of: #"\d+\)"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"[\.,;:\-–—/\\()"«»*]"#, with: " ", options: .regularExpression)
        // Rosstat's tables sometimes type a Latin letter inside a Russian word ("Калинингpадская"):
        // in a word with Cyrillic letters, Latin look-alikes are read as the Cyrillic ones.
        text = text.split(whereSeparator: \.isWhitespace).map { word in
            guard word.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }) else { return String(word) }
            return String(word.map { homoglyphs[$0] ?? $0 })
        }.joined(separator: " ")
        for lead in ["в т ч ", "в том числе ", "из них "] where text.hasPrefix(lead) { text.removeFirst(lead.count) }
        return " " + text + " "
    }

    private static let homoglyphs: [Character: Character] = [
        "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т", "h": "н", "b": "в",
    ]

    /// A normalised name without the words for the kind of subject.
    static func stripped(_ normal: String) -> String {
        let kinds: Set<String> = ["республика", "респ", "край", "область", "обл", "автономный", "автономная", "авт", "округ", "ао",
                                  "город", "г", "федерального", "значения", "region", "oblast", "city", "облысы", "қаласы", "облусу", "шаары",
                                  "вобласць"]
        var words: [Substring] = []
        for word in normal.split(separator: " ") where !kinds.contains(String(word)) && words.last != word { words.append(word) }
        return words.joined(separator: " ")
    }
}
