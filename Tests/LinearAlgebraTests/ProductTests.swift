import Testing
@testable import LinearAlgebra

@Suite("BLAS products")
struct ProductTests {
    let a = try! Matrix(rowMajor: [[1, 2], [3, 4]])
    let b = try! Matrix(rowMajor: [[5, 6], [7, 8]])

    @Test("GEMM matches the hand product")
    func gemm() throws {
        // [[1,2],[3,4]]·[[5,6],[7,8]] = [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]] = [[19,22],[43,50]]
        #expect(try Matrix.product(a, b) == Matrix(rowMajor: [[19, 22], [43, 50]]))
        // Aᵀ·B = [[1,3],[2,4]]·[[5,6],[7,8]] = [[26,30],[38,44]]
        #expect(try Matrix.product(a, b, transposeA: .transposed) == Matrix(rowMajor: [[26, 30], [38, 44]]))
        // A·Bᵀ = [[1,2],[3,4]]·[[5,7],[6,8]] = [[17,23],[39,53]], scaled by 2
        #expect(try Matrix.product(a, b, transposeB: .transposed, alpha: 2) == Matrix(rowMajor: [[34, 46], [78, 106]]))
    }

    @Test("GEMM of a non-square pair and a shape error")
    func rectangular() throws {
        let r = try Matrix(rowMajor: [[1, 0, 2]])            // 1×3
        let c = try Matrix(rowMajor: [[1], [2], [3]])         // 3×1
        #expect(try Matrix.product(r, c) == Matrix(rowMajor: [[7]]))
        #expect(try Matrix.product(c, r) == Matrix(rowMajor: [[1, 0, 2], [2, 0, 4], [3, 0, 6]]))
        #expect(throws: LinearAlgebraError.self) { try Matrix.product(r, r) }
    }

    @Test("GEMV and the Gram matrix")
    func gemvAndGram() throws {
        #expect(try a.multiplied(by: [1, 1]) == [3, 7])
        #expect(try a.multiplied(by: [1, 1], .transposed) == [4, 6])
        // AᵀA = [[1·1+3·3, 1·2+3·4], [2·1+4·3, 2·2+4·4]] = [[10,14],[14,20]]
        #expect(try a.gram() == Matrix(rowMajor: [[10, 14], [14, 20]]))
        // AAᵀ = [[5,11],[11,25]]
        #expect(try a.gram(.none) == Matrix(rowMajor: [[5, 11], [11, 25]]))
    }

    @Test("Non-finite input is refused before reaching BLAS")
    func nonFinite() throws {
        var bad = a
        bad[0, 1] = .nan
        #expect(throws: LinearAlgebraError.nonFiniteInput(operation: "a matrix product")) { try Matrix.product(bad, b) }
        bad[0, 1] = .infinity
        #expect(throws: LinearAlgebraError.self) { try bad.gram() }
    }
}

@Suite("Block products and triangular inverse")
struct BlockTests {
    @Test("A single-precision cross product equals the block of AᵀA, scaled")
    func crossBlock() throws {
        // Columns are the points (1,0), (0,2), (3,1), (1,1); scaled by 1/2 they are exact floats.
        let a = SinglePrecisionColumns(try Matrix(rowMajor: [[1, 0, 3, 1], [0, 2, 1, 1]]), scale: 0.5)
        var buffer = [Float](repeating: .nan, count: 6)
        a.crossProduct(1..<3, 1..<4, into: &buffer)
        // Rows: points 1, 2; columns: points 1, 2, 3 → dot products [[4, 2, 2], [2, 10, 4]] / 4 (column-major)
        #expect(buffer == [1, 0.5, 0.5, 2.5, 0.5, 1])
    }

    @Test("The inverse Cholesky factor whitens: U⁻¹U⁻ᵀ = A⁻¹")
    func inverseFactor() throws {
        let a = try Matrix(rowMajor: [[4, 2], [2, 3]])
        let c = try Cholesky(of: a)
        let w = try c.inverseOfFactor()
        // U = [[2,1],[0,√2]] ⇒ U⁻¹ = [[1/2, −1/(2√2)], [0, 1/√2]]
        #expect(w.maxAbsDifference(try Matrix(rowMajor: [[0.5, -1 / (2 * 2.0.squareRoot())], [0, 1 / 2.0.squareRoot()]])) < 1e-12)
        #expect(try Matrix.product(w, w, transposeB: .transposed).maxAbsDifference(c.inverse()) < 1e-12)
    }
}
