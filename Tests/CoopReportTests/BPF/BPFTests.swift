import Testing

@testable import CoopReport

/// The BPF on a hand-worked fixture. Programme P (NSF 313): A0 in December 2021 (7 h,
/// 100 €), the project phase, B at a distance in March 2022 (6 h, 200 €). Programme Q (NSF
/// 315): Q1 (3.5 h, 50 €). Programme R (no NSF, no objective): R1 (2 h, no price).
@Suite("BPF")
struct BPFTests {
    static func session(
        _ p: String, _ code: String, _ kind: Session.Kind, _ start: String, hours: Double, price: Double? = nil, trainers: [String] = [],
        end: String? = nil
    ) -> Session {
        Session(
            programme: p, code: code, title: code, kind: kind, start: Fixtures.day(start), end: Fixtures.day(end ?? start), hours: hours,
            priceHT: price, trainers: trainers)
    }

    static let catalogue = Catalogue(programmes: [
        Programme(
            code: "P", title: "P",
            sessions: [
                session("P", "A0", .classroom, "2021-12-10", hours: 7, price: 100, trainers: ["Int Un", "Ext Deux"]),
                session("P", "ACT", .action, "2022-01-01", hours: 0, end: "2022-03-01"),
                session("P", "B", .remote, "2022-03-15", hours: 6, price: 200, trainers: ["Int Un"]),
            ], nsf: "313 Finances, banque, assurances, immobilier"),
        Programme(
            code: "Q", title: "Q", sessions: [session("Q", "Q1", .classroom, "2022-05-10", hours: 3.5, price: 50, trainers: ["Ext Deux"])],
            nsf: "315"),
        Programme(code: "R", title: "R", sessions: [session("R", "R1", .classroom, "2022-06-01", hours: 2)]),
    ])

    static func reg(
        _ session: String, _ p: String, _ a: Registration.Attendance?, role: String = "Salarié", payer: String = "",
        status: Registration.Status = .registered, hours: Double? = nil, line: Int
    ) -> Registration {
        let parts = session.split(separator: "/").map(String.init)
        return Registration(
            session: SessionKey(parts[0], parts[1]), participant: p, cooperative: "C", role: role, status: status, attendance: a,
            hoursAttended: hours, payer: payer, line: line)
    }

    static let registrations = [
        reg("P/A0", "p1", .present, payer: "OPCO", line: 2),
        reg("P/ACT", "p1", .present, payer: "OPCO", line: 3),
        reg("P/B", "p1", .present, payer: "OPCO", line: 4),  // a: 6 h at a distance
        reg("P/A0", "p2", .present, payer: "Employeur", line: 5),
        reg("P/ACT", "p2", .present, payer: "Employeur", line: 6),  // the project phase only in 2022: 0 h
        reg("P/B", "p2", .absent, payer: "Employeur", line: 7),
        reg("P/B", "p3", .partial, role: "Apprentie", line: 8),  // b: 3 h at a distance, no payer
        reg("Q/Q1", "p3", .present, role: "Apprentie", payer: "Particulier", line: 9),  // b: 3.5 h, payer not mapped
        reg("Q/Q1", "p4", .present, payer: "OPCO", status: .cancelled, line: 10),  // cancelled: nowhere
        reg("Q/Q1", "p5", .present, payer: "OPCO", hours: 2, line: 11),  // a: 2 h
        reg("R/R1", "p6", .present, role: "Demandeur", payer: "Employeur", line: 12),  // c: 2 h
    ]

    static func settings(presentOnly: Bool = false, trainers: Bool = true) -> BPF.Settings {
        var s = BPF.Settings()
        s.roles = [TextKey.of("Apprentie"): .b, TextKey.of("Demandeur"): .c]
        s.payers = [TextKey.of("OPCO"): .c2h, TextKey.of("Employeur"): .c1, TextKey.of("Région"): .c6]
        s.payerTexts = [TextKey.of("OPCO"): "OPCO", TextKey.of("Employeur"): "Employeur", TextKey.of("Région"): "Région"]
        s.invoicePresentOnly = presentOnly
        s.objectives = ["P": .d, "Q": .a]
        s.subcontracted = BPF.Count(trainees: 1, hours: 4)
        if trainers { s.trainers = ["Int Un": .internal, "Ext Deux": .external] }
        return s
    }

    static func bpf(year: String = "2022", _ settings: BPF.Settings = settings()) -> BPF {
        let data = Dataset(catalogue: catalogue, registrations: registrations)
        let period = Period(from: Fixtures.day("\(year)-01-01"), to: Fixtures.day("\(year)-12-31"))
        let metrics = MetricsCalculator(period: period, asOf: Fixtures.day("\(year)-12-31")).compute(data)
        return BPF.compute(data, metrics: metrics, settings: settings)
    }

