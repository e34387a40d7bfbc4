// swift-tools-version: 6.0
// libFuzzer targets for SmartSpec's readers. Build and run with Tests/Fuzz/run.sh (not part of
// `swift test`): every target is compiled with -sanitize=fuzzer,address.
import PackageDescription

let targets = ["FuzzDataset", "FuzzStudy", "FuzzScenarioWizard", "FuzzEurostat", "FuzzImport", "FuzzWorkbook"]

let package = Package(
    name: "SmartSpecFuzz",
    dependencies: [.package(name: "SmartSpec", path: "../..")],
    targets: [.target(name: "FuzzDriver")] + targets.map {
        .executableTarget(name: $0, dependencies: ["FuzzDriver", .product(name: "SmartSpec", package: "SmartSpec")])
    },
    swiftLanguageModes: [.v6]
)
