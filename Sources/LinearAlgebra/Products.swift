import CLAPACK

/// Whether an operand enters a product as it is or transposed.
public enum Transposition: Sendable {
    /// Use the matrix as it is.
    case none
    /// Use the transpose.
    case transposed

    var blasFlag: CChar { self == .none ? CChar(UInt8(ascii: "N")) : CChar(UInt8(ascii: "T")) }
}

extension Matrix {
    /// General matrix product `alpha · op(A) · op(B)` through BLAS `dgemm`.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the inner dimensions differ,
    ///   ``LinearAlgebraError/nonFiniteInput(operation:)`` when an operand holds NaN or infinity.
    /// - Parameter operandsAreFinite: the caller has already checked both operands (say, a 0/1
    ///   matrix multiplied many times in an iteration), so they are not scanned again.
    public static func product(
        _ a: Matrix, _ b: Matrix,
        transposeA: Transposition = .none, transposeB: Transposition = .none,
        alpha: Double = 1, operandsAreFinite: Bool = false
    ) throws -> Matrix {
        let (m, k) = transposeA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transposeB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        guard k == kb else {
            throw LinearAlgebraError.dimensionMismatch("cannot multiply \(m)×\(k) by \(kb)×\(n)")
        }
        if !operandsAreFinite {
            try LAPACKSupport.requireFinite(a.storage, "a matrix product")
            try LAPACKSupport.requireFinite(b.storage, "a matrix product")
        }
        var c = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return c }
        var (tA, tB) = (transposeA.blasFlag, transposeB.blasFlag)
        let (m32, n32, k32) = (try LAPACKSupport.int32(m, "product"), try LAPACKSupport.int32(n, "product"),
                               try LAPACKSupport.int32(k, "product"))
        let lda = try LAPACKSupport.int32(max(1, a.rows), "product")
        let ldb = try LAPACKSupport.int32(max(1, b.rows), "product")
        var alphaValue = alpha, beta = 0.0
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    var (mm, nn, kk, la, lb, lc) = (m32, n32, k32, lda, ldb, m32)
                    dgemm_(&tA, &tB, &mm, &nn, &kk, &alphaValue, pa.baseAddress, &la, pb.baseAddress, &lb,
                           &beta, pc.baseAddress, &lc, 1, 1)
                }
            }
        }
        return c
    }

    /// Matrix–vector product `op(A) · x` through BLAS `dgemv`.
    /// - Parameter matrixIsFinite: the caller has already checked the matrix (say, a 0/1 matrix in
    ///   an iteration), so only the vector is checked.
    public func multiplied(by x: [Double], _ transpose: Transposition = .none, matrixIsFinite: Bool = false) throws -> [Double] {
        let (m, n) = transpose == .none ? (rows, columns) : (columns, rows)
        guard x.count == n else {
            throw LinearAlgebraError.dimensionMismatch("cannot multiply a \(m)×\(n) matrix by a vector of \(x.count)")
        }
        if !matrixIsFinite { try LAPACKSupport.requireFinite(elements, "a matrix–vector product") }
        try LAPACKSupport.requireFinite(x, "a matrix–vector product")
        var y = [Double](repeating: 0, count: m)
        guard m > 0, n > 0 else { return y }
        var flag = transpose.blasFlag
        var r = try LAPACKSupport.int32(rows, "product"), c = try LAPACKSupport.int32(columns, "product")
        var lda = max(1, r), one: Int32 = 1, oneY: Int32 = 1, alpha = 1.0, beta = 0.0
        elements.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    dgemv_(&flag, &r, &c, &alpha, pa.baseAddress, &lda, px.baseAddress, &one, &beta,
                           py.baseAddress, &oneY, 1)
                }
            }
        }
        return y
    }

    /// The Gram matrix `alpha · AᵀA` (`transpose == .transposed`) or `alpha · AAᵀ` (`.none`) through
    /// BLAS `dsyrk`, with both triangles filled.
    public func gram(_ transpose: Transposition = .transposed, alpha: Double = 1) throws -> Matrix {
        try LAPACKSupport.requireFinite(elements, "a Gram matrix")
        // dsyrk with trans = 'T' computes AᵀA; with 'N' it computes AAᵀ.
        let (n, k) = transpose == .transposed ? (columns, rows) : (rows, columns)
        var c = Matrix(rows: n, columns: n)
        guard n > 0, k > 0 else { return c }
        var uplo = CChar(UInt8(ascii: "U")), flag = transpose.blasFlag
        var n32 = try LAPACKSupport.int32(n, "Gram matrix"), k32 = try LAPACKSupport.int32(k, "Gram matrix")
        var lda = try LAPACKSupport.int32(max(1, rows), "Gram matrix"), ldc = n32
        var alphaValue = alpha, beta = 0.0
        elements.withUnsafeBufferPointer { pa in
            c.storage.withUnsafeMutableBufferPointer { pc in
                dsyrk_(&uplo, &flag, &n32, &k32, &alphaValue, pa.baseAddress, &lda, &beta, pc.baseAddress, &ldc, 1, 1)
            }
        }
        for j in 0..<n { for i in (j + 1)..<n { c.storage[i + j * n] = c.storage[j + i * n] } }
        return c
    }
}

