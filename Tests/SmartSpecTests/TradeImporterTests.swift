import Foundation
import Testing
@testable import SmartSpec

@Suite("Trade tables by HS product become ISIC Rev. 4 divisions")
struct TradeImporterTests {
    private func write(_ text: String, _ name: String = "trade.csv") -> URL {
        let url = TestPaths.temporaryFolder("trade").appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url
    }

    @Test("Every bridged code's weights are positive and sum to 1, and every division is an OKVED2/NACE division")
    func bridgeIsWellFormed() {
        #expect(ProductBridge.shares.count > 8000)
        let known = Set(OKVED2.divisions.map(\.naceCode))
        for (code, shares) in ProductBridge.shares {
            #expect(abs(shares.map(\.weight).reduce(0, +) - 1) < 2e-6, "\(code)")
            #expect(shares.allSatisfy { $0.weight > 0 && known.contains($0.division) }, "\(code)")
        }
    }

    @Test("The weights are the WITS concordance's class counts by division (checked on every HS6 code of the raw file)",
          .enabled(if: TestPaths.hasSharedData, "../shared/data is absent, so the tests on real shared data are skipped"))
    func weightsFollowTheConcordance() throws {
        let text = try String(contentsOf: TestPaths.sharedData.appendingPathComponent("hs-isic4-concordance-wits/hs_isic4.csv"), encoding: .utf8)
        var classes: [String: Set<String>] = [:], sectionOf: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, !f[3].isEmpty else { continue }
            classes[f[0], default: []].insert(f[3])
            sectionOf[f[5]] = f[6]
        }
        #expect(classes.count == ProductBridge.shares.keys.filter { $0.count == 6 }.count)
        for (code, set) in classes {
            var expected: [String: Double] = [:]
            for c in set { expected[sectionOf[String(c.prefix(2))]! + c.prefix(2), default: 0] += 1 / Double(set.count) }
            let got = Dictionary(uniqueKeysWithValues: ProductBridge.shares(of: code)!.map { ($0.division, $0.weight) })
            #expect(Set(got.keys) == Set(expected.keys), "\(code)")
            for (d, w) in expected { #expect(abs((got[d] ?? -1) - w) < 2e-6, "\(code) \(d)") }
        }
    }

    @Test("Values are split by the weights and summed by region, division and year; a lost leading zero is restored")
    func splitAndSum() throws {
        // 010121 (horses, pure-bred) maps to one division; 0103 (swine) is split over two.
        let one = try #require(ProductBridge.shares(of: "010121"))
        let split = try #require(ProductBridge.shares(of: "0103"))
        #expect(one.count == 1 && split.count == 2)
        let url = write("region,product,year,value\nR1,010121,2020,100\nR1,10121,2020,50\nR1,0103,2020,30\nR2,0103,2021,10\nR2,000001,2021,5\n")
        let imported = try TradeImporter().extract(url)
        func value(_ region: String, _ division: String, _ year: Int) -> Double {
            imported.rows.filter { $0.region == region && $0.activity == division && $0.year == year }.map(\.value).reduce(0, +)
        }
        let a = one[0].division
        #expect(abs(value("R1", a, 2020) - (150 + 30 * (split.first { $0.division == a }?.weight ?? 0))) < 1e-9)
        for s in split { #expect(abs(value("R2", s.division, 2021) - 10 * s.weight) < 1e-9) }
        #expect(imported.notes.contains { $0.contains("'000001'") && $0.contains("2.56%") })
        #expect(imported.activities.allSatisfy { $0.labelRu != nil })
    }

    @Test("Bad trade tables give one clear error each")
    func refusals() throws {
        #expect(throws: ImportError.self) { try TradeImporter().extract(self.write("region,product,value\nR1,0101,5\n")) }
        #expect(throws: ImportError.self) { try TradeImporter().extract(self.write("region,product,year,value\nR1,000001,2020,5\n")) }
        #expect(throws: ImportError.self) { try TradeImporter(year: 2019).extract(self.write("region,product,year,value\nR1,0101,2020,5\n")) }
        #expect(throws: DatasetValidationError.self) { try TradeImporter().extract(self.write("region,product,year,value\nR1,0101,2020,-5\n")) }
        #expect(throws: DatasetValidationError.self) { try TradeImporter().extract(self.write("region,product,year,value\nR1,0101,20x0,5\n")) }
        // A table without a year column takes --year as its year.
        let imported = try TradeImporter(year: 2021).extract(write("region,product,value\nR1,0101,5\n"))
        #expect(imported.rows.map(\.year) == [2021])
    }
}
