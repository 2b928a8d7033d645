import Testing

@testable import CoopReport

@Suite("MetricsCalculator")
struct MetricsCalculatorTests {
    typealias F = Fixtures

    @Test("counts statuses and attendance, and the attendance rate is present / (present + absent)")
    func attendance() throws {
        let m = F.metrics([
            F.reg("P/A", "p1", .present), F.reg("P/A", "p2", .partial), F.reg("P/A", "p3", .absent),
            F.reg("P/A", "p4", nil), F.reg("P/A", "p5", status: .cancelled, .present), F.reg("P/A", "p6", status: .waitlisted, nil),
        ])
        let a = try #require(m.session("P/A"))
        #expect(a.value(.registered) == 4)
        #expect(a.value(.cancelled) == 1)
        #expect(a.value(.waitlisted) == 1)
        #expect(a.value(.present) == 2)  // present + partial
        #expect(a.value(.absent) == 1)
        #expect(a.value(.unrecorded) == 1)
        #expect(a.value(.attendanceRate) == 2.0 / 3.0)
        // 4 registered of capacity 10; 4 × 100 €.
        #expect(a.value(.fillRate) == 0.4)
        #expect(a.value(.revenueHT) == 400)
    }

    @Test("a rate with a zero denominator is empty, and a session without capacity has no fill rate")
    func zeroDenominators() throws {
        let m = F.metrics([F.reg("Q/Q1", "p1", nil)])
        let q = try #require(m.session("Q/Q1"))
        #expect(q.value(.attendanceRate) == nil)
        #expect(q.value(.responseRate) == nil)
        #expect(q.value(.satisfactionRate) == nil)
        #expect(q.value(.nps) == nil)
        #expect(q.value(.fillRate) == nil)
        #expect(q.value(.revenueHT) == nil)
        #expect(q.value(.registered) == 1)
    }

    @Test("hours: explicit hours win, partial is half, half-days count halves, absent and unrecorded count 0")
    func hours() throws {
        let m = F.metrics([
            F.reg("P/A", "p1", .present),  // 7
            F.reg("P/A", "p2", .partial),  // 3.5
            F.reg("P/A", "p3", .absent, hours: 2.5),  // explicit: 2.5
            F.reg("P/A", "p4", .partial, halfDays: HalfDays(morning: true, afternoon: false)),  // 7 × 1/2 = 3.5
            F.reg("P/A", "p5", .absent, halfDays: HalfDays(morning: false, afternoon: nil)),  // 0
            F.reg("P/A", "p6", nil),  // 0
            F.reg("P/A", "p7", status: .cancelled, .present, hours: 7),  // not registered: 0
        ])
        #expect(try #require(m.session("P/A")).value(.hoursTrainee) == 7 + 3.5 + 2.5 + 3.5)
    }

    @Test("a duplicate registration: the later row wins and is reported as a warning")
    func duplicates() throws {
        var builder = DatasetBuilder(catalogue: F.catalogue)
        builder.add(F.reg("P/A", "p1", .absent, line: 2))
        builder.add(F.reg("P/A", "p1", .present, line: 5))
        let data = builder.build()
        #expect(data.registrations.count == 1)
        #expect(data.registrations[0].attendance == .present)
        #expect(data.warnings.map(\.line) == [5])
        #expect(data.warnings[0].file == "r.csv")
        let m = MetricsCalculator(asOf: F.day("2022-12-31")).compute(data)
        #expect(try #require(m.session("P/A")).value(.present) == 1)
    }

    @Test("a repeated response id counts once, with the later row's answers")
    func repeatedResponse() throws {
        let m = F.metrics(
            [F.reg("P/A", "p1")],
            [
                F.resp("P/A", overall: 2, id: "r1", line: 2), F.resp("P/A", overall: 5, id: "r1", line: 3),
                F.resp("P/A", overall: 4),
            ])
        let a = try #require(m.session("P/A"))
        #expect(a.value(.responses) == 2)
        #expect(a.question(0).mean == 4.5)  // (5 + 4) / 2
        #expect(a.value(.responseRate) == 2)  // 2 responses, 1 present: shown as it is
        #expect(m.warnings.count == 1)  // response rate above 1
    }

