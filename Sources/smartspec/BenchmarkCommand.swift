import ArgumentParser
import Foundation
import SmartSpec

/// `smartspec benchmark`: performance gaps against the reference regions.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Benchmark a region against its reference regions on the performance indicators (largest shortfalls first).")

    @OptionGroup var dataset: DatasetOption
    @Option(help: ArgumentHelp(OptionMeaning.region)) var region: String
    @OptionGroup var similarity: SimilarityOptionsGroup
    @OptionGroup var output: OutputOptions

    struct Gap: Encodable {
        var indicator: String, label: String, direction: String, unit: String?
        var value: Double?, peerCount: Int, median: Double?, lowerQuartile: Double?, upperQuartile: Double?
        var percentile: Double?, gap: Double?, relativeGap: Double?, standardisedGap: Double?
        var bestPeer: String?, bestPeerValue: Double?
    }
    struct Document: Encodable { var region: String, name: String, peers: [String], gaps: [Gap] }

    func run() throws {
        let data = try DatasetInput.load(dataset)
        let space = try StructuralSpace(data, options: try similarity.similarityOptions())
        let finder = ReferenceRegionFinder(space: space)
        let result = try finder.references(for: region, top: similarity.top, filter: similarity.filter)
        let r = try finder.index(of: region)
        let peers = result.references.map { data.regionIndex(of: $0.region.code)! }
        let gaps = PeerBenchmark.gaps(data, region: r, peers: peers)
        let round = { (x: Double?) in x.map(OutputNumber.rounded) }
        let rows = gaps.map { g in
            Gap(indicator: g.indicator.id, label: g.indicator.label, direction: g.indicator.direction.rawValue, unit: g.indicator.unit,
                value: g.value, peerCount: g.peerCount, median: round(g.median), lowerQuartile: round(g.lowerQuartile),
                upperQuartile: round(g.upperQuartile), percentile: round(g.percentile), gap: round(g.gap),
                relativeGap: round(g.relativeGap), standardisedGap: round(g.standardisedGap), bestPeer: g.bestPeer, bestPeerValue: g.bestPeerValue)
        }
        switch output.format {
        case .json:
            try Console.data(try Console.json(Document(region: region, name: result.region.name, peers: result.references.map(\.region.code), gaps: rows)))
        case .csv:
            let header = ["indicator", "direction", "value", "peer_count", "median", "lower_quartile", "upper_quartile", "percentile",
                          "gap", "relative_gap", "standardised_gap", "best_peer", "best_peer_value"]
            let text = OutputNumber.cell
            try Console.data(CSVText.render([header] + rows.map {
                [$0.indicator, $0.direction, text($0.value), String($0.peerCount), text($0.median), text($0.lowerQuartile), text($0.upperQuartile),
                 text($0.percentile), text($0.gap), text($0.relativeGap), text($0.standardisedGap), $0.bestPeer ?? "", text($0.bestPeerValue)]
            }, guardFormulas: true))
        case .table:
            try Console.table(TextTable(
                header: ["indicator", "value", "peer median", "percentile", "gap (sd)", "best peer"],
                rows: rows.map { g in
                    [g.indicator, OutputNumber.text(g.value, 2), OutputNumber.text(g.median, 2), OutputNumber.text(g.percentile, 0),
                     OutputNumber.text(g.standardisedGap, 2), g.bestPeer ?? "–"]
                },
                title: "\(region) \(result.region.name) against its \(peers.count) reference regions (largest shortfalls first):").text)
        }
    }
}
