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
    public static let files = ["dataset.yaml", "regions.csv", "indicators.csv", "indicators.yaml"]

    /// Merges `imports` into `folder`; `datasetName` and `source` fill a new `dataset.yaml`.
    /// - Parameters:
    ///   - replace: replace indicators the dataset already has (otherwise such an import is refused).
    /// - Throws: ``ImportError`` (invalid or colliding ids, invalid region codes, duplicates, a
    ///   target that does not validate, a result that would not validate),
    ///   ``AtomicFileWriter/WriteError`` when a file cannot be written.
    /// - Complexity: O(R · I) for R regions and I indicators of the folder, plus one validation.
    public static func merge(_ imports: [ImportedIndicator], into folder: URL, datasetName: String? = nil, source: String? = nil,
                             replace: Bool = false) throws {
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
        for name in files {
            if let text = texts[name] {
                try Data(text.utf8).write(to: scratch.appendingPathComponent(name))
            } else {
                try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: scratch.appendingPathComponent(name))
            }
        }
        let report = DatasetLoader.validate(folder: scratch)
        if let first = report.errors.first {
            throw ImportError.wouldInvalidate(problems: report.errors.count, first: "\(first)")
        }
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
