import Foundation
import Testing

@testable import CoopReport

/// The evaluations are read on the other core, into a builder with a pool of its own, then
/// merged (`DatasetBuilder.append`): the dataset must be the one a single
/// builder gives reading the registrations, then the evaluations.
@Suite("Merged builders")
struct MergedBuilderTests {
    typealias F = Fixtures

    static let registrations = [
        F.reg("P/A", "p1", coop: "Coop 1", line: 2),
        F.reg("P/A", "p2", coop: "Coop 2", line: 3),
        F.reg("P/A", "p1", coop: "Coop 3", line: 4),  // a duplicate: line 4 wins, a warning
    ]
    static let responses = [
        F.resp("P/A", overall: 5, participant: "p2", id: "R1", comment: "Bien", line: 2),
        F.resp("P/A", overall: 4, participant: "p9", coop: "Coop 9", id: "R2", line: 3),
        F.resp("P/A", overall: 2, participant: "p2", id: "R1", comment: "Moyen", line: 4),  // R1 again: line 4 wins
        F.resp("P/A", overall: 3, id: "R3", submittedAt: Timestamp(day: F.day("2023-02-01")), line: 5),  // after the as-of date
    ]

    static func oneBuilder() -> Dataset {
        var builder = DatasetBuilder(catalogue: F.catalogue, asOf: F.day("2022-12-31"))
        for r in registrations { builder.add(r) }
        for r in responses { builder.add(r) }
        return builder.build()
    }

    static func twoBuilders() -> Dataset {
        var main = DatasetBuilder(catalogue: F.catalogue, asOf: F.day("2022-12-31"))
        for r in registrations { main.add(r) }
        var other = DatasetBuilder(catalogue: F.catalogue, asOf: F.day("2022-12-31"))
        for r in responses { other.add(r) }
        main.append(&other)
        return main.build()
    }

    @Test("the same texts under the same ids, the same rows, files, warnings and late rows")
    func sameDataset() {
        let one = Self.oneBuilder()
        let two = Self.twoBuilders()
        #expect(two.pool.count == one.pool.count)
        #expect((0..<one.pool.count).allSatisfy { two.pool.string(Int32($0)) == one.pool.string(Int32($0)) })
        #expect(two.files == ["r.csv", "e.csv"])
        #expect(two.files == one.files)
        func fields(_ r: ResponseRow) -> [Int32] {
            [r.session, r.responseID, r.participantID, r.email, r.cooperative, r.comment, r.line, Int32(r.file), r.answers]
        }
        #expect(two.responseRows.map(fields) == one.responseRows.map(fields))
        #expect(two.answers == one.answers)
        #expect(two.warnings == one.warnings)
        #expect(two.late == one.late)
    }

    @Test("a respondent known from the registrations keeps their id; texts new to the responses come after")
    func ids() throws {
        let two = Self.twoBuilders()
        let p2 = try #require(two.pool.lookup("p2"))
        let p9 = try #require(two.pool.lookup("p9"))
        let registered = two.registrationRows.map(\.participant)
        #expect(registered.contains(p2))
        // R1 (line 4), then R2: the later R1 replaced the first in its place.
        #expect(two.responseRows.map { two.pool.string($0.responseID) } == ["R1", "R2"])
        #expect(two.responseRows.map(\.line) == [4, 3])
        #expect(two.responseRows[0].participantID == p2)
        #expect(two.pool.string(two.responseRows[0].comment) == "Moyen")
        #expect(two.responseRows.allSatisfy { $0.file == 1 })
        // Every text of the registrations comes before every text met first in the responses.
        #expect(registered.allSatisfy { $0 < p9 })
        #expect(two.pool.lookup("R3") != nil)
    }

