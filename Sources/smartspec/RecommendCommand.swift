import ArgumentParser
import Foundation
import SmartSpec
import SmartSpecReports

extension SheetLanguage: ExpressibleByArgument {}

/// `smartspec recommend`: the recommendation sheet of a region (or of every region).
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Write a region's recommendation sheet (HTML, Markdown, JSON, CSV tables, PDF) from its data and, optionally, a foresight study.",
        discussion: """
            With only --region, runs on the bundled demo (Datasets/demo) and its foresight study. Writes CODE.html, CODE.md, \
            CODE.json and CODE-<table>.csv into --out; with --all one sheet per region and index.html. PDF needs headless \
            Chromium (Debian package chromium). Method: Methodology/recommendation-sheets.md.
            """)

    @OptionGroup var dataset: DatasetOption
    @Option(help: "The region (its code).") var region: String?
    @Flag(help: "Write the sheet of every region, and an index.") var all = false
    @Option(help: "A foresight study (YAML) whose scenarios and priorities the sheet includes.", completion: .file())
    var foresight: String?
    @Flag(help: "Leave out the foresight study (by default the demo's study is used with the demo dataset).") var noForesight = false
    @Option(help: "Language of the sheet: en or ru.") var lang: SheetLanguage = .en
    @Option(help: "Folder to write into.", completion: .directory) var out: String = "smartspec-out"
    @Option(help: "Comma-separated formats: html, md, json, csv, pdf.") var format: String = "html,md,json,csv"
    @Flag(help: "Overwrite files in --out that smartspec did not write.") var force = false
    @Option(help: "Largest number of regions for --all (a guard against very long runs).") var maxRegions: Int = 10_000

    func validate() throws {
        guard (region != nil) != all else { throw ValidationError("Give either --region CODE or --all.") }
        if noForesight, foresight != nil { throw ValidationError("--foresight and --no-foresight exclude each other.") }
        _ = try formats()
    }

    func formats() throws -> [SheetFormat] {
        let names = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return try names.map { name in
            guard let f = SheetFormat(rawValue: name == "markdown" ? "md" : name) else {
                throw ValidationError("Unknown format '\(name)'; use html, md, json, csv or pdf.")
            }
            return f
        }
    }

    /// The study to use: the given one, or the demo's with the demo dataset.
    var studyPath: String? {
        if noForesight { return nil }
        if let foresight { return foresight }
        let demoStudy = dataset.url.appendingPathComponent("foresight/study.yaml")
        return dataset.dataset == DatasetOption.defaultFolder && FileManager.default.fileExists(atPath: demoStudy.path) ? demoStudy.path : nil
    }

    func run() throws {
        let formats = try formats()
        let data = try DatasetInput.load(dataset)
        let study = try studyPath.map { try StudyInput.study($0) }
        let provenance = SheetProvenance(
            version: SmartSpecVersion.current, commandLine: CommandLineText.current,
            dataset: try DatasetFingerprint(folder: dataset.url), studyName: study?.name,
            studySHA256: try studyPath.map { DatasetFingerprint.sha256(try Data(contentsOf: URL(fileURLWithPath: $0))) })
        let builder = try SheetBuilder(dataset: data, study: study, provenance: provenance)
        let writer = try SheetWriter(folder: URL(fileURLWithPath: out), formats: formats, renderer: SheetRenderer(language: lang), force: force)
        let codes = all ? data.regions.map(\.code) : [region!]
        guard codes.count <= maxRegions else {
            throw ValidationError("--all would write \(codes.count) sheets, more than --max-regions \(maxRegions); raise the limit to go on.")
        }
        let progress = all ? ProgressReporter.make("recommend --all") : nil
        var written: [(file: String, sheet: RecommendationSheet)] = []
        for (i, code) in codes.enumerated() {
            let sheet = try builder.sheet(for: code)
            written.append((try writer.write(sheet), sheet))
            progress?(Double(i + 1) / Double(codes.count))
        }
        if all { try writer.writeIndex(written) }
        try writer.finish()
        Console.error("Wrote \(written.count) sheet\(written.count == 1 ? "" : "s") (\(formats.map(\.rawValue).joined(separator: ", "))) to \(out)")
        if let pdfProblem = writer.pdfProblem { throw ValidationError(pdfProblem) }
    }
}

/// The command line as a shell would read it back.
enum CommandLineText {
    static var current: String {
        (["smartspec"] + CommandLine.arguments.dropFirst()).map(quoted).joined(separator: " ")
    }

    static func quoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=,:@%+".unicodeScalars.contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
