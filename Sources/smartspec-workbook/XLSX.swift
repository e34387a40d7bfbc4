import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

// The .xlsx side of the workbook reader: ZIPFoundation for the container, Foundation's XML parser
// for the parts. It runs in this process of its own (see main.swift).

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
        guard entry.uncompressedSize <= UInt64(largestPart) else { throw WorkbookError.tooLarge(file: file, limit: Limits.mostCells) }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > largestPart { throw WorkbookError.tooLarge(file: file, limit: Limits.mostCells) }
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
                    column = attributes["r"].flatMap(Cells.column(ofReference:)) ?? column
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
                        if cells > Limits.mostCells || row * 16 > Limits.mostCells {
                            failure = .tooLarge(file: file, limit: Limits.mostCells)
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

