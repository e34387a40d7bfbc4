import Foundation
import SmartSpec
import SmartSpecReports

/// Writes sheets into an output folder: every file atomically (temporary name, then rename), with
/// safe file names, following ``OutputRecord``'s rule (never over a file that smartspec did not
/// write there unless forced, never over an input, never through a link); each file is recorded
/// in `.smartspec-outputs` as it lands.
final class SheetWriter {
    let folder: URL, formats: [SheetFormat], renderer: SheetRenderer, force: Bool, inputs: [URL]
    private(set) var pdfProblem: String?
    /// The files written so far, in order.
    private(set) var written: [String] = []
    private var record: OutputRecord
    private var usedNames: [String: String] = [:]

    init(folder: URL, formats: [SheetFormat], renderer: SheetRenderer, force: Bool, inputs: [URL] = []) throws {
        self.folder = folder
        self.formats = formats
        self.renderer = renderer
        self.force = force
        self.inputs = inputs
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw AtomicFileWriter.WriteError(path: folder.path, reason: "it is a file, not a folder") }
        } else {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw AtomicFileWriter.WriteError(path: folder.path, reason: "the folder cannot be created")
            }
        }
        record = OutputRecord(folder: folder)
        try record.lock()
    }

    /// The file name of a region's sheet (``RegionFileName``: stable and injective); two codes
    /// that would share one (a SHA-256 prefix collision) are refused rather than renamed.
    func baseName(_ code: String) throws -> String {
        let name = RegionFileName.of(code)
        if let other = usedNames[name], other != code {
            throw AtomicFileWriter.WriteError(path: folder.appendingPathComponent(name).path,
                                              reason: "regions '\(other)' and '\(code)' would share this file name")
        }
        usedNames[name] = code
        return name
    }

    /// Writes one sheet in every format; returns the HTML (or first) file name, for the index.
    func write(_ sheet: RecommendationSheet) throws -> String {
        let base = try baseName(sheet.region.code)
        var first: String?
        for format in formats {
            switch format {
            case .html: try put("\(base).html", renderer.html(sheet))
            case .md: try put("\(base).md", renderer.markdown(sheet))
            case .json: try put("\(base).json", renderer.json(sheet))
            case .csv:
                for table in renderer.csvTables(sheet) { try put("\(base)-\(table.name).csv", table.text, byteOrderMark: true) }
            case .pdf: try pdf(base, sheet)
            }
            if first == nil { first = format == .csv ? "\(base)-profile.csv" : "\(base).\(format.rawValue)" }
        }
        return first ?? base
    }

    func writeIndex(_ entries: [(file: String, sheet: RecommendationSheet)], skipped: [SheetRenderer.SkippedRegion] = [], order: [String] = []) throws {
        guard !entries.isEmpty || !skipped.isEmpty else { return }
        try put("index.html", renderer.index(entries, skipped: skipped, order: order))
    }

    private func put(_ name: String, _ text: String, byteOrderMark: Bool = false) throws {
        try record.check(name, force: force, inputs: inputs)
        try AtomicFileWriter.write(text, to: folder.appendingPathComponent(name), byteOrderMark: byteOrderMark)
        try record.landed(name)
        written.append(name)
    }

    /// Writes a file of the bookkeeping (a part's index, its manifest) through the same rule.
    func putHidden(_ name: String, _ text: String) throws { try put(name, text) }

    /// Prints the HTML to PDF with headless Chromium, through a temporary file renamed into place.
    private func pdf(_ base: String, _ sheet: RecommendationSheet) throws {
        let name = "\(base).pdf"
        try record.check(name, force: force, inputs: inputs)
        switch try HeadlessPDF.render(renderer.html(sheet)) {
        case .failure(let problem): pdfProblem = problem.description
        case .success(let data):
            try AtomicFileWriter.write(data, to: folder.appendingPathComponent(name))
            try record.landed(name)
            written.append(name)
        }
    }
}

/// HTML printed to PDF by headless Chromium (A4, no header or footer), in a scratch folder removed afterwards.
enum HeadlessPDF {
    /// Why no PDF was made.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The PDF of `html`, or why there is none (Chromium missing or failing): the callers write the other formats anyway.
    static func render(_ html: String) throws -> Result<Data, Problem> {
        guard let chromium = Self.chromium else {
            return .failure(Problem(description: "The PDF was not written: headless Chromium is not installed (Debian: apt-get install chromium); the other formats were written."))
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("smartspec-pdf-\(UUID().uuidString)")
        PendingFiles.register(folder: scratch.path)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: scratch)
            PendingFiles.unregister(folder: scratch.path)
        }
        let page = scratch.appendingPathComponent("page.html"), pdf = scratch.appendingPathComponent("page.pdf")
        try AtomicFileWriter.write(html, to: page)
        let status = try ChromiumRunner.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                       "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                                                       "--print-to-pdf=\(pdf.path)", page.absoluteString])
        guard status == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
            return .failure(Problem(description: "The PDF was not written: Chromium (\(chromium)) failed with status \(status)."))
        }
        return .success(data)
    }

    /// The first Chromium found on the PATH.
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()
}

/// Runs Chromium with its output discarded; returns the exit status.
enum ChromiumRunner {
    static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
