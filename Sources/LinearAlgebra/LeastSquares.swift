import CLAPACK

/// Minimum-norm least-squares solution of `A x ≈ b` by LAPACK `dgelsd` (SVD based, so it also
/// handles rank-deficient and under-determined systems).
public struct LeastSquares: Sendable {
    /// The solution, `n × nrhs`.
    public let solution: Matrix
    /// Effective rank of `A` at the chosen `rcond`.
    public let rank: Int
    /// Singular values of `A`, largest first.
    public let singularValues: [Double]

    /// Solves for every column of `b`.
    /// - Parameter rcond: singular values below `rcond · σ₁` count as zero; a negative value
    ///   means machine precision.
    public init(_ a: Matrix, _ b: Matrix, rcond: Double = -1) throws {
        guard a.rows == b.rows else {
            throw LinearAlgebraError.dimensionMismatch("A has \(a.rows) rows but b has \(b.rows)")
        }
        try LAPACKSupport.requireFinite(a.storage, "a least-squares problem")
        try LAPACKSupport.requireFinite(b.storage, "a least-squares problem")
        let (m, n, nrhs) = (a.rows, a.columns, b.columns)
        let ldbCount = max(1, max(m, n))
        guard min(m, n) > 0, nrhs > 0 else {
            solution = Matrix(rows: n, columns: nrhs); rank = 0; singularValues = []
            return
        }
        var work_a = a.storage
        var bb = [Double](repeating: 0, count: ldbCount * nrhs)
        for j in 0..<nrhs { for i in 0..<m { bb[i + j * ldbCount] = b[i, j] } }
        var m32 = try LAPACKSupport.int32(m, "least squares"), n32 = try LAPACKSupport.int32(n, "least squares")
        var nrhs32 = try LAPACKSupport.int32(nrhs, "least squares")
        var lda = m32, ldb = Int32(ldbCount), rcondValue = rcond, rank32: Int32 = 0, info: Int32 = 0
        var s = [Double](repeating: 0, count: min(m, n))
        var workQuery = 0.0, iworkQuery: Int32 = 0, query: Int32 = -1
        dgelsd_(&m32, &n32, &nrhs32, &work_a, &lda, &bb, &ldb, &s, &rcondValue, &rank32, &workQuery, &query, &iworkQuery, &info)
        try LAPACKSupport.check(info, "dgelsd") { .noConvergence(routine: "dgelsd", info: $0) }
        var lwork = Int32(LAPACKSupport.workspaceSize(workQuery))
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iworkQuery)))
        dgelsd_(&m32, &n32, &nrhs32, &work_a, &lda, &bb, &ldb, &s, &rcondValue, &rank32, &work, &lwork, &iwork, &info)
        try LAPACKSupport.check(info, "dgelsd") { .noConvergence(routine: "dgelsd", info: $0) }
        var x = Matrix(rows: n, columns: nrhs)
        for j in 0..<nrhs { for i in 0..<n { x[i, j] = bb[i + j * ldbCount] } }
        solution = x
        rank = Int(rank32)
        singularValues = s
    }
}
