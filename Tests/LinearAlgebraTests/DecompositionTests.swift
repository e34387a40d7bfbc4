import Foundation
import Testing
@testable import LinearAlgebra

@Suite("LAPACK decompositions")
struct DecompositionTests {
    @Test("Symmetric eigen of [[2,1],[1,2]]: eigenvalues 3 and 1")
    func symmetricTwoByTwo() throws {
        let e = try SymmetricEigen(of: Matrix(rowMajor: [[2, 1], [1, 2]]))
        #expect(abs(e.values[0] - 3) < 1e-12 && abs(e.values[1] - 1) < 1e-12)
        let s = 1 / 2.0.squareRoot()
        // (1,1)/√2 for 3; (1,−1)/√2 for 1 (first component positive by the sign convention).
        #expect(abs(e.vectors[0, 0] - s) < 1e-12 && abs(e.vectors[1, 0] - s) < 1e-12)
        #expect(abs(e.vectors[0, 1] - s) < 1e-12 && abs(e.vectors[1, 1] + s) < 1e-12)
    }

    @Test("Tridiagonal 3×3: eigenvalues 2+√2, 2, 2−√2; top-k selection")
    func tridiagonal() throws {
        let m = try Matrix(rowMajor: [[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
        let all = try SymmetricEigen(of: m)
        let expected = [2 + 2.0.squareRoot(), 2, 2 - 2.0.squareRoot()]
        for (v, x) in zip(all.values, expected) { #expect(abs(v - x) < 1e-12) }
        // Eigenvector of 2+√2 is (1, −√2, 1)/2; its largest component −√2/2 is made positive.
        let v = all.vectors.column(0)
        #expect(abs(v[0] + 0.5) < 1e-12 && abs(v[1] - 2.0.squareRoot() / 2) < 1e-12 && abs(v[2] + 0.5) < 1e-12)
        let top = try SymmetricEigen(of: m, selection: .largest(1))
        #expect(top.values.count == 1 && abs(top.values[0] - expected[0]) < 1e-12)
        #expect(top.vectors.maxAbsDifference(all.vectors.selectingColumns([0])) < 1e-12)
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(of: m, selection: .largest(4)) }
    }

    @Test("General eigen: a consistent AHP matrix has λ = 3 with weights ∝ (4, 2, 1)")
    func generalEigen() throws {
        let e = try GeneralEigen(of: Matrix(rowMajor: [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]))
        let k = try #require(e.indexOfLargestRealEigenvalue)
        #expect(abs(e.real[k] - 3) < 1e-12)
        let v = e.rightVectors.column(k)
        let total = v.reduce(0, +)
        for (w, x) in zip(v.map { $0 / total }, [4.0 / 7, 2.0 / 7, 1.0 / 7]) { #expect(abs(w - x) < 1e-12) }
        // A rotation has the complex pair ±i.
        let r = try GeneralEigen(of: Matrix(rowMajor: [[0, -1], [1, 0]]))
        #expect(r.real.allSatisfy { abs($0) < 1e-15 } && Set(r.imaginary.map { $0.rounded() }) == [1, -1])
        #expect(r.indexOfLargestRealEigenvalue == nil)
    }

    @Test("SVD of [[3,0],[4,5]]: singular values 3√5 and √5; reconstruction of rectangular matrices")
    func svd() throws {
        // AᵀA = [[25,20],[20,25]] has eigenvalues 45 and 5.
        let d = try SVD(of: Matrix(rowMajor: [[3, 0], [4, 5]]))
        #expect(abs(d.singularValues[0] - 45.0.squareRoot()) < 1e-12 && abs(d.singularValues[1] - 5.0.squareRoot()) < 1e-12)
        for rows in [[[1.0, 2, 3], [4, 5, 6]], [[1, 2], [3, 4], [5, 7], [0, -1]]] {
            let m = try Matrix(rowMajor: rows)
            let svd = try SVD(of: m)
            #expect(try svd.reconstructed().maxAbsDifference(m) < 1e-12)
            // Orthonormal columns: UᵀU = I.
            #expect(try svd.u.gram().maxAbsDifference(.identity(svd.u.columns)) < 1e-12)
        }
    }

    @Test("Cholesky of [[4,2],[2,3]]: U = [[2,1],[0,√2]], solve and inverse")
    func cholesky() throws {
        let c = try Cholesky(of: Matrix(rowMajor: [[4, 2], [2, 3]]))
        #expect(c.upper.maxAbsDifference(try Matrix(rowMajor: [[2, 1], [0, 2.0.squareRoot()]])) < 1e-12)
        // 4x + 2y = 2, 2x + 3y = 1  ⇒  x = 1/2, y = 0
        #expect(try c.solve(Matrix(rowMajor: [[2], [1]])).maxAbsDifference(Matrix(rowMajor: [[0.5], [0]])) < 1e-12)
        // inverse = (1/det)·[[3,−2],[−2,4]] with det = 8
        #expect(try c.inverse().maxAbsDifference(Matrix(rowMajor: [[3.0 / 8, -0.25], [-0.25, 0.5]])) < 1e-12)
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try Cholesky(of: Matrix(rowMajor: [[1, 2], [2, 1]]))
        }
    }

    @Test("Least squares: the line through (0,1), (1,2), (2,2) is y = 7/6 + x/2")
    func leastSquares() throws {
        // slope = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = (2/3 + 1/3)/2 = 1/2; intercept = ȳ − slope·x̄ = 5/3 − 1/2 = 7/6
        let a = try Matrix(rowMajor: [[1, 0], [1, 1], [1, 2]])
        let fit = try LeastSquares(a, Matrix(rowMajor: [[1], [2], [2]]))
        #expect(abs(fit.solution[0, 0] - 7.0 / 6) < 1e-12 && abs(fit.solution[1, 0] - 0.5) < 1e-12)
        #expect(fit.rank == 2)
        // Rank-deficient: two identical columns give the minimum-norm split (1/2 each for y = x).
        let deficient = try LeastSquares(Matrix(rowMajor: [[1, 1], [2, 2]]), Matrix(rowMajor: [[1], [2]]))
        #expect(deficient.rank == 1)
        #expect(abs(deficient.solution[0, 0] - 0.5) < 1e-12 && abs(deficient.solution[1, 0] - 0.5) < 1e-12)
    }

    @Test("The loaded BLAS is found")
    func backend() {
        let backend = BLASBackend.current
        #expect(backend.blasLibrary != nil)
        #expect(backend.lapackLibrary != nil)
    }
}
