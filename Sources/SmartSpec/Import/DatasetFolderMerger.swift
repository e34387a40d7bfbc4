import Foundation
import Yams

/// Adds imported indicators to a dataset folder, creating the folder's files when they are absent.
///
/// Existing rows, columns and metadata are kept; an indicator that already exists is replaced.
public enum DatasetFolderMerger {
    /// Merges `imports` into `folder`; `datasetName` and `source` fill a new `dataset.yaml`.
    public static func merge(_ imports: [ImportedIndicator], into folder: URL, datasetName: String? = nil, source: String? = nil) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let datasetYAML = folder.appendingPathComponent("dataset.yaml")
        if !FileManager.default.fileExists(atPath: datasetYAML.path) {
            let info = DatasetInfo(name: datasetName ?? folder.lastPathComponent, source: source)
            try AtomicFileWriter.write(try DatasetWriter.infoYAML(info), to: datasetYAML)
        }
        var regions = try readTable(folder, "regions.csv") ?? [["code", "name", "country"]]
        var values = try readTable(folder, "indicators.csv") ?? [["code"]]
        var metadata = try readIndicatorNodes(folder)
        for item in imports {
            addRegions(item.regions, to: &regions)
            setColumn(item, in: &values, regionOrder: regions.dropFirst().map { $0[0] })
            metadata.removeAll { $0["id"]?.string == item.indicator.id }
            metadata.append(DatasetWriter.indicatorNode(item.indicator))
        }
        try AtomicFileWriter.write(CSVText.render(regions), to: folder.appendingPathComponent("regions.csv"))
        try AtomicFileWriter.write(CSVText.render(values), to: folder.appendingPathComponent("indicators.csv"))
        let yaml = try Yams.serialize(node: DatasetWriter.mapping([("indicators", Node(metadata))]), width: -1, allowUnicode: true)
        try AtomicFileWriter.write(yaml, to: folder.appendingPathComponent("indicators.yaml"))
    }

    private static func readTable(_ folder: URL, _ name: String) throws -> [[String]]? {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let table = try TextFile.read(url, displayName: name).flatMap { DelimitedTable.parse($0, file: name, declaredSeparator: ",") }.get()
        return [table.header] + table.records.map(\.fields)
    }

    private static func readIndicatorNodes(_ folder: URL) throws -> [Node] {
        let url = folder.appendingPathComponent("indicators.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let document = try TextFile.read(url, displayName: "indicators.yaml")
            .flatMap { YAMLDocument.parse($0, file: "indicators.yaml") }.get()
        return document.root["indicators"]?.sequence.map(Array.init) ?? []
    }

    private static func addRegions(_ new: [Region], to rows: inout [[String]]) {
        let header = rows[0]
        var known = Set(rows.dropFirst().map { $0.first ?? "" })
        for region in new where known.insert(region.code).inserted {
            rows.append(header.map { column in
                switch column {
                case "code": return region.code
                case "name": return region.name
                case "country": return region.country
                case "level": return region.level.map(String.init) ?? ""
                default: return ""
                }
            })
        }
    }

    private static func setColumn(_ item: ImportedIndicator, in rows: inout [[String]], regionOrder: [String]) {
        let lookup = Dictionary(item.values.map { ($0.code, $0.value) }, uniquingKeysWith: { first, _ in first })
        var column = rows[0].firstIndex(of: item.indicator.id) ?? -1
        if column < 0 {
            column = rows[0].count
            for i in rows.indices { rows[i].append(i == 0 ? item.indicator.id : "") }
        }
        var present = Set(rows.dropFirst().map { $0[0] })
        for code in regionOrder where present.insert(code).inserted {
            rows.append([code] + Array(repeating: "", count: rows[0].count - 1))
        }
        for i in rows.indices.dropFirst() {
            rows[i][column] = lookup[rows[i][0]].map(DatasetWriter.format) ?? ""
        }
    }
}
