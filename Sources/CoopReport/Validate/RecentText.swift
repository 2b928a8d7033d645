import Foundation

/// The last text met in one column, and its pool id: exports list a person's rows
/// together, so the next row's name, e-mail, cooperative and role are usually the same
/// bytes, found by one comparison instead of a hash and a probe in the pool.
struct RecentText {
    private var bytes: [UInt8] = []
    private var id: Int32 = 0

    /// The id of `text`: the remembered one when the bytes are the same, else `intern`'s.
    mutating func id(_ text: UnsafeBufferPointer<UInt8>, _ intern: (UnsafeBufferPointer<UInt8>) -> Int32) -> Int32 {
        guard let base = text.baseAddress, !text.isEmpty else { return intern(text) }
        if text.count == bytes.count, bytes.withUnsafeBufferPointer({ $0.baseAddress.map { memcmp($0, base, text.count) == 0 } ?? false }) {
            return id
        }
        id = intern(text)
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: text)
        return id
    }
}

/// The programme and session of the row before, by their codes' bytes: rows come grouped
/// by session, so most rows find theirs with two comparisons.
struct RecentSession {
    private var programme = RecentText()
    private var session = RecentText()
    private var sessionProgramme: Int32 = -1
    private var nearest = NearestMemo()

    /// The programme number (−1: not in the catalogue).
    mutating func programme(_ code: UnsafeBufferPointer<UInt8>, in table: SessionTable) -> Int32 {
        programme.id(code) { table.programme($0).map { Int32($0) } ?? -1 }
    }

    /// The session number within programme `p` (−1: not one of its sessions).
    mutating func session(_ code: UnsafeBufferPointer<UInt8>, programme p: Int32, in table: SessionTable) -> Int32 {
        if p != sessionProgramme {
            session = RecentText()
            sessionProgramme = p
        }
        return session.id(code) { table.session(programme: Int(p), $0) ?? -1 }
    }

    /// The session number of a row's programme and session codes, or why the row cannot
    /// be used (both validators' first check).
    mutating func find(
        programme: UnsafeBufferPointer<UInt8>, session code: UnsafeBufferPointer<UInt8>, in table: SessionTable, catalogue: Catalogue
    ) -> Result<Int32, RowRejection> {
        let p = self.programme(programme, in: table)
        guard p >= 0 else {
            let text = String(decoding: programme, as: UTF8.self)
            return .failure(
                RowRejection(
                    column: "programme",
                    "\(quoted(text)) n'est pas un programme du catalogue (attendus : \(codes(catalogue.programmes.count, list: "", near: text) { catalogue.programmes.map(\.code) }))",
                    value: text))
        }
        let n = session(code, programme: p, in: table)
        guard n >= 0 else {
            let prog = catalogue.programmes[Int(p)]
            let text = String(decoding: code, as: UTF8.self)
            return .failure(
                RowRejection(
                    column: "session",
                    "\(quoted(text)) n'est pas une session de \(prog.code) (attendues : \(codes(prog.sessions.count, list: prog.code, near: text) { prog.sessions.map(\.code) }))",
                    value: text))
        }
        return .success(n)
    }

    /// The valid codes for a message: all of them when few; else the nearest (found once
    /// per list and text) and a count, so that a catalogue of 2,500 sessions does not
    /// repeat them on every rejected row.
    private mutating func codes(_ count: Int, list: String, near text: String, _ all: () -> [String]) -> String {
        guard count > 12 else { return all().joined(separator: ", ") }
        return Self.message(near: nearest.header(for: text, list: "\(list.utf8.count):\(list)", in: all), count: count)
    }

    /// `codes` without the memo (tests, tools).
    static func codes(_ all: [String], near text: String) -> String {
        guard all.count > 12 else { return all.joined(separator: ", ") }
        return message(near: Nearest.header(for: [text], in: all), count: all.count)
    }

    private static func message(near: String?, count: Int) -> String {
        "\(near.map { "le plus proche : \($0) ; " } ?? "")un des \(count) codes du catalogue"
    }
}

/// A one- or two-digit integer read straight from the bytes (answers and scores usually
/// are), else nil: the memo of texts is then asked.
@inline(__always) func smallInteger(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    if b.count == 1, b[0] >= 0x30, b[0] <= 0x39 { return Int(b[0] - 0x30) }
    if b.count == 2, b[0] >= 0x31, b[0] <= 0x39, b[1] >= 0x30, b[1] <= 0x39 { return Int(b[0] - 0x30) * 10 + Int(b[1] - 0x30) }
    return nil
}
