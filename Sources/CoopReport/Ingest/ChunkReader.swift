import Crypto
import Foundation

/// Reads an input a chunk at a time into one buffer that is reused, hashing the bytes
/// as they go by: a 150 MB export never sits whole in memory. The file is closed at the
/// end of input or when the reader goes away, whichever comes first.
final class ChunkReader {
    /// Where the bytes come from.
    enum Source: Sendable {
        case file(String)
        /// Already in memory (tests, and inputs handed over by a caller).
        case bytes([UInt8])
    }

    /// Bytes read per `read` call by default; the buffer grows only for a record longer
    /// than this.
    static let defaultChunkSize = 1 << 20

    private let chunkSize: Int
    /// Whether the bytes read are hashed (the file may be hashed elsewhere: `BackgroundDigest`).
    private let hashing: Bool
    private let path: String
    private var descriptor: Int32 = -1
    private var buffer: [UInt8]
    private(set) var count = 0
    private var hasher = SHA256()
    /// The input is exhausted: what is in the buffer is all that is left.
    private(set) var atEnd = false
    /// Bytes read so far.
    private(set) var total = 0

    /// Opens the source and reads its first chunk, from byte `offset` on (the second half of
    /// a file read on two cores; `total` then counts from there).
    init(_ source: Source, path: String, chunkSize: Int = defaultChunkSize, hashing: Bool = true, from offset: Int = 0) throws {
        self.path = path
        self.chunkSize = chunkSize
        self.hashing = hashing
        switch source {
        case .bytes(let bytes):
            buffer = offset == 0 ? bytes : Array(bytes[min(offset, bytes.count)...])
            count = buffer.count
            total = buffer.count
            if hashing { hasher.update(data: buffer) }
            atEnd = true
        case .file(let name):
            descriptor = open(name, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw IngestError.unreadable(path: path, reason: SystemReason.of(errno: errno)) }
            if offset > 0, lseek(descriptor, off_t(offset), SEEK_SET) < 0 {
                let reason = SystemReason.of(errno: errno)
                close(descriptor)  // thrown before every property is set: `deinit` does not run
                throw IngestError.unreadable(path: path, reason: reason)
            }
            buffer = [UInt8](repeating: 0, count: chunkSize)
            try fill(keepingFrom: 0)
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The bytes in the buffer.
    var valid: ArraySlice<UInt8> { buffer[0..<count] }

    /// Keeps the bytes from `offset` on (moved to the front) and reads more after them.
    func fill(keepingFrom offset: Int) throws {
        guard !atEnd else { return }
        let kept = count - offset
        if offset > 0 {
            buffer.withUnsafeMutableBufferPointer { b in
                guard let base = b.baseAddress else { return }
                memmove(base, base + offset, kept)
            }
        }
        count = kept
        if buffer.count - count < chunkSize / 2 {
            buffer += [UInt8](repeating: 0, count: max(buffer.count, chunkSize))
        }
        var failure: String?
        let read = buffer.withUnsafeMutableBufferPointer { b -> Int in
            guard let base = b.baseAddress else { return 0 }
            while true {
                let n = Foundation.read(descriptor, base + count, b.count - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = SystemReason.of(errno: errno) }
                return max(n, 0)
            }
        }
        if let failure { throw IngestError.unreadable(path: path, reason: failure) }
        if read == 0 {
            atEnd = true
            close(descriptor)
            descriptor = -1
        } else {
            if hashing {
                buffer.withUnsafeBufferPointer { b in
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[count..<(count + read)])))
                }
            }
            count += read
            total += read
        }
    }

    /// Size and hex SHA-256 of a whole file, read a chunk at a time (outputs for the
    /// manifest: a 60 MB workbook is not loaded to be hashed).
    static func digest(of path: String) throws -> (bytes: Int, sha256: String) {
        let reader = try ChunkReader(.file(path), path: path)
        while !reader.atEnd { try reader.fill(keepingFrom: reader.count) }
        return (reader.total, reader.sha256() ?? "")
    }

    /// Hex SHA-256 of everything read, once the input is exhausted; nil for a reader that
    /// does not hash (its file is hashed elsewhere).
    func sha256() -> String? { hashing ? InputFile.hex(hasher.finalize()) : nil }
}

/// The size and SHA-256 of a file, computed on another core while this one parses it:
/// the manifest needs the hash, the parse does not wait for it.
struct BackgroundDigest {
    private let task: Background<Result<(bytes: Int, sha256: String), IngestError>>

    init(path: String) {
        task = Background {
            do { return .success(try ChunkReader.digest(of: path)) } catch let error as IngestError { return .failure(error) } catch {
                return .failure(.unreadable(path: path, reason: "\(error)"))
            }
        }
    }

    /// Waits for the digest.
    func wait() throws -> (bytes: Int, sha256: String) { try task.wait().get() }
}
