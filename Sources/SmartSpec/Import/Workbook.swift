import Foundation

/// One cell of a worksheet.
public enum WorkbookCell: Sendable, Equatable {
    case empty
    case number(Double)
    case text(String)

    /// The cell's text (numbers in their shortest form); nil when empty.
    public var text: String? {
        switch self {
        case .empty: return nil
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        case .text(let s): return s
        }
    }
}

/// One worksheet: its name and its rows of cells (row 1 first, column A first).
public struct WorkbookSheet: Sendable {
    public var name: String
    public var rows: [[WorkbookCell]]

    /// The cell at 0-based `row` and `column`; empty beyond the sheet.
    public subscript(row: Int, column: Int) -> WorkbookCell {
        row < rows.count && column < rows[row].count ? rows[row][column] : .empty
    }
}

/// Why a workbook cannot be read; each case prints a sentence naming the file.
public enum WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAWorkbook(file: String)
    case encrypted(file: String)
    case damaged(file: String, detail: String)
    case tooLarge(file: String, limit: Int)
    case noSheet(file: String, sheet: String, available: [String])

    public var description: String {
        switch self {
        case let .notAWorkbook(file): return "\(file) is not an Excel workbook (.xlsx or .xls)."
        case let .encrypted(file): return "\(file) is encrypted or password-protected; save it without a password and import it again."
        case let .damaged(file, detail): return "\(file) is damaged or truncated (\(detail))."
        case let .tooLarge(file, limit): return "\(file) holds a sheet larger than \(limit) cells, the limit of the importer."
        case let .noSheet(file, sheet, available):
            return "\(file) has no sheet '\(sheet)'; its sheets are \(available.map { "'\($0)'" }.joined(separator: ", "))."
        }
    }
}

/// Reads worksheets from `.xlsx` (Office Open XML, through ZIPFoundation and Foundation's XML
/// parser) and `.xls` (BIFF, through FreeXL), told apart by their first bytes. The parsing runs in
/// a process of its own, `smartspec-workbook` (``WorkbookProcess``), bounded in time and memory.
public enum WorkbookReader {
    /// The most cells one sheet may have (the importer holds sheets in memory).
    public static let mostCells = 20_000_000

    /// The names of the sheets, in order.
    public static func sheetNames(_ url: URL) throws -> [String] {
        switch try kind(url) {
        case .xlsx: return try WorkbookProcess.sheetNames(url, format: "xlsx")
        case .xls: return try WorkbookProcess.sheetNames(url, format: "xls")
        }
    }

    /// The sheet named `name`; when no sheet has that name and `name` is a number N, the N-th sheet
    /// after a contents sheet (Rosstat's tables are numbered so).
    public static func sheet(_ url: URL, named name: String) throws -> WorkbookSheet {
        let names = try sheetNames(url)
        var index = names.firstIndex(of: name)
        if index == nil, let n = Int(name), n >= 1 {
            let offset = names.first.map { ["содержание", "contents", "оглавление"].contains($0.lowercased()) } == true ? 0 : -1
            if n + offset < names.count, n + offset >= 0 { index = n + offset }
        }
        guard let index else { throw WorkbookError.noSheet(file: url.lastPathComponent, sheet: name, available: names) }
        switch try kind(url) {
        case .xlsx: return try WorkbookProcess.sheet(url, format: "xlsx", index: index, name: names[index])
        case .xls: return try WorkbookProcess.sheet(url, format: "xls", index: index, name: names[index])
        }
    }

    enum Kind { case xlsx, xls }

    static func kind(_ url: URL) throws -> Kind {
        let file = url.lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw WorkbookError.damaged(file: file, detail: "it cannot be opened")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An encrypted .xlsx is a compound file holding an "EncryptedPackage" stream.
            let data = (try? Data(contentsOf: url, options: .alwaysMapped)) ?? Data()
            let marker = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if data.range(of: marker) != nil { throw WorkbookError.encrypted(file: file) }
            return .xls
        }
        if head.starts(with: [0x50, 0x4B]) { throw WorkbookError.damaged(file: file, detail: "the ZIP container is incomplete") }
        throw WorkbookError.notAWorkbook(file: file)
    }
}

