import Foundation
import FuzzDriver
import SmartSpec

/// Fuzzes the dataset loader: the first byte picks the file of a small valid dataset that the rest
/// of the input replaces; the loader must report problems, never crash or hang.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smartspec-fuzz-dataset-\(getpid())")
let valid: [(String, String)] = [
    ("dataset.yaml", "name: fuzz\nyears: [2020]\n"),
    ("regions.csv", "code,name,name_ru,country\nA1,Alpha,Альфа,AA\nA2,Beta,Бета,AA\nB1,Gamma,Гамма,BB\n"),
    ("indicators.yaml", "indicators:\n  - {id: x, label: X, dimension: technology, role: structural, transform: log}\n  - {id: y, label: Y, dimension: economy, role: performance, direction: lower}\n"),
    ("indicators.csv", "code,x,y\nA1,1,10\nA2,2,20\nB1,4,\n"),
    ("activities.yaml", "activities:\n  - {code: P1, label: One}\n  - {code: P2, label: Two, group: G}\n"),
    ("activities.csv", "region,activity,value,year\nA1,P1,5,2020\nA2,P2,3.5,2020\nB1,P1,1,2020\n"),
]

runFuzzer { bytes in
    guard !bytes.isEmpty else { return }
    let target = Int(bytes[0]) % valid.count
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (i, (name, text)) in valid.enumerated() {
        let data = i == target ? Data(bytes.dropFirst()) : Data(text.utf8)
        try? data.write(to: folder.appendingPathComponent(name))
    }
    let report = DatasetLoader.validate(folder: folder)
    if let dataset = report.dataset, dataset.regions.count >= 2 {
        _ = try? StructuralSpace(dataset)
        _ = try? NicheAnalysis(dataset)
    }
}