    @Test("F-1: one trainee per programme with hours in the year, on the line of their role; « dont à distance »; 0 h left out")
    func f1() {
        let b = Self.bpf()
        #expect(b.f1.map(\.count.trainees) == [2, 2, 1, 0, 0])  // a: (P,p1) (Q,p5); b: (P,p3) (Q,p3); c: (R,p6)
        #expect(b.f1.map(\.count.hours) == [8, 6.5, 2, 0, 0])  // a: 6 + 2; b: 3 + 3.5
        #expect(b.f1Total == BPF.Count(trainees: 5, hours: 16.5))
        #expect(b.f1Remote == BPF.Count(trainees: 2, hours: 9))  // B: p1 6 h, p3 3 h
        #expect(b.zeroHourTrainees == 1)  // (P,p2): the project phase and an absence
        #expect(b.periodHours == 16.5)
        #expect(b.remoteSessions == 1)
        #expect(b.f2 == BPF.Count(trainees: 1, hours: 4))
        #expect(b.g == BPF.Count())
    }

    @Test("F-3 by the job's objective per programme, F-4 by the catalogue's NSF code; a programme without either is left out")
    func f3f4() {
        let b = Self.bpf()
        #expect(b.f3.map(\.count.trainees) == [2, 0, 0, 2, 0, 0])  // a: Q; d: P
        #expect(b.f3.map(\.count.hours) == [5.5, 0, 0, 9, 0, 0])
        #expect(b.f3Missing == ["R"])
        #expect(b.f3Total == BPF.Count(trainees: 4, hours: 14.5))
        #expect(b.f4.map(\.code) == ["313", "315"])  // by hours: 9 then 5.5
        #expect(b.f4.map(\.label) == ["Finances, banque, assurances, immobilier", ""])
        #expect(b.f4.map(\.count) == [BPF.Count(trainees: 2, hours: 9), BPF.Count(trainees: 2, hours: 5.5)])
        #expect(b.f4Missing == ["R"])
        #expect(b.f4Total == BPF.Count(trainees: 4, hours: 14.5))
    }

    @Test("C: price per registered participant on the payer's line; unmapped and empty payers unassigned, unused keys listed")
    func revenueRegistered() {
        let b = Self.bpf()
        let amounts = Dictionary(uniqueKeysWithValues: b.revenue.map { ($0.line, $0.amount) })
        #expect(amounts[.c1] == 200)  // p2 at B (absent, but registered)
        #expect(amounts[.c2h] == 250)  // p1 at B, p5 at Q1 (p4 cancelled)
        #expect(b.revenue.filter { ![.c1, .c2h].contains($0.line) }.allSatisfy { $0.amount == 0 })
        #expect(b.revenueUnassigned == 250)  // p3 at B (no payer) and at Q1 (« Particulier »)
        #expect(b.revenueTotal == 700)
        #expect(b.unmappedPayers.map(\.value) == ["Particulier"])
        #expect(b.unusedPayers == ["Région"])
    }

    @Test("C with invoiced: present counts the present and partial only")
    func revenuePresent() {
        let b = Self.bpf(Self.settings(presentOnly: true))
        let amounts = Dictionary(uniqueKeysWithValues: b.revenue.map { ($0.line, $0.amount) })
        #expect(amounts[.c1] == 0)  // p2 absent at B
        #expect(amounts[.c2h] == 250)
        #expect(b.revenueUnassigned == 250)  // p3 partial at B, present at Q1
        #expect(b.revenueTotal == 500)
    }

    @Test("C: a registration without payer goes on bpf.default_payer when set")
    func defaultPayer() {
        var s = Self.settings()
        s.defaultPayer = .c9
        let b = Self.bpf(s)
        #expect(b.revenue.first { $0.line == .c9 }?.amount == 200)
        #expect(b.revenueUnassigned == 50)
    }

    @Test("E: each trainer gives the hours of the sessions taught in the year, internal and external apart")
    func trainers() {
        let b = Self.bpf()
        #expect(b.trainers == [.init(status: .internal, people: 1, hours: 6), .init(status: .external, people: 1, hours: 3.5)])
        let without = Self.bpf(Self.settings(trainers: false))
        #expect(without.trainers == [.init(status: nil, people: 2, hours: 9.5)])
    }

    @Test("a bpf.roles key no registration carries is named, its would-be trainees on the default line")
    func unusedRoles() {
        var settings = Self.settings()
        settings.roles[TextKey.of("Apprenti")] = .b
        settings.roleTexts[TextKey.of("Apprenti")] = "Apprenti"
        let b = Self.bpf(settings)
        #expect(b.unusedRoles == ["Apprenti"])
        #expect(Self.bpf().unusedRoles.isEmpty)
    }