    @Test("satisfaction, objectives and NPS follow their definitions")
    func satisfaction() throws {
        let m = F.metrics(
            [F.reg("P/A", "p1"), F.reg("P/A", "p2"), F.reg("P/A", "p3"), F.reg("P/A", "p4")],
            [
                F.resp("P/A", overall: 5, objectives: [1: 4, 2: 3], recommend: 10),
                F.resp("P/A", overall: 4, objectives: [1: 5], recommend: 9),
                F.resp("P/A", overall: 2, objectives: [2: 1], recommend: 6),
                F.resp("P/A", overall: nil, recommend: 8),
            ])
        let a = try #require(m.session("P/A"))
        #expect(a.value(.responses) == 4)
        #expect(a.value(.responseRate) == 1)
        #expect(a.question(0).n == 3)
        #expect(a.question(0).mean == 11.0 / 3.0)
        #expect(a.value(.satisfactionRate) == 2.0 / 3.0)
        // objective answers 4, 3, 5, 1: two ≥ 4.
        #expect(a.value(.objectivesMetRate) == 0.5)
        // 2 promoters (10, 9), 1 detractor (6), 1 passive (8): 100 × (2 − 1) / 4.
        #expect(a.value(.nps) == 25)
        let objectives = try #require(m.sessions.first { $0.session.code == "A" }).objectives
        #expect(objectives.map(\.number) == [1, 2])
        #expect(objectives.map(\.wording) == ["Objectif A1", "Objectif A2"])
        #expect(objectives.map(\.n) == [2, 2])
        #expect(objectives.map(\.met) == [2, 0])
    }

    @Test("a group with fewer responses than the minimum hides satisfaction but shows counts")
    func suppression() throws {
        let m = F.metrics(
            [F.reg("P/A", "p1"), F.reg("P/A", "p2")],
            [F.resp("P/A", overall: 5, recommend: 10), F.resp("P/A", overall: 1, recommend: 0)], minGroupSize: 3)
        let a = try #require(m.session("P/A"))
        #expect(a.suppressed)
        #expect(a.value(.responses) == 2)
        #expect(a.value(.satisfactionRate) == nil)
        #expect(a.value(.nps) == nil)
        #expect(a.question(0).n == 2)
        #expect(a.question(0).mean == nil)
        #expect(a.ratio(.satisfactionRate)?.denominator == 2)
    }

    @Test("a registration to a session whose requirement was not attended is a prerequisite violation")
    func prerequisites() throws {
        let m = F.metrics([
            F.reg("P/A", "ok"), F.reg("P/ACT", "ok"), F.reg("P/B", "ok"),
            // Project not carried out (ACT absent), yet registered to B, which requires it.
            F.reg("P/A", "bad"), F.reg("P/ACT", "bad", .absent), F.reg("P/B", "bad", coop: "Coop 2"),
            F.reg("P/B", "gone", status: .cancelled, nil),  // not registered: no violation
        ])
        #expect(m.violations.map(\.registration.participant) == ["bad"])
        #expect(m.violations.first?.missing == ["ACT"])
        #expect(try #require(m.session("P/B")).value(.prerequisiteViolations) == 1)
        #expect(try #require(m.programme("P")).value(.prerequisiteViolations) == 1)
        #expect(try #require(m.cooperative("Coop 2")).value(.prerequisiteViolations) == 1)
        #expect(m.overall.value(.prerequisiteViolations) == 1)
    }

    @Test("completion counts participants present at every mandatory session; the extension is optional")
    func completion() throws {
        let regs = [
            F.reg("P/A", "p1"), F.reg("P/ACT", "p1"), F.reg("P/B", "p1"),  // completed
            F.reg("P/A", "p2"), F.reg("P/ACT", "p2", .absent),  // started, not completed
            F.reg("P/A", "p3", .absent),  // never started
            F.reg("P/A", "p4", .partial), F.reg("P/ACT", "p4"), F.reg("P/B", "p4", .partial), F.reg("P/X", "p4", .absent),
        ]
        let p = try #require(F.metrics(regs).programme("P"))
        #expect(p.value(.participants) == 4)
        #expect(p.value(.started) == 3)
        #expect(p.value(.completed) == 2)
        #expect(p.value(.completionRate) == 2.0 / 3.0)
    }

