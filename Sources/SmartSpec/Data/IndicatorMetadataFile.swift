import Foundation

/// Reads a stand-alone file in the format of `indicators.yaml` (for importers).
public enum IndicatorMetadataFile {
    /// The indicators defined in the file at `url`.
    /// - Throws: ``DatasetValidationError`` with every problem found.
    public static func read(_ url: URL) throws -> [Indicator] {
        var issues = IssueCollector()
        let folder = DatasetFolder(url: url.deletingLastPathComponent(), dialect: nil)
        let name = url.lastPathComponent
        guard let text = folder.text(name, issues: &issues) else { throw DatasetValidationError(source: url.path, issues: issues.sorted) }
        let indicators = IndicatorsReader.parseMetadata(text, file: name, dimensions: DimensionVocabulary.known, issues: &issues)
        if issues.hasErrors { throw DatasetValidationError(source: url.path, issues: issues.sorted) }
        return indicators
    }
}
