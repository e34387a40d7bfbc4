import Foundation
import Testing
@testable import SmartSpec
@testable import SyntheticData

@Suite("Bundled demo dataset")
struct DemoDatasetTests {
    @Test("Datasets/demo is exactly what the committed generator writes with the default seed")
    func regenerates() throws {
        let folder = TestPaths.temporaryFolder("demo")
        try DatasetWriter.write(DemoUnionGenerator().generate(), to: folder)
        let committed = TestPaths.repository.appendingPathComponent("Datasets/demo")
        for name in ["dataset.yaml", "regions.csv", "indicators.yaml", "indicators.csv", "activities.yaml", "activities.csv"] {
            let fresh = try Data(contentsOf: folder.appendingPathComponent(name))
            let stored = try Data(contentsOf: committed.appendingPathComponent(name))
            #expect(fresh == stored, "\(name) differs from a fresh generation; run `smartspec generate demo --out Datasets/demo`")
        }
        let geometry = try String(contentsOf: committed.appendingPathComponent("geometry.geojson"), encoding: .utf8)
        #expect(geometry == DemoGeometry.geoJSON(try DemoUnionGenerator().generate()), "geometry.geojson differs from a fresh generation")
    }

    @Test("The demo validates and has the promised shape")
    func shape() throws {
        let (dataset, issues) = try DatasetLoader.load(folder: TestPaths.repository.appendingPathComponent("Datasets/demo"))
        #expect(issues.filter { $0.severity == .error }.isEmpty)
        #expect(dataset.info.synthetic)
        #expect((60...100).contains(dataset.regions.count))
        #expect(dataset.countries.count == 5)
        let structuralDimensions = Set(dataset.indicators(withRole: .structural).map(\.dimension))
        #expect(structuralDimensions.count >= 6)
        #expect(dataset.activities.count >= 40)
        #expect(dataset.activityTables.map(\.year) == [2021, 2024])
        #expect(dataset.regions.allSatisfy { $0.nameRu != nil } && dataset.indicators.allSatisfy { $0.labelRu != nil })
        #expect(dataset.activities.allSatisfy { $0.labelRu != nil && $0.group != nil })
    }

    @Test("The latent structure is visible: industrial-type traits raise manufacturing employment")
    func latentStructure() throws {
        let (dataset, _) = try DatasetLoader.load(folder: TestPaths.repository.appendingPathComponent("Datasets/demo"))
        // Regions with a high manufacturing share should hold more machinery employment per head
        // than those with a low share: the generator ties both to the same 'industry' trait.
        let k = try #require(dataset.indicators.firstIndex { $0.id == "manufacturing_share" })
        let machinery = dataset.activities.indices.filter { dataset.activities[$0].group == "MAC" }
        let table = try #require(dataset.latestActivityTable)
        let rows = dataset.regions.indices.compactMap { r -> (Double, Double)? in
            guard let share = dataset.indicatorValues[region: r, indicator: k] else { return nil }
            let total = (0..<table.activityCount).reduce(0) { $0 + table[region: r, activity: $1] }
            return (share, machinery.reduce(0) { $0 + table[region: r, activity: $1] } / total)
        }.sorted { $0.0 < $1.0 }
        let third = rows.count / 3
        let low = rows.prefix(third).map(\.1).reduce(0, +) / Double(third)
        let high = rows.suffix(third).map(\.1).reduce(0, +) / Double(third)
        #expect(high > 1.5 * low)
    }

    @Test("Generation is deterministic and the seed matters")
    func seeds() {
        let a = DemoUnionGenerator(seed: 7).generate(), b = DemoUnionGenerator(seed: 7).generate()
        let c = DemoUnionGenerator(seed: 8).generate()
        #expect(a.indicatorValues == b.indicatorValues && a.regions == b.regions)
        #expect(a.indicatorValues != c.indicatorValues)
    }
}
