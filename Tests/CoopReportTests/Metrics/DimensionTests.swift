import Foundation
import Logging
import Testing

@testable import CoopReport

/// The table of figures over dimensions (metrics.md v3, « Groupings »): each dimension's
/// attribution rule, the filters, the breakdowns and the comparison, on fixtures worked
/// out by hand. Catalogue: programme E1 (family E): S1 (classroom, 7 h, trainers Ana and
/// Bob, 10 Jan 2022) → S2 (remote, 3 h, trainer Bob, 10 Feb 2022); programme E0 (family E,
/// the previous edition): T1 (classroom, 7 h, Ana, 10 Jan 2021).
@Suite("Dimensions")
struct DimensionTests {
    static func session(_ p: String, _ code: String, _ kind: Session.Kind, _ start: String, hours: Double, trainers: [String]) -> Session {
        Session(
            programme: p, code: code, title: code, kind: kind, start: Fixtures.day(start), end: Fixtures.day(start), hours: hours,
            trainers: trainers)
    }

    static let catalogue = Catalogue(programmes: [
        Programme(
            code: "E1", title: "Édition 1",
            sessions: [
                session("E1", "S1", .classroom, "2022-01-10", hours: 7, trainers: ["Ana", "Bob"]),
                session("E1", "S2", .remote, "2022-02-10", hours: 3, trainers: ["Bob"]),
            ], family: "E"),
        Programme(
            code: "E0", title: "Édition 0", sessions: [session("E0", "T1", .classroom, "2021-01-10", hours: 7, trainers: ["Ana"])],
            family: "E"),
    ])

    static func reg(
        _ s: String, _ p: String, coop: String, role: String, _ a: Registration.Attendance? = .present,
        status: Registration.Status = .registered, file: String = "r.csv", line: Int
    ) -> Registration {
        let parts = s.split(separator: "/").map(String.init)
        return Registration(
            session: SessionKey(parts[0], parts[1]), participant: p, cooperative: coop, role: role, status: status, attendance: a,
            file: file, line: line)
    }

    static func resp(_ s: String, _ overall: Int, participant: String? = nil, coop: String? = nil, line: Int) -> Response {
        Fixtures.resp(s, overall: overall, participant: participant, coop: coop, line: line)
    }

    static func metrics(
        _ regs: [Registration], _ resps: [Response] = [], by: [CoopReport.Dimension] = [], filter: Filter = Filter(),
        period: Period = Period(programme: "E1")
    ) throws -> MetricsResult {
        let data = Dataset(catalogue: catalogue, registrations: regs, responses: resps)
        let calculator = MetricsCalculator(
            period: period, asOf: Fixtures.day("2022-12-31"), minGroupSize: 1, breakdowns: by.isEmpty ? [] : [Grouping(by)])
        return try calculator.compute(data, filter: filter)
    }

    static func group(_ m: MetricsResult, _ names: String...) -> Figures? {
        m.breakdowns.first?.groups.first { $0.names == names }?.figures
    }

    /// p1: Directeur at S1 (Coop A), Salarié at S2 (Coop A); p2: Salarié at S1 (Coop B), absent;
    /// p3: Directeur at S1 and S2 (Coop B).
    static let registrations = [
        reg("E1/S1", "p1", coop: "Coop A", role: "Directeur", line: 2),
        reg("E1/S2", "p1", coop: "Coop A", role: "Salarié", line: 3),
        reg("E1/S1", "p2", coop: "Coop B", role: "Salarié", .absent, line: 4),
        reg("E1/S1", "p3", coop: "Coop B", role: "Directeur", line: 5),
        reg("E1/S2", "p3", coop: "Coop B", role: "Directeur", line: 6),
    ]

    @Test("a registration belongs to its own row's role; a journey to its last row's")
    func roles() throws {
        let m = try Self.metrics(Self.registrations, by: [.role])
        let directeur = try #require(Self.group(m, "Directeur"))
        let salarie = try #require(Self.group(m, "Salarié"))
        // Rows: Directeur = p1@S1, p3@S1, p3@S2 (3 present); Salarié = p1@S2 (present), p2@S1 (absent).
        #expect(directeur.value(.registered) == 3)
        #expect(directeur.ratio(.attendanceRate) == Figures.Ratio(numerator: 3, denominator: 3))
        #expect(salarie.ratio(.attendanceRate) == Figures.Ratio(numerator: 1, denominator: 2))
        // Journeys: p1's last row (line 3) says Salarié, p2's Salarié, p3's Directeur.
        #expect(directeur.tally.journeys?.started == 1)  // p3
        #expect(salarie.tally.journeys?.started == 1)  // p1 (p2 never started: absent at S1)
        #expect(directeur.value(.participants) == 1)
        #expect(salarie.value(.participants) == 2)
        // The roles add up to the total: no row is in two roles.
        #expect(m.overall.value(.registered) == 5)
    }

