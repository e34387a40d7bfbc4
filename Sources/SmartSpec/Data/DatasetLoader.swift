import Foundation
import Yams

/// What loading a dataset folder produced: the dataset when it is usable, and every issue found.
public struct DatasetLoadReport: Sendable {
    /// The dataset, present when there are no errors.
    public let dataset: Dataset?
    /// Errors, warnings and notes, errors first.
    public let issues: [DatasetIssue]

    /// The issues with severity `error`.
    public var errors: [DatasetIssue] { issues.filter { $0.severity == .error } }
}

/// Reads and validates a dataset folder (see `Datasets/README.md` for the format).
///
/// Every problem in every file is reported at once, with file, line and column.
public enum DatasetLoader {
    /// Reads the folder and reports every issue; never throws.
    /// - Parameters:
    ///   - activityTable: the alternative activity table `activities-NAME.csv` to use instead of
    ///     `activities.csv` (nil: the main table). An unknown name is an error naming the tables there are.
    ///   - checkingAlternatives: also read every alternative table, to report its issues (as `validate` does).
    public static func validate(folder url: URL, activityTable: String? = nil, checkingAlternatives: Bool = false) -> DatasetLoadReport {
        var issues = IssueCollector()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            issues.error(url.path, "the dataset folder does not exist (a dataset is a folder with dataset.yaml, regions.csv, indicators.csv and indicators.yaml)")
            return DatasetLoadReport(dataset: nil, issues: issues.sorted)
        }
        let header = DatasetInfoReader.read(DatasetFolder(url: url, dialect: nil), issues: &issues)
        let folder = DatasetFolder(url: url, dialect: header.info.dialect)
        let (regionList, regionsClean) = issues.recording { RegionsReader.read(folder, issues: &$0) }
        let regions = regionList.regions
        let regionsUsable = !regions.isEmpty || regionsClean
        let dimensions = DimensionVocabulary.known + header.declaredDimensions
        let (metadata, metadataClean) = issues.recording { IndicatorsReader.readMetadata(folder, dimensions: dimensions, issues: &$0) }
        let metadataUsable = !metadata.indicators.isEmpty || metadataClean
        let indicators = metadata.indicators
        // When regions.csv (or indicators.yaml) could not be read at all, every row of the files that
        // refer to it would repeat that one problem: the readers keep the files' own problems, and a
        // note says once why their rows were not checked.
        let values = IndicatorsReader.readValues(folder, regions: regionList, metadata: metadata, regionsReadable: regionsUsable,
                                                 metadataReadable: metadataUsable, issues: &issues)
        let alternatives = ActivitiesReader.alternativeTables(in: url)
        if let activityTable, !alternatives.contains(activityTable) {
            issues.error("activities-\(activityTable).csv", "the dataset has no activity table '\(activityTable)'; "
                + (alternatives.isEmpty ? "it has only activities.csv" : "its alternative tables are: \(alternatives.joined(separator: ", "))"))
        }
        let reader = ActivitiesReader(table: activityTable, in: folder)
        let activities = reader.read(folder, regions: regionList, regionsReadable: regionsUsable, issues: &issues)
        if checkingAlternatives {
            for name in alternatives where name != activityTable {
                _ = ActivitiesReader(table: name, in: folder).read(folder, regions: regionList, regionsReadable: regionsUsable, issues: &issues)
            }
        }
        if !regionsUsable {
            for file in [IndicatorsReader.valuesFile, reader.valuesFile] where folder.exists(file) {
                issues.note(file, "rows not checked against regions.csv, because regions.csv could not be read")
            }
        }
        if !metadataUsable, folder.exists(IndicatorsReader.valuesFile) {
            issues.note(IndicatorsReader.valuesFile, "columns not checked against indicators.yaml, because indicators.yaml could not be read")
        }
        guard !issues.hasErrors else { return DatasetLoadReport(dataset: nil, issues: issues.sorted) }
        let used = indicators.map(\.dimension)
        let dataset = Dataset(
            info: header.info, regions: regions, indicators: indicators,
            dimensions: dimensions.filter { used.contains($0.id) }.sorted { used.firstIndex(of: $0.id)! < used.firstIndex(of: $1.id)! },
            indicatorValues: values, activityClassification: activities.classification,
            activities: activities.activities, activityTables: activities.tables)
        return DatasetLoadReport(dataset: dataset, issues: issues.sorted)
    }

    /// The names of the folder's alternative activity tables (`activities-NAME.csv`), sorted.
    public static func alternativeActivityTables(folder url: URL) -> [String] {
        ActivitiesReader.alternativeTables(in: url)
    }

    /// Reads the folder, throwing ``DatasetValidationError`` (with every problem) when it has errors.
    /// - Returns: the dataset and its warnings and notes.
    /// - Parameter activityTable: as in ``validate(folder:activityTable:checkingAlternatives:)``.
    public static func load(folder url: URL, activityTable: String? = nil) throws -> (dataset: Dataset, issues: [DatasetIssue]) {
        let report = validate(folder: url, activityTable: activityTable)
        guard let dataset = report.dataset else {
            throw DatasetValidationError(source: url.path, issues: report.issues)
        }
        return (dataset, report.issues)
    }
}

