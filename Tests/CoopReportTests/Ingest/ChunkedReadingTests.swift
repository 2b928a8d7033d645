import Crypto
import Foundation
import Testing

@testable import CoopReport

/// Files are read a chunk at a time: records cut by a chunk's end, quoted line breaks,
/// CRLF split in two, and the encoding decided from far into the file, all read as if the
/// file were whole.
@Suite("Chunked reading")
struct ChunkedReadingTests {
    /// A registrations file with long, quoted, multi-line and accented rows.
    static func text(rows: Int) -> String {
        var out = "programme;session;participant_id;cooperative;status;last_name\r\n"
        for i in 0..<rows {
            let name = i % 7 == 0 ? "\"Dupont\r\n\"\"dit\"\" Lé\(i)\"" : "Nom\(i)\(String(repeating: "x", count: i % 13))"
            out += "P;A;\(i);Coop \(i % 5);inscrit;\(name)\r\n"
        }
        return out
    }

    func rows(_ table: CSVTable) throws -> [[String]] {
        var out: [[String]] = []
        try table.forEachRow { out.append([String($0.line)] + $0.values + [$0.raw]) }
        return out
    }

    @Test("every chunk size gives the rows of the whole file, and the file's SHA-256", arguments: [7, 16, 33, 64, 1000])
    func chunkSizes(size: Int) throws {
        let directory = try TemporaryDirectory()
        let text = Self.text(rows: 60)
        let path = try directory.write("r.csv", text)
        let whole = try rows(CSVTable(bytes: Array(text.utf8), path: path, schema: .registrations))
        let table = try CSVTable(path: path, schema: .registrations, mapping: .none, chunkSize: size)
        #expect(try rows(table) == whole)
        #expect(whole.count == 60)
        let read = try table.forEachRecord { _ in }
        let expected = SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(read.sha256 == expected)
        #expect(read.bytes == text.utf8.count)
    }

    @Test("a reader told not to hash hashes nothing (the file is hashed once, on the other core)")
    func hashOnce() throws {
        let directory = try TemporaryDirectory()
        let text = Self.text(rows: 30)
        let path = try directory.write("r.csv", text)
        let quiet = try ChunkReader(.file(path), path: path, chunkSize: 16, hashing: false)
        while !quiet.atEnd { try quiet.fill(keepingFrom: quiet.count) }
        #expect(quiet.total == text.utf8.count)
        #expect(quiet.sha256() == nil)
        let expected = SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(try ChunkReader.digest(of: path).sha256 == expected)
    }

    @Test("a Windows-1252 byte far past the first chunk still makes the file Windows-1252")
    func lateEncoding() throws {
        let directory = try TemporaryDirectory()
        var bytes = Array("programme;session;participant_id;cooperative;status\n".utf8)
        for i in 0..<200 { bytes += Array("P;A;\(i);Coop;inscrit\n".utf8) }
        bytes += Array("P;A;x;Coop".utf8) + [0xE9] + Array(";inscrit\n".utf8)  // « Coopé » in Windows-1252
        let path = try directory.write("r.csv", bytes: bytes)
        let table = try CSVTable(path: path, schema: .registrations, mapping: .none, chunkSize: 64)
        #expect(table.encoding == .windows1252)
        let last = try #require(try rows(table).last)
        #expect(last[4] == "Coopé")
    }

    @Test("opening and reading files leaves no file open")
    func noDescriptorLeft() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("r.csv", Self.text(rows: 30))
        func openFiles() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count }
        let before = try openFiles()
        for i in 0..<300 {
            let table = try CSVTable(path: path, schema: .registrations, mapping: .none, chunkSize: 16)
            if i % 2 == 0 { try table.forEachRecord { _ in } }
        }
        // Other tests run alongside and open files too: a leak would leave 300 or more.
        #expect(try openFiles() < before + 100)
    }
}

@Suite("TextPool")
struct TextPoolTests {
    @Test("ids are stable, texts come back byte for byte, and the table grows without losing any")
    func roundTrip() {
        var pool = TextPool()
        let texts = (0..<5_000).map { "texte \($0) é" } + ["", "Amélie", "Ame\u{301}lie"]
        let ids = texts.map { pool.intern($0) }
        #expect(ids == texts.map { pool.intern($0) })
        #expect(texts.indices.allSatisfy { pool.string(ids[$0]) == texts[$0] })
        #expect(pool.lookup("") == 0)
        #expect(pool.lookup("absent") == nil)
        // Compared byte for byte: the two spellings of Amélie are two texts.
        #expect(ids[ids.count - 1] != ids[ids.count - 2])
        #expect(Set(ids).count == texts.count)
        // Shrunk, as a built dataset's: texts by id, lookups, and new texts still work.
        pool.shrink()
        #expect(pool.string(ids[42]) == texts[42])
        #expect(pool.lookup(texts[4_999]) == ids[4_999])
        #expect(pool.lookup("absent") == nil)
        let added = pool.intern("nouveau")
        #expect(pool.intern(texts[7]) == ids[7])
        #expect(pool.string(added) == "nouveau")
    }
}

