import Foundation
import FuzzDriver
import SmartSpec

/// Fuzzes the workbook readers (.xlsx through ZIPFoundation and the XML parser, .xls through
/// FreeXL) and the Rosstat table reader: whatever the bytes, an error with a sentence, never a crash.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smartspec-fuzz-workbook-\(getpid())")
try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let indicator = Indicator(id: "x", label: "X", dimension: "economy", role: .performance)

runFuzzer { bytes in
    let name = bytes.first == 0xD0 ? "book.xls" : "book.xlsx"
    let url = folder.appendingPathComponent(name)
    try? Data(bytes).write(to: url)
    for sheet in ["1", "2"] {
        guard let grid = try? WorkbookReader.sheet(url, named: sheet), let table = try? RosstatTable(grid, file: name) else { continue }
        for year in Set(table.columns.map(\.year)).sorted().prefix(3) {
            _ = try? RosstatImporter(year: year).indicator(table, as: indicator)
            _ = try? RosstatImporter(year: year).activities(table)
        }
    }
}
