import ArgumentParser
import Foundation
import SmartSpec
import Synchronization

// The conventions every command follows (Docs/cli-reference.md, "Conventions"):
// - `--format table|json|csv` is the output style on standard output, and only that; `table` is an
//   aligned table for people, never CSV.
// - `--dataset DIR` reads a dataset (default: the bundled demo); a foresight command takes its
//   study file as its argument; a command that can also use a study takes it as `--study FILE`.
// - `--out DIR` is the folder a command writes files into; `--write-<table> FILE` writes one more
//   table to a file; nothing replaces a file smartspec did not write without `--force`.
// - An option with a fixed set of values lists them in `--help` and names them in its error; a
//   numeric option states its range in `--help` and is checked (finite, in range) before anything runs.
// - One flag name, one meaning: the first sentence of an option's help is the same in every
//   command (`OptionMeaning` holds the shared ones; a test checks the rule).

/// The first sentence of the help of every option that more than one command has.
enum OptionMeaning {
    static let dataset = "The dataset folder."
    static let lang = "Language of the written text."
    static let declared = "The declared priorities to audit (CSV: region,priority,label,codes; Datasets/README.md)."
    static let includeLocal = "Let local activities (scope: local, such as retail, construction, public administration) be strengths, candidates and recommendations."
    static let columns = "Map the input table's column names."
    static let activityTable = "The dataset's alternative activity table activities-NAME.csv to use instead of activities.csv."
    static let region = "The region (its code)."
    static let all = "Every region of the dataset."
    static let top = "How many to list."
    static let method = "The method of the analysis."
    static let seed = "Seed of the random numbers. (range: 0–18446744073709551615)"
    static let format = "Output style on standard output: table (aligned, for people), json or csv (for programs)."
    static let out = "The folder to write into."
    static let force = "Replace files that smartspec did not write."
    static let maxInconsistency = "Also use scenarios with inconsistency up to this value."
    static let succession = "Succession rule for volume weights."
    static let threshold = "Presence threshold: a region holds an activity when its RCA is at or above it."
    static let convention = "ECI/PCI convention: atlas (py-ecomplexity) or standard (R economiccomplexity)."
    static let proximity = "Proximity: conditional (Hidalgo et al. 2007) or cosine."
    static let study = "The study file (.yaml, Docs/study-file.md)."
    static let bootstrap = "Number of bootstrap resamples (range: 0–100000)."
    static let ensemble = "The panels' matrices (study .yaml or ScenarioWizard .scw files with the same descriptors and variants)."
    static let fileTypes = "The file types to write, comma-separated."
    static let maxScenarios = "Stop with an error when more scenarios than this match."
    static let fix = "Hold a descriptor at a variant (DESCRIPTOR=VARIANT; repeatable): its own balance is not checked, as in ScenarioWizard's intervention mode."
    static let uncertainty = "Judgement uncertainty: perturb every non-zero judgement by a uniform integer from −U to U in each sample (range: 0–1000)."
    static let samples = "Number of uncertainty samples (range: 1–1000000)."
    static let keepSign = "Keep every judgement's sign under --uncertainty."
    static let shard = "Compute only shard I of N (0-based; 1 ≤ N ≤ 100000) and write it as a part folder (--out) for smartspec merge (Docs/cluster.md)."
}

/// Output style of the commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// The `--format` option.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(OptionMeaning.format))
    var format: OutputFormat = .table
}

/// A dataset folder argument.
struct DatasetOption: ParsableArguments {
    /// The bundled demo, the default dataset.
    static let defaultFolder = "Datasets/demo"

    @Option(name: .long, help: ArgumentHelp(OptionMeaning.dataset), completion: .directory)
    var dataset: String = DatasetOption.defaultFolder

    var url: URL { URL(fileURLWithPath: dataset) }
}

/// The `--activity-table` option of the commands that analyse activities.
struct ActivityTableOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(OptionMeaning.activityTable, valueName: "name"))
    var activityTable: String?
}