@Suite("Names in capitals")
struct NameCapitalsTests {
    @Test("capitals made on bytes are those of String.uppercased(), or String is asked")
    func sameAsString() {
        let names = ["Martin", "Lefèvre", "Éloïse", "d'Arc", "Müller-Größe", "Œuvre", "ÿann", "×÷", "Nguyễn", "o'brien", ""]
        for name in names {
            var out: [UInt8] = []
            let plain = Array(name.utf8).withUnsafeBufferPointer { RowWriter.appendUppercased($0, to: &out) }
            if plain { #expect(String(decoding: out, as: UTF8.self) == name.uppercased(), "\(name)") }
        }
        // The common French names take the byte path.
        for name in ["Lefèvre", "Éloïse", "Martin"] {
            var out: [UInt8] = []
            #expect(Array(name.utf8).withUnsafeBufferPointer { RowWriter.appendUppercased($0, to: &out) })
        }
    }
}

@Suite("E-mails in small letters")
struct EmailLowercaseTests {
    @Test("e-mails lower-cased on bytes are those of String.lowercased()")
    func sameAsString() {
        let emails = [
            "Lea@Coop.FR", "léa.martin@coop.fr", "ÉLOÏSE.Durand@Coop.fr", "x×y@a.fr", "ÿ@a.fr", "Œil@a.fr", "İ@a.fr", "plain@a.fr", "",
        ]
        for email in emails {
            var pool = TextPool()
            let id = Array(email.utf8).withUnsafeBufferPointer { RegistrationValidator.internLowercased($0, into: &pool) }
            #expect(pool.string(id) == email.lowercased(), "\(email)")
        }
    }
}

/// What a review of the byte-level reading found, pinned.
@Suite("Byte-level reading: odd inputs")
struct ByteLevelOddInputTests {
    @Test("an objective number past Int16 rejects the row instead of stopping the run")
    func hugeObjective() {
        let v = ResponseValidator(catalogue: Fixtures.catalogue, columns: ["programme", "session", "objective_40000"])
        guard case .failure(let why) = v.validate(line: 2, values: ["P", "A", "4"]) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(why.column == "objective_40000")
    }

    @Test("stray bytes in a file said to be UTF-8 (BOM) are stored as U+FFFD, never as they are")
    func malformedUTF8() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("programme;session;participant_id;cooperative;status;last_name\n".utf8)
        bytes += Array("P;A;p1;Coop;inscrit;Yann".utf8) + [0xE9] + Array("\n".utf8)
        let table = try CSVTable(bytes: bytes, path: "r.csv", schema: .registrations)
        #expect(table.encoding == .utf8)
        var builder = DatasetBuilder(catalogue: Fixtures.catalogue)
        var validator = RegistrationValidator(catalogue: Fixtures.catalogue, columns: table.columns)
        try table.forEachRecord { fields in _ = validator.validate(fields, into: &builder) }
        let data = builder.build()
        let row = try #require(data.registrationRows.first)
        #expect(data.pool.withBytes(row.lastName) { UTF8Check.isWellFormed($0) })
        #expect(data.pool.string(row.lastName) == "Yann\u{FFFD}")
    }

    @Test("a file whose first accent is cut by the chunk's end is still read as Windows-1252")
    func accentAtChunkEnd() throws {
        let directory = try TemporaryDirectory()
        var bytes = Array("programme;session;participant_id;cooperative;status\nP;A;1;".utf8)
        bytes += Array(repeating: UInt8(ascii: "C"), count: 63 - bytes.count)  // the accent lands at offset 63
        bytes += [0xEB] + Array(";inscrit\n".utf8)
        #expect(bytes[63] == 0xEB)
        let path = try directory.write("r.csv", bytes: bytes)
        let table = try CSVTable(path: path, schema: .registrations, mapping: .none, chunkSize: 64)
        #expect(table.encoding == .windows1252)
    }

    @Test("a name over Excel's 32,767 characters is cut in the Relevé d'assiduité, not a failed run")
    func longName() throws {
        let dir = try TemporaryDirectory()
        let r = Registration(
            session: SessionKey("P", "A"), participant: "p1", lastName: String(repeating: "a", count: 20_000),
            firstName: String(repeating: "b", count: 20_000), cooperative: "Coop", status: .registered, attendance: .present)
        let data = Dataset(catalogue: Fixtures.catalogue, registrations: [r])
        let metrics = MetricsCalculator(asOf: Fixtures.day("2022-12-31"), minGroupSize: 1).compute(data)
        let evidence = EvidenceBuilder(period: Period(), asOf: Fixtures.day("2022-12-31")).build(data, metrics: metrics)
        let plans = EvidenceSheets.attendance(evidence, people: People(pseudonymKey: nil))
        let path = dir.path + "/e.xlsx"
        try WorkbookWriter.write(
            plans, properties: .init(title: "t", subject: "s", author: "a", created: Date(timeIntervalSince1970: 1_640_995_200)), to: path)
        let d2 = try #require(try XLSXReader(url: URL(fileURLWithPath: path)).cells(EvidenceSheets.attendanceName)["E2"])
        #expect(d2.value.count == 32_767)
        #expect(d2.value.hasPrefix("AAAA"))
        #expect(d2.value.hasSuffix("(texte tronqué : 40001 caractères)"))
    }
}

@Suite("UTF-8 check")
struct UTF8CheckTests {
    @Test("agrees with the standard library's validation on random bytes", arguments: 0..<50)
    func random(seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &+ 77)
        let alphabet: [UInt8] = Array("aé€😀".utf8) + [0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x8F]
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { UTF8Check.isWellFormed($0) } == expected, "\(bytes)")
        }
    }
}
