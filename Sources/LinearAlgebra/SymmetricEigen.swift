import CLAPACK

/// Eigenvalues and eigenvectors of a real symmetric matrix, from LAPACK `dsyevr`.
///
/// Eigenvalues are in **descending** order; column `k` of ``vectors`` belongs to `values[k]`.
/// Each eigenvector is signed so that its largest-magnitude component is positive, which makes
/// results identical across BLAS implementations up to rounding.
public struct SymmetricEigen: Sendable {
    /// Which eigenpairs to compute.
    public enum Selection: Sendable, Equatable {
        /// All `n` pairs.
        case all
        /// The `k` pairs with the largest eigenvalues.
        case largest(Int)
    }

    /// Eigenvalues, largest first.
    public let values: [Double]
    /// Unit eigenvectors as columns, in the order of ``values``.
    public let vectors: Matrix

    /// Decomposes `matrix`, reading only its upper triangle.
    /// - Throws: a ``LinearAlgebraError`` for a non-square or non-finite matrix, an invalid
    ///   selection, or a LAPACK failure.
    public init(of matrix: Matrix, selection: Selection = .all) throws {
        guard matrix.isSquare else {
            throw LinearAlgebraError.dimensionMismatch("an eigen-decomposition needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
        }
        try LAPACKSupport.requireFinite(matrix.storage, "a symmetric eigen-decomposition")
        let n = matrix.rows
        let count: Int
        switch selection {
        case .all: count = n
        case .largest(let k):
            guard (0...n).contains(k) else {
                throw LinearAlgebraError.dimensionMismatch("cannot take the \(k) largest eigenpairs of a \(n)×\(n) matrix")
            }
            count = k
        }
        guard n > 0, count > 0 else {
            values = []
            vectors = Matrix(rows: n, columns: 0)
            return
        }
        // OpenBLAS's threaded level-2 kernels inside dsytrd split their sums by thread, so the
        // eigenvectors would differ in the last bits with the thread count; one thread keeps the
        // result the same on every machine (the reduction is memory-bound, so little is lost).
        let (ascendingValues, ascendingVectors) = try BLASBackend.withSingleThreadedBLAS {
            try Self.dsyevr(matrix, order: n, count: count)
        }
        values = ascendingValues.reversed()
        var descending = Matrix(rows: n, columns: count)
        for k in 0..<count {
            let source = count - 1 - k
            descending.storage.replaceSubrange((k * n)..<((k + 1) * n),
                                                with: ascendingVectors[(source * n)..<((source + 1) * n)])
        }
        LAPACKSupport.normaliseSigns(&descending)
        vectors = descending
    }

    /// Calls `dsyevr` for the `count` largest eigenpairs (ascending, as LAPACK returns them).
    private static func dsyevr(_ matrix: Matrix, order n: Int, count: Int) throws -> ([Double], [Double]) {
        var a = matrix.storage
        var n32 = try LAPACKSupport.int32(n, "eigen-decomposition")
        var lda = n32, ldz = n32
        var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "U"))
        var range = CChar(UInt8(ascii: count == n ? "A" : "I"))
        var il = Int32(n - count + 1), iu = n32
        var vl = 0.0, vu = 0.0
        var sfmin = CChar(UInt8(ascii: "S"))
        var abstol = dlamch_(&sfmin, 1)
        var found: Int32 = 0, info: Int32 = 0
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * count)
        var isuppz = [Int32](repeating: 0, count: 2 * n)
        var workQuery = 0.0, iworkQuery: Int32 = 0, query: Int32 = -1, queryI: Int32 = -1
        dsyevr_(&jobz, &range, &uplo, &n32, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz,
                &isuppz, &workQuery, &query, &iworkQuery, &queryI, &info, 1, 1, 1)
        try LAPACKSupport.check(info, "dsyevr") { .noConvergence(routine: "dsyevr", info: $0) }
        var lwork = Int32(LAPACKSupport.workspaceSize(workQuery, minimum: 26 * n))
        var liwork = max(iworkQuery, Int32(10 * n))
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevr_(&jobz, &range, &uplo, &n32, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz,
                &isuppz, &work, &lwork, &iwork, &liwork, &info, 1, 1, 1)
        try LAPACKSupport.check(info, "dsyevr") { .noConvergence(routine: "dsyevr", info: $0) }
        guard Int(found) == count else { throw LinearAlgebraError.noConvergence(routine: "dsyevr", info: Int(found)) }
        return (Array(w.prefix(count)), z)
    }
}
