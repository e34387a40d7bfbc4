import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

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
/// parser) and `.xls` (BIFF, through FreeXL), told apart by their first bytes.
public enum WorkbookReader {
    /// The most cells one sheet may have (the importer holds sheets in memory).
    public static let mostCells = 20_000_000

    /// The names of the sheets, in order.
    public static func sheetNames(_ url: URL) throws -> [String] {
        switch try kind(url) {
        case .xlsx: return try XLSX(url).sheets.map(\.name)
        case .xls: return try XLS.sheetNames(url)
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
        case .xlsx: return try XLSX(url).sheet(index)
        case .xls: return try XLS.sheet(url, index: index, name: names[index])
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

    /// A column index (0-based) from a cell reference such as `AB12`.
    static func column(ofReference reference: String) -> Int? {
        var value = 0, letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            value = value * 26 + Int(scalar.value - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : value - 1
    }
}

/// An `.xlsx` package: the sheet list, shared strings and worksheets.
struct XLSX {
    let url: URL, file: String
    let archive: Archive
    let sheets: [(name: String, path: String)]

    /// The largest part of the package read (a ZIP bomb is refused before it is inflated).
    static let largestPart = 512 << 20

    init(_ url: URL) throws {
        self.url = url
        file = url.lastPathComponent
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw WorkbookError.damaged(file: url.lastPathComponent, detail: "the ZIP container cannot be read")
        }
        let workbook = try XMLTable.parse(try Self.part(archive, "xl/workbook.xml", file: url.lastPathComponent), file: url.lastPathComponent)
        let relations = try XMLTable.parse(try Self.part(archive, "xl/_rels/workbook.xml.rels", file: url.lastPathComponent), file: url.lastPathComponent)
        var targets: [String: String] = [:]
        for element in relations.elements where element.name == "Relationship" {
            if let id = element.attributes["Id"], let target = element.attributes["Target"] { targets[id] = target }
        }
        sheets = workbook.elements.filter { $0.name == "sheet" }.compactMap { element in
            guard let name = element.attributes["name"],
                  let id = element.attributes["r:id"] ?? element.attributes.first(where: { $0.key.hasSuffix(":id") })?.value,
                  let target = targets[id] else { return nil }
            return (name, target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target)
        }
        guard !sheets.isEmpty else { throw WorkbookError.damaged(file: file, detail: "the workbook lists no sheet") }
    }

    static func part(_ archive: Archive, _ path: String, file: String) throws -> Data {
        guard let entry = archive[path] else { throw WorkbookError.damaged(file: file, detail: "it has no \(path)") }
        guard entry.uncompressedSize <= UInt64(largestPart) else { throw WorkbookError.tooLarge(file: file, limit: WorkbookReader.mostCells) }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > largestPart { throw WorkbookError.tooLarge(file: file, limit: WorkbookReader.mostCells) }
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError.damaged(file: file, detail: "\(path) cannot be inflated")
        }
        return data
    }

    func sheet(_ index: Int) throws -> WorkbookSheet {
        let strings: [String]
        if archive["xl/sharedStrings.xml"] != nil {
            strings = try XMLTable.sharedStrings(try Self.part(archive, "xl/sharedStrings.xml", file: file), file: file)
        } else {
            strings = []
        }
        let rows = try XMLTable.worksheet(try Self.part(archive, sheets[index].path, file: file), strings: strings, file: file)
        return WorkbookSheet(name: sheets[index].name, rows: rows)
    }
}

/// Small event-driven readers of the XML parts of an `.xlsx` package.
enum XMLTable {
    struct Element { var name: String; var attributes: [String: String] }
    struct Table { var elements: [Element] }

