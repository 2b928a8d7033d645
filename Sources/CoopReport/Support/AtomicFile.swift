import Foundation

/// Writes files so that readers see the old version or the complete new one, never a
/// part: content goes to a temporary name in the same folder, then is renamed into place.
public enum AtomicFile {
    /// A temporary path beside `path` (same folder, so rename is atomic), registered so
    /// that an interrupted run removes it.
    public static func temporaryPath(for path: String) -> String { TemporaryFiles.shared.make(for: path) }

    /// Writes `data` to a temporary beside `path` and returns the temporary's path.
    static func stage(_ data: Data, for path: String) throws -> String {
        let temporary = temporaryPath(for: path)
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            discard(temporary)
            throw OutputError.notWritable(path: path, reason: error.localizedDescription)
        }
        return temporary
    }

    /// Renames a finished temporary file into place (replacing any previous version).
    public static func commit(_ temporary: String, to path: String) throws {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard(temporary)
            throw OutputError.notWritable(path: path, reason: reason)
        }
        TemporaryFiles.shared.forget(temporary)
    }

    /// Removes a temporary that will not be used.
    static func discard(_ temporary: String) {
        unlink(temporary)
        TemporaryFiles.shared.forget(temporary)
    }
}
