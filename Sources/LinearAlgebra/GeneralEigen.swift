import CLAPACK

/// Eigenvalues and right eigenvectors of a general real square matrix, from LAPACK `dgeev`.
///
/// Eigenvalues are returned in LAPACK's order as complex numbers (`real`, `imaginary`). For a real
/// eigenvalue `k`, column `k` of ``rightVectors`` is its eigenvector (unit Euclidean norm, signed
/// so that the largest-magnitude component is positive). For a complex-conjugate pair at `k, k+1`,
/// columns `k` and `k+1` hold the real and imaginary parts of the eigenvector of `values[k]`, as in LAPACK.
public struct GeneralEigen: Sendable {
    /// Real parts of the eigenvalues.
    public let real: [Double]
    /// Imaginary parts of the eigenvalues.
    public let imaginary: [Double]
    /// Right eigenvectors (see the type's discussion for complex pairs).
    public let rightVectors: Matrix

    /// Decomposes `matrix`.
    public init(of matrix: Matrix) throws {
        guard matrix.isSquare else {
            throw LinearAlgebraError.dimensionMismatch("an eigen-decomposition needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
        }
        try LAPACKSupport.requireFinite(matrix.storage, "a general eigen-decomposition")
        let n = matrix.rows
        guard n > 0 else {
            real = []; imaginary = []; rightVectors = Matrix(rows: 0, columns: 0)
            return
        }
        var a = matrix.storage
        var n32 = try LAPACKSupport.int32(n, "eigen-decomposition")
        var lda = n32, ldvl: Int32 = 1, ldvr = n32
        var jobvl = CChar(UInt8(ascii: "N")), jobvr = CChar(UInt8(ascii: "V"))
        var wr = [Double](repeating: 0, count: n), wi = [Double](repeating: 0, count: n)
        var vl = [Double](repeating: 0, count: 1), vr = [Double](repeating: 0, count: n * n)
        var workQuery = 0.0, query: Int32 = -1, info: Int32 = 0
        dgeev_(&jobvl, &jobvr, &n32, &a, &lda, &wr, &wi, &vl, &ldvl, &vr, &ldvr, &workQuery, &query, &info, 1, 1)
        try LAPACKSupport.check(info, "dgeev") { .noConvergence(routine: "dgeev", info: $0) }
        var lwork = Int32(LAPACKSupport.workspaceSize(workQuery, minimum: 4 * n))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgeev_(&jobvl, &jobvr, &n32, &a, &lda, &wr, &wi, &vl, &ldvl, &vr, &ldvr, &work, &lwork, &info, 1, 1)
        try LAPACKSupport.check(info, "dgeev") { .noConvergence(routine: "dgeev", info: $0) }
        var vectors = try Matrix(rows: n, columns: n, columnMajor: vr)
        Self.normaliseRealVectorSigns(&vectors, imaginary: wi)
        real = wr
        imaginary = wi
        rightVectors = vectors
    }

    /// Index of the eigenvalue with the largest real part among the real eigenvalues, if any.
    public var indexOfLargestRealEigenvalue: Int? {
        real.indices.filter { imaginary[$0] == 0 }.max { real[$0] < real[$1] || (real[$0] == real[$1] && $0 > $1) }
    }

    private static func normaliseRealVectorSigns(_ vectors: inout Matrix, imaginary: [Double]) {
        let n = vectors.rows
        for j in 0..<vectors.columns where imaginary[j] == 0 {
            var single = vectors.selectingColumns([j])
            LAPACKSupport.normaliseSigns(&single)
            vectors.storage.replaceSubrange((j * n)..<((j + 1) * n), with: single.storage)
        }
    }
}
