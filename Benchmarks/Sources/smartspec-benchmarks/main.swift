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

let suites: [String: () throws -> Void] = ["linear-algebra": linearAlgebra, "similarity": similarity]
let requested = CommandLine.arguments.dropFirst()
for name in requested.isEmpty ? Array(suites.keys).sorted() : Array(requested) {
    guard let suite = suites[name] else {
        FileHandle.standardError.write(Data("unknown benchmark '\(name)'; known: \(suites.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    try suite()
}
