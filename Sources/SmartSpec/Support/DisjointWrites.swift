/// A buffer that parallel tasks write at disjoint indices: each index is written by one task
/// only, and read only after every task has finished.
struct DisjointWrites<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element>

    /// Wraps a buffer that outlives the parallel tasks.
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    subscript(index: Int) -> Element {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }
}
