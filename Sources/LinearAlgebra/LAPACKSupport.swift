/// Helpers shared by the LAPACK and BLAS wrappers.
enum LAPACKSupport {
    /// Converts a dimension to Fortran INTEGER (Int32), refusing what does not fit.
    static func int32(_ value: Int, _ operation: String) throws -> Int32 {
        guard let converted = Int32(exactly: value) else {
            throw LinearAlgebraError.tooLarge(operation: operation, dimension: value)
        }
        return converted
    }

    /// Throws when any element is NaN or infinite.
    static func requireFinite(_ values: [Double], _ operation: String) throws {
        guard values.allSatisfy(\.isFinite) else { throw LinearAlgebraError.nonFiniteInput(operation: operation) }
    }

    /// Converts LAPACK's `info` into an error; positive values are routine specific.
    static func check(_ info: Int32, _ routine: String, positive: (Int) -> LinearAlgebraError) throws {
        if info < 0 { throw LinearAlgebraError.invalidArgument(routine: routine, position: Int(-info)) }
        if info > 0 { throw positive(Int(info)) }
    }

    /// The workspace size LAPACK reported in `work[0]` after a `lwork = -1` query.
    static func workspaceSize(_ reported: Double, minimum: Int = 1) -> Int {
        max(minimum, Int(reported.rounded(.up)))
    }

    /// Flips each column of `vectors` so that its largest-magnitude component is positive
    /// (first such component on ties), which makes eigen- and singular vectors deterministic
    /// across BLAS implementations.
    static func normaliseSigns(_ vectors: inout Matrix) {
        let n = vectors.rows
        for j in 0..<vectors.columns {
            var best = 0.0, sign = 1.0
            for i in 0..<n {
                let v = vectors.storage[i + j * n]
                if abs(v) > best * (1 + 1e-12) { best = abs(v); sign = v < 0 ? -1 : 1 }
            }
            if sign < 0 { for i in 0..<n { vectors.storage[i + j * n].negate() } }
        }
    }
}
