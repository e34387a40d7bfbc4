import Foundation
import Yams

/// Writes datasets in SmartSpec's folder format, deterministically and atomically.
public enum DatasetWriter {
    /// The files ``write(_:to:)`` writes for `dataset`.
    public static func fileNames(_ dataset: Dataset) -> [String] {
        ["dataset.yaml", "regions.csv", "indicators.yaml", "indicators.csv"] + (dataset.activities.isEmpty ? [] : ["activities.yaml", "activities.csv"])
    }

    /// Writes every file of `dataset` into `folder` (created when needed).
    public static func write(_ dataset: Dataset, to folder: URL) throws {
        try AtomicFileWriter.write(try infoYAML(dataset.info), to: folder.appendingPathComponent("dataset.yaml"))
        try AtomicFileWriter.write(CSVText.render(regionRows(dataset.regions)), to: folder.appendingPathComponent("regions.csv"))
        try AtomicFileWriter.write(try indicatorsYAML(dataset.indicators), to: folder.appendingPathComponent("indicators.yaml"))
        try AtomicFileWriter.write(CSVText.render(indicatorRows(dataset)), to: folder.appendingPathComponent("indicators.csv"))
        guard !dataset.activities.isEmpty else { return }
        try AtomicFileWriter.write(try activitiesYAML(dataset), to: folder.appendingPathComponent("activities.yaml"))
        try AtomicFileWriter.write(CSVText.render(activityRows(dataset)), to: folder.appendingPathComponent("activities.csv"))
    }

    /// A number as written into dataset files: integers without a decimal point, other values in
    /// the shortest form that reads back to the same double.
    public static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    // MARK: YAML

    static func quoted(_ text: String) -> Node { Node(text, Tag(.str), .doubleQuoted) }

    static func mapping(_ pairs: [(String, Node?)]) -> Node {
        Node(pairs.compactMap { key, value in value.map { (Node(key), $0) } })
    }

    static func infoYAML(_ info: DatasetInfo) throws -> String {
        var pairs: [(String, Node?)] = [
            ("name", quoted(info.name)),
            ("description", info.description.map(quoted)),
            ("source", info.source.map(quoted)),
            ("licence", info.licence.map(quoted)),
        ]
        if info.synthetic { pairs.append(("synthetic", Node("true", Tag(.bool)))) }
        if info.years.count == 1 { pairs.append(("year", Node(String(info.years[0]), Tag(.int)))) }
        if info.years.count > 1 { pairs.append(("years", Node(info.years.map { Node(String($0), Tag(.int)) }, Tag(.seq), .flow))) }
        pairs.append(("languages", Node(info.languages.map { Node($0) }, Tag(.seq), .flow)))
        return try Yams.serialize(node: mapping(pairs), width: -1, allowUnicode: true)
    }

    static func indicatorNode(_ indicator: Indicator) -> Node {
        mapping([
            ("id", quoted(indicator.id)), ("label", quoted(indicator.label)), ("label_ru", indicator.labelRu.map(quoted)),
            ("dimension", Node(indicator.dimension)), ("role", Node(indicator.role.rawValue)),
            ("direction", Node(indicator.direction.rawValue)), ("transform", Node(indicator.transform.rawValue)),
            ("unit", indicator.unit.map(quoted)), ("source", indicator.source.map(quoted)),
        ])
    }

    static func indicatorsYAML(_ indicators: [Indicator]) throws -> String {
        try Yams.serialize(node: mapping([("indicators", Node(indicators.map(indicatorNode)))]), width: -1, allowUnicode: true)
    }

    static func activitiesYAML(_ dataset: Dataset) throws -> String {
        try Yams.serialize(node: mapping([("classification", dataset.activityClassification.map(quoted)),
                                          ("activities", Node(dataset.activities.map(activityNode)))]),
                           width: -1, allowUnicode: true)
    }

    /// One activity of `activities.yaml`; `scope` is written only for a local activity.
    static func activityNode(_ a: Activity) -> Node {
        mapping([("code", quoted(a.code)), ("label", quoted(a.label)), ("label_ru", a.labelRu.map(quoted)), ("group", a.group.map(quoted)),
                 ("scope", a.scope == .local ? "local" : nil)])
    }

    // MARK: CSV

    static func regionRows(_ regions: [Region]) -> [[String]] {
        let withRussian = regions.contains { $0.nameRu != nil }
        let withLevel = regions.contains { $0.level != nil }
        let withParent = regions.contains { $0.parent != nil }
        var header = ["code", "name"]
        if withRussian { header.append("name_ru") }
        header.append("country")
        if withLevel { header.append("level") }
        if withParent { header.append("parent") }
        return [header] + regions.map { r in
            var row = [r.code, r.name]
            if withRussian { row.append(r.nameRu ?? "") }
            row.append(r.country)
            if withLevel { row.append(r.level.map(String.init) ?? "") }
            if withParent { row.append(r.parent ?? "") }
            return row
        }
    }

    static func indicatorRows(_ dataset: Dataset) -> [[String]] {
        let header = ["code"] + dataset.indicators.map(\.id)
        return [header] + dataset.regions.indices.map { r in
            [dataset.regions[r].code] + dataset.indicators.indices.map { k in
                dataset.indicatorValues[region: r, indicator: k].map(format) ?? ""
            }
        }
    }

    static func activityRows(_ dataset: Dataset) -> [[String]] {
        let withYear = dataset.activityTables.contains { $0.year != nil }
        var rows = [withYear ? ["region", "activity", "year", "value"] : ["region", "activity", "value"]]
        for table in dataset.activityTables {
            for r in 0..<table.regionCount {
                for a in 0..<table.activityCount where table[region: r, activity: a] > 0 {
                    let base = [dataset.regions[r].code, dataset.activities[a].code]
                    let value = format(table[region: r, activity: a])
                    rows.append(withYear ? base + [table.year.map(String.init) ?? "", value] : base + [value])
                }
            }
        }
        return rows
    }
}
