import Foundation
import FuzzDriver
import SmartSpec

/// Fuzzes the Eurostat bulk TSV reader.
runFuzzer { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? EurostatTable.parse(text, file: "fuzz.tsv")
}
