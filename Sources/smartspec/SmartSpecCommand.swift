import ArgumentParser
import Foundation

/// The entry point: a write past a file-size limit (`ulimit -f`) then fails with an error the
/// command reports (leaving earlier outputs intact) instead of killing the process with SIGXFSZ.
@main
enum SmartSpecMain {
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        SmartSpecCommand.main()
    }
}

/// The `smartspec` command: smart-specialisation analyses for regions.
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