    @Test("E: a session nobody attended dispensed no hour: Q1's only registration is absent")
    func unattendedSession() {
        let data = Dataset(
            catalogue: Self.catalogue, registrations: [Self.reg("P/B", "p1", .present, line: 2), Self.reg("Q/Q1", "p3", .absent, line: 3)])
        let period = Period(from: Fixtures.day("2022-01-01"), to: Fixtures.day("2022-12-31"))
        let metrics = MetricsCalculator(period: period, asOf: Fixtures.day("2022-12-31")).compute(data)
        let b = BPF.compute(data, metrics: metrics, settings: Self.settings())
        // Int Un taught B (6 h, attended); Ext Deux only Q1, which nobody attended.
        #expect(b.trainers == [.init(status: .internal, people: 1, hours: 6), .init(status: .external, people: 0, hours: 0)])
    }

    @Test("the year split: December 2021's session counts in 2021's BPF, not 2022's")
    func yearSplit() {
        let b2021 = Self.bpf(year: "2021")
        #expect(b2021.f1Total == BPF.Count(trainees: 2, hours: 14))  // (P,p1) and (P,p2) at A0
        #expect(b2021.f1Remote == BPF.Count())
        #expect(b2021.remoteSessions == 0)
        #expect(b2021.revenueTotal == 200)
        #expect(b2021.revenue.first { $0.line == .c2h }?.amount == 100)
        #expect(b2021.trainers.map(\.hours) == [7, 7])  // both trainers of A0
        let b2022 = Self.bpf()
        #expect(b2022.f1.first?.count.hours == 8)  // p1's 7 h of A0 are not in 2022
    }

    @Test("the sheet shows every frame, the checks and their gaps, on four pages at a fixed scale")
    func sheet() {
        let b = Self.bpf()
        let data = Dataset(catalogue: Self.catalogue, registrations: Self.registrations)
        let m = MetricsCalculator(
            period: Period(from: Fixtures.day("2022-01-01"), to: Fixtures.day("2022-12-31")), asOf: Fixtures.day("2022-12-31")
        )
        .compute(data)
        let plan = BPFSheet.plan(b, ReportDocument(metrics: m, inputs: [], rejects: [], warnings: [], toolVersion: "test"))
        #expect(plan.printPagesWide == 0 && plan.printScale == 72 && plan.pageBreaks.count == 3)
        let texts = plan.rows.flatMap { $0 }.compactMap { cell -> String? in
            if case .text(let t) = cell.value { return t }
            return nil
        }
        for title in ["A. ", "B. ", "C. ", "D. ", "E. ", "F-1. ", "F-2. ", "F-3. ", "F-4. ", "G. ", "H. "] {
            #expect(texts.contains { $0.hasPrefix(title) }, "\(title)")
        }
        func row(_ label: String) -> [Cell]? { plan.rows.first { $0.count > 1 && $0[1].value == .text(label) } }
        #expect(row("Total F-1 = total F-3").map { Array($0[2...3]).map(\.value) } == [.text("écart de 1"), .text("écart de 2 h")])
        #expect(row("Total F-1 = total F-4").map { Array($0[2...3]).map(\.value) } == [.text("écart de 1"), .text("écart de 2 h")])
        #expect(row("Heures F-1 = heures-stagiaires de la période (Synthèse)")?[3].value == .text("OK"))
        #expect(row("Des entreprises pour la formation de leurs salariés")?[2].value == .number(200, .euros))
        #expect(texts.contains { $0.contains("Financeur « Particulier »") })
        #expect(texts.contains { $0.contains("1 participant à un programme sans aucune heure") })
    }
}

@Suite("BPF period")
struct BPFPeriodTests {
    @Test("a BPF over anything but a calendar year stops the run, naming the period found")
    func calendarYearOnly() throws {
        var options = ReportOptions()
        options.bpf = BPF.Settings()
        let half = Period(from: Fixtures.day("2022-01-01"), to: Fixtures.day("2022-06-30"))
        #expect(throws: JobError.self) { try SmallRun(period: half, options: options) }
        #expect(throws: JobError.self) { try SmallRun(period: Period(programme: "P"), options: options) }
        let year = Period(from: Fixtures.day("2022-01-01"), to: Fixtures.day("2022-12-31"))
        #expect(try SmallRun(period: year, options: options).outcome.document.bpf != nil)
        #expect(year.isCalendarYear && !half.isCalendarYear)
    }
}
