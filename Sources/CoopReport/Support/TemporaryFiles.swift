import Foundation

/// The temporary files of the run in progress, so that an interrupted run (SIGINT,
/// SIGTERM) removes them before exiting. A run killed outright (SIGKILL) cannot: the next
/// run in the same folder removes what it left (`removeStale`), under the folder's lock.
public final class TemporaryFiles: @unchecked Sendable {
    public static let shared = TemporaryFiles()
    /// Marker in every temporary name: `.report.xlsx.coopreport-1234.tmp`.
    static let marker = ".coopreport-"

    private let lock = NSLock()
    private var paths: Set<String> = []
    private var switching = false

    /// Set while a set of outputs is being renamed into place: an interruption then leaves
    /// the temporaries for the next run to complete the switch (`ReportFiles.recover`).
    public var committing: Bool {
        get { lock.withLock { switching } }
        set { lock.withLock { switching = newValue } }
    }

    /// A temporary path beside `path`, registered for cleanup.
    func make(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent)\(Self.marker)\(ProcessInfo.processInfo.processIdentifier).tmp").path
        lock.lock()
        paths.insert(temporary)
        lock.unlock()
        return temporary
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

    /// Removes every registered temporary (called on SIGINT/SIGTERM and on failure).
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

    /// Removes temporaries left in `directory` by runs that were killed. Call only while
    /// holding the folder's lock, so that no live run owns them.
    public static func removeStale(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let stale = entries.filter { $0.hasPrefix(".") && $0.contains(marker) && $0.hasSuffix(".tmp") }
        for name in stale { unlink(URL(fileURLWithPath: directory).appendingPathComponent(name).path) }
        return stale
    }
}
