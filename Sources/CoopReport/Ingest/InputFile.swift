import Crypto
import Foundation

/// Size and SHA-256 of an input file, for Synthèse and the manifest.
enum InputFile {
    /// Reads a small input (the catalogue) once: its bytes, and its size and hash for the
    /// manifest. CSVs hash the bytes they already hold.
    static func load(role: String, path: String) throws -> (Data, InputSummary) {
        guard FileManager.default.fileExists(atPath: path) else { throw IngestError.fileNotFound(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw IngestError.unreadable(path: path, reason: error.localizedDescription)
        }
        return (data, InputSummary(role: role, path: path, bytes: data.count, sha256: sha256Hex(data)))
    }

    static func sha256Hex<D: DataProtocol>(_ data: D) -> String {
        SHA256.hash(data: data).map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }
}
