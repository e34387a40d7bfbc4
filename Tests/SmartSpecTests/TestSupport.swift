import Foundation
import Testing
@testable import SmartSpec

/// Paths used by the tests: the repository, its fixtures and the shared data beside it.
enum TestPaths {
    /// The repository root (three levels above this file).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `Tests/SmartSpecTests/Fixtures`.
    static let fixtures = repository.appendingPathComponent("Tests/SmartSpecTests/Fixtures")
    /// `../shared/data`, beside the repository.
    static let sharedData = repository.deletingLastPathComponent().appendingPathComponent("shared/data")
    /// Whether the shared data is present.
    static let hasSharedData = FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("PROVENANCE.md").path)
    /// Message shown when shared-data tests are skipped.
    static let sharedDataMissing = "../shared/data is absent, so the tests on real shared data are skipped"

    /// A new empty temporary folder.
    static func temporaryFolder(_ name: String = "smartspec-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Writes small dataset folders for tests.
struct FolderBuilder {
    let url = TestPaths.temporaryFolder("dataset")

    @discardableResult
    func file(_ name: String, _ text: String) -> FolderBuilder {
        try! Data(text.utf8).write(to: url.appendingPathComponent(name))
        return self
    }

    @discardableResult
    func bytes(_ name: String, _ data: [UInt8]) -> FolderBuilder {
        try! Data(data).write(to: url.appendingPathComponent(name))
        return self
    }

    /// A minimal valid dataset: three regions, two structural indicators.
    static func minimal() -> FolderBuilder {
        FolderBuilder()
            .file("dataset.yaml", "name: tiny\n")
            .file("regions.csv", "code,name,country\nA1,Alpha,AA\nA2,Beta,AA\nB1,Gamma,BB\n")
            .file("indicators.yaml", """
                indicators:
                  - {id: x, label: X, dimension: technology, role: structural}
                  - {id: y, label: Y, dimension: economy, role: performance, direction: lower}
                """)
            .file("indicators.csv", "code,x,y\nA1,1,10\nA2,2,20\nB1,4,\n")
    }
}

extension DatasetLoadReport {
    /// Issue descriptions, for compact expectations.
    var messages: [String] { issues.map(\.description) }
}
