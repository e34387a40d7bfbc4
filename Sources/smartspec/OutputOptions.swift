import ArgumentParser
import Foundation

/// Output format shared by the subcommands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// The `--format` option.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table (for people), json or csv (for programs).")
    var format: OutputFormat = .table
}

/// Writing to standard output and standard error.
enum Console {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Pretty, key-sorted JSON of a value.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A dataset folder argument.
struct DatasetOption: ParsableArguments {
    /// The bundled demo, the default dataset.
    static let defaultFolder = "Datasets/demo"

    @Option(name: .long, help: "The dataset folder.", completion: .directory)
    var dataset: String = DatasetOption.defaultFolder

    var url: URL { URL(fileURLWithPath: dataset) }
}
