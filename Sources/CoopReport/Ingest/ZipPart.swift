import Foundation
import ZIPFoundation

/// One part of a zip archive, inflated no further than it declares and no further than a
/// cap: a part whose inflated bytes run past its declared size (a zip bomb that lies about
/// its size) or past the cap stops the read (`ZipPart.Overrun`), before the memory or the
/// time are spent. ZIPFoundation trusts the declared size; the bytes are counted here, as
/// they come out of the inflater.
struct ZipPart {
    /// Why a part's reading stopped early.
    struct Overrun: Error, Equatable {
        let part: String
        /// The size the archive declares for the part.
        let declared: UInt64
        /// The cap that applies to the part.
        let cap: UInt64

        /// The French reason, for the message.
        var reason: String {
            declared > cap
                ? "la partie \(part) occuperait \(declared) octets une fois décompressée, au-delà des \(cap) octets admis"
                : "la partie \(part) contient plus que les \(declared) octets qu'elle déclare une fois décompressée : archive abîmée ou piégée (« bombe zip »)"
        }
    }

    /// The part's name in the archive (`xl/sharedStrings.xml`).
    let name: String
    /// The size in bytes the archive declares, inflated.
    let declared: UInt64
    /// The most bytes read: the declared size, which must not exceed the cap.
    let cap: UInt64

    /// Checks the declared size against `cap` before anything is inflated.
    init(_ entry: Entry, cap: UInt64) throws {
        name = entry.path
        declared = entry.uncompressedSize
        self.cap = cap
        guard declared <= cap else { throw Overrun(part: name, declared: declared, cap: cap) }
    }

    /// Hands each inflated chunk to `body`, and stops with `Overrun` past the declared size.
    func inflate(from archive: Archive, _ entry: Entry, _ body: (Data) throws -> Void) throws {
        var total: UInt64 = 0
        _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { chunk in
            total += UInt64(chunk.count)
            guard total <= declared else { throw Overrun(part: name, declared: declared, cap: cap) }
            try body(chunk)
        }
    }

    /// The whole part, in memory (the small parts: workbook, relations, shared strings, styles).
    func data(from archive: Archive, _ entry: Entry) throws -> Data {
        var data = Data()
        data.reserveCapacity(Int(min(declared, 1 << 24)))
        try inflate(from: archive, entry) { data.append($0) }
        return data
    }
}

/// A sheet's XML, inflated on a thread of its own and handed over a few chunks at a time
/// (`next`): the sheet (names, e-mails) is never written to disk and never held whole in
/// memory, so a run killed while reading it leaves nothing behind. Inflation stops past
/// the part's declared size or its cap (`failure`).
final class InflatingStream {
    private let url: URL
    private let part: ZipPart
    private let chunks = Chunks()
    private var started = false
    private var closed = false

    /// Why the inflation stopped early (an `Overrun`, or a damaged archive).
    var failure: Error? { chunks.failure }

    /// A stream of `part` of the archive at `url`; the inflation starts at the first `next`.
    init(url: URL, part: ZipPart) {
        self.url = url
        self.part = part
    }

    private func start() {
        started = true
        let (url, part, chunks) = (url, part, chunks)
        let thread = Thread {
            do {
                let archive = try Archive(url: url, accessMode: .read)
                guard let entry = archive[part.name] else { throw Archive.ArchiveError.invalidEntryPath }
                try part.inflate(from: archive, entry) { try chunks.put($0) }
                chunks.finish(nil)
            } catch is Chunks.Cancelled {
                chunks.finish(nil)
            } catch {
                chunks.finish(error)
            }
        }
        thread.start()
    }

    /// The next inflated bytes; nil at the end, after a failure, or once closed.
    func next() -> Data? {
        guard !closed else { return nil }
        if !started { start() }
        return chunks.take()
    }

    /// Stops the inflation (the read is over, or stopped early) and waits for its thread.
    func close() {
        if started && !closed { chunks.cancel() }
        closed = true
    }

    deinit { close() }

    /// The chunks between the inflating thread and the parser: at most `window` wait.
    private final class Chunks: @unchecked Sendable {
        struct Cancelled: Error {}
        private let condition = NSCondition()
        private var queue: [Data] = []
        private var finished = false
        private var cancelled = false
        private var error: Error?
        private static let window = 8

        var failure: Error? { condition.withLock { error } }

        /// Called by the inflating thread; waits while the window is full.
        func put(_ chunk: Data) throws {
            condition.lock()
            defer { condition.unlock() }
            while queue.count >= Self.window && !cancelled { condition.wait() }
            if cancelled { throw Cancelled() }
            queue.append(chunk)
            condition.broadcast()
        }

        func finish(_ failure: Error?) {
            condition.lock()
            finished = true
            error = failure
            condition.broadcast()
            condition.unlock()
        }

        /// The next chunk; nil at the end (or after a failure).
        func take() -> Data? {
            condition.lock()
            defer { condition.unlock() }
            while queue.isEmpty && !finished && !cancelled { condition.wait() }
            guard !queue.isEmpty else { return nil }
            let next = queue.removeFirst()
            condition.broadcast()
            return next
        }

        /// Stops the inflating thread and waits until it has finished.
        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            while !finished { condition.wait() }
            condition.unlock()
        }
    }
}
