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
        @Option(help: ArgumentHelp(OptionMeaning.out), completion: .directory) var out: String
        @Option(help: ArgumentHelp(OptionMeaning.seed)) var seed: UInt64 = DemoUnionGenerator.defaultSeed
        @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false

        func run() throws {
            let demo = DemoUnionGenerator(seed: seed).generate()
            try OutputRecord.write(demo, to: out, force: force)
            try OutputRecord.write(DemoGeometry.geoJSON(demo), to: URL(fileURLWithPath: out).appendingPathComponent("geometry.geojson").path, force: force)
            Console.message("Wrote the synthetic demo union (seed \(seed)), with a synthetic map (geometry.geojson), to \(out).")
        }
    }

    struct Scale: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a large synthetic dataset for benchmarks.")
        @Option(help: "Number of regions (range: 2–10000000).") var regions: Int
        @Option(help: "Number of structural indicators (range: 1–1000).") var indicators: Int = 40
        @Option(help: "Number of dimensions (range: 1–10).") var dimensions: Int = 7
        @Option(name: .customLong("activity-count"), help: "Number of activities, 0 for none (range: 0–100000).") var activityCount: Int = 0
        @Option(name: .customLong("activities"), help: .hidden) var oldActivities: Int?
        @Option(help: "Number of years of the activity table, 2001 onwards; 1 writes no year column (range: 1–20).") var years: Int = 1

        var activities: Int {
            if let oldActivities {
                DeprecatedOption.warn(old: "--activities", current: "--activity-count")
                return oldActivities
            }
            return activityCount
        }
        @Option(help: ArgumentHelp(OptionMeaning.seed)) var seed: UInt64 = 1
        @Option(help: ArgumentHelp(OptionMeaning.out), completion: .directory) var out: String
        @Flag(help: ArgumentHelp(OptionMeaning.force)) var force = false

        func validate() throws {
            try OptionCheck.integer(regions, 2...10_000_000, "--regions")
            try OptionCheck.integer(indicators, 1...1000, "--indicators")
            try OptionCheck.integer(dimensions, 1...10, "--dimensions")
            try OptionCheck.integer(oldActivities ?? activityCount, 0...100_000, "--activity-count")
            try OptionCheck.integer(years, 1...20, "--years")
        }

        func run() throws {
            let generator = ScaleDatasetGenerator(regions: regions, indicators: indicators, dimensions: dimensions,
                                                  activities: activities, years: years, seed: seed)
            try OutputRecord.write(generator.generate(), to: out, force: force)
            Console.message("Wrote \(regions) synthetic regions to \(out).")
        }
    }
}
