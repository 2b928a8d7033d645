import Foundation
import Logging
import Testing

@testable import CoopReport

/// A large registrations file is read in two halves, the second on the other core, then
/// merged (`Pipeline.readRegistrations`, `DatasetBuilder.append`): whatever the split
/// point, the rows, ids, warnings and rejects, with their lines, must be those of a single
/// reading. The threshold is made small to split these few lines.
@Suite("CSV halves")
struct CSVHalfTests {
    /// BOM, CRLF; a rejected row in each half (lines 4 and 12); duplicates across any split
    /// point, one of them twice (p1/A: lines 2, 8, 9); hours over the session's 7 (a
    /// warning) on a row that is also a duplicate (line 11); a payer quoted over two lines
    /// (lines 5–6) whose second line reads like a record of its own.
    static let lines = [
        "\u{FEFF}programme;session;participant_id;last_name;cooperative;status;attendance;hours_attended;payer",
        "P;A;p1;Durand;Coop Un;inscrit;présent;;OPCO X",
        "P;A;p2;Martin;Coop Un;inscrit;absent;;",
        "P;Z;p4;Secret;Coop Un;inscrit;présent;;",
        "P;B;p1;Durand;Coop Un;inscrit;présent;;\"OPCO",
        "A;B;C;D;E;F;G;H;I\"",
        "P;A;p3;Petit;Coop Deux;inscrit;partiel;99;OPCO Y",
        "P;A;p1;Durand;Coop Un;inscrit;absent;;OPCO X",
        "P;A;p1;Durand;Coop Un;annulé;;;",
        "P;B;p2;Martin;Coop Un;inscrit;présent;99;OPCO Z",
        "P;A;p2;Martin;Coop Un;inscrit;présent;99;",
        "P;Z;p6;Autre;Coop Trois;inscrit;présent;;",
        "P;A;p3;Petit;Coop Deux;inscrit;présent;;OPCO W",
        "P;B;p7;Neuf;Coop Quatre;inscrit;présent;;OPCO V",
    ]

    /// What a reading gave, as values to compare: every row with its ids, the pool, the
    /// payers, the warnings, the rejects and the files' summaries.
    struct Outcome: Equatable {
        var rows: [String]
        var texts: [String]
        var payers: [Int32]
        var warnings: [Diagnostic]
        var rejects: [Diagnostic]
        var inputs: [InputSummary]
        var halvedAt: Int?

        static func == (a: Outcome, b: Outcome) -> Bool {
            (a.rows, a.texts, a.payers, a.warnings, a.rejects, a.inputs) == (b.rows, b.texts, b.payers, b.warnings, b.rejects, b.inputs)
        }
    }

    /// Reads `text` as the registrations, whole (`split` nil) or split near that share of
    /// its data, in `directory` (the same one for the readings compared: files are named by
    /// their paths).
    static func read(_ text: String, split: Double?, in directory: TemporaryDirectory) throws -> Outcome {
        let request = ReportRequest(
            catalogue: try directory.write("catalogue.yml", SmallRun.catalogue),
            registrations: try directory.write("registrations.csv", text),
            evaluations: try directory.write("evaluations.csv", SmallRun.evaluations), outputDirectory: directory.path + "/out",
            asOf: Fixtures.day("2022-03-01"))
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        var pipeline = Pipeline(logger: logger)
        pipeline.halvesFrom = split == nil ? .max : 0
        pipeline.halvesAt = split ?? 0.5
        var clock = StageClock(now: Date.init)
        let sources = try pipeline.ingest(request, paths: .currentFolder, clock: &clock)
        let (builders, read) = try pipeline.readInputs(request, sources: sources, paths: .currentFolder)
        let data = builders.data.build()
        return Outcome(
            rows: data.registrationRows.map { String(describing: $0) }, texts: (0..<data.pool.count).map { data.pool.string(Int32($0)) },
            payers: data.payers, warnings: data.warnings, rejects: read.rejects, inputs: read.inputs, halvedAt: read.halvedAt)
    }

    /// The share of the data that puts the split at the end of line `line` (1-based): the
    /// middle of that line, the split point being the next line's start.
    static func share(endOf line: Int, in lines: [String], newline: String = "\r\n") -> Double {
        let lengths = lines.map { $0.utf8.count + newline.utf8.count }
        let dataStart = lengths[0]
        let total = lengths.reduce(0, +)
        let middle = lengths[0..<(line - 1)].reduce(0, +) + lengths[line - 1] / 2
        return Double(middle - dataStart) / Double(total - dataStart)
    }

    @Test("split after any line, the read is the single reading's: rows, ids, payers, warnings and rejects with their lines")
    func everySplit() throws {
        let directory = try TemporaryDirectory()
        let text = Self.lines.joined(separator: "\r\n") + "\r\n"
        let whole = try Self.read(text, split: nil, in: directory)
        #expect(whole.halvedAt == nil)
        var kept: [Int] = []
        for line in 2..<Self.lines.count {
            let split = try Self.read(text, split: Self.share(endOf: line, in: Self.lines), in: directory)
            #expect(split == whole, "split after line \(line)")
            if split.halvedAt != nil { kept.append(line) }
        }
        // Every split point but the one inside the quoted payer (after line 5) was kept.
        #expect(kept == [2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13])
    }

