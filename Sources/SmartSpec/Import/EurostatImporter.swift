/// Picks one indicator for one year out of a Eurostat bulk table.
public struct EurostatImporter: Sendable {
    /// Dimension values to keep (e.g. `unit = PPS_HAB`).
    public var filters: [String: String]
    /// The period to take (e.g. `2014`).
    public var period: String
    /// Periods to fall back to, in order, for a region whose value is missing in `period`.
    public var fallbackPeriods: [String]
    /// NUTS level to keep (0–3), judged from the code length; nil keeps every code.
    public var nutsLevel: Int?
    /// The name of the geographic dimension.
    public var geoDimension: String

    /// Creates an importer.
    public init(filters: [String: String] = [:], period: String, fallbackPeriods: [String] = [], nutsLevel: Int? = nil,
                geoDimension: String = "geo") {
        self.filters = filters
        self.period = period
        self.fallbackPeriods = fallbackPeriods
        self.nutsLevel = nutsLevel
        self.geoDimension = geoDimension
    }

    /// Extracts the values for `indicator` from `table`.
    public func extract(_ table: EurostatTable, as indicator: Indicator) throws -> ImportedIndicator {
        guard let geo = table.dimensions.firstIndex(of: geoDimension) else {
            throw ImportError.unknownDimension(geoDimension, available: table.dimensions)
        }
        var leftOut: [String] = []
        let rows = try filteredRows(table, geo: geo, leftOut: &leftOut)
        let columns = try ([period] + fallbackPeriods).map { p -> Int in
            guard let column = table.periods.firstIndex(of: p) else { throw ImportError.unknownPeriod(p, available: table.periods) }
            return column
        }
        var values: [(code: String, value: Double)] = []
        var fallbackUses: [String: Int] = [:]
        var flagged = 0
        for row in rows {
            guard let (offset, observation) = columns.enumerated().lazy
                .map({ ($0.offset, row.observations[$0.element]) }).first(where: { $0.1.value != nil }) else { continue }
            values.append((row.key[geo], observation.value!))
            if offset > 0 { fallbackUses[table.periods[columns[offset]], default: 0] += 1 }
            if !observation.flags.isEmpty { flagged += 1 }
        }
        guard !values.isEmpty else { throw ImportError.noValues("every selected cell is missing in \(period)") }
        var notes = fallbackUses.keys.sorted().map { "\(fallbackUses[$0]!) region(s) took their value from \($0)" }
        if flagged > 0 { notes.append("\(flagged) value(s) carry Eurostat flags (provisional, estimated, break, ...)") }
        if !leftOut.isEmpty {
            notes.append("\(leftOut.count) aggregate or extra-regio code(s) left out, as they are not regions: \(leftOut.prefix(8).joined(separator: ", "))\(leftOut.count > 8 ? ", …" : "")")
        }
        let regions = values.map { Region(code: $0.code, name: $0.code, country: String($0.code.prefix(2)), level: nutsLevel) }
        return ImportedIndicator(indicator: indicator, values: values, regions: regions, notes: notes)
    }

    /// Rows that pass the filters and the NUTS level, with exactly one row per geo code; the
    /// aggregate and extra-regio codes left out when no level is given.
    private func filteredRows(_ table: EurostatTable, geo: Int, leftOut: inout [String]) throws -> [EurostatTable.Row] {
        var rows = table.rows
        for (name, value) in filters.sorted(by: { $0.key < $1.key }) {
            guard let d = table.dimensions.firstIndex(of: name) else {
                throw ImportError.unknownDimension(name, available: table.dimensions)
            }
            let kept = rows.filter { $0.key[d] == value }
            if kept.isEmpty { throw ImportError.unknownValue(dimension: name, value: value, available: distinct(rows, d)) }
            rows = kept
        }
        if let nutsLevel {
            rows = rows.filter { Self.isNUTS($0.key[geo], level: nutsLevel) }
        } else {
            // Without a level every NUTS code is kept; aggregates and extra-regio codes are not regions.
            let kept = rows.filter { Self.isNUTS($0.key[geo], level: $0.key[geo].count - 2) }
            let left = Set(rows.map { $0.key[geo] }).subtracting(kept.map { $0.key[geo] }).sorted()
            if !left.isEmpty { leftOut = left }
            rows = kept
        }
        for d in table.dimensions.indices where d != geo {
            let values = distinct(rows, d)
            if values.count > 1 { throw ImportError.ambiguous(dimension: table.dimensions[d], values: values) }
        }
        guard !rows.isEmpty else {
            throw ImportError.noValues(nutsLevel.map { "no region code is at NUTS level \($0)" }
                ?? "every code is an aggregate or extra-regio code (\(leftOut.prefix(8).joined(separator: ", ")))")
        }
        return rows.sorted { $0.key[geo] < $1.key[geo] }
    }

    private func distinct(_ rows: [EurostatTable.Row], _ d: Int) -> [String] {
        Array(Set(rows.map { $0.key[d] })).sorted()
    }

    /// Whether `code` is a NUTS code of `level`: two capital letters then `level` characters,
    /// excluding aggregates (EU28, EA19, ...) and extra-regio codes (ending in Z).
    static func isNUTS(_ code: String, level: Int) -> Bool {
        guard (0...3).contains(level) else { return false }
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 2 + level, scalars.prefix(2).allSatisfy({ ("A"..."Z").contains($0) }),
              scalars.dropFirst(2).allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) else { return false }
        if ["EU", "EA"].contains(String(code.prefix(2))) && level > 0 { return false }
        return level == 0 || scalars.last != "Z"
    }
}
