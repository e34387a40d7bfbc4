/// Takes one year out of a Rosstat regional table (``RosstatTable``): one indicator (a column),
/// or every breakdown under the year as activities (OKVED2 sections).
///
/// Every subject row is mapped to its code by ``RussianRegions``; the federation, federal districts
/// and totals are skipped; a name the registry does not know stops the import with the name, the
/// sheet and the row. **Nesting rule** (`Datasets/README.md`): Rosstat's rows for Arkhangelsk and
/// Tyumen oblasts include their autonomous okrugs (Nenets; Khanty-Mansi and Yamalo-Nenets), which
/// also have rows of their own. When the table also gives the oblast without its okrugs, the
/// oblast's code takes that row, so the 85 subjects partition the country and no okrug is
/// counted twice; when it does not, the oblast's whole row is taken and a note says so.
public struct RosstatImporter: Sendable {
    /// The header year to take.
    public var year: Int
    /// Text that picks one breakdown under the year (matched ignoring case, punctuation and
    /// footnote marks); nil takes the only column, or the total when there are several.
    public var column: String?

    /// Creates an importer.
    public init(year: Int, column: String? = nil) {
        self.year = year
        self.column = column
    }

    /// The subjects' values of one column, as an indicator.
    /// - Throws: ``RosstatError`` (year or column not in the header, unknown region, a value that
    ///   is not a number, no value at all).
    public func indicator(_ table: RosstatTable, as indicator: Indicator) throws -> ImportedIndicator {
        let column = try pickColumn(table)
        var notes: [String] = []
        let values = try subjectValues(table, column: column, notes: &notes)
        guard !values.isEmpty else { throw RosstatError.noValues(file: table.file, sheet: table.sheet, year: year) }
        return ImportedIndicator(indicator: indicator, values: values.map { ($0.code, $0.value) },
                                 regions: values.map { Self.region($0.code) }, notes: notes)
    }

    /// Every breakdown under the year as an OKVED2 section (the total column is recognised and
    /// left out), for `activities.csv`.
    /// - Throws: ``RosstatError/unknownSection(file:sheet:label:)`` for a column that names no section.
    public func activities(_ table: RosstatTable) throws -> ImportedActivities {
        let columns = try yearColumns(table).filter { !OKVED2.isTotal($0.breakdown) }
        var notes: [String] = [], rows: [ImportedActivities.Row] = [], sections: [OKVED2Section] = []
        for column in columns {
            guard let section = OKVED2.section(forLabel: column.breakdown) else {
                throw RosstatError.unknownSection(file: table.file, sheet: table.sheet, label: column.breakdown)
            }
            sections.append(section)
            for (code, value) in try subjectValues(table, column: column, notes: &notes) {
                rows.append(.init(region: code, activity: section.code, year: year, value: value))
            }
        }
        guard !rows.isEmpty else { throw RosstatError.noValues(file: table.file, sheet: table.sheet, year: year) }
        let regions = Set(rows.map(\.region))
        return ImportedActivities(classification: "OKVED2", activities: sections.map { Activity(code: $0.code, label: $0.nameEn, labelRu: $0.nameRu, scope: ActivityScopes.scope(of: $0.code)) },
                                  rows: rows, regions: RussianRegions.subjects.filter { regions.contains($0.code) }.map { Self.region($0.code) },
                                  notes: Array(Set(notes)).sorted())
    }

    /// The dataset region of a subject: English name, Russian name, country RU.
    static func region(_ code: String) -> Region {
        let s = RussianRegions.subject(code)!
        return Region(code: code, name: s.nameEn, nameRu: s.nameRu, country: "RU")
    }

    private func yearColumns(_ table: RosstatTable) throws -> [RosstatTable.Column] {
        let columns = table.columns.filter { $0.year == year }
        guard !columns.isEmpty else {
            throw RosstatError.unknownYear(file: table.file, sheet: table.sheet, year: year, available: Array(Set(table.columns.map(\.year))).sorted())
        }
        return columns
    }

