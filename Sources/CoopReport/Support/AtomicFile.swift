import Foundation

/// Writes a file so that readers see the old one or the complete new one, never a part:
/// the content goes to a temporary name in the same folder, then is renamed into place.
public enum AtomicFile {
    /// A unique temporary path beside `path` (same folder, so rename is atomic).
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp"
            ).path
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws {
        let temporary = temporaryPath(for: path)
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
            try commit(temporary, to: path)
        } catch let error as OutputError {
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw OutputError.notWritable(path: path, reason: error.localizedDescription)
        }
    }

    /// Renames a finished temporary file into place (replacing any previous version).
    public static func commit(_ temporary: String, to path: String) throws {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw OutputError.notWritable(path: path, reason: reason)
        }
    }
}
