import ArgumentParser
import Foundation
import SmartSpec

extension SimilarityMethod: ExpressibleByArgument {}

/// Options shared by `similar` and `benchmark`.
struct SimilarityOptionsGroup: ParsableArguments {
    @Option(help: "Number of reference regions.") var top: Int = 20
    @Option(help: "Distance: pca (per-dimension principal components), mahalanobis or euclidean.") var method: SimilarityMethod = .pca
    @Option(help: "Dimension weights for pca, e.g. human-capital=2,technology=1.5 (default 1 each).") var weights: String?
    @Flag(name: .customLong("exclude-same-country"), help: "Leave out regions of the region's own country.") var excludeSameCountry = false
    @Option(help: "Only consider regions of these countries (comma-separated codes).") var countries: String?
    @Flag(name: .customLong("allow-sparse"), help: "Impute indicators or regions that are more than half missing instead of refusing.") var allowSparse = false

    func similarityOptions() throws -> SimilarityOptions {
        SimilarityOptions(method: method, weights: try parsedWeights(), allowSparse: allowSparse)
    }

    var filter: CandidateFilter {
        CandidateFilter(excludeSameCountry: excludeSameCountry,
                        countries: countries.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) })
    }

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1.") }
    }

    private func parsedWeights() throws -> [String: Double] {
        guard let weights else { return [:] }
        var result: [String: Double] = [:]
        for item in weights.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw ValidationError("--weights takes dimension=number pairs separated by commas, e.g. human-capital=2; '\(item)' is not one.")
            }
            result[parts[0]] = value
        }
        return result
    }
}

/// Rounds numbers for output so that results are identical across BLAS kernels and thread counts.
enum OutputNumber {
    /// `value` rounded to 12 significant digits.
    static func rounded(_ value: Double) -> Double { OutputRounding.significant(value) }

    /// A number as text for tables: `digits` decimals.
    static func text(_ value: Double?, _ digits: Int = 3) -> String {
        guard let value else { return "–" }
        return String(format: "%.\(digits)f", value)
    }
}

/// Progress on standard error, only when it is a terminal.
enum ProgressReporter {
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    static func make(_ label: String) -> (@Sendable (Double) -> Void)? {
        guard isTerminal else { return nil }
        return { fraction in
            let percent = Int((fraction * 100).rounded(.down))
            FileHandle.standardError.write(Data("\r\(label) \(percent)%\(fraction >= 1 ? "\n" : "")".utf8))
        }
    }
}

/// Loads a dataset, printing its warnings (not notes) to standard error.
enum DatasetInput {
    static func load(_ option: DatasetOption) throws -> Dataset {
        let (dataset, issues) = try DatasetLoader.load(folder: option.url)
        for issue in issues where issue.severity == .warning { Console.error("warning: \(issue)") }
        return dataset
    }
}
