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

    /// `task(k, part)` for `k` in `0..<parts` on all cores, in task order, where `part` is the
    /// elements `k * length ..< (k + 1) * length` of `array`: the parts are disjoint, so each task
    /// may read and write its own.
    /// - Precondition: `parts * length <= array.count`.
    package static func forEachPart<Element: Sendable, Result: Sendable>(
        of array: inout [Element], parts: Int, length: Int, _ task: @Sendable (Int, UnsafeMutableBufferPointer<Element>) -> Result) -> [Result] {
        precondition(parts >= 0 && length >= 0 && parts * length <= array.count, "the parts exceed the array")
        return array.withUnsafeMutableBufferPointer { buffer in
            let whole = Slots(buffer)
            return map(parts) { k in task(k, UnsafeMutableBufferPointer(rebasing: whole.buffer[(k * length)..<((k + 1) * length)])) }
        }
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

/// A value computed on another thread while the caller goes on with other work.
package final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    private var result: Value?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `work` at once.
    package init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.finished.signal()
        }
    }

    /// The value, waited for. Call it once.
    package func wait() -> Value {
        finished.wait()
        return result!
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
