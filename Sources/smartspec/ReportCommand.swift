import ArgumentParser
import Foundation
import SmartSpec
import SmartSpecReports

/// `smartspec report`: a foresight study as a page a panel can read.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a foresight study's report: scenario tableau, impact network, MICMAC map, Delphi convergence, AHP weights, priorities across scenarios.",
        discussion: "Writes OUT/report.html (self-contained: inline SVG, no network resources) and, with pdf in --file-types, OUT/report.pdf through headless Chromium. Method: Methodology/foresight.md.")

    @OptionGroup var input: StudyArgument
    @Option(help: ArgumentHelp(OptionMeaning.out), completion: .directory) var out: String
    @Option(help: ArgumentHelp("\(OptionMeaning.lang) Here: of the report.")) var lang: SheetLanguage = .en
    @Option(name: .customLong("file-types"), help: ArgumentHelp("\(OptionMeaning.fileTypes) Here: html, pdf.", valueName: "types"))
    var fileTypes: String = "html,pdf"
    @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false

    private var types: [String] { fileTypes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }

    func validate() throws {
        let unknown = types.filter { !["html", "pdf"].contains($0) }
        guard unknown.isEmpty, !types.isEmpty else {
            throw ValidationError("--file-types takes html and pdf, comma-separated; got '\(fileTypes)'.")
        }
    }

    func run() throws {
        let study = try StudyInput.study(input.file)
        let report = try StudyReport(study)
        let html = ForesightReport.html(report, lang: lang)
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let inputs = [URL(fileURLWithPath: input.file)]
        if types.contains("html") {
            try OutputRecord.write(html, to: folder.appendingPathComponent("report.html").path, force: force, inputs: inputs)
        }
        if types.contains("pdf") {
            switch try HeadlessPDF.render(html) {
            case .failure(let problem): Console.warn(problem.description)
            case .success(let data):
                var record = OutputRecord(folder: folder)
                try record.lock()
                try record.check("report.pdf", force: force, inputs: inputs)
                try AtomicFileWriter.write(data, to: folder.appendingPathComponent("report.pdf"))
                try record.landed("report.pdf")
            }
        }
        Console.message("Wrote the report of \(study.name) to \(folder.path).")
    }
}
