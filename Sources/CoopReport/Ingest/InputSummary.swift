/// What was read from one input file: shown in Synthèse and written to the manifest.
public struct InputSummary: Sendable, Equatable {
    /// Which input the file is (the manifest's and rejects.csv's `role`).
    public let role: InputKind
    public let path: String
    public let bytes: Int
    /// Hex SHA-256 of the file's bytes.
    public let sha256: String
    /// Data rows (records after the header); for the catalogue, sessions.
    public var rowsRead = 0
    public var rejected = 0
    public var encoding: String?
    public var separator: String?
    /// Each canonical column's header as the file has it (`programme` → « Événement »).
    public var headers: [String: String] = [:]

    public init(role: InputKind, path: String, bytes: Int, sha256: String) {
        self.role = role
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
    }

    /// Rows kept (read − rejected).
    public var used: Int { rowsRead - rejected }
}