/// Reads `dataset.yaml`.
enum DatasetInfoReader {
    struct Header {
        var info: DatasetInfo
        var declaredDimensions: [Dimension]
    }

    static let file = "dataset.yaml"
    static let knownKeys: Set<String> = ["name", "description", "source", "licence", "license", "year", "years",
                                         "languages", "csv", "dimensions", "synthetic", "notes"]

    static func read(_ folder: DatasetFolder, issues: inout IssueCollector) -> Header {
        var header = Header(info: DatasetInfo(name: folder.url.lastPathComponent), declaredDimensions: [])
        guard let text = folder.text(file, issues: &issues) else { return header }
        let document: YAMLDocument
        switch YAMLDocument.parse(text, file: file) {
        case .failure(let issue): issues.add(issue); return header
        case .success(let parsed): document = parsed
        }
        let root = document.root
        guard case .mapping = root else {
            issues.add(document.issue(root, key: nil, "dataset.yaml must be a mapping of keys (name, description, source, ...)"))
            return header
        }
        document.warnUnknownKeys(root, known: knownKeys, context: "dataset.yaml", issues: &issues)
        header.info.name = document.string(root, "name", required: true, issues: &issues) ?? header.info.name
        header.info.description = document.string(root, "description", required: false, issues: &issues)
        header.info.source = document.string(root, "source", required: false, issues: &issues)
        header.info.licence = document.string(root, "licence", required: false, issues: &issues)
            ?? document.string(root, "license", required: false, issues: &issues)
        header.info.years = years(document, root, issues: &issues)
        header.info.languages = languages(document, root, issues: &issues)
        header.info.dialect = dialect(document, root, issues: &issues)
        header.info.synthetic = root["synthetic"]?.bool ?? false
        header.declaredDimensions = dimensions(document, root, issues: &issues)
        return header
    }

    private static func years(_ document: YAMLDocument, _ root: Node, issues: inout IssueCollector) -> [Int] {
        guard let node = root["years"] ?? root["year"] else { return [] }
        let items = node.sequence.map(Array.init) ?? [node]
        return items.compactMap { item in
            guard let year = item.int, (1000...9999).contains(year) else {
                issues.add(document.issue(item, key: "year", "'\(item.string ?? "?")' is not a four-digit year"))
                return nil
            }
            return year
        }
    }

    private static func languages(_ document: YAMLDocument, _ root: Node, issues: inout IssueCollector) -> [String] {
        guard let node = root["languages"] else { return ["en"] }
        let items = node.sequence.map(Array.init) ?? [node]
        return items.compactMap { item in
            guard let code = item.string, ["en", "ru"].contains(code) else {
                issues.add(document.issue(item, key: "languages", "unknown language '\(item.string ?? "?")' (allowed: en, ru)"))
                return nil
            }
            return code
        }
    }

    private static func dialect(_ document: YAMLDocument, _ root: Node, issues: inout IssueCollector) -> CSVDialect? {
        guard let node = root["csv"] else { return nil }
        guard case .mapping = node else {
            issues.add(document.issue(node, key: "csv", "'csv' must be a mapping such as {separator: \";\", decimal: \",\"}"))
            return nil
        }
        let separatorText = document.string(node, "separator", required: false, issues: &issues) ?? ","
        let decimalText = document.string(node, "decimal", required: false, issues: &issues)
        let separators: [String: Character] = [",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"]
        guard let separator = separators[separatorText] else {
            issues.add(document.issue(node["separator"], key: "csv.separator", "unknown separator '\(separatorText)' (allowed: ',', ';', tab)"))
            return nil
        }
        var decimal: Character? = separator == "," ? "." : nil
        if let decimalText {
            guard decimalText == "." || decimalText == "," else {
                issues.add(document.issue(node["decimal"], key: "csv.decimal", "unknown decimal mark '\(decimalText)' (allowed: '.', ',')"))
                return nil
            }
            decimal = Character(decimalText)
        }
        if separator == ",", decimal == "," {
            issues.add(document.issue(node, key: "csv", "a comma cannot be both the separator and the decimal mark"))
            return nil
        }
        return CSVDialect(separator: separator, decimalMark: decimal)
    }

    private static func dimensions(_ document: YAMLDocument, _ root: Node, issues: inout IssueCollector) -> [Dimension] {
        guard let node = root["dimensions"] else { return [] }
        guard let items = node.sequence else {
            issues.add(document.issue(node, key: "dimensions", "'dimensions' must be a list of {id, label, label_ru}"))
            return []
        }
        return items.compactMap { item in
            guard let id = document.string(item, "id", required: true, issues: &issues) else { return nil }
            let label = document.string(item, "label", required: false, issues: &issues) ?? id
            return Dimension(id: id, label: label, labelRu: document.string(item, "label_ru", required: false, issues: &issues))
        }
    }
}