    /// Every element with its attributes, in document order.
    static func parse(_ data: Data, file: String) throws -> Table {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                elements.append(Element(name: name, attributes: attributes))
            }
        }
        let collector = Collector()
        try run(data, collector, file: file)
        return Table(elements: collector.elements)
    }

    /// The shared strings (`<si>`), each the concatenation of its `<t>` runs.
    static func sharedStrings(_ data: Data, file: String) throws -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var strings: [String] = [], current = "", inText = false, inPhonetic = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "si" { current = "" } else if name == "t" { inText = true } else if name == "rPh" { inPhonetic = true }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inText, !inPhonetic { current += string } }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "si" { strings.append(current) } else if name == "t" { inText = false } else if name == "rPh" { inPhonetic = false }
            }
        }
        let collector = Collector()
        try run(data, collector, file: file)
        return collector.strings
    }

    /// The rows of a worksheet part.
    static func worksheet(_ data: Data, strings: [String], file: String) throws -> [[WorkbookCell]] {
        final class Collector: NSObject, XMLParserDelegate {
            let strings: [String]
            var rows: [[WorkbookCell]] = [], cells = 0, failure: WorkbookError?
            var row = -1, column = 0, type = "", value = "", inValue = false, inInline = false
            let file: String
            init(strings: [String], file: String) { (self.strings, self.file) = (strings, file) }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                switch name {
                case "row":
                    row = (attributes["r"].flatMap(Int.init) ?? (row + 2)) - 1
                    column = 0
                case "c":
                    column = attributes["r"].flatMap(WorkbookReader.column(ofReference:)) ?? column
                    type = attributes["t"] ?? "n"
                    value = ""
                case "v": inValue = true
                case "is": inInline = true
                case "t" where inInline: inValue = true
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                switch name {
                case "v": inValue = false
                case "t" where inInline: inValue = false
                case "is": inInline = false
                case "c":
                    guard row >= 0, row < 1_048_576, column < 16_384 else { return }
                    let cell: WorkbookCell
                    switch type {
                    case "s": cell = Int(value).flatMap { $0 < strings.count ? .text(strings[$0]) : nil } ?? .empty
                    case "str", "inlineStr": cell = value.isEmpty ? .empty : .text(value)
                    case "b", "e": cell = value.isEmpty ? .empty : .text(value)
                    default: cell = Double(value).map { .number($0) } ?? (value.isEmpty ? .empty : .text(value))
                    }
                    if cell != .empty {
                        cells += 1
                        if cells > WorkbookReader.mostCells || row * 16 > WorkbookReader.mostCells {
                            failure = .tooLarge(file: file, limit: WorkbookReader.mostCells)
                            parser.abortParsing()
                            return
                        }
                        while rows.count <= row { rows.append([]) }
                        while rows[row].count <= column { rows[row].append(.empty) }
                        rows[row][column] = cell
                    }
                    column += 1
                default: break
                }
            }
        }
        let collector = Collector(strings: strings, file: file)
        do { try run(data, collector, file: file) } catch {
            if let failure = collector.failure { throw failure }
            throw error
        }
        return collector.rows
    }

    private static func run(_ data: Data, _ delegate: XMLParserDelegate, file: String) throws {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else {
            throw WorkbookError.damaged(file: file, detail: "its XML cannot be read at line \(parser.lineNumber)")
        }
    }
}

/// `.xls` workbooks through FreeXL, run in a process of its own (`smartspec-xls`, beside the
/// `smartspec` executable): a crafted file can make FreeXL read outside its buffers, and SmartSpec
/// then sees only an exit status and text (`Sources/smartspec-xls/main.c`).
enum XLS {
    /// The reader: `SMARTSPEC_XLS_READER`, or `smartspec-xls` beside the running executable.
    static let reader: URL? = {
        if let given = ProcessInfo.processInfo.environment["SMARTSPEC_XLS_READER"] { return URL(fileURLWithPath: given) }
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders += [main.deletingLastPathComponent(), main.resolvingSymlinksInPath().deletingLastPathComponent()] }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        return folders.map { $0.appendingPathComponent("smartspec-xls") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs the reader; its output lines.
    static func run(_ arguments: [String], file: String) throws -> [Substring] {
        guard let reader else {
            throw WorkbookError.damaged(file: file, detail: "the .xls reader smartspec-xls is not installed beside smartspec; build it with swift build --product smartspec-xls")
        }
        let process = Process()
        process.executableURL = reader
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw WorkbookError.damaged(file: file, detail: "the .xls reader cannot be started") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard process.terminationReason == .exit else { throw WorkbookError.damaged(file: file, detail: "the .xls reader stopped on it") }
        switch process.terminationStatus {
        case 0: return Array(lines)
        case 3:
            if lines.first == "P" { throw WorkbookError.encrypted(file: file) }
            throw failure(Int32(lines.first?.dropFirst(2) ?? "") ?? 0, file: file)
        default: throw WorkbookError.damaged(file: file, detail: "the .xls reader failed (status \(process.terminationStatus))")
        }
    }

    /// FreeXL's status codes (freexl.h) as sentences.
    static func failure(_ status: Int32, file: String) -> WorkbookError {
        switch status {
        case -7, -17: return .notAWorkbook(file: file)   // FREEXL_INVALID_CFBF_HEADER, FREEXL_BIFF_WORKBOOK_NOT_FOUND
        case -4: return .tooLarge(file: file, limit: WorkbookReader.mostCells)   // FREEXL_INSUFFICIENT_MEMORY
        default: return .damaged(file: file, detail: "FreeXL error \(status)")
        }
    }

    static func sheetNames(_ url: URL) throws -> [String] {
        try run(["names", url.path], file: url.lastPathComponent).map { unescaped($0) }
    }

    static func sheet(_ url: URL, index: Int, name: String) throws -> WorkbookSheet {
        let file = url.lastPathComponent
        var rows: [[WorkbookCell]] = []
        for line in try run(["sheet", url.path, String(index)], file: file) {
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let r = Int(fields[0]), let c = Int(fields[1]), r < 1_048_576, c < 65_536 else {
                throw WorkbookError.damaged(file: file, detail: "the .xls reader printed an unreadable line")
            }
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
