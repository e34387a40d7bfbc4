// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "SmartSpec",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "SmartSpec", targets: ["SmartSpec"]),
        .executable(name: "smartspec", targets: ["smartspec"]),
        .executable(name: "smartspec-benchmarks", targets: ["smartspec-benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        // Fortran LAPACK/BLAS symbols (LP64) and a probe of the loaded BLAS library.
        .target(
            name: "CLAPACK",
            linkerSettings: [.linkedLibrary("lapack"), .linkedLibrary("blas"), .linkedLibrary("dl")]
        ),
        // Branch-free candidate-selection loops (vectorised by clang).
        .target(name: "CKernels"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"]),
        .target(
            name: "SmartSpec",
            dependencies: [
                "LinearAlgebra", "CZlib", "CKernels", "Yams",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(name: "SyntheticData", dependencies: ["SmartSpec"]),
        .executableTarget(
            name: "smartspec",
            dependencies: [
                "SmartSpec", "SyntheticData", "LinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "smartspec-benchmarks",
            dependencies: ["LinearAlgebra", "SmartSpec", "SyntheticData"],
            path: "Benchmarks/Sources/smartspec-benchmarks"
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(
            name: "SmartSpecTests",
            dependencies: ["SmartSpec", "SyntheticData", "LinearAlgebra"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "CLITests", dependencies: ["smartspec", "SmartSpec"]),
    ],
    swiftLanguageModes: [.v6]
)
