import ArgumentParser
import Foundation
import SmartSpec
import SyntheticData

/// `smartspec generate`: writes synthetic datasets (the bundled demo, benchmark data).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic datasets: the bundled demo union, or large data for benchmarks.",
        subcommands: [Demo.self, Scale.self])

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the synthetic demo union (Datasets/demo is this command's output with the default seed).")
        @Option(help: "The folder to write.") var out: String
        @Option(help: "The random seed.") var seed: UInt64 = DemoUnionGenerator.defaultSeed

        func run() throws {
            try DatasetWriter.write(DemoUnionGenerator(seed: seed).generate(), to: URL(fileURLWithPath: out))
            Console.error("Wrote the synthetic demo union (seed \(seed)) to \(out).")
        }
    }

    struct Scale: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a large synthetic dataset for benchmarks.")
        @Option(help: "Number of regions.") var regions: Int
        @Option(help: "Number of structural indicators.") var indicators: Int = 40
        @Option(help: "Number of dimensions.") var dimensions: Int = 7
        @Option(help: "Number of activities (0 for none).") var activities: Int = 0
        @Option(help: "The random seed.") var seed: UInt64 = 1
        @Option(help: "The folder to write.") var out: String

        func validate() throws {
            guard regions >= 2, indicators >= 1, (1...10).contains(dimensions), activities >= 0 else {
                throw ValidationError("Need at least 2 regions and 1 indicator, 1–10 dimensions and a non-negative number of activities.")
            }
        }

        func run() throws {
            let generator = ScaleDatasetGenerator(regions: regions, indicators: indicators, dimensions: dimensions,
                                                  activities: activities, seed: seed)
            try DatasetWriter.write(generator.generate(), to: URL(fileURLWithPath: out))
            Console.error("Wrote \(regions) synthetic regions to \(out).")
        }
    }
}
