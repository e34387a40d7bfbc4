import ArgumentParser
import Dispatch
import CKernels
import Foundation
import SmartSpec

/// The entry point. Parsing errors print the subcommand's usage (ArgumentParser); errors while a
/// command runs print one sentence on standard error and exit with status 1, without a usage
/// text. A write past a file-size limit (`ulimit -f`) or into a closed pipe fails with an error
/// the command reports (leaving earlier outputs intact) instead of killing the process.
@main
enum SmartSpecMain {
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        Interruption.install()
        // Large analyses allocate and free arrays of millions of cells again and again; glibc would
        // return each to the kernel (munmap) and the next would fault in freshly zeroed pages. Kept
        // in the heap, freed memory is reused instead (a 3,000 × 5,000 backtest spent a tenth of
        // its time zeroing pages). The peak is unchanged: the same sizes are reused.
        smartspec_keep_freed_memory()
        var command: ParsableCommand
        do {
            command = try SmartSpecCommand.parseAsRoot()
        } catch {
            SmartSpecCommand.exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as ValidationError {
            Console.message("Error: \(error.message)")
            Foundation.exit(1)
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // Help, version, exit codes and clean exits: ArgumentParser's own handling.
            SmartSpecCommand.exit(withError: error)
        } catch {
            Console.message("Error: \(error)")
            Foundation.exit(1)
        }
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

            Conventions: --format is the output style (table, json, csv); --dataset DIR reads a dataset; a \
            foresight command takes its study file as its argument, other commands take it as --study FILE; \
            --out DIR is the folder written into and --write-<table> FILE one more table written to a file; \
            --force replaces files smartspec did not write. See Docs/cli-reference.md.
            """,
        version: SmartSpecVersion.current,
        subcommands: [ValidateCommand.self, SimilarCommand.self, BenchmarkCommand.self, ComplexityCommand.self, NichesCommand.self, BacktestCommand.self, RecommendCommand.self, AuditCommand.self, UnionCommand.self, ScenariosCommand.self, LeversCommand.self, ReportCommand.self, MergeCommand.self, MICMACCommand.self, AHPCommand.self, MCDACommand.self, DelphiCommand.self, ScoreCommand.self, ImportCommand.self, GenerateCommand.self, DoctorCommand.self]
    )
}

/// The tool's version.
enum SmartSpecVersion {
    static let current = "0.2.0"
}

/// SIGINT and SIGTERM: the temporary files and folders in flight are removed, then the process
/// exits with 128 + the signal's number, as a shell reports it. Outputs already in place stay, and
/// each is in the folder's record, so a rerun continues without `--force`.
enum Interruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { PendingFiles.removeAllAndExit(status: 128 + number) }
            source.resume()
            sources.append(source)
        }
    }
}