/// Checks of numeric options: finite and within a stated range, with the range in the error.
enum OptionCheck {
    /// `value` must be finite and within `range`.
    static func number(_ value: Double, _ range: ClosedRange<Double>, _ name: String) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("\(name) must be a number from \(text(range.lowerBound)) to \(text(range.upperBound)); got \(value).")
        }
    }

    /// `value` must be finite and at least `lower` (more than `lower` when `strictly`).
    static func number(_ value: Double, atLeast lower: Double, strictly: Bool = false, _ name: String) throws {
        guard value.isFinite, strictly ? value > lower : value >= lower else {
            throw ValidationError("\(name) must be a finite number \(strictly ? "above" : "of at least") \(text(lower)); got \(value).")
        }
    }

    /// `value` must be within `range`.
    static func integer(_ value: Int, _ range: ClosedRange<Int>, _ name: String) throws {
        guard range.contains(value) else {
            throw ValidationError(range.upperBound == Int.max
                ? "\(name) must be at least \(range.lowerBound); got \(value)."
                : "\(name) must be from \(range.lowerBound) to \(range.upperBound); got \(value).")
        }
    }

    private static func text(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x) }
}

/// Old option spellings kept for one release: hidden from `--help`, accepted with a warning.
enum DeprecatedOption {
    /// The value of `current`, or of the deprecated `old` spelling (with a warning); both at once is an error.
    static func resolve<T>(_ current: T?, _ old: T?, current currentName: String, old oldName: String) throws -> T? {
        guard let old else { return current }
        guard current == nil else { throw ValidationError("\(oldName) is the old name of \(currentName); give only \(currentName).") }
        warn(old: oldName, current: currentName)
        return old
    }

    /// A flag given under its current or its deprecated name.
    static func flag(_ current: Bool, _ old: Bool, current currentName: String, old oldName: String) -> Bool {
        if old { warn(old: oldName, current: currentName) }
        return current || old
    }

    /// Old names already warned about: an option is read in `validate()` and again in `run()`, but
    /// the warning is printed once per process.
    private static let warned = Mutex<Set<String>>([])

    /// Warns, once, that `oldName` is deprecated in favour of `currentName`.
    static func warn(old oldName: String, current currentName: String) {
        guard warned.withLock({ $0.insert(oldName).inserted }) else { return }
        Console.warn("\(oldName) is deprecated; use \(currentName) (the old name will be removed in the next release).")
    }
}

/// Loads a dataset, printing its warnings (not notes) to standard error.
enum DatasetInput {
    static func load(_ option: DatasetOption, activityTable: ActivityTableOption? = nil) throws -> Dataset {
        let (dataset, issues) = try DatasetLoader.load(folder: option.url, activityTable: activityTable?.activityTable)
        for issue in issues where issue.severity == .warning {
            Console.warn("\(issue.location)\(issue.field.map { " (\($0))" } ?? ""): \(issue.message)")
        }
        return dataset
    }
}

/// Progress on standard error, only when it is a terminal.
enum ProgressReporter {
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    static func make(_ label: String) -> (@Sendable (Double) -> Void)? {
        guard isTerminal else { return nil }
        return { fraction in
            let percent = Int((fraction * 100).rounded(.down))
            try? Console.write("\r\(label) \(percent)%\(fraction >= 1 ? "\n" : "")", to: STDERR_FILENO)
        }
    }
}

/// The command line as a shell would read it back.
enum CommandLineText {
    /// The command line without `--shard`, `--out` and `--force` (and their values): what a
    /// recorded command line and the parts of a sharded run share, wherever the output goes.
    static var reproducible: String {
        (["smartspec"] + withoutOutputOptions(Array(CommandLine.arguments.dropFirst()))).map(quoted).joined(separator: " ")
    }

    /// `words` without `--shard`, `--out` and `--force` (and their values).
    static func withoutOutputOptions(_ words: [String]) -> [String] {
        var kept: [String] = [], i = 0
        while i < words.count {
            let word = words[i]
            if ["--shard", "--out"].contains(word) { i += 2; continue }
            if word.hasPrefix("--shard=") || word.hasPrefix("--out=") || word == "--force" { i += 1; continue }
            kept.append(word)
            i += 1
        }
        return kept
    }

    static func quoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=,:@%+".unicodeScalars.contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
