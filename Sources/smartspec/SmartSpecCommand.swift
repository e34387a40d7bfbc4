import ArgumentParser

/// The `smartspec` command: smart-specialisation analyses for regions.
@main
struct SmartSpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smartspec",
        abstract: "Smart-specialisation analyses for regions: reference regions, priority niches, foresight scenarios and recommendation sheets.",
        discussion: """
            A dataset is a folder (dataset.yaml, regions.csv, indicators.csv, indicators.yaml and optionally \
            activities.csv, activities.yaml); see Datasets/README.md. The bundled synthetic demo is Datasets/demo.
            """,
        version: SmartSpecVersion.current,
        subcommands: [ValidateCommand.self, SimilarCommand.self, BenchmarkCommand.self, ComplexityCommand.self, NichesCommand.self, RecommendCommand.self, ScenariosCommand.self, MICMACCommand.self, AHPCommand.self, MCDACommand.self, DelphiCommand.self, ScoreCommand.self, ImportCommand.self, GenerateCommand.self, DoctorCommand.self]
    )
}

/// The tool's version.
enum SmartSpecVersion {
    static let current = "0.1.0"
}
