import ArgumentParser
import Foundation
import SmartSpec

/// `smartspec validate`: checks a dataset folder and prints a summary and every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a dataset folder; print a summary and every problem (exit status 1 when there are errors).")

    @OptionGroup var dataset: DatasetOption
    @OptionGroup var output: OutputOptions

    private struct Report: Encodable {
        var dataset: String
        var valid: Bool
        var summary: DatasetSummary?
        var issues: [IssueRecord]
    }

    private struct IssueRecord: Encodable {
        var severity: String, file: String, line: Int?, column: Int?, field: String?, message: String
        init(_ issue: DatasetIssue) {
            (severity, file, line, column, field, message) =
                (issue.severity.rawValue, issue.file, issue.line, issue.column, issue.field, issue.message)
        }
    }

    func run() throws {
        let report = DatasetLoader.validate(folder: dataset.url, checkingAlternatives: true)
        let summary = report.dataset.map(DatasetSummary.init)
        switch output.format {
        case .json:
            try Console.data(try Console.json(Report(dataset: dataset.dataset, valid: report.errors.isEmpty, summary: summary,
                                                  issues: report.issues.map(IssueRecord.init))))
        case .csv:
            let rows = [["severity", "file", "line", "column", "field", "message"]] + report.issues.map {
                [$0.severity.rawValue, $0.file, $0.line.map(String.init) ?? "", $0.column.map(String.init) ?? "", $0.field ?? "", $0.message]
            }
            try Console.data(CSVText.render(rows, guardFormulas: true))
        case .table:
            try Console.table(table(summary, report.issues))
        }
        if !report.errors.isEmpty { throw ExitCode(1) }
    }

    private func table(_ summary: DatasetSummary?, _ issues: [DatasetIssue]) -> String {
        var lines: [String] = []
        if let s = summary {
            lines.append("Dataset \(s.name)\(s.synthetic ? " (SYNTHETIC — not real statistics)" : "") at \(dataset.dataset)")
            lines.append("  regions:     \(s.regions) in \(s.countries) countr\(s.countries == 1 ? "y" : "ies")")
            lines.append("  indicators:  \(s.indicators) (\(s.structuralIndicators) structural, \(s.performanceIndicators) performance) in \(s.dimensions.count) dimensions")
            for d in s.dimensions {
                lines.append("      \(d.dimension.padding(toLength: 20, withPad: " ", startingAt: 0)) \(d.structural) structural, \(d.performance) performance")
            }
            let share = s.cells == 0 ? 0 : Double(s.missingValues) / Double(s.cells) * 100
            lines.append("  missing:     \(s.missingValues) of \(s.cells) values (\(String(format: "%.1f", share))%)")
            if s.activities > 0 {
                let years = s.activityYears.isEmpty ? "" : ", years \(s.activityYears.map(String.init).joined(separator: ", "))"
                lines.append("  activities:  \(s.activities)\(years)")
            }
            let alternatives = DatasetLoader.alternativeActivityTables(folder: dataset.url)
            if !alternatives.isEmpty {
                lines.append("  other activity tables (--activity-table): \(alternatives.joined(separator: ", "))")
            }
        } else {
            lines.append("Dataset at \(dataset.dataset) is not usable.")
        }
        let errors = issues.filter { $0.severity == .error }
        lines.append(errors.isEmpty ? "No problems found." : "\(errors.count) problem\(errors.count == 1 ? "" : "s"):")
        lines.append(contentsOf: issues.map { "  " + $0.description })
        return lines.joined(separator: "\n")
    }
}
