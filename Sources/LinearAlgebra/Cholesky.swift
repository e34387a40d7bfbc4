import CLAPACK

/// Cholesky factorisation `A = Uᵀ U` of a symmetric positive definite matrix, from LAPACK
/// `dpotrf`, with solves (`dpotrs`) and the inverse (`dpotri`).
public struct Cholesky: Sendable {
    /// The upper-triangular factor `U` (the strictly lower triangle is zero).
    public let upper: Matrix

    /// Factorises `matrix`, reading its upper triangle.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(order:)`` when the matrix is not
    ///   positive definite.
    public init(of matrix: Matrix) throws {
        guard matrix.isSquare else {
            throw LinearAlgebraError.dimensionMismatch("a Cholesky factorisation needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
        }
        try LAPACKSupport.requireFinite(matrix.storage, "a Cholesky factorisation")
        let n = matrix.rows
        var a = matrix.storage
        if n > 0 {
            var uplo = CChar(UInt8(ascii: "U"))
            var n32 = try LAPACKSupport.int32(n, "Cholesky"), lda = n32, info: Int32 = 0
            dpotrf_(&uplo, &n32, &a, &lda, &info, 1)
            try LAPACKSupport.check(info, "dpotrf") { .notPositiveDefinite(order: $0) }
            for j in 0..<n { for i in (j + 1)..<n { a[i + j * n] = 0 } }
        }
        upper = try Matrix(rows: n, columns: n, columnMajor: a)
    }

    /// Solves `A X = B` for `X`.
    public func solve(_ b: Matrix) throws -> Matrix {
        guard b.rows == upper.rows else {
            throw LinearAlgebraError.dimensionMismatch("the right-hand side has \(b.rows) rows, the matrix \(upper.rows)")
        }
        try LAPACKSupport.requireFinite(b.storage, "a Cholesky solve")
        var x = b
        guard upper.rows > 0, b.columns > 0 else { return x }
        var uplo = CChar(UInt8(ascii: "U"))
        var n32 = try LAPACKSupport.int32(upper.rows, "Cholesky solve")
        var nrhs = try LAPACKSupport.int32(b.columns, "Cholesky solve")
        var lda = n32, ldb = n32, info: Int32 = 0
        dpotrs_(&uplo, &n32, &nrhs, upper.storage, &lda, &x.storage, &ldb, &info, 1)
        try LAPACKSupport.check(info, "dpotrs") { _ in .singular(operation: "a Cholesky solve") }
        return x
    }

    /// `A⁻¹`, symmetric, with both triangles filled.
    public func inverse() throws -> Matrix {
        let n = upper.rows
        var a = upper.storage
        if n > 0 {
            var uplo = CChar(UInt8(ascii: "U"))
            var n32 = try LAPACKSupport.int32(n, "Cholesky inverse"), lda = n32, info: Int32 = 0
            dpotri_(&uplo, &n32, &a, &lda, &info, 1)
            try LAPACKSupport.check(info, "dpotri") { _ in .singular(operation: "the inverse") }
            for j in 0..<n { for i in (j + 1)..<n { a[i + j * n] = a[j + i * n] } }
        }
        return try Matrix(rows: n, columns: n, columnMajor: a)
    }

    /// `U⁻¹`, the inverse of the upper factor (LAPACK `dtrtri`), so that `A⁻¹ = U⁻¹ U⁻ᵀ`.
    /// Multiplying row vectors by it whitens them: `‖x U⁻¹‖² = x A⁻¹ xᵀ`.
    public func inverseOfFactor() throws -> Matrix {
        let n = upper.rows
        var a = upper.storage
        if n > 0 {
            var uplo = CChar(UInt8(ascii: "U")), diag = CChar(UInt8(ascii: "N"))
            var n32 = try LAPACKSupport.int32(n, "triangular inverse"), lda = n32, info: Int32 = 0
            dtrtri_(&uplo, &diag, &n32, &a, &lda, &info, 1, 1)
            try LAPACKSupport.check(info, "dtrtri") { _ in .singular(operation: "the inverse of the Cholesky factor") }
        }
        return try Matrix(rows: n, columns: n, columnMajor: a)
    }
}
