import Foundation

/// Work done on another thread — the machines have two cores — and waited for later.
final class Background<Value: Sendable>: @unchecked Sendable {
    // Unchecked: `value` is written once, before `done` is signalled, and read (or taken)
    // only after waiting on it.
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            value = work()
            done.signal()
        }
    }

    /// Waits for the work and returns its value.
    func wait() -> Value {
        done.wait()
        done.signal()  // a later wait returns at once
        return value.unsafelyUnwrapped  // set before the signal
    }

    /// Waits for the work and moves its value out, for a value too large to be held
    /// twice: the only wait.
    func take() -> Value {
        done.wait()
        defer { value = nil }
        return value.unsafelyUnwrapped  // set before the signal
    }
}
