/// An error from a linear-algebra routine, worded for the person who supplied the data.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand shapes do not fit the operation.
    case dimensionMismatch(String)
    /// An input contained NaN or infinity; LAPACK does not check this itself.
    case nonFiniteInput(operation: String)
    /// A dimension is larger than LAPACK's 32-bit integers can address.
    case tooLarge(operation: String, dimension: Int)
    /// The matrix handed to a Cholesky routine is not positive definite (leading minor `order` fails).
    case notPositiveDefinite(order: Int)
    /// The matrix is singular where an inverse was requested.
    case singular(operation: String)
    /// An iterative LAPACK routine did not converge.
    case noConvergence(routine: String, info: Int)
    /// LAPACK rejected an argument (negative `info`): a bug in SmartSpec, reported as such.
    case invalidArgument(routine: String, position: Int)

    public var description: String {
        switch self {
        case .dimensionMismatch(let detail):
            return "The matrix dimensions do not fit: \(detail)."
        case .nonFiniteInput(let operation):
            return "The input to \(operation) contains a missing (NaN) or infinite value."
        case .tooLarge(let operation, let dimension):
            return "The \(operation) dimension \(dimension) is larger than LAPACK can address (2^31 − 1)."
        case .notPositiveDefinite(let order):
            return "The matrix is not positive definite (its leading minor of order \(order) is not positive)."
        case .singular(let operation):
            return "The matrix is singular, so \(operation) is not defined."
        case .noConvergence(let routine, let info):
            return "LAPACK's \(routine) did not converge (info = \(info))."
        case .invalidArgument(let routine, let position):
            return "Internal error: LAPACK's \(routine) rejected argument \(position); please report this."
        }
    }
}
