import ArgumentParser
import Foundation
import SmartSpec

extension SimilarityMethod: ExpressibleByArgument {}

/// Options shared by `similar` and `benchmark`.
struct SimilarityOptionsGroup: ParsableArguments {
    @Option(help: ArgumentHelp("\(OptionMeaning.top) Here: reference regions (range: 1 or more).")) var top: Int = 20
    @Option(help: ArgumentHelp("\(OptionMeaning.method) Here: the distance — pca (per-dimension principal components), mahalanobis or euclidean."))
    var method: SimilarityMethod = .pca
    @Option(help: "Dimension weights for pca, e.g. human-capital=2,technology=1.5 (each finite and at least 0; default 1 each).") var weights: String?
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
        try OptionCheck.integer(top, 1...Int.max, "--top")
        _ = try parsedWeights()
    }

    private func parsedWeights() throws -> [String: Double] {
        guard let weights else { return [:] }
        var result: [String: Double] = [:]
        for item in weights.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite, value >= 0 else {
                throw ValidationError("--weights takes dimension=number pairs (numbers finite and at least 0) separated by commas, e.g. human-capital=2; '\(item)' is not one.")
            }
            result[parts[0]] = value
        }
        return result
    }
}
