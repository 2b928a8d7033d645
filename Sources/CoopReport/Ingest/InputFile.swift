import Crypto
import Foundation

/// Size and SHA-256 of an input file, for Synthèse and the manifest.
enum InputFile {
    /// Reads the file to hash it (the catalogue; CSVs hash the bytes they already hold).
    static func summary(role: String, path: String) throws -> InputSummary {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw IngestError.unreadable(path: path, reason: error.localizedDescription)
        }
        return InputSummary(role: role, path: path, bytes: data.count, sha256: sha256Hex(data))
    }

    static func sha256Hex<D: DataProtocol>(_ data: D) -> String {
        SHA256.hash(data: data).map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }
}
