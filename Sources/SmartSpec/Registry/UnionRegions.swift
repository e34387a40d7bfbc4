/// A first-level region of a member state of the Eurasian Economic Union.
public struct UnionRegion: Sendable, Equatable {
    /// ISO 3166-2 country code (`RU`, `KZ`, `KG`, `BY`, `AM`).
    public var country: String
    /// ISO 3166-2 code of the region (`KZ-75`, `KG-GB`, `RU-TA`).
    public var code: String
    /// National code (KATO for Kazakhstan, SOATE for Kyrgyzstan, OKATO for Russia); nil where none is kept.
    public var nationalCode: String?
    /// Names in English, Russian and the state language (Kazakh, Kyrgyz, Belarusian, Armenian; Russian for Russia).
    public var nameEn: String, nameRu: String, nameLocal: String
    /// `oblast`, `city`, `marz`, or the kind of a Russian subject (`subject`).
    public var kind: String
    /// First and last year of the region as it is (Kazakhstan's reforms of 2018 and 2022); nil when open.
    public var validFrom: Int?, validUntil: Int?

    /// Whether the region existed in `year`.
    public func exists(in year: Int) -> Bool {
        (validFrom.map { year >= $0 } ?? true) && (validUntil.map { year < $0 } ?? true)
    }
}

/// The registries of the union's regions: Russia's 85 subjects (``RussianRegions``) and the
/// regions of Kazakhstan, Kyrgyzstan, Belarus and Armenia (`Registry/Data/eaeu-regions.csv`, made
/// by `Registries/make_eaeu_regions.py`, which states the sources).
public enum UnionRegions {
    /// Every region, Russia's subjects first, then the file's order.
    public static let all: [UnionRegion] = {
        let russian = RussianRegions.subjects.map {
            UnionRegion(country: "RU", code: $0.code, nationalCode: $0.okato, nameEn: $0.nameEn, nameRu: $0.nameRu, nameLocal: $0.nameRu,
                        kind: "subject", validFrom: nil, validUntil: nil)
        }
        let others = RegistryFile.records("eaeu-regions").map { f in
            UnionRegion(country: f[0], code: f[1], nationalCode: f[2].isEmpty ? nil : f[2], nameEn: f[3], nameRu: f[4], nameLocal: f[5],
                        kind: f[6], validFrom: Int(f[7]), validUntil: Int(f[8]))
        }
        return russian + others
    }()

    /// The regions of `country` that existed in `year` (all of them when `year` is nil).
    public static func regions(of country: String, in year: Int? = nil) -> [UnionRegion] {
        all.filter { $0.country == country && (year.map($0.exists(in:)) ?? true) }
    }

    /// The region with `code`.
    public static func region(_ code: String) -> UnionRegion? { all.first { $0.code == code } }

    /// The region of `country` named `name` in any of its languages (compared as ``RussianRegions``
    /// compares names: case and punctuation ignored; then also the words for the kind of region,
    /// when that leaves a single region); nil when no region, or several, match.
    public static func region(named name: String, in country: String) -> UnionRegion? {
        if country == "RU", case .subject(let code)? = RussianRegions.classify(name) { return region(code) }
        // The full name first ("Almaty" is the city, "Almaty Region" the oblast), then without the
        // words for the kind of region.
        let candidates = all.filter { $0.country == country }
        let normal = RussianRegions.normalised(name)
        if let exact = candidates.first(where: { r in [r.nameEn, r.nameRu, r.nameLocal].contains { RussianRegions.normalised($0) == normal } }) {
            return exact
        }
        let key = RussianRegions.key(name)
        let matches = candidates.filter { r in [r.nameEn, r.nameRu, r.nameLocal].contains { RussianRegions.key($0) == key } }
        return matches.count == 1 ? matches[0] : nil
    }
}
