/// A dense matrix of `Double` stored column by column, the layout LAPACK and BLAS expect.
///
/// `Matrix` is a value type: copies are independent (copy-on-write through the backing array).
///
/// Invariant: `elements.count == rows × columns`. The storage can be read but not replaced from
/// outside; elements are changed through the subscript (bounds-checked in debug builds) or
/// ``withUnsafeMutableElements(_:)``, which cannot change the count.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The storage behind ``elements``.
    @usableFromInline
    internal var storage: [Double]

    /// The elements, column-major: element (i, j) is at `i + j * rows` (read-only; see the invariant).
    @inlinable
    public var elements: [Double] { storage }

    /// Creates a `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// Creates a matrix from column-major elements.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the count is not `rows × columns`.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) throws {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "a \(rows)×\(columns) matrix needs \(rows * columns) elements, got \(storage.count)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
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
        self.storage = values
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// Element at row `i`, column `j` (zero-based).
    /// - Precondition: `0 ≤ i < rows` and `0 ≤ j < columns` (checked in debug builds; in release
    ///   builds only the flat index is checked, by the array).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get {
            assert(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index (\(i), \(j)) out of range for \(rows)×\(columns)")
            return storage[i + j * rows]
        }
        set {
            assert(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index (\(i), \(j)) out of range for \(rows)×\(columns)")
            storage[i + j * rows] = newValue
        }
    }

    /// Calls `body` with the column-major storage, which it may change but not resize.
    /// - Complexity: O(1) besides `body` (O(rows × columns) when the storage is shared and must be copied).
    @inlinable
    public mutating func withUnsafeMutableElements<R>(_ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// Multiplies every element by `factor`.
    public mutating func scale(by factor: Double) {
        withUnsafeMutableElements { e in for k in e.indices { e[k] *= factor } }
    }

    /// Whether the matrix is square.
    public var isSquare: Bool { rows == columns }

    /// Whether every element is finite (neither NaN nor infinite).
    public var isFinite: Bool { storage.allSatisfy(\.isFinite) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The matrix as an array of rows.
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.storage[j + i * columns] = storage[i + j * rows] }
        }
        return t
    }

    /// A matrix made of the given columns, in order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: rows, columns: indices.count)
        for (k, j) in indices.enumerated() {
            out.storage.replaceSubrange((k * rows)..<((k + 1) * rows), with: storage[(j * rows)..<((j + 1) * rows)])
        }
        return out
    }

    /// Largest absolute element-wise difference to `other` (infinity when the shapes differ).
    public func maxAbsDifference(_ other: Matrix) -> Double {
        guard rows == other.rows, columns == other.columns else { return .infinity }
        return zip(storage, other.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// Euclidean distance between columns `a` and `b`, summed in index order (reproducible).
    public func columnDistance(_ a: Int, _ b: Int) -> Double {
        var sum = 0.0
        storage.withUnsafeBufferPointer { p in
            for i in 0..<rows {
                let d = p[a * rows + i] - p[b * rows + i]
                sum += d * d
            }
        }
        return sum.squareRoot()
    }
}
