import Foundation

/// The temporary files of the run in progress, so that an interrupted run (SIGINT,
/// SIGTERM) removes them before exiting. A run killed outright (SIGKILL) cannot: the next
/// run in the same folder removes what it left (`removeStale`), under the folder's lock.
public final class TemporaryFiles: @unchecked Sendable {
    public static let shared = TemporaryFiles()
    /// Marker in every temporary name: `.staging.coopreport-1234.tmp`.
    static let marker = ".coopreport-"

    private let lock = NSCondition()
    private var paths: Set<String> = []
    private var switching = false
    private var switched = false
    /// An interruption is being handled (`settle`): its handler ends the process.
    private var interrupted = false

    /// Starts renaming a set of outputs into place: an interruption then waits for the
    /// switch to end (`settle`) instead of removing what it renames. Once an interruption
    /// is being handled, no switch starts: this thread stops here, and the handler, which
    /// has said the previous report is intact, ends the process.
    func beginSwitch() {
        lock.lock()
        guard !interrupted else {
            lock.unlock()
            Self.waitForExit()
        }
        switching = true
        lock.unlock()
    }

    /// Ends the switch. When an interruption waited for it, this thread stops here: the
    /// handler says the new report is in place and exits 128 + signal — the run must not
    /// end with 0 first and leave that unsaid.
    func endSwitch() {
        lock.lock()
        switching = false
        let waited = interrupted
        lock.broadcast()
        lock.unlock()
        if waited { Self.waitForExit() }
    }

    /// Waits for the interruption's handler to end the process.
    private static func waitForExit() -> Never {
        while true { sleep(60) }
    }

    /// Notes that the new set of outputs is wholly in place.
    func markSwitched() { lock.withLock { switched = true } }

    /// What an interruption leaves of the outputs.
    public enum Settled: Equatable, Sendable {
        /// Nothing was renamed: the previous report is as it was; the temporaries are removed.
        case previousIntact
        /// The switch was over, or was finished first: the new report is in place.
        case newInPlace
        /// The switch did not end within the wait: its journal is left for the next run.
        case switchUnfinished
    }

    /// For an interruption (SIGINT, SIGTERM): lets a switch under way finish (up to
    /// `timeout` seconds), so that the set of outputs is never left mixed, then removes the
    /// temporaries and says what is true of the outputs.
    /// Called by the interruption's handler only, which then ends the process.
    public func settle(timeout: Double = 10) -> Settled {
        lock.lock()
        interrupted = true
        let deadline = Date().addingTimeInterval(timeout)
        while switching && lock.wait(until: deadline) {}
        guard !switching else {
            lock.unlock()
            return .switchUnfinished
        }
        let outcome: Settled = switched ? .newInPlace : .previousIntact
        lock.unlock()
        removeAll()
        return outcome
    }

    /// Registers a file (or an empty folder) made elsewhere, for removal on a signal.
    public func register(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }

    /// Forgets a temporary that was renamed into place or removed.
    func forget(_ temporary: String) {
        lock.lock()
        paths.remove(temporary)
        lock.unlock()
    }

    /// Removes every registered temporary (on failure; on a signal, through `settle`).
    public func removeAll() {
        lock.lock()
        guard !switching else {
            lock.unlock()
            return
        }
        let all = paths
        paths.removeAll()
        lock.unlock()
        for p in all.sorted(by: { $0.count > $1.count }) {  // files before their folders
            if unlink(p) != 0 { rmdir(p) }
        }
    }

    /// Removes temporaries left in `directory` by runs that were killed (files, and the
    /// staging folders with the files in them). Call only while holding the folder's lock,
    /// so that no live run owns them.
    public static func removeStale(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let stale = entries.filter { $0.hasPrefix(".") && $0.contains(marker) && $0.hasSuffix(".tmp") }
        guard !stale.isEmpty else { return [] }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return [] }
        defer { close(folder) }
        for name in stale { removeTree(name, in: folder) }
        return stale
    }

    /// Removes `name` in the folder open as `parent`: a file or a link itself, a folder with
    /// what is in it (through descriptors: a link never leads the removal elsewhere).
    static func removeTree(_ name: String, in parent: Int32) {
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            unlinkat(parent, name, 0)
            return
        }
        if let listing = fdopendir(fd) {
            var names: [String] = []
            while let entry = readdir(listing) {
                let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if entryName != "." && entryName != ".." { names.append(entryName) }
            }
            for entryName in names where unlinkat(fd, entryName, 0) != 0 { removeTree(entryName, in: fd) }
            closedir(listing)
        } else {
            close(fd)
        }
        unlinkat(parent, name, AT_REMOVEDIR)
    }
}