    @Test("warnings in reading order: the registration's duplicate, then the response's")
    func warningOrder() {
        let two = Self.twoBuilders()
        #expect(two.warnings.count == 3)
        #expect(two.warnings.map(\.file) == ["r.csv", "e.csv", "e.csv"])
        #expect(two.warnings[0].message.hasPrefix("inscription en double de p1"))
        #expect(two.warnings[1].message.contains("« R1 » apparaît de nouveau (aussi ligne 2)"))
        #expect(two.late.map(\.file) == ["e.csv"])
    }
    @Test("a response added after the merge still finds the ones taken in: the index made again when needed")
    func addAfterMerge() {
        // After the merge, R2 comes again (line 6), from another participant: only the
        // response id ties it to line 3, which it replaces in its place, as a single
        // builder reading the same rows would.
        let again = F.resp("P/A", overall: 1, participant: "p8", coop: "Coop 9", id: "R2", line: 6)
        var one = DatasetBuilder(catalogue: F.catalogue, asOf: F.day("2022-12-31"))
        for r in Self.registrations { one.add(r) }
        for r in Self.responses + [again] { one.add(r) }
        var main = DatasetBuilder(catalogue: F.catalogue, asOf: F.day("2022-12-31"))
        for r in Self.registrations { main.add(r) }
        var other = DatasetBuilder(catalogue: F.catalogue, asOf: F.day("2022-12-31"))
        for r in Self.responses { other.add(r) }
        main.append(&other)
        main.add(again)
        let (a, b) = (one.build(), main.build())
        // By hand: R1 (line 4 replaced line 2), R2 (line 6 replaced line 3); R3 is late.
        #expect(b.responseRows.map(\.line) == [4, 6])
        #expect(b.responseRows.map(\.line) == a.responseRows.map(\.line))
        #expect(b.warnings == a.warnings)
        #expect(b.warnings.filter { $0.message.contains("« R2 » apparaît de nouveau (aussi ligne 3)") }.map(\.line) == [6])
    }

    @Test("a file's second half, in a builder that leaves duplicates to the first's: settled when taken in, warnings in place")
    func secondHalf() {
        let rows = [
            F.reg("P/A", "p1", coop: "Coop 1", line: 2),
            F.reg("P/A", "p2", coop: "Coop 2", line: 3),
            F.reg("P/A", "p1", coop: "Coop 3", line: 4),  // the first half's own duplicate
            F.reg("P/A", "p2", coop: "Coop 4", line: 5),  // a duplicate of line 3, across the halves
            F.reg("P/A", "p3", coop: "Coop 4", line: 6),
            F.reg("P/A", "p2", coop: "Coop 5", line: 7),  // again: of line 5
        ]
        func note(_ line: Int) -> Diagnostic {
            Diagnostic(severity: .warning, file: "r.csv", line: line, column: "hours_attended", message: "heures ignorées")
        }
        // A warning about a kept field is given before its row is added, as the validator does.
        func feed(_ builder: inout DatasetBuilder, _ range: Range<Int>) {
            for i in range {
                if rows[i].line == 5 { builder.warn(note(5)) }
                builder.add(rows[i])
            }
        }
        var one = DatasetBuilder(catalogue: F.catalogue)
        feed(&one, 0..<6)
        var first = DatasetBuilder(catalogue: F.catalogue)
        feed(&first, 0..<3)
        var second = DatasetBuilder.later(catalogue: F.catalogue, expectedRegistrations: 3, asOf: nil)
        feed(&second, 3..<6)
        first.append(&second)
        let (a, b) = (one.build(), first.build())
        #expect(b.pool.count == a.pool.count)
        #expect((0..<a.pool.count).allSatisfy { b.pool.string(Int32($0)) == a.pool.string(Int32($0)) })
        #expect(b.registrationRows.map { String(describing: $0) } == a.registrationRows.map { String(describing: $0) })
        #expect(b.warnings == a.warnings)
        // By hand: p1 (line 4 wins), p2 (line 7), p3 (line 6); the warnings of lines 4, 5 (the
        // note, then the duplicate of line 3) and 7 (a duplicate of line 5).
        #expect(b.registrationRows.map(\.line) == [4, 7, 6])
        #expect(b.registrationRows.map { b.pool.string($0.cooperative) } == ["Coop 3", "Coop 5", "Coop 4"])
        #expect(b.warnings.map(\.line) == [4, 5, 5, 7])
        #expect(b.warnings[1] == note(5))
        #expect(b.warnings[2].message.contains("(aussi ligne 3)"))
        #expect(b.warnings[3].message.contains("(aussi ligne 5)"))
    }
}
