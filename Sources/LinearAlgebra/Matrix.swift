/// A dense matrix of `Double` stored column by column, the layout LAPACK and BLAS expect.
///
/// `Matrix` is a value type: copies are independent (copy-on-write through the backing array).
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements, column-major: element (i, j) is at `i + j * rows`.
    public var elements: [Double]

    /// Creates a `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// Creates a matrix from column-major elements.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the count is not `rows × columns`.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) throws {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "a \(rows)×\(columns) matrix needs \(rows * columns) elements, got \(elements.count)")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// Creates a matrix from an array of rows (convenient for literals in tests and examples).
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the rows differ in length.
    public init(rowMajor rowArrays: [[Double]]) throws {
        let rowCount = rowArrays.count
        let columnCount = rowArrays.first?.count ?? 0
        guard rowArrays.allSatisfy({ $0.count == columnCount }) else {
            throw LinearAlgebraError.dimensionMismatch("the rows of the matrix literal differ in length")
        }
        var values = [Double](repeating: 0, count: rowCount * columnCount)
        for (i, row) in rowArrays.enumerated() {
            for (j, value) in row.enumerated() { values[i + j * rowCount] = value }
        }
        self.rows = rowCount
        self.columns = columnCount
        self.elements = values
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i + i * n] = 1 }
        return m
    }

    /// Element at row `i`, column `j` (zero-based).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i + j * rows] }
        set { elements[i + j * rows] = newValue }
    }

    /// Whether the matrix is square.
    public var isSquare: Bool { rows == columns }

    /// Whether every element is finite (neither NaN nor infinite).
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { elements[i + $0 * rows] }
    }

    /// The matrix as an array of rows.
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.elements[j + i * columns] = elements[i + j * rows] }
        }
        return t
    }

    /// A matrix made of the given columns, in order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: rows, columns: indices.count)
        for (k, j) in indices.enumerated() {
            out.elements.replaceSubrange((k * rows)..<((k + 1) * rows), with: elements[(j * rows)..<((j + 1) * rows)])
        }
        return out
    }

    /// Largest absolute element-wise difference to `other` (infinity when the shapes differ).
    public func maxAbsDifference(_ other: Matrix) -> Double {
        guard rows == other.rows, columns == other.columns else { return .infinity }
        return zip(elements, other.elements).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// Euclidean distance between columns `a` and `b`, summed in index order (reproducible).
    public func columnDistance(_ a: Int, _ b: Int) -> Double {
        var sum = 0.0
        elements.withUnsafeBufferPointer { p in
            for i in 0..<rows {
                let d = p[a * rows + i] - p[b * rows + i]
                sum += d * d
            }
        }
        return sum.squareRoot()
    }
}