    @Test("dropout is empty until the last mandatory session has ended, then dropped / started over ended programmes")
    func dropout() throws {
        let regs = [F.reg("P/A", "p1"), F.reg("P/ACT", "p1"), F.reg("P/B", "p1"), F.reg("P/A", "p2"), F.reg("P/A", "p3")]
        // B, the last mandatory session, ends on 2022-04-05.
        let before = try #require(F.metrics(regs, asOf: "2022-04-04").programme("P"))
        #expect(before.value(.dropoutRate) == nil)
        #expect(before.value(.completionRate) == 1.0 / 3.0)
        let after = try #require(F.metrics(regs, asOf: "2022-04-05").programme("P"))
        #expect(after.value(.dropoutRate) == 2.0 / 3.0)
    }

    @Test("a response goes to its participant's cooperative, else its own column, else « Non renseignée »")
    func attribution() throws {
        let m = F.metrics(
            [F.reg("P/A", "p1", coop: "Coop 1"), F.reg("P/A", "p2", coop: "Coop 2")],
            [
                F.resp("P/A", overall: 5, participant: "p1", coop: "Coop 9"),  // registration wins: Coop 1
                F.resp("P/A", overall: 4, coop: "Coop 3"),  // anonymous with a column
                F.resp("P/A", overall: 3),  // anonymous, nothing
                F.resp("P/A", overall: 2, participant: "stranger"),
            ])  // unknown, nothing
        #expect(try #require(m.cooperative("Coop 1")).value(.responses) == 1)
        #expect(try #require(m.cooperative("Coop 2")).value(.responses) == 0)
        #expect(try #require(m.cooperative("Coop 3")).value(.responses) == 1)
        #expect(try #require(m.cooperative(MetricsCalculator.unknownCooperative)).value(.responses) == 2)
        #expect(m.cooperative("Coop 9") == nil)
        #expect(m.overall.value(.responses) == 4)
    }

    @Test("groups sum counts and recompute rates from the sums, never averaging rates")
    func grouping() throws {
        let m = F.metrics([
            F.reg("P/A", "p1"), F.reg("P/A", "p2", .absent), F.reg("P/A", "p3", .absent), F.reg("P/A", "p4", .absent),
            F.reg("P/B", "p1"),
            F.reg("Q/Q1", "p1"),
        ])
        // A: 1/4, B: 1/1, Q1: 1/1. Overall 3/6 (an average of rates would say 0.75).
        #expect(m.overall.value(.attendanceRate) == 0.5)
        #expect(try #require(m.programme("P")).value(.attendanceRate) == 2.0 / 5.0)
        #expect(try #require(m.month("2022-04")).value(.present) == 2)  // B and Q1 start in April
        #expect(try #require(m.month("2022-01")).value(.attendanceRate) == 0.25)
        // Fill rate overall: only A has a capacity: 4 / 10.
        #expect(m.overall.value(.fillRate) == 0.4)
        #expect(m.months.map(\.month) == ["2022-01", "2022-02", "2022-04"])
    }

    @Test("the period keeps sessions starting within it; journeys still see the whole programme")
    func period() throws {
        let regs = [F.reg("P/A", "p1"), F.reg("P/ACT", "p1"), F.reg("P/B", "p1"), F.reg("Q/Q1", "p2")]
        let m = F.metrics(regs, asOf: "2022-04-30", period: Period(from: F.day("2022-04-01"), to: F.day("2022-04-30")))
        #expect(m.sessions.map { $0.session.code } == ["B", "X", "Q1"])
        #expect(m.overall.value(.registered) == 2)
        let p = try #require(m.programme("P"))
        #expect(p.value(.completed) == 1)  // A and ACT are outside the period but count
        #expect(p.value(.registered) == 1)
    }

    @Test("cooperatives are listed by name ignoring case and accents")
    func cooperativeOrder() {
        let m = F.metrics([
            F.reg("P/A", "p1", coop: "Émeraude"), F.reg("P/A", "p2", coop: "coop b"),
            F.reg("P/A", "p3", coop: "Coop A"), F.reg("P/A", "p4", coop: "Zèbre"),
        ])
        #expect(m.cooperatives.map(\.name) == ["Coop A", "coop b", "Émeraude", "Zèbre"])
    }
}
