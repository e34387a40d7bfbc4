import Dispatch
import Foundation

/// Independent tasks run on all cores, with their results returned in task order.
package enum ParallelTasks {
    /// `task(0) … task(count − 1)` on all cores, in task order. `finished`, when given, is called
    /// (from the worker threads) with how many tasks have finished so far.
    package static func map<Result: Sendable>(_ count: Int, finished: (@Sendable (Int) -> Void)? = nil,
                                      _ task: @Sendable (Int) -> Result) -> [Result] {
        var results = [Result?](repeating: nil, count: count)
        let counter = ProgressCounter()
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(buffer)
            DispatchQueue.concurrentPerform(iterations: count) { k in
                slots[k] = task(k)
                if let finished { finished(counter.increment()) }
            }
        }
        return results.map { $0! }
    }

    /// The result buffer: each slot is written by one task only, and read after all have finished.
    private struct Slots<Element>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Element>
        init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
        subscript(index: Int) -> Element {
            get { buffer[index] }
            nonmutating set { buffer[index] = newValue }
        }
    }
}

/// Counts finished work items across threads.
final class ProgressCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// Adds one and returns the new count.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
