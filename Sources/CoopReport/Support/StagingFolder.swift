import Foundation

/// Where a run stages its outputs before switching them into place: a folder made inside
/// the output folder with mode 0700, `.staging.coopreport-PID.tmp` (a temporary's name, so
/// that the next run removes it when this one was killed). No one else can enter it, so no
/// one can swap a staged file for a link between its writing and its rename — libxlsxwriter
/// reopens the workbook by name when it closes. The folder and the output folder are held
/// open: files are made, checked and renamed through their descriptors (`openat`,
/// `renameat`), never through the folder's name, which whoever can write in the output
/// folder could move; libxlsxwriter gets a path through the descriptor (`/proc/self/fd/N/…`
/// on Linux). Before its rename, each file is checked to be the one made here (same device
/// and inode, a regular file with one link).
final class StagingFolder {
    /// The output folder.
    let directory: String
    /// The folder's name in the output folder.
    let name: String
    private let outputFD: Int32
    private let fd: Int32
    /// Device and inode of each file made here, by name.
    private var made: [String: (device: UInt64, inode: UInt64)] = [:]

    /// The name's beginning: `.staging.coopreport-`.
    static let prefix = ".staging" + TemporaryFiles.marker

    /// Makes the folder in `directory`, which must be a folder and not a link.
    init(in directory: String) throws {
        self.directory = directory
        outputFD = try Self.openFolder(directory)
        name = Self.prefix + "\(ProcessInfo.processInfo.processIdentifier).tmp"
        // A leftover of a process that had this number (a restarted container) goes first.
        TemporaryFiles.removeTree(name, in: outputFD)
        guard mkdirat(outputFD, name, 0o700) == 0 else {
            let reason = SystemReason.of(errno: errno)
            close(outputFD)
            throw OutputError.notWritable(path: directory, reason: reason)
        }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        TemporaryFiles.shared.register(path)
        let opened = openat(outputFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        var info = stat()
        // Ours, and closed to everyone else: made by us a moment ago, unless swapped since.
        guard opened >= 0, fstat(opened, &info) == 0, info.st_uid == geteuid(), info.st_mode & 0o077 == 0 else {
            if opened >= 0 { close(opened) }
            close(outputFD)
            throw OutputError.notWritable(path: path, reason: "le dossier de préparation a été remplacé pendant sa création")
        }
        fd = opened
    }

    deinit {
        close(fd)
        close(outputFD)
    }

    /// Opens an output folder, refusing a symbolic link (README, « Running it every month »).
    static func openFolder(_ directory: String) throws -> Int32 {
        let fd = open(withoutTrailingSlash(directory), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let reason =
                errno == ELOOP || errno == ENOTDIR && isLink(directory)
                ? "c'est un lien symbolique ; indiquez le dossier réel dans « output: »" : SystemReason.of(errno: errno)
            throw OutputError.notWritable(path: directory, reason: reason)
        }
        return fd
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(withoutTrailingSlash(path), &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// `out/` → `out`: a trailing slash would have the system follow a link named `out`.
    static func withoutTrailingSlash(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }

    /// The path of a staged file for a writer that opens it by name (libxlsxwriter):
    /// through the folder's descriptor where the system allows it, so that moving the
    /// folder's name cannot redirect the writer.
    func writerPath(_ file: String) -> String {
        #if os(Linux)
            let viaDescriptor = "/proc/self/fd/\(fd)"
            if access(viaDescriptor, X_OK) == 0 { return viaDescriptor + "/" + file }
        #endif
        return path(file)
    }

    /// The staged file's path by name, for messages and for removal on a signal.
    func path(_ file: String) -> String { URL(fileURLWithPath: directory).appendingPathComponent(name + "/" + file).path }

    /// Creates `file` exclusively (links not followed) and returns its open descriptor.
    private func create(_ file: String) throws -> Int32 {
        let created = openat(fd, file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        var info = stat()
        guard created >= 0, fstat(created, &info) == 0 else {
            throw OutputError.notWritable(path: path(file), reason: SystemReason.of(errno: errno))
        }
        made[file] = (UInt64(info.st_dev), UInt64(info.st_ino))
        TemporaryFiles.shared.register(path(file))
        return created
    }

    /// Creates `file` empty, for a writer that opens it by name afterwards.
    func createEmpty(_ file: String) throws { close(try create(file)) }

    /// Writes `data` to a new `file` and flushes it to disk.
    func stage(_ data: Data, as file: String) throws {
        let out = try create(file)
        defer { close(out) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let n = write(out, base + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failure = SystemReason.of(errno: errno)
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(out) != 0 { failure = SystemReason.of(errno: errno) }
        if let failure { throw OutputError.notWritable(path: path(file), reason: failure) }
    }

    /// Checks that `file` is still the regular file made here (same device and inode, one
    /// link), and flushes it to disk.
    func verify(_ file: String) throws {
        let opened = openat(fd, file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        defer { if opened >= 0 { close(opened) } }
        var info = stat()
        guard opened >= 0, fstat(opened, &info) == 0, let expected = made[file], (info.st_mode & S_IFMT) == S_IFREG,
            UInt64(info.st_dev) == expected.device, UInt64(info.st_ino) == expected.inode, info.st_nlink == 1
        else {
            throw OutputError.notWritable(
                path: path(file), reason: "le fichier préparé a été remplacé pendant l'écriture ; rien n'est mis en place, recommencez")
        }
        fsync(opened)
    }

    /// Renames `file` to `final` in the output folder (replacing the previous version).
    func commit(_ file: String, as final: String) throws {
        guard renameat(fd, file, outputFD, final) == 0 else {
            throw OutputError.notWritable(
                path: URL(fileURLWithPath: directory).appendingPathComponent(final).path, reason: SystemReason.of(errno: errno))
        }
        made[file] = nil
        TemporaryFiles.shared.forget(path(file))
    }

    /// Makes a folder in the staging folder for staged files (`cooperatives`): its files are
    /// then named `folder/file`.
    func makeFolder(_ folder: String) throws {
        guard mkdirat(fd, folder, 0o755) == 0 else {
            throw OutputError.notWritable(path: path(folder), reason: SystemReason.of(errno: errno))
        }
        TemporaryFiles.shared.register(path(folder))
    }

    /// Switches the staged `folder` into place as `final` in the output folder: in one step
    /// where the system can exchange two names (`renameat2` with `RENAME_EXCHANGE`, Linux
    /// 3.15 and later): the previous folder comes into the staging folder and is removed
    /// with it. Elsewhere, or without a previous folder, in two renames (the previous folder
    /// into the staging folder, then the new one into place).
    func commitFolder(_ folder: String, as final: String) throws {
        if let reason = Self.switchFolder(folder, in: fd, to: final, in: outputFD) {
            throw OutputError.notWritable(path: URL(fileURLWithPath: directory).appendingPathComponent(final).path, reason: reason)
        }
        forgetFiles(in: folder)
    }

    /// `commitFolder` through two open folders (a killed run's switch is completed so):
    /// nil when done, else why not.
    static func switchFolder(_ folder: String, in staging: Int32, to final: String, in output: Int32) -> String? {
        if let exchange, exchange(staging, folder, output, final, renameExchange) == 0 { return nil }
        if renameat(output, final, staging, folder + ".avant") != 0 && errno != ENOENT { return SystemReason.of(errno: errno) }
        return renameat(staging, folder, output, final) == 0 ? nil : SystemReason.of(errno: errno)
    }

    /// The file in a staged folder that names the staging folder it was made in: whether a
    /// folder in place is this run's tells a killed run's switch done or still to do.
    static let setMark = ".coopreport-set"

    /// The staging folder's name written in `folder`'s mark (in the folder open as `parent`), or nil.
    static func mark(of folder: String, in parent: Int32) -> String? {
        let opened = openat(parent, folder + "/" + setMark, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard opened >= 0 else { return nil }
        defer { close(opened) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = read(opened, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : nil
    }

    /// Moves the output folder's `final` folder into the staging folder, to go with it: the
    /// folder of an earlier run's set that this run's set no longer has.
    func retire(_ final: String) {
        if renameat(outputFD, final, fd, final + ".avant") == 0 { syncOutput() }
    }

    /// The files staged in `folder`, now in place: no longer this run's to remove.
    private func forgetFiles(in folder: String) {
        for file in made.keys where file.hasPrefix(folder + "/") {
            made[file] = nil
            TemporaryFiles.shared.forget(path(file))
        }
        TemporaryFiles.shared.forget(path(folder))
    }

    /// `renameat2(2)`, found at run time: the C library declares it only for GNU sources,
    /// which Swift's import of it does not ask for. Nil where the library lacks it.
    typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    static let exchange: Renameat2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: Renameat2.self) }
    static let renameExchange: UInt32 = 2  // RENAME_EXCHANGE, <linux/fs.h>

    /// Flushes the output folder's entries to disk (best effort).
    func syncOutput() { fsync(outputFD) }

    /// Removes what is left in the folder (a previous run's folder exchanged into it too),
    /// and the folder.
    func remove() {
        for file in made.keys { TemporaryFiles.shared.forget(path(file)) }
        made = [:]
        TemporaryFiles.removeTree(name, in: outputFD)
        TemporaryFiles.shared.forget(URL(fileURLWithPath: directory).appendingPathComponent(name).path)
    }
}
