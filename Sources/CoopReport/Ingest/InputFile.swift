import Crypto
import Foundation

/// Size and SHA-256 of an input file, for Synthèse and the manifest.
enum InputFile {
    /// Reads a small input (the catalogue) once: its bytes, and its size and hash for the
    /// manifest. CSVs are hashed chunk by chunk as they are read (`ChunkReader`).
    static func load(role: InputKind, path: String) throws -> (Data, InputSummary) {
        guard FileManager.default.fileExists(atPath: path) else { throw IngestError.fileNotFound(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw IngestError.unreadable(path: path, reason: SystemReason.of(error))
        }
        return (data, InputSummary(role: role, path: path, bytes: data.count, sha256: sha256Hex(data)))
    }

    static func sha256Hex<D: DataProtocol>(_ data: D) -> String { hex(SHA256.hash(data: data)) }

    /// A digest as lower-case hex, as `sha256sum` prints it.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }
}
