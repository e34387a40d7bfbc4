import CLAPACK

/// Thin singular value decomposition `A = U · diag(S) · Vᵀ`, from LAPACK `dgesdd`.
///
/// For an `m × n` matrix with `r = min(m, n)`: ``u`` is `m × r`, ``singularValues`` has `r`
/// entries in descending order, ``vt`` is `r × n`. Each column of `U` is signed so that its
/// largest-magnitude component is positive, and the matching row of `Vᵀ` is flipped with it.
public struct SVD: Sendable {
    /// Left singular vectors (columns).
    public let u: Matrix
    /// Singular values, largest first.
    public let singularValues: [Double]
    /// Right singular vectors (rows of `Vᵀ`).
    public let vt: Matrix

    /// Decomposes `matrix`.
    public init(of matrix: Matrix) throws {
        try LAPACKSupport.requireFinite(matrix.storage, "a singular value decomposition")
        let (m, n) = (matrix.rows, matrix.columns)
        let r = min(m, n)
        guard r > 0 else {
            u = Matrix(rows: m, columns: 0); singularValues = []; vt = Matrix(rows: 0, columns: n)
            return
        }
        var a = matrix.storage
        var m32 = try LAPACKSupport.int32(m, "SVD"), n32 = try LAPACKSupport.int32(n, "SVD")
        var lda = m32, ldu = m32, ldvt = Int32(r)
        var jobz = CChar(UInt8(ascii: "S"))
        var s = [Double](repeating: 0, count: r)
        var uValues = [Double](repeating: 0, count: m * r), vtValues = [Double](repeating: 0, count: r * n)
        var iwork = [Int32](repeating: 0, count: 8 * r)
        var workQuery = 0.0, query: Int32 = -1, info: Int32 = 0
        dgesdd_(&jobz, &m32, &n32, &a, &lda, &s, &uValues, &ldu, &vtValues, &ldvt, &workQuery, &query, &iwork, &info, 1)
        try LAPACKSupport.check(info, "dgesdd") { .noConvergence(routine: "dgesdd", info: $0) }
        var lwork = Int32(LAPACKSupport.workspaceSize(workQuery))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgesdd_(&jobz, &m32, &n32, &a, &lda, &s, &uValues, &ldu, &vtValues, &ldvt, &work, &lwork, &iwork, &info, 1)
        try LAPACKSupport.check(info, "dgesdd") { .noConvergence(routine: "dgesdd", info: $0) }
        var left = try Matrix(rows: m, columns: r, columnMajor: uValues)
        var right = try Matrix(rows: r, columns: n, columnMajor: vtValues)
        Self.alignSigns(&left, &right)
        u = left
        singularValues = s
        vt = right
    }

    /// `U · diag(S) · Vᵀ`, for checking a decomposition.
    public func reconstructed() throws -> Matrix {
        var scaled = u
        for k in 0..<singularValues.count {
            for i in 0..<u.rows { scaled[i, k] *= singularValues[k] }
        }
        return try Matrix.product(scaled, vt)
    }

    private static func alignSigns(_ left: inout Matrix, _ right: inout Matrix) {
        let before = left
        LAPACKSupport.normaliseSigns(&left)
        for k in 0..<left.columns where left.rows > 0 {
            let flipped = (0..<left.rows).contains { before[$0, k] != left[$0, k] }
            if flipped { for j in 0..<right.columns { right[k, j].negate() } }
        }
    }
}