    @Test(
        "a response belongs to its respondent's registration (last row by file and line), else to its own cooperative, else « Non renseignée »"
    )
    func responses() throws {
        let resps = [
            Self.resp("E1/S1", 5, participant: "p1", coop: "Coop B", line: 2),  // p1's registration wins over its own field: Coop A
            Self.resp("E1/S1", 4, participant: "p9", coop: "Coop B", line: 3),  // unknown respondent: its own field
            Self.resp("E1/S1", 2, line: 4),  // anonymous, no cooperative
        ]
        let m = try Self.metrics(Self.registrations, resps, by: [.cooperative])
        #expect(Self.group(m, "Coop A")?.value(.responses) == 1)
        #expect(Self.group(m, "Coop B")?.value(.responses) == 1)
        #expect(Self.group(m, "Non renseignée")?.value(.responses) == 1)
        // By role: p1's last row in the programme says Salarié; the others have no registration.
        let roles = try Self.metrics(Self.registrations, resps, by: [.role])
        #expect(Self.group(roles, "Salarié")?.value(.responses) == 1)
        #expect(Self.group(roles, "Non renseigné")?.value(.responses) == 2)
    }

    @Test("with registrations split over two files, the last row is the later (file, line), not the larger line")
    func splitFiles() throws {
        // p1's row in the second file is at line 2, after line 40 of the first: it is the last.
        let regs = [
            Self.reg("E1/S1", "p1", coop: "Coop A", role: "Directeur", file: "a.csv", line: 40),
            Self.reg("E1/S2", "p1", coop: "Coop B", role: "Salarié", file: "b.csv", line: 2),
        ]
        let m = try Self.metrics(regs)
        #expect(m.cooperative("Coop B")?.tally.journeys?.started == 1)
        #expect(m.cooperative("Coop A")?.tally.journeys?.started ?? 0 == 0)
        #expect(m.cooperative("Coop B")?.value(.participants) == 1)
        // The BPF's F-1 line follows the last row's role too.
        var settings = BPF.Settings()
        settings.roles = [TextKey.of("Salarié"): .b]
        let data = Dataset(catalogue: Self.catalogue, registrations: regs)
        let year = MetricsCalculator(
            period: Period(from: Fixtures.day("2022-01-01"), to: Fixtures.day("2022-12-31")), asOf: Fixtures.day("2022-12-31"))
        let bpf = BPF.compute(data, metrics: year.compute(data), settings: settings)
        #expect(bpf.f1.map(\.count.trainees) == [0, 1, 0, 0, 0])  // line b (Salarié), not a (Directeur)
    }

    @Test("a session with two trainers counts for each: the trainers' groups overlap")
    func trainers() throws {
        let m = try Self.metrics(Self.registrations, by: [.trainer])
        // Ana: S1 (p1, p2, p3); Bob: S1 and S2 (p1, p2, p3, p1, p3).
        #expect(Self.group(m, "Ana")?.value(.registered) == 3)
        #expect(Self.group(m, "Bob")?.value(.registered) == 5)
        #expect(Self.group(m, "Bob")?.value(.participants) == 3)  // distinct people
        #expect(m.overall.value(.registered) == 5)  // not 8
        #expect(Self.group(m, "Ana")?.applies(.completionRate) == false)  // a journey has no trainer
    }

    @Test("kind, month and session groups follow the session; family groups the editions")
    func sessionDimensions() throws {
        let kinds = try Self.metrics(Self.registrations, by: [.kind])
        #expect(Self.group(kinds, SessionKindLabel.french(.classroom))?.value(.registered) == 3)
        #expect(Self.group(kinds, SessionKindLabel.french(.remote))?.value(.hoursTrainee) == 6)  // p1 and p3, 3 h each
        let months = try Self.metrics(Self.registrations, by: [.month])
        #expect(Self.group(months, "2022-02")?.value(.registered) == 2)
        let regs = Self.registrations + [Self.reg("E0/T1", "p4", coop: "Coop A", role: "Salarié", line: 7)]
        let families = try Self.metrics(regs, by: [.family], period: Period())
        #expect(Self.group(families, "E")?.value(.registered) == 6)
        #expect(Self.group(families, "E")?.value(.participants) == 4)
    }

    @Test("two dimensions cross: each role within each cooperative")
    func crossed() throws {
        let m = try Self.metrics(Self.registrations, by: [.role, .cooperative])
        #expect(Self.group(m, "Directeur", "Coop A")?.value(.registered) == 1)
        #expect(Self.group(m, "Directeur", "Coop B")?.value(.registered) == 2)
        #expect(Self.group(m, "Salarié", "Coop B")?.ratio(.attendanceRate) == Figures.Ratio(numerator: 0, denominator: 1))
        #expect(m.breakdowns.first?.grouping.jsonKey == "roles_by_cooperative")
    }

