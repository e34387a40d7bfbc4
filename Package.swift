// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "SmartSpec",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "SmartSpec", targets: ["SmartSpec"]),
        .executable(name: "smartspec", targets: ["smartspec"]),
        .executable(name: "smartspec-workbook", targets: ["smartspec-workbook"]),
        .executable(name: "smartspec-benchmarks", targets: ["smartspec-benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // Fortran LAPACK/BLAS symbols (LP64) and a probe of the loaded BLAS library.
        .target(
            name: "CLAPACK",
            linkerSettings: [.linkedLibrary("lapack"), .linkedLibrary("blas"), .linkedLibrary("dl")]
        ),
        // Branch-free candidate-selection loops (vectorised by clang).
        .target(name: "CKernels"),
        .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // FreeXL, for legacy Excel workbooks (.xls, BIFF) such as Rosstat's regional tables.
        .systemLibrary(name: "CFreeXL", pkgConfig: "freexl", providers: [.apt(["libfreexl-dev"])]),
        // OpenSSL's libcrypto, for the SHA-256 fingerprints of datasets in the sheets.
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"]),
        .target(
            name: "SmartSpec",
            dependencies: [
                "LinearAlgebra", "CGzip", "CLibCrypto", "CKernels", "Yams",
                .product(name: "CSV", package: "CSV.swift"),
            ],
            resources: [.copy("Registry/Data")]
        ),
        // Reads workbooks (.xlsx with ZIPFoundation, .xls with FreeXL) in a process of its own.
        .executableTarget(
            name: "smartspec-workbook",
            dependencies: ["CFreeXL", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(name: "SyntheticData", dependencies: ["SmartSpec"]),
        // Renderers of recommendation sheets (HTML with inline SVG, Markdown, JSON, CSV) and their translations.
        .target(
            name: "SmartSpecReports",
            dependencies: ["SmartSpec", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .executableTarget(
            name: "smartspec",
            dependencies: [
                "SmartSpec", "SmartSpecReports", "SyntheticData", "LinearAlgebra", "CKernels",
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
        .testTarget(name: "SmartSpecReportsTests", dependencies: ["SmartSpecReports", "SmartSpec"]),
        .testTarget(name: "CLITests", dependencies: ["smartspec", "SmartSpec", "Yams"]),
    ],
    swiftLanguageModes: [.v6]
)
