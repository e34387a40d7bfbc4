import Foundation
import Testing
@testable import SmartSpec

@Suite("Traded and local activities")
struct ActivityScopeTests {
    static func folder(classification: String, activities: String) -> FolderBuilder {
        FolderBuilder.minimal()
            .file("activities.yaml", "classification: \"\(classification)\"\nactivities:\n\(activities)")
            .file("activities.csv", "region,activity,value\nA1,C26,5\nA1,L,3\nA2,C26,1\nA2,L,4\nB1,O-Q,2\nB1,C26,2\n")
    }

    @Test("NACE codes take the shipped classification; a stated scope wins; other classifications default to traded")
    func readerScopes() throws {
        let nace = Self.folder(classification: "NACE Rev. 2", activities: "- {code: C26, label: Computers}\n- {code: L, label: Real estate}\n- {code: O-Q, label: Public sector, scope: traded}\n")
        let (dataset, _) = try DatasetLoader.load(folder: nace.url)
        #expect(dataset.activities.map(\.scope) == [.traded, .local, .traded])
        let other = Self.folder(classification: "Our own codes", activities: "- {code: C26, label: Computers}\n- {code: L, label: Real estate}\n- {code: O-Q, label: Public sector, scope: local}\n")
        #expect(try DatasetLoader.load(folder: other.url).dataset.activities.map(\.scope) == [.traded, .traded, .local])
        let bad = Self.folder(classification: "x", activities: "- {code: C26, label: Computers, scope: global}\n- {code: L, label: L}\n- {code: O-Q, label: O}\n")
        #expect(DatasetLoader.validate(folder: bad.url).errors.contains { $0.message.contains("must be traded or local, not 'global'") })
    }

    @Test("The shipped classification: local sections, divisions in both spellings and aggregates; energy and accommodation traded")
    func registry() {
        for code in ["L", "O", "P", "Q", "F", "O-Q", "G-I", "47", "G47", "56", "I56", "84", "O84"] { #expect(ActivityScopes.scope(of: code) == .local, "\(code)") }
        for code in ["C", "C26", "26", "D", "35", "D35", "I55", "55", "J", "M72", "B-E", "M_N"] { #expect(ActivityScopes.scope(of: code) == .traded, "\(code)") }
        #expect(ActivityScopes.applies(toClassification: "OKVED2") && ActivityScopes.applies(toClassification: "NACE Rev. 2 divisions"))
        #expect(!ActivityScopes.applies(toClassification: "Demo activity classification"))
    }

    @Test("Strengths and candidates leave local activities out and name them; includeLocal brings them back")
    func rankerSetsAside() throws {
        let (dataset, _) = try DatasetLoader.load(folder: TestPaths.repository.appendingPathComponent("Datasets/demo"))
        let analysis = try NicheAnalysis(dataset)
        let local = Set(dataset.activities.indices.filter { dataset.activities[$0].scope == .local })
        #expect(local.count == 5)
        for r in 0..<10 {
            let traded = try NicheRanker(analysis).niches(region: r)
            #expect(traded.candidates.allSatisfy { !local.contains($0.activity) } && traded.strengths.allSatisfy { !local.contains($0.activity) })
            #expect(Set(traded.setAside) == local)
            let all = try NicheRanker(analysis, includeLocal: true).niches(region: r)
            #expect(all.setAside.isEmpty)
            let localListed = local.filter { analysis.presence[region: r, activity: $0] || analysis.complexity.pci[$0] != nil }.count
            #expect(all.candidates.count + all.strengths.count == traded.candidates.count + traded.strengths.count + localListed)
        }
    }
}
