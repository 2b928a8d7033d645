import Testing

@testable import CoopReport

/// The complaints register summarised at an as-of date, worked by hand.
@Suite("ComplaintSummary")
struct ComplaintSummaryTests {
    static func entry(
        _ date: String, _ nature: ComplaintEntry.Nature, closed: String? = nil, _ status: ComplaintEntry.Status, programme: String? = "P",
        session: String? = nil, line: Int
    ) -> ComplaintEntry {
        ComplaintEntry(
            date: Fixtures.day(date), programme: programme, session: session, nature: nature, description: "x",
            closedOn: closed.map(Fixtures.day), status: status, line: line)
    }

    static let asOf = Fixtures.day("2022-03-01")
    static let scope = RegisterScope(period: Period(), catalogue: Fixtures.catalogue, asOf: asOf)

    @Test("open, closed, days to close (median and mean), by nature; open more than 30 days flagged, 30 days not")
    func summary() throws {
        let entries = [
            Self.entry("2022-01-10", .complaint, closed: "2022-01-14", .closed, line: 2),  // 4 days
            Self.entry("2022-01-20", .difficulty, .open, line: 3),  // open 40 days at 1 March: flagged
            Self.entry("2022-01-30", .incident, .inProgress, line: 4),  // open 30 days: not flagged
            Self.entry("2022-02-01", .complaint, closed: "2022-02-11", .closed, line: 5),  // 10 days
            Self.entry("2022-02-01", .hazard, closed: "2022-02-20", .closed, line: 6),  // 19 days
            Self.entry("2022-02-10", .hazard, closed: "2022-03-05", .closed, line: 7),  // closed after the as-of date: open then, 19 days
            Self.entry("2022-03-02", .complaint, .open, line: 8),  // after the as-of date: left out
        ]
        let s = ComplaintSummary(entries, scope: Self.scope)
        #expect(s.entries.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(s.total.entries == 6 && s.total.open == 3 && s.total.closed == 3 && s.total.overdue == 1)
        #expect(s.total.daysToClose.sorted() == [4, 10, 19])
        #expect(s.total.medianDaysToClose == 10)
        #expect(s.total.meanDaysToClose == 11)
        #expect(s.entries.map { $0.days(at: Self.asOf) } == [4, 40, 30, 10, 19, 19])
        #expect(s.entries.map { $0.isOverdue(at: Self.asOf) } == [false, true, false, false, false, false])
        let byNature = Dictionary(uniqueKeysWithValues: s.byNature.map { ($0.nature, $0.counts) })
        #expect(s.byNature.map(\.nature) == [.complaint, .difficulty, .incident, .hazard])
        #expect(byNature[.complaint]?.entries == 2 && byNature[.complaint]?.medianDaysToClose == 7)
        #expect(byNature[.hazard]?.open == 1 && byNature[.hazard]?.closed == 1)
        #expect(byNature[.difficulty]?.overdue == 1 && byNature[.difficulty]?.medianDaysToClose == nil)
    }

    @Test("a report covers the entries of its sessions, of its programmes, and those without programme dated in its period")
    func scope() {
        let june = RegisterScope(
            period: Period(from: Fixtures.day("2022-04-01"), to: Fixtures.day("2022-04-30")), catalogue: Fixtures.catalogue,
            asOf: Fixtures.day("2022-04-30"))
        #expect(june.includes(programme: "P", session: "B", date: Fixtures.day("2022-04-05")))
        #expect(!june.includes(programme: "P", session: "A", date: Fixtures.day("2022-04-05")))  // A started in January
        #expect(june.includes(programme: "P", session: nil, date: Fixtures.day("2022-01-05")))  // P has B in April
        #expect(june.includes(programme: nil, session: nil, date: Fixtures.day("2022-04-12")))
        #expect(!june.includes(programme: nil, session: nil, date: Fixtures.day("2022-03-31")))
        let q = RegisterScope(period: Period(programme: "Q"), catalogue: Fixtures.catalogue, asOf: Fixtures.day("2022-12-31"))
        #expect(!q.includes(programme: "P", session: nil, date: Fixtures.day("2022-04-20")))
        #expect(q.includes(programme: nil, session: nil, date: Fixtures.day("2022-04-20")))  // Q1's day
        #expect(!q.includes(programme: nil, session: nil, date: Fixtures.day("2022-04-21")))
    }
}
