import CLAPACK

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
}
