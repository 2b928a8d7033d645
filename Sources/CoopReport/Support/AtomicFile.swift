import Foundation

/// Writes files so that readers see the old version or the complete new one, never a
/// part: content goes to a temporary name in the same folder, then is renamed into place.
public enum AtomicFile {
    /// A temporary path beside `path` (same folder, so rename is atomic), registered so
    /// that an interrupted run removes it.
    public static func temporaryPath(for path: String) -> String { TemporaryFiles.shared.make(for: path) }

    /// A temporary path beside `path`, with whatever stood at that name removed: the file
    /// is then created anew, never written through a link planted there.
    public static func freshTemporaryPath(for path: String) -> String {
        let temporary = temporaryPath(for: path)
        unlink(temporary)
        return temporary
    }

    /// A fresh temporary beside `path`, created here as an empty regular file (exclusively,
    /// links not followed) for a writer that opens it by name afterwards (libxlsxwriter).
    static func createdTemporary(for path: String) throws -> String {
        let temporary = freshTemporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            TemporaryFiles.shared.forget(temporary)
            throw OutputError.notWritable(path: path, reason: SystemReason.of(errno: errno))
        }
        close(fd)
        return temporary
    }

    /// Writes `data` to a new temporary beside `path` (created exclusively, links not
    /// followed, flushed to disk) and returns the temporary's path.
    static func stage(_ data: Data, for path: String) throws -> String {
        let temporary = freshTemporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = SystemReason.of(errno: errno)
            TemporaryFiles.shared.forget(temporary)
            throw OutputError.notWritable(path: path, reason: reason)
        }
        defer { close(fd) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failure = SystemReason.of(errno: errno)
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = SystemReason.of(errno: errno) }
        if let failure {
            discard(temporary)
            throw OutputError.notWritable(path: path, reason: failure)
        }
        return temporary
    }

    /// Renames a finished temporary file into place (replacing any previous version).
    public static func commit(_ temporary: String, to path: String) throws {
        guard rename(temporary, path) == 0 else {
            let reason = SystemReason.of(errno: errno)
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
