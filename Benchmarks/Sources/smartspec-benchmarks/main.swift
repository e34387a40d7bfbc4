// Release-build benchmarks of SmartSpec. Run through Benchmarks/run.sh, which also runs the Python
// peers on the same machine and prints both side by side.
//
// Usage: smartspec-benchmarks linear-algebra
import Foundation
import LinearAlgebra
import SmartSpec
import SyntheticData

/// Best wall-clock seconds of `repeats` runs.
func best(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.min() ?? .nan
}

func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
    var rng = SeededGenerator(seed: seed)
    return try! Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in rng.normal() })
}

func linearAlgebra() throws {
    let a = randomMatrix(2000, 2000, seed: 1), b = randomMatrix(2000, 2000, seed: 2)
    print(String(format: "gemm_2000\t%.4f", try best(3) { _ = try Matrix.product(a, b) }))
    let x = randomMatrix(1000, 1000, seed: 3)
    var s = x
    for j in 0..<1000 { for i in 0..<1000 { s[i, j] = (x[i, j] + x[j, i]) / 2 } }
    print(String(format: "syev_1000_all\t%.4f", try best(3) { _ = try SymmetricEigen(of: s) }))
    print(String(format: "syevr_1000_top10\t%.4f", try best(3) { _ = try SymmetricEigen(of: s, selection: .largest(10)) }))
    let r = randomMatrix(1000, 500, seed: 4)
    print(String(format: "gesdd_1000x500\t%.4f", try best(3) { _ = try SVD(of: r) }))
}

/// Stages of `similar --all --top 20` on the synthetic datasets in $SMARTSPEC_BENCH_DATA (folders s2000, s20000, s100000).
func similarity() throws {
    let root = ProcessInfo.processInfo.environment["SMARTSPEC_BENCH_DATA"] ?? "/tmp/smartspec-bench"
    for n in [2000, 20000, 100000] {
        let folder = URL(fileURLWithPath: root).appendingPathComponent("s\(n)")
        guard FileManager.default.fileExists(atPath: folder.path) else { continue }
        var dataset: Dataset? = nil
        let load = try best(1) { dataset = try DatasetLoader.load(folder: folder).dataset }
        var space: StructuralSpace? = nil
        let build = try best(1) { space = try StructuralSpace(dataset!) }
        let search = try best(n > 20000 ? 1 : 3) { _ = try ReferenceRegionFinder(space: space!).allReferences(top: 20) }
        print(String(format: "similar_load_%d\t%.4f", n, load))
        print(String(format: "similar_space_%d\t%.4f", n, build))
        print(String(format: "similar_search_%d\t%.4f", n, search))
    }
}

/// A seeded random CIB matrix: `descriptors` descriptors of `variants` variants, integer judgements in −3…3.
func randomCrossImpactMatrix(descriptors: Int, variants: Int, seed: UInt64) throws -> CrossImpactMatrix {
    var rng = SeededGenerator(seed: seed)
    let list = (0..<descriptors).map { d in
        CrossImpactMatrix.Descriptor(id: "D\(d + 1)", label: "D\(d + 1)", variants: (0..<variants).map { .init(id: "v\($0 + 1)", label: "v\($0 + 1)") })
    }
    let total = descriptors * variants
    let impacts = (0..<total).map { r in (0..<total).map { c in r / variants == c / variants ? 0 : rng.integer(in: -3...3) } }
    return try CrossImpactMatrix(descriptors: list, impacts: impacts)
}

/// Cross-impact balance: the shared ScenarioWizard files (when $SMARTSPEC_SHARED points at ../shared/data)
/// and seeded random matrices. Writes the 12 × 3 matrix to $SMARTSPEC_BENCH_DATA/cib_12x3.csv for the numpy peer.
func cib() throws {
    let shared = ProcessInfo.processInfo.environment["SMARTSPEC_SHARED"] ?? "../shared/data"
    for name in ["bench_50x50", "CIB_nested"] {
        let url = URL(fileURLWithPath: shared).appendingPathComponent("cib/\(name).scw")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
        let matrix = try ScenarioWizardReader.parse(text, file: url.lastPathComponent)
        var count = 0
        let seconds = try best(5) { count = try CIBSolver(matrix: matrix).solve().count }
        print(String(format: "cib_%@\t%.6f\t%d", name, seconds, count))
    }
    let small = try randomCrossImpactMatrix(descriptors: 12, variants: 3, seed: 12)
    let root = ProcessInfo.processInfo.environment["SMARTSPEC_BENCH_DATA"] ?? "/tmp/smartspec-bench"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    let rows = (0..<small.variantCount).map { r in (0..<small.variantCount).map { String(small.impact(r, $0)) }.joined(separator: ",") }
    try (rows.joined(separator: "\n") + "\n").write(toFile: root + "/cib_12x3.csv", atomically: true, encoding: .utf8)
    var smallCount = 0
    let smallSeconds = try best(5) { smallCount = try CIBSolver(matrix: small).solve().count }
    print(String(format: "cib_random_12x3\t%.6f\t%d", smallSeconds, smallCount))
    let large = try randomCrossImpactMatrix(descriptors: 25, variants: 3, seed: 25)
    var largeCount = 0
    let largeSeconds = try best(1) { largeCount = try CIBSolver(matrix: large).solve().count }
    print(String(format: "cib_random_25x3\t%.6f\t%d", largeSeconds, largeCount))
}

let suites: [String: () throws -> Void] = ["linear-algebra": linearAlgebra, "similarity": similarity, "cib": cib]
let requested = CommandLine.arguments.dropFirst()
for name in requested.isEmpty ? Array(suites.keys).sorted() : Array(requested) {
    guard let suite = suites[name] else {
        FileHandle.standardError.write(Data("unknown benchmark '\(name)'; known: \(suites.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    try suite()
}
