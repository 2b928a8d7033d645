import Foundation

/// One run at a time per output folder: an exclusive `flock` on `.coopreport.lock` in the
/// folder. The kernel releases it when the process ends, however it ends, so a killed run
/// never leaves the folder locked.
public final class OutputLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock, waiting up to `wait` seconds for a run already holding it.
    public init(directory: String, wait: Double) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError.notWritable(path: directory, reason: SystemReason.of(error))
        }
        // The folder itself is never a link: whoever could change the link would choose
        // where a (root) cron run writes.
        close(try StagingFolder.openFolder(directory))
        path = URL(fileURLWithPath: directory).appendingPathComponent(".coopreport.lock").path
        // Never through a link: a link planted here would have a (root) cron run write the
        // holder's note into any file it points to.
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "c'est un lien symbolique ; supprimez-le" : SystemReason.of(errno: errno)
            throw OutputError.notWritable(path: path, reason: reason)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw OutputError.notWritable(path: path, reason: "ce n'est pas un fichier ordinaire ; supprimez-le")
        }
        let deadline = Date().addingTimeInterval(wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                close(fd)
                throw LockedError(directory: directory, holder: holder ?? "", waited: wait)
            }
            usleep(100_000)
        }
        descriptor = fd
        // Record who holds it, for the message of a run that has to give up.
        let note = "pid \(ProcessInfo.processInfo.processIdentifier) depuis \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Another run holds the output folder and did not finish within the wait (exit 75).
public struct LockedError: Error, Equatable, CustomStringConvertible {
    public let directory: String
    /// What the lock file says of its holder (`pid 1234 depuis …`).
    public let holder: String
    public let waited: Double

    public var description: String {
        "\(directory) : erreur : une autre exécution de coopreport écrit dans ce dossier (\(holder.isEmpty ? "exécution inconnue" : holder)) ; "
            + "attente de \(Int(waited)) s. Relancez quand elle sera terminée, ou augmentez --wait."
    }
}
