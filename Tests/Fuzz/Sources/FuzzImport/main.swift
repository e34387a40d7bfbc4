import Foundation
import FuzzDriver
import SmartSpec

/// Fuzzes the import merge: the input is a long table (region,indicator,year,value) imported into
/// a copy of a small valid dataset whose CSV dialect the first byte picks. The merge must either
/// leave a dataset that validates, or fail and leave every file byte for byte as it was.
let root = FileManager.default.temporaryDirectory.appendingPathComponent("smartspec-fuzz-import-\(getpid())")
let dialects: [(yaml: String, separator: String, decimal: String)] = [
    ("", ",", "."), ("csv: {separator: \";\", decimal: \",\"}\n", ";", ","), ("csv: {separator: tab}\n", "\t", "."),
]

func write(_ folder: URL, _ d: (yaml: String, separator: String, decimal: String)) {
    try? FileManager.default.removeItem(at: folder)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let files = [
        ("dataset.yaml", "name: fuzz\n\(d.yaml)"),
        ("regions.csv", ["code", "name", "country"].joined(separator: d.separator) + "\n" + ["A1", "Alpha", "AA"].joined(separator: d.separator) + "\n"
            + ["A2", "Beta", "AA"].joined(separator: d.separator) + "\n" + ["B1", "Gamma", "BB"].joined(separator: d.separator) + "\n"),
        ("indicators.yaml", "indicators:\n  - {id: x, label: X, dimension: technology, role: structural}\n"),
        ("indicators.csv", "code\(d.separator)x\nA1\(d.separator)1\(d.decimal)5\nA2\(d.separator)2\nB1\(d.separator)4\n"),
    ]
    for (name, text) in files { try? Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
}

func snapshot(_ folder: URL) -> [String: Data] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return Dictionary(uniqueKeysWithValues: names.map { ($0, (try? Data(contentsOf: folder.appendingPathComponent($0))) ?? Data()) })
}

runFuzzer { bytes in
    guard !bytes.isEmpty else { return }
    let folder = root.appendingPathComponent("dataset"), table = root.appendingPathComponent("long.csv")
    write(folder, dialects[Int(bytes[0]) % dialects.count])
    try? Data(bytes.dropFirst()).write(to: table)
    let before = snapshot(folder)
    let fallback = Indicator(id: "_", label: "_", dimension: "economy", role: .structural)
    guard let imported = try? LongTableImporter().extract(table, metadata: { id in
        var indicator = fallback
        indicator.id = id
        indicator.label = id
        return indicator
    }) else { return }
    do {
        try DatasetFolderMerger.merge(imported, into: folder, replace: bytes[0] & 0x80 != 0)
        guard DatasetLoader.validate(folder: folder).errors.isEmpty else { fatalError("the import left a dataset that does not validate") }
    } catch {
        guard snapshot(folder) == before else { fatalError("a failed import changed the dataset: \(error)") }
    }
}
