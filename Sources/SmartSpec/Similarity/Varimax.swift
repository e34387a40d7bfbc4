import LinearAlgebra

/// Kaiser's varimax rotation of a loading matrix, with Kaiser row normalisation, by the SVD
/// iteration of R's `stats::varimax` (also used by factor-analyzer): repeat
/// `B = Xᵀ(Y³ − Y·diag(1ᵀY²)/p)`, `B = U S Vᵀ`, `T = U Vᵀ` with `Y = X T` until `Σ S` grows by
/// less than the relative tolerance.
public struct Varimax: Sendable {
    /// The rotated loadings (`p × m`).
    public let loadings: Matrix
    /// The orthogonal rotation `T` (`m × m`): rotated = original · T.
    public let rotation: Matrix
    /// Iterations used.
    public let iterations: Int

    /// Rotates `loadings`; with fewer than two columns it returns them unchanged.
    public init(_ loadings: Matrix, tolerance: Double = 1e-5, maxIterations: Int = 500) throws {
        let (p, m) = (loadings.rows, loadings.columns)
        guard m >= 2, p >= 1 else {
            self.loadings = loadings; rotation = .identity(m); iterations = 0
            return
        }
        let norms = (0..<p).map { i in max((0..<m).reduce(0) { $0 + loadings[i, $1] * loadings[i, $1] }.squareRoot(), 1e-300) }
        var x = loadings
        for i in 0..<p { for j in 0..<m { x[i, j] /= norms[i] } }
        var t = Matrix.identity(m)
        var d = 0.0, used = 0
        for iteration in 1...maxIterations {
            used = iteration
            let y = try Matrix.product(x, t)
            var target = Matrix(rows: p, columns: m)
            let columnSquares = (0..<m).map { j in (0..<p).reduce(0) { $0 + y[$1, j] * y[$1, j] } }
            for j in 0..<m { for i in 0..<p { target[i, j] = pow(y[i, j], 3) - y[i, j] * columnSquares[j] / Double(p) } }
            let svd = try SVD(of: Matrix.product(x, target, transposeA: .transposed))
            t = try Matrix.product(svd.u, svd.vt)
            let previous = d
            d = svd.singularValues.reduce(0, +)
            if d < previous * (1 + tolerance) { break }
        }
        var rotated = try Matrix.product(x, t)
        for i in 0..<p { for j in 0..<m { rotated[i, j] *= norms[i] } }
        self.loadings = rotated
        rotation = t
        iterations = used
    }
}

import Foundation