    private func pickColumn(_ table: RosstatTable) throws -> RosstatTable.Column {
        let columns = try yearColumns(table)
        if let column {
            let wanted = RussianRegions.normalised(column).trimmingCharacters(in: .whitespaces)
            let matches = columns.filter { RussianRegions.normalised($0.breakdown).contains(wanted) }
            guard matches.count == 1 else {
                if matches.isEmpty {
                    throw RosstatError.unknownColumn(file: table.file, sheet: table.sheet, year: year, text: column, available: columns.map(\.breakdown))
                }
                throw RosstatError.ambiguousColumn(file: table.file, sheet: table.sheet, year: year, available: matches.map(\.breakdown))
            }
            return matches[0]
        }
        if columns.count == 1 { return columns[0] }
        let totals = columns.filter { OKVED2.isTotal($0.breakdown) }
        guard totals.count == 1 else { throw RosstatError.ambiguousColumn(file: table.file, sheet: table.sheet, year: year, available: columns.map(\.breakdown)) }
        return totals[0]
    }

    /// One value per subject under the nesting rule, in the registry's order.
    private func subjectValues(_ table: RosstatTable, column: RosstatTable.Column, notes: inout [String]) throws -> [(code: String, value: Double)] {
        var whole: [String: Double?] = [:], without: [String: Double?] = [:]
        var missing: [String: Int] = [:]
        var position: [String: Int] = [:]
        for (index, row) in table.rows.enumerated() {
            guard let kind = row.kind else {
                throw RosstatError.unknownRegion(file: table.file, sheet: table.sheet, row: row.line, name: row.name)
            }
            let code: String, isPart: Bool
            switch kind {
            case .aggregate: continue
            case .subject(let c): (code, isPart) = (c, false)
            case .subjectWithoutOkrugs(let c): (code, isPart) = (c, true)
            }
            let (value, note) = try table.value(row, column)
            if let note { missing[note, default: 0] += 1 }
            if isPart { if without[code] == nil { without[code] = value } } else if whole[code] == nil {
                whole[code] = value
                position[code] = index
            }
        }
        for (reason, count) in missing.sorted(by: { $0.key < $1.key }) {
            notes.append("\(count) cell(s) of \(year) are marked \(reason == "confidential" ? "'…' (confidential)" : "'-' (no data)") and left missing")
        }
        // Some tables list an oblast without its okrugs under the oblast's plain name, after the
        // okrugs (not followed by them as "в т.ч." rows): such a row is the oblast without them.
        for subject in RussianRegions.subjects where without[subject.code] == nil {
            let okrugs = RussianRegions.subjects.filter { $0.parent == subject.code }.compactMap { position[$0.code] }
            if let at = position[subject.code], !okrugs.isEmpty, okrugs.allSatisfy({ $0 < at }), let value = whole[subject.code] {
                without[subject.code] = value
                notes.append("\(subject.code): the table lists the oblast after its autonomous okrug(s), so its row is read as the oblast without them")
            }
        }
        var values: [(code: String, value: Double)] = []
        for subject in RussianRegions.subjects {
            let hasOkrugs = RussianRegions.subjects.contains { $0.parent == subject.code }
            if hasOkrugs, let part = without[subject.code] {
                if let part { values.append((subject.code, part)) }
            } else if let value = whole[subject.code] ?? nil {
                values.append((subject.code, value))
                if hasOkrugs { notes.append("\(subject.code) includes its autonomous okrug(s): the table gives no row without them") }
            }
        }
        return values
    }
}

/// Activity values taken from an outside table, ready to be merged into a dataset folder.
public struct ImportedActivities: Sendable {
    /// One value: region code, activity code, year, value.
    public struct Row: Sendable, Equatable {
        public var region: String, activity: String, year: Int, value: Double
    }
    /// The classification (`OKVED2`) and its activities, in column order.
    public var classification: String
    public var activities: [Activity]
    public var rows: [Row]
    /// Regions to add to `regions.csv` when they are not there yet.
    public var regions: [Region]
    /// Remarks for the user.
    public var notes: [String]
}