/// Points as the columns of a single-precision matrix: a fast, approximate copy of a ``Matrix``
/// for all-pairs tests whose survivors are re-measured in double precision.
package struct SinglePrecisionColumns: Sendable {
    /// Coordinates per point.
    public let rows: Int
    /// Number of points.
    public let columns: Int
    /// The elements, column-major, each the `Float` nearest to `scale ·` the double element.
    public let elements: [Float]

    /// The columns of `matrix` times `scale`, rounded to single precision. Choose `scale` so that
    /// the scaled elements are far from `Float`'s overflow (a power of two keeps it exact).
    public init(_ matrix: Matrix, scale: Double) {
        rows = matrix.rows
        columns = matrix.columns
        elements = matrix.storage.map { Float($0 * scale) }
    }

    /// Writes the block `A[:, I]ᵀ · A[:, J]` (`|I| × |J|`, column-major) into `result`, through
    /// `sgemm` on the columns in place: the building block of blocked all-pairs distances, where
    /// the columns of `A` are the points. `result` must hold at least `|I|·|J|` elements.
    /// Inputs are not checked for finiteness here; check the matrix once before a loop of blocks.
    ///
    /// The block is zeroed here and `sgemm` called with β = 1: OpenBLAS's own β = 0 pass stores
    /// one element at a time, which took a third of the time of these thin (k ≈ 15) products.
    public func crossProduct(_ i: Range<Int>, _ j: Range<Int>, into result: inout [Float]) {
        precondition(i.lowerBound >= 0 && i.upperBound <= columns && j.lowerBound >= 0 && j.upperBound <= columns,
                     "column ranges out of bounds")
        precondition(result.count >= i.count * j.count, "result buffer too small")
        guard !i.isEmpty, !j.isEmpty else { return }
        guard rows > 0 else {
            for index in 0..<(i.count * j.count) { result[index] = 0 }
            return
        }
        var tA = CChar(UInt8(ascii: "T")), tB = CChar(UInt8(ascii: "N"))
        var m = Int32(i.count), n = Int32(j.count), k = Int32(rows)
        var lda = Int32(rows), ldb = Int32(rows), ldc = Int32(i.count)
        var alpha: Float = 1, beta: Float = 1
        elements.withUnsafeBufferPointer { pa in
            result.withUnsafeMutableBufferPointer { pc in
                pc.baseAddress!.update(repeating: 0, count: i.count * j.count)
                sgemm_(&tA, &tB, &m, &n, &k, &alpha, pa.baseAddress! + i.lowerBound * rows, &lda,
                       pa.baseAddress! + j.lowerBound * rows, &ldb, &beta, pc.baseAddress, &ldc, 1, 1)
            }
        }
    }
}