    @Test("a cooperative filter keeps that cooperative's rows; a response it cannot attribute is left out and counted")
    func filterByCooperative() throws {
        let resps = [
            Self.resp("E1/S1", 5, participant: "p3", line: 2),  // Coop B through p3's registration
            Self.resp("E1/S1", 4, coop: "Coop B", line: 3),  // Coop B by its own field
            Self.resp("E1/S1", 2, line: 4),  // nobody's: left out
            Self.resp("E1/S1", 1, participant: "p1", line: 5),  // Coop A: filtered out
        ]
        let m = try Self.metrics(Self.registrations, resps, filter: Filter([.init(.cooperative, ["coop b"])]))
        // Coop B: p2 (absent) and p3 at S1, p3 at S2.
        #expect(m.overall.value(.registered) == 3)
        #expect(m.overall.ratio(.responseRate) == Figures.Ratio(numerator: 2, denominator: 2))
        #expect(m.leftOut.responses == 1)
        #expect(m.cooperatives.map(\.name) == ["Coop B"])
        #expect(m.overall.value(.participants) == 2)  // p2 and p3's journeys
    }

    @Test("a filter value no row carries is refused, naming the nearest value")
    func unknownValue() throws {
        #expect(throws: ResolvedFilter.UnknownValue.self) {
            try Self.metrics(Self.registrations, filter: Filter([.init(.cooperative, ["Coop C"])]))
        }
        do {
            _ = try Self.metrics(Self.registrations, filter: Filter([.init(.role, ["Directer"])]))
            Issue.record("no error")
        } catch let error as ResolvedFilter.UnknownValue {
            #expect(error.nearest == "Directeur")
            #expect(error.known == ["Directeur", "Salarié"])
        }
    }

    @Test("a session-decided filter narrows the sessions: a trainer's report counts their sessions only")
    func filterByTrainer() throws {
        let m = try Self.metrics(Self.registrations, filter: Filter([.init(.trainer, ["ana"])]))
        #expect(m.sessions.map(\.session.code) == ["S1"])
        #expect(m.overall.value(.registered) == 3)
    }

    @Test("previous_edition compares with the family's edition before, and says when there is none")
    func previousEdition() throws {
        let c = Comparison.previousEdition
        #expect(try c.resolve(for: Period(programme: "E1"), catalogue: Self.catalogue).get() == Period(programme: "E0"))
        #expect(throws: ComparisonError.noPreviousEdition("E0", family: "E")) {
            try c.resolve(for: Period(programme: "E0"), catalogue: Self.catalogue).get()
        }
        #expect(throws: ComparisonError.notAnEdition) { try c.resolve(for: Period(), catalogue: Self.catalogue).get() }
        // The gap of a rate is in points.
        let now = try Self.metrics(Self.registrations)  // attendance 4 / 5
        let before = try Self.metrics(
            [Self.reg("E0/T1", "p4", coop: "Coop A", role: "Salarié", .absent, line: 7)], period: Period(programme: "E0"))
        #expect(ComparedPeriod.gap(.attendanceRate, now.overall, before.overall).map { ($0 * 1000).rounded() / 1000 } == 80)
    }
}

/// Complementary suppression across a breakdown decided by the session: a trainer's group
/// is the sum of their sessions, so a hidden session must not come back as a trainer's
/// figure or as one trainer's minus another's.
@Suite("Dimensions and hidden figures")
struct DimensionSuppressionTests {
    @Test("S2 hidden (1 response), S1 then hidden as its complement: Ana, whose only session is S1, is hidden too")
    func trainerOfHiddenSession() throws {
        // S1 (Ana and Bob): 3 responses, shown on its own; S2 (Bob): 1 response, hidden.
        // E1 = S1 + S2 is shown, so S1 is hidden as S2's complement; Ana's group is S1 alone.
        let regs = DimensionTests.registrations
        let resps = [
            DimensionTests.resp("E1/S1", 5, participant: "p1", line: 2), DimensionTests.resp("E1/S1", 4, participant: "p2", line: 3),
            DimensionTests.resp("E1/S1", 2, participant: "p3", line: 4), DimensionTests.resp("E1/S2", 5, participant: "p3", line: 5),
        ]
        let data = Dataset(catalogue: DimensionTests.catalogue, registrations: regs, responses: resps)
        let m = MetricsCalculator(
            period: Period(programme: "E1"), asOf: Fixtures.day("2022-12-31"), minGroupSize: 3, breakdowns: [Grouping([.trainer])]
        ).compute(data)
        #expect(m.session("E1/S2")?.state(.satisfactionRate) == .suppressed)
        #expect(m.session("E1/S1")?.state(.satisfactionRate) == .suppressed)
        let ana = try #require(m.breakdowns.first?.groups.first { $0.names == ["Ana"] }?.figures)
        #expect(ana.tally.responses == 3)
        #expect(ana.state(.satisfactionRate) == .suppressed)
        // Bob's group is S1 + S2, both hidden: shown, it would be their sum beside hidden
        // sessions, so it is hidden as well (a group is shown only when all its sessions are).
        let bob = try #require(m.breakdowns.first?.groups.first { $0.names == ["Bob"] }?.figures)
        #expect(bob.tally.responses == 4)
        #expect(bob.state(.satisfactionRate) == .suppressed)
    }
}