    @Test("the single reading, as worked out by hand: which row wins, and every line")
    func byHand() throws {
        let text = Self.lines.joined(separator: "\r\n") + "\r\n"
        // Split after line 7: p1/A (lines 2, then 8 and 9), p2/A (3, then 11) and p3/A (7,
        // then 13) are duplicates across it.
        let split = try Self.read(text, split: Self.share(endOf: 7, in: Self.lines), in: TemporaryDirectory())
        #expect(split.halvedAt != nil)
        #expect(split.rejects.filter { $0.file.hasSuffix("registrations.csv") }.map(\.line) == [4, 12])
        #expect(split.warnings.map(\.line) == [7, 8, 9, 10, 11, 11, 13])
        #expect(split.warnings[1].message.contains("(aussi ligne 2)"))
        #expect(split.warnings[2].message.contains("(aussi ligne 8)"))
        #expect(split.warnings[4].column == "hours_attended")
        #expect(split.warnings[5].message.contains("(aussi ligne 3)"))
        #expect(split.warnings[6].message.contains("(aussi ligne 7)"))
        // Keys in the order first met (p1/A, p2/A, p1/B, p3/A, p2/B, p7/B), each the later row.
        #expect(split.rows.compactMap { $0.firstMatch(of: #/line: (\d+),/#).flatMap { Int($0.1) } } == [9, 11, 5, 13, 10, 14])
        #expect(split.inputs.first { $0.role == .registrations }?.rowsRead == 12)
        #expect(split.inputs.first { $0.role == .registrations }?.rejected == 2)
        // Payers in the order first met: OPCO X, the quoted one, OPCO Y, Z, W, V.
        #expect(
            split.payers.map { split.texts[Int($0)] } == ["OPCO X", "OPCO\r\nA;B;C;D;E;F;G;H;I", "OPCO Y", "OPCO Z", "OPCO W", "OPCO V"])
    }

    @Test("a guessed split point inside a quoted field is found out: the first half reads on")
    func quotedSplit() throws {
        let directory = try TemporaryDirectory()
        let text = Self.lines.joined(separator: "\r\n") + "\r\n"
        let path = try directory.write("r.csv", text)
        let table = try CSVTable(path: path, schema: .registrations)
        let guess = try #require(try table.splitPoint(near: Self.share(endOf: 5, in: Self.lines)))
        // The guess is line 6's start, inside the quoted payer, which reads like a record.
        let sixth = Self.lines[0..<5].reduce(0) { $0 + $1.utf8.count + 2 }
        #expect(guess == sixth)
        #expect(try table.lineNumber(at: guess) == 6)
        var told: [Int?] = []
        var lines: [Int] = []
        let first = CSVHalf(
            table: table,
            part: CSVTable.Part(split: guess) {
                told.append($0)
                return $0 != nil
            })
        try first.forEachRecord { lines.append($0.line) }
        // Told once, that no record starts there; the first half then read to the end.
        #expect(told == [nil])
        #expect(lines == [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14])
    }

    @Test("the second half starts on its line, numbered as in the whole file; the first stops before it")
    func halves() throws {
        let directory = try TemporaryDirectory()
        let text = Self.lines.joined(separator: "\r\n") + "\r\n"
        let path = try directory.write("r.csv", text)
        let table = try CSVTable(path: path, schema: .registrations)
        let split = try #require(try table.splitPoint(near: Self.share(endOf: 8, in: Self.lines)))
        #expect(try table.lineNumber(at: split) == 9)
        var firstLines: [Int] = []
        var told: [Int?] = []
        try CSVHalf(
            table: table,
            part: CSVTable.Part(split: split) {
                told.append($0)
                return true
            }
        ).forEachRecord {
            firstLines.append($0.line)
        }
        var secondLines: [Int] = []
        var participants: [String] = []
        let participant = try #require(table.index(of: "participant_id"))
        let read = try CSVHalf(table: table, part: CSVTable.Part(start: (split, 9))).forEachRecord {
            secondLines.append($0.line)
            participants.append($0.text(participant))
        }
        #expect(told == [9])
        #expect(firstLines == [2, 3, 4, 5, 7, 8])
        #expect(secondLines == [9, 10, 11, 12, 13, 14])
        #expect(participants == ["p1", "p2", "p2", "p6", "p3", "p7"])
        #expect(read.bytes == text.utf8.count - split)
    }

    @Test("a line ended by a carriage return alone before the split point: numbered otherwise, so read whole, the same")
    func loneCarriageReturn() throws {
        var lines = Self.lines
        lines[2] += "\r" + "P;B;p9;Seul;Coop Un;inscrit;présent;;"  // line 3 ends with CR alone
        let text = lines.joined(separator: "\r\n") + "\r\n"
        let directory = try TemporaryDirectory()
        let whole = try Self.read(text, split: nil, in: directory)
        let split = try Self.read(text, split: 0.7, in: directory)
        #expect(split == whole)
        #expect(split.halvedAt == nil)
        #expect(whole.rows.count == 7)
    }
}
