import Testing

@testable import CoopReport

/// Generated inputs: whatever the bytes, reading ends as rows, row problems or one clear
/// error — never a crash or a hang.
@Suite("CSV robustness")
struct CSVRobustnessTests {
    static let header = Array("programme;session;participant_id;cooperative;status\n".utf8)
    /// Bytes that matter to the scanner, plus invalid UTF-8.
    static let alphabet: [UInt8] = Array("ab;,\t\"\r\n é".utf8) + [0xFF, 0xC3, 0x80, 0x00]

    @Test("random bodies after a valid header never crash, and lines only go forward", arguments: 0..<200)
    func randomBodies(seed: Int) throws {
        var rng = SplitMix(state: UInt64(seed))
        let length = Int.random(in: 0...400, using: &rng)
        let body = (0..<length).map { _ in Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)] }
        let table = try CSVTable(bytes: Self.header + body, path: "r.csv", schema: .registrations)
        var last = 1
        var count = 0
        try table.forEachRow { row in
            #expect(row.line > last)
            last = row.line
            count += 1
            _ = row.raw
            _ = row.redactedRaw
        }
        #expect(count <= length)
    }

    @Test("random whole files end as a table or an IngestError", arguments: 0..<200)
    func randomFiles(seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &+ 1_000)
        let length = Int.random(in: 0...300, using: &rng)
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        do {
            let table = try CSVTable(bytes: bytes, path: "x.csv", schema: .registrations)
            try table.forEachRow { _ in }
        } catch {
            #expect(error is IngestError)
        }
    }

    @Test("a 100 kB field, a line of separators and a truncated quote are read without trouble")
    func extremes() throws {
        let big = String(repeating: "x", count: 100_000)
        let text = "programme;session;participant_id;cooperative;status\n;;;;\nP;A;1;\(big);inscrit\nP;A;2;\"unterminated"
        let table = try CSVTable(bytes: Array(text.utf8), path: "r.csv", schema: .registrations)
        var rows: [CSVTable.Row] = []
        try table.forEachRow { rows.append($0) }
        #expect(rows.map(\.line) == [3, 4])  // the line of separators is blank
        #expect(rows[0].values[3].count == 100_000)
        #expect(rows[1].problem != nil)
    }
}
