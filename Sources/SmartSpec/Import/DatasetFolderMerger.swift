import Foundation
import Yams

/// Adds imported indicators to a dataset folder, creating the folder's files when they are absent.
///
/// An import never corrupts a dataset: before anything is written, the imported ids and codes are
/// checked, the new files are built in the folder's declared CSV dialect, and the result is
/// validated by ``DatasetLoader`` in a scratch folder. Only then are the files written, all as
/// temporary files first and renamed into place together (``AtomicFileWriter/Batch``). So after
/// an import the folder either validates with its earlier values intact, or the import failed
/// and the folder is byte for byte what it was (a folder that did not exist still does not).
public enum DatasetFolderMerger {
    /// The files an import writes.
    public static let files = ["dataset.yaml", "regions.csv", "indicators.csv", "indicators.yaml", "activities.csv", "activities.yaml"]

    /// The files an import into `folder` writes: `dataset.yaml` only when the folder has none, the
    /// region and indicator files always, the activity files with activities.
    public static func filesWritten(into folder: URL, activities: Bool) -> [String] {
        files.filter { name in
            if name == "dataset.yaml" { return !FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) }
            return activities || !name.hasPrefix("activities")
        }
    }

    /// Merges `imports` into `folder`; `datasetName` and `source` fill a new `dataset.yaml`.
    /// - Parameters:
    ///   - replace: replace indicators the dataset already has (otherwise such an import is refused).
    /// - Throws: ``ImportError`` (invalid or colliding ids, invalid region codes, duplicates, a
    ///   target that does not validate, a result that would not validate),
    ///   ``AtomicFileWriter/WriteError`` when a file cannot be written.
    /// - Complexity: O(R · I) for R regions and I indicators of the folder, plus one validation.
    public static func merge(_ imports: [ImportedIndicator], into folder: URL, datasetName: String? = nil, source: String? = nil,
                             replace: Bool = false) throws {
        try merge(imports, activities: nil, into: folder, datasetName: datasetName, source: source, replace: replace)
    }

    /// Merges activity values (one table, for instance a year of a Rosstat workbook) into `folder`:
    /// rows for (region, activity, year) the dataset already has are refused unless `replace`.
    public static func merge(_ activities: ImportedActivities, into folder: URL, datasetName: String? = nil, source: String? = nil,
                             replace: Bool = false) throws {
        try merge([], activities: activities, into: folder, datasetName: datasetName, source: source, replace: replace)
    }

    private static func merge(_ imports: [ImportedIndicator], activities: ImportedActivities?, into folder: URL, datasetName: String?,
                              source: String?, replace: Bool) throws {
        let existing = try existingDataset(folder)
        let dialect = existing?.info.dialect ?? CSVDialect(separator: ",", decimalMark: ".")
        try check(imports, existing: existing, replace: replace)

        var texts: [String: String] = [:]
        if existing == nil {
            let info = DatasetInfo(name: datasetName ?? folder.lastPathComponent, source: source)
            texts["dataset.yaml"] = try DatasetWriter.infoYAML(info)
        }
        var regions = try readTable(folder, "regions.csv", dialect) ?? [["code", "name", "country"]]
        var values = try readTable(folder, "indicators.csv", dialect) ?? [["code"]]
        var metadata = try readIndicatorNodes(folder)
        for item in imports {
            addRegions(item.regions, to: &regions)
            setColumn(item, in: &values, regionOrder: regions.dropFirst().map { $0[0] }, decimalMark: dialect.decimalMark ?? ".")
            metadata.removeAll { $0["id"]?.string == item.indicator.id }
            metadata.append(DatasetWriter.indicatorNode(item.indicator))
        }
        if let activities {
            addRegions(activities.regions, to: &regions)
            if values.count == 1 {
                // Activities alone: indicators.csv lists the regions, with no indicator yet.
                for code in regions.dropFirst().map({ $0[0] }) { values.append([code]) }
            }
            try mergeActivities(activities, folder: folder, dialect: dialect, replace: replace, texts: &texts)
        }
        texts["regions.csv"] = CSVText.render(regions, separator: dialect.separator)
        texts["indicators.csv"] = CSVText.render(values, separator: dialect.separator)
        texts["indicators.yaml"] = try Yams.serialize(node: DatasetWriter.mapping([("indicators", Node(metadata))]), width: -1, allowUnicode: true)

        try validateStaged(texts, folder: folder)
        var batch = AtomicFileWriter.Batch()
        do {
            for name in files where texts[name] != nil { try batch.stage(texts[name]!, to: folder.appendingPathComponent(name)) }
            try batch.commit()
        } catch {
            batch.abort()
            throw error
        }
    }

    /// The dataset in `folder`; nil when the folder has no dataset files yet.
    /// - Throws: ``ImportError/targetInvalid(folder:problems:first:)`` when it has some but they do not validate.
    private static func existingDataset(_ folder: URL) throws -> Dataset? {
        guard files.contains(where: { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }) else { return nil }
        let report = DatasetLoader.validate(folder: folder)
        guard let dataset = report.dataset else {
            throw ImportError.targetInvalid(folder: folder.path, problems: report.errors.count, first: report.errors.first.map { "\($0)" } ?? "")
        }
        return dataset
    }

    /// Ids and codes the dataset would refuse, caught with a sentence before anything is built.
    private static func check(_ imports: [ImportedIndicator], existing: Dataset?, replace: Bool) throws {
        var seen = Set<String>()
        let have = Set(existing?.indicators.map(\.id) ?? [])
        for item in imports {
            let id = item.indicator.id
            guard CodeRules.isValid(id) else { throw ImportError.invalidIndicatorID(id) }
            guard id != "code" else { throw ImportError.reservedIndicatorID(id) }
            guard seen.insert(id).inserted else { throw ImportError.duplicateIndicator(id) }
            if have.contains(id), !replace { throw ImportError.indicatorExists(id) }
            var codes = Set<String>()
            for (code, value) in item.values {
                guard CodeRules.isValid(code) else { throw ImportError.invalidRegionCode(code, indicator: id) }
                guard value.isFinite else { throw ImportError.nonFiniteValue(region: code, indicator: id) }
                guard codes.insert(code).inserted else { throw ImportError.duplicateValue(region: code, indicator: id) }
            }
        }
    }

    /// Validates the new files together with the folder's other files, in a scratch folder.
    private static func validateStaged(_ texts: [String: String], folder: URL) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("smartspec-import-\(UUID().uuidString)")
        PendingFiles.register(folder: scratch.path)
        defer {
            try? FileManager.default.removeItem(at: scratch)
            PendingFiles.unregister(folder: scratch.path)
        }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        // The activity files are validated when this import rewrites them; otherwise they are left
        // out of the check (an import only adds regions, which keeps them valid).
        for name in files where texts[name] != nil || !name.hasPrefix("activities") {
            if let text = texts[name] {
                try Data(text.utf8).write(to: scratch.appendingPathComponent(name))
            } else if FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
                try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: scratch.appendingPathComponent(name))
            }
        }
        let report = DatasetLoader.validate(folder: scratch)
        if let first = report.errors.first {
            throw ImportError.wouldInvalidate(problems: report.errors.count, first: "\(first)")
        }
    }

    /// Builds the new activities.csv and activities.yaml.
    private static func mergeActivities(_ imported: ImportedActivities, folder: URL, dialect: CSVDialect, replace: Bool,
                                        texts: inout [String: String]) throws {
        var table = try readTable(folder, "activities.csv", dialect) ?? [["region", "activity", "year", "value"]]
        if !table[0].contains("year") {
            let at = table[0].firstIndex(of: "value") ?? table[0].count
            for i in table.indices { table[i].insert(i == 0 ? "year" : "", at: at) }
        }
        let (r, a, y, v) = (table[0].firstIndex(of: "region")!, table[0].firstIndex(of: "activity")!, table[0].firstIndex(of: "year")!,
                            table[0].firstIndex(of: "value")!)
        let incoming = Set(imported.rows.map { "\($0.region)\u{1F}\($0.activity)\u{1F}\($0.year)" })
        var kept: [[String]] = [table[0]]
        for row in table.dropFirst() {
            let key = "\(row[r])\u{1F}\(row[a])\u{1F}\(row[y])"
            if incoming.contains(key) {
                guard replace else { throw ImportError.activityValueExists(region: row[r], activity: row[a], year: row[y]) }
                continue
            }
            kept.append(row)
        }
        for row in imported.rows {
            var cells = Array(repeating: "", count: kept[0].count)
            var text = DatasetWriter.format(row.value)
            if dialect.decimalMark == "," { text = text.replacingOccurrences(of: ".", with: ",") }
            (cells[r], cells[a], cells[y], cells[v]) = (row.region, row.activity, String(row.year), text)
            kept.append(cells)
        }
        texts["activities.csv"] = CSVText.render(kept, separator: dialect.separator)
        var nodes = try readActivityNodes(folder)
        let known = Set(nodes.compactMap { $0["code"]?.string })
        for activity in imported.activities where !known.contains(activity.code) {
            nodes.append(DatasetWriter.activityNode(activity))
        }
        let classification = try existingClassification(folder) ?? imported.classification
        texts["activities.yaml"] = try Yams.serialize(node: DatasetWriter.mapping([("classification", DatasetWriter.quoted(classification)),
                                                                                  ("activities", Node(nodes))]), width: -1, allowUnicode: true)
    }

    private static func readActivityNodes(_ folder: URL) throws -> [Node] {
        let url = folder.appendingPathComponent("activities.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let document = try TextFile.read(url, displayName: "activities.yaml").flatMap { YAMLDocument.parse($0, file: "activities.yaml") }.get()
        return document.root["activities"]?.sequence.map(Array.init) ?? []
    }

    private static func existingClassification(_ folder: URL) throws -> String? {
        let url = folder.appendingPathComponent("activities.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let document = try TextFile.read(url, displayName: "activities.yaml").flatMap { YAMLDocument.parse($0, file: "activities.yaml") }.get()
        return document.root["classification"]?.string
    }

    private static func readTable(_ folder: URL, _ name: String, _ dialect: CSVDialect) throws -> [[String]]? {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let table = try TextFile.read(url, displayName: name).flatMap { DelimitedTable.parse($0, file: name, declaredSeparator: dialect.separator) }.get()
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
        if new.contains(where: { $0.nameRu != nil }), !rows[0].contains("name_ru") {
            let at = (rows[0].firstIndex(of: "name") ?? 0) + 1
            for i in rows.indices { rows[i].insert(i == 0 ? "name_ru" : "", at: at) }
        }
        let header = rows[0]
        var known = Set(rows.dropFirst().map { $0.first ?? "" })
        for region in new where known.insert(region.code).inserted {
            rows.append(header.map { column in
                switch column {
                case "code": return region.code
                case "name": return region.name
                case "name_ru": return region.nameRu ?? ""
                case "country": return region.country
                case "level": return region.level.map(String.init) ?? ""
                default: return ""
                }
            })
        }
    }

    private static func setColumn(_ item: ImportedIndicator, in rows: inout [[String]], regionOrder: [String], decimalMark: Character) {
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
        let format = { (x: Double) -> String in
            let text = DatasetWriter.format(x)
            return decimalMark == "," ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        for i in rows.indices.dropFirst() {
            rows[i][column] = lookup[rows[i][0]].map(format) ?? ""
        }
    }
}