/// The workbook reader process, `smartspec-workbook` (beside the `smartspec` executable, or
/// `SMARTSPEC_WORKBOOK_READER`): the fuzzer found a crafted `.xls` that makes FreeXL read outside
/// its buffers and a damaged `.xlsx` on which ZIPFoundation's inflate loop never ends, so
/// SmartSpec parses no workbook in its own process. It sees only the reader's exit status and
/// text, and stops a reader that runs longer than ``timeLimit`` (`Sources/smartspec-workbook`).
enum WorkbookProcess {
    /// Seconds a reader may run: `SMARTSPEC_WORKBOOK_SECONDS`, or 60.
    static let timeLimit: Double = ProcessInfo.processInfo.environment["SMARTSPEC_WORKBOOK_SECONDS"].flatMap(Double.init).map { max(1, $0) } ?? 60

    /// The reader executable.
    static let reader: URL? = {
        if let given = ProcessInfo.processInfo.environment["SMARTSPEC_WORKBOOK_READER"] { return URL(fileURLWithPath: given) }
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders += [main.deletingLastPathComponent(), main.resolvingSymlinksInPath().deletingLastPathComponent()] }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        return folders.map { $0.appendingPathComponent("smartspec-workbook") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs the reader; its output lines.
    static func run(_ arguments: [String], file: String) throws -> [Substring] {
        guard let reader else {
            throw WorkbookError.damaged(file: file, detail: "the workbook reader smartspec-workbook is not installed beside smartspec; build it with swift build --product smartspec-workbook")
        }
        let process = Process()
        process.executableURL = reader
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw WorkbookError.damaged(file: file, detail: "the workbook reader cannot be started") }
        // The output is read on another thread while this one keeps the time.
        let collected = CollectedOutput()
        let reading = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            collected.data = output.fileHandleForReading.readDataToEndOfFile()
            reading.signal()
        }
        if reading.wait(timeout: .now() + timeLimit) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            reading.wait()
            throw WorkbookError.damaged(file: file, detail: "reading it did not finish within \(Int(timeLimit)) s")
        }
        process.waitUntilExit()
        let text = String(decoding: collected.data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard process.terminationReason == .exit else { throw WorkbookError.damaged(file: file, detail: "the workbook reader stopped on it") }
        switch process.terminationStatus {
        case 0: return Array(lines)
        case 3:
            let fields = (lines.first ?? "").dropFirst(2).split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let detail = fields.count > 1 ? unescaped(fields[1]) : ""
            switch fields.first ?? "" {
            case "notAWorkbook": throw WorkbookError.notAWorkbook(file: file)
            case "encrypted": throw WorkbookError.encrypted(file: file)
            case "tooLarge": throw WorkbookError.tooLarge(file: file, limit: WorkbookReader.mostCells)
            default: throw WorkbookError.damaged(file: file, detail: detail.isEmpty ? "unreadable" : detail)
            }
        default: throw WorkbookError.damaged(file: file, detail: "the workbook reader failed (status \(process.terminationStatus))")
        }
    }

    private final class CollectedOutput: @unchecked Sendable { var data = Data() }

    static func sheetNames(_ url: URL, format: String) throws -> [String] {
        try run(["names", format, url.path], file: url.lastPathComponent).map { unescaped($0) }
    }

    static func sheet(_ url: URL, format: String, index: Int, name: String) throws -> WorkbookSheet {
        let file = url.lastPathComponent
        var rows: [[WorkbookCell]] = [], cells = 0
        for line in try run(["sheet", format, url.path, String(index)], file: file) {
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let r = Int(fields[0]), let c = Int(fields[1]), r >= 0, c >= 0, r < 1_048_576, c < 65_536 else {
                throw WorkbookError.damaged(file: file, detail: "the workbook reader printed an unreadable line")
            }
            cells += 1
            guard cells <= WorkbookReader.mostCells, r * 16 <= WorkbookReader.mostCells else { throw WorkbookError.tooLarge(file: file, limit: WorkbookReader.mostCells) }
            let cell: WorkbookCell = fields[2] == "N" ? Double(fields[3]).map { .number($0) } ?? .empty : .text(unescaped(fields[3]))
            while rows.count <= r { rows.append([]) }
            while rows[r].count <= c { rows[r].append(.empty) }
            rows[r][c] = cell
        }
        return WorkbookSheet(name: name, rows: rows)
    }

    /// Undoes the reader's escapes (`\\`, `\t`, `\n`, `\r`).
    static func unescaped<S: StringProtocol>(_ text: S) -> String {
        guard text.contains("\\") else { return String(text) }
        var out = "", escape = false
        for ch in text {
            if escape {
                out.append(ch == "t" ? "\t" : ch == "n" ? "\n" : ch == "r" ? "\r" : ch)
                escape = false
            } else if ch == "\\" {
                escape = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
