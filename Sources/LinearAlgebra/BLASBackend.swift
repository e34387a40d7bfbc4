import CLAPACK
import Foundation

/// Which BLAS and LAPACK libraries the process has loaded, for diagnostics.
public struct BLASBackend: Sendable, Equatable {
    /// Kind of BLAS implementation behind `dgemm`.
    public enum Kind: String, Sendable {
        /// OpenBLAS (fast, multi-threaded).
        case openBLAS = "OpenBLAS"
        /// Netlib reference BLAS (correct but about 30× slower for large products).
        case reference = "reference BLAS"
        /// Something else (BLIS, MKL, ...).
        case other = "other"
    }

    /// Path of the shared object providing `dgemm_`.
    public let blasLibrary: String?
    /// Path of the shared object providing `dsyevr_`.
    public let lapackLibrary: String?
    /// OpenBLAS's build configuration, when OpenBLAS is loaded.
    public let openBLASConfiguration: String?
    /// OpenBLAS's thread count, when OpenBLAS is loaded.
    public let threads: Int?

    /// The libraries loaded in this process.
    public static var current: BLASBackend {
        let threadCount = Int(smartspec_openblas_threads())
        return BLASBackend(
            blasLibrary: smartspec_blas_library_path().map { String(cString: $0) },
            lapackLibrary: smartspec_lapack_library_path().map { String(cString: $0) },
            openBLASConfiguration: smartspec_openblas_config().map { String(cString: $0) },
            threads: threadCount >= 0 ? threadCount : nil)
    }

    /// The implementation kind, judged from the configuration string and the library path.
    public var kind: Kind {
        if openBLASConfiguration != nil { return .openBLAS }
        let path = (blasLibrary ?? "").lowercased()
        if path.contains("openblas") { return .openBLAS }
        if path.contains("/blas/") || path.hasSuffix("libblas.so.3") { return .reference }
        return .other
    }

    /// The OpenBLAS kernel family (core type) in use, read from the configuration string.
    public var coreType: String? {
        guard let configuration = openBLASConfiguration else { return nil }
        let known = ["Prescott", "Nehalem", "Sandybridge", "Haswell", "Zen", "SkylakeX", "CooperLake", "SapphireRapids", "Atom", "Core2"]
        return configuration.split(separator: " ").map(String.init).first { known.contains($0) }
    }

    /// The implementation and, for OpenBLAS, its kernel family ("OpenBLAS SkylakeX"): what the
    /// last bits of a product depend on besides the inputs.
    public var signature: String { [kind.rawValue, coreType].compactMap { $0 }.joined(separator: " ") }

    /// A faster `OPENBLAS_CORETYPE` to suggest when OpenBLAS fell back to its generic Prescott
    /// kernels on a processor with AVX2 or AVX-512 (older OpenBLAS does not recognise newer
    /// processors); nil when nothing better is known.
    public func suggestedCoreType(cpuFlags: Set<String> = BLASBackend.cpuFlags()) -> String? {
        guard coreType == "Prescott" else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512dq", "avx512bw", "avx512vl"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The processor's feature flags from `/proc/cpuinfo` (empty where it is not available).
    public static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }

    /// Runs `body` with OpenBLAS limited to one thread (for code that calls BLAS from several
    /// threads of its own), restoring the previous count afterwards. Without OpenBLAS it just runs `body`.
    public static func withSingleThreadedBLAS<T>(_ body: () throws -> T) rethrows -> T {
        let previous = smartspec_openblas_set_threads(1)
        defer { if previous > 0 { _ = smartspec_openblas_set_threads(previous) } }
        return try body()
    }
}
