import Foundation
import Logging
import Testing

@testable import CoopReport

/// The rules metrics.md version 2 changed, each on a fixture worked out by hand. The
/// fixture catalogue: P = A (classroom, 10 Jan) → ACT (action, 1 Feb–31 Mar) → B
/// (classroom, 5 Apr, requires A and ACT) → X (extension, optional); Q = Q1 (20 Apr).
@Suite("Metrics v2")
struct MetricsV2Tests {
    typealias F = Fixtures

    @Test("the project phase is not attended: present/absent count taught sessions, projects count apart")
    func projectPhase() throws {
        let regs = [
            F.reg("P/A", "p1", .present), F.reg("P/A", "p2", .absent),
            F.reg("P/ACT", "p1", .present), F.reg("P/ACT", "p2", .absent), F.reg("P/ACT", "p3", nil),
            F.reg("P/B", "p1", .present), F.reg("P/B", "p3", nil),
        ]
        // As of 5 April, B has ended: p3's empty attendance there is unrecorded; p3's empty
        // ACT is neither a project done nor one not done.
        let p = try #require(F.metrics(regs, asOf: "2022-04-05").programme("P"))
        #expect(p.value(.present) == 2)  // p1 at A, p1 at B
        #expect(p.value(.absent) == 1)  // p2 at A
        #expect(p.value(.unrecorded) == 1)  // p3 at B
        #expect(p.ratio(.attendanceRate) == Figures.Ratio(numerator: 2, denominator: 3))
        #expect(p.value(.projectsDone) == 1)
        #expect(p.value(.projectsNotDone) == 1)
        #expect(p.value(.projectRate) == 0.5)
        #expect(p.value(.registered) == 7)  // every kind
        // The day before, B has not ended: its empty attendance is not yet unrecorded.
        #expect(F.metrics(regs, asOf: "2022-04-04").programme("P")?.value(.unrecorded) == 0)
    }

    @Test("the response rate divides by the present of surveyed sessions; a group without questionnaire says so")
    func surveyedSessions() throws {
        let regs = [
            F.reg("P/A", "p1", .present), F.reg("P/A", "p2", .present),
            F.reg("P/ACT", "p1", .present), F.reg("P/ACT", "p2", .present),
        ]
        let m = F.metrics(regs, [F.resp("P/A", overall: 5)], asOf: "2022-04-30", minGroupSize: 3)
        // 1 response over the 2 present at A, not over the 4 "present" at A and ACT.
        #expect(try #require(m.programme("P")).ratio(.responseRate) == Figures.Ratio(numerator: 1, denominator: 2))
        let act = try #require(m.session("P/ACT"))
        #expect(act.surveyed == false)
        #expect(act.state(.responseRate) == .withoutSurvey)
        #expect(act.state(.satisfactionRate) == .withoutSurvey)
        #expect(act.suppressed == false)  // not a hidden figure
        #expect(FigureCells.value(.satisfactionRate, act, minGroupSize: 3) == Cell(.note("sans questionnaire")))
        // A, with 1 response under the minimum of 3: hidden, which is another thing.
        let a = try #require(m.session("P/A"))
        #expect(a.state(.satisfactionRate) == .suppressed)
        #expect(FigureCells.value(.satisfactionRate, a, minGroupSize: 3) == Cell(.note("masqué (< 3 réponses)")))
        // February holds only ACT: without questionnaire, so no 0 % response rate in the trend.
        #expect(try #require(m.month("2022-02")).state(.responseRate) == .withoutSurvey)
        #expect(try #require(m.month("2022-01")).value(.responseRate) == 0.5)
        // A month of the trend with no session at all is empty, not « sans questionnaire ».
        let trend = Period(from: F.day("2021-12-01"), to: F.day("2022-02-28"))
        let trended = MetricsCalculator(asOf: F.day("2022-04-30"), trend: trend).compute(F.dataset(regs))
        #expect(try #require(trended.month("2021-12")).state(.responseRate) == .empty)
        #expect(try #require(trended.month("2022-02")).state(.responseRate) == .withoutSurvey)
        // In the JSON: `surveyed` false, figures null, not suppressed.
        let json = MetricsJSON.group([], act, survey: m.survey)
        #expect(json["surveyed"] == .bool(false))
        #expect(json["suppressed"] == .bool(false))
        #expect(json["satisfaction_rate"] == .null)
        #expect(json["response_rate"] == .null)
        // Nothing was asked: no numerator, no denominator either.
        for metric in [Metric.responseRate, .satisfactionRate] {
            #expect(json[metric.id + "_numerator"] == .null)
            #expect(json[metric.id + "_denominator"] == .null)
        }
    }

    @Test("a session with survey: false rejects its responses; the project phase does by default")
    func responseToSessionWithoutQuestionnaire() throws {
        let catalogue = Catalogue(programmes: [
            Programme(
                code: "R", title: "R",
                sessions: [
                    Session(
                        programme: "R", code: "V", title: "Visio", kind: .remote, start: F.day("2022-05-02"), end: F.day("2022-05-02"),
                        hours: 2, survey: false),
                    Session(
                        programme: "R", code: "W", title: "Visio 2", kind: .remote, start: F.day("2022-05-09"), end: F.day("2022-05-09"),
                        hours: 2),
                ])
        ])
        let columns = ["programme", "session", "overall"]
        let validator = ResponseValidator(catalogue: catalogue, columns: columns)
        guard case .failure(let why) = validator.validate(line: 2, values: ["R", "V", "4"]) else {
            Issue.record("a response to a session without questionnaire was accepted")
            return
        }
        #expect(why.column == "session")
        #expect(why.reason.contains("n'a pas de questionnaire"))
        #expect((try? validator.validate(line: 3, values: ["R", "W", "4"]).get()) != nil)  // remote: surveyed by default
        let fixture = ResponseValidator(catalogue: F.catalogue, columns: columns)
        guard case .failure(let act) = fixture.validate(line: 4, values: ["P", "ACT", "4"]) else {
            Issue.record("a response to the project phase was accepted")
            return
        }
        #expect(act.column == "session")
    }

    /// P ended on 5 April. Seven journeys, each with the outcome written beside it.
    static let journeyRegistrations = [
        // completed
        F.reg("P/A", "c1", .present), F.reg("P/ACT", "c1", .present), F.reg("P/B", "c1", .present),
        // dropped: did A, skipped the project, still came to B (and breaks B's prerequisite)
        F.reg("P/A", "d1", .present), F.reg("P/ACT", "d1", .absent), F.reg("P/B", "d1", .present),
        // dropped: absent at B
        F.reg("P/A", "d2", .present), F.reg("P/ACT", "d2", .present), F.reg("P/B", "d2", .absent),
        // dropped: B cancelled
        F.reg("P/A", "d3", .present), F.reg("P/ACT", "d3", .present), F.reg("P/B", "d3", status: .cancelled, nil),
        // dropped: no registration to B at all
        F.reg("P/A", "d4", .present), F.reg("P/ACT", "d4", .present),
        // à vérifier: B's attendance never typed in
        F.reg("P/A", "u1", .present), F.reg("P/ACT", "u1", .present), F.reg("P/B", "u1", nil),
        // not started: absent at A (and at B without A: a prerequisite violation)
        F.reg("P/A", "n1", .absent), F.reg("P/ACT", "n1", .present), F.reg("P/B", "n1", .present),
    ]

    @Test("journeys: started, completed, dropped for a recorded reason, « à vérifier » when only unrecorded")
    func journeys() throws {
        let m = F.metrics(Self.journeyRegistrations, asOf: "2022-12-31")
        let p = try #require(m.programme("P"))
        #expect(p.value(.participants) == 7)
        #expect(p.value(.started) == 6)  // all but n1
        #expect(p.value(.completed) == 1)  // c1
        #expect(p.value(.dropped) == 4)  // d1…d4
        #expect(p.value(.unverified) == 1)  // u1
        #expect(p.ratio(.completionRate) == Figures.Ratio(numerator: 1, denominator: 6))
        #expect(p.ratio(.dropoutRate) == Figures.Ratio(numerator: 4, denominator: 6))
        // d1 at B lacks ACT; n1 lacks A at ACT (which requires A) and at B; u1 at B has both.
        #expect(
            m.violations.map { "\($0.registration.participant)@\($0.registration.session.session) \($0.missing)" }.sorted() == [
                "d1@B [\"ACT\"]", "n1@ACT [\"A\"]", "n1@B [\"A\"]",
            ])
        // The « à vérifier » journey is a data-quality alert.
        #expect(m.warnings.contains { $0.message.contains("1 parcours à vérifier, présence B non saisie") })
        // While P runs (as of 4 April, before B), nothing is dropped or to verify: « en cours ».
        let running = try #require(F.metrics(Self.journeyRegistrations, asOf: "2022-04-04").programme("P"))
        #expect(running.value(.dropped) == 0)
        #expect(running.value(.unverified) == 0)
        #expect(running.state(.dropoutRate) == .inProgress)
    }

    @Test("Parcours says why: the steps not done and the reason, from the same rule as the figures")
    func journeyWords() throws {
        let data = F.dataset(Self.journeyRegistrations)
        let asOf = F.day("2022-12-31")
        let metrics = MetricsCalculator(asOf: asOf).compute(data)
        let evidence = EvidenceBuilder(period: Period(), asOf: asOf).build(data, metrics: metrics)
        var words: [String: String] = [:]
        for j in evidence.journeys where j.programme.code == "P" { words[j.participant] = j.outcomeText }
        #expect(
            words == [
                "c1": "terminé", "d1": "abandon : ACT non réalisée", "d2": "abandon : B : absent",
                "d3": "abandon : B : inscription annulée", "d4": "abandon : B : non inscrit",
                "u1": "à vérifier : présence B non saisie", "n1": "non commencé",
            ])
    }

    @Test("participants are distinct people in every group, not a sum over programmes")
    func distinctPeople() throws {
        let m = F.metrics([
            F.reg("P/A", "p1", coop: "Coop 1"), F.reg("Q/Q1", "p1", coop: "Coop 1"),
            F.reg("P/A", "p2", coop: "Coop 2"), F.reg("Q/Q1", "p3", coop: "Coop 1", status: .cancelled),
        ])
        #expect(m.programme("P")?.value(.participants) == 2)
        #expect(m.programme("Q")?.value(.participants) == 1)  // p3 cancelled: no journey
        #expect(m.overall.value(.participants) == 2)  // p1 counted once, not 2 + 1
        #expect(m.cooperative("Coop 1")?.value(.participants) == 1)  // p1's two journeys, one person
        #expect(m.cooperative("Coop 2")?.value(.participants) == 1)
        #expect(m.month("2022-01")?.value(.participants) == 2)  // p1 and p2 at A
        #expect(m.session("Q/Q1")?.value(.participants) == 1)
    }

    @Test("an identified respondent who answers twice counts once: later submission wins, else later row")
    func resubmissions() throws {
        func at(_ iso: String, _ hour: Int) -> Timestamp { Timestamp(day: F.day(iso), secondsOfDay: hour * 3600) }
        let responses = [
            // p1: the row later in the file was submitted earlier; the earlier row wins.
            F.resp("P/A", overall: 2, participant: "p1", submittedAt: at("2022-01-11", 10), line: 2),
            F.resp("P/A", overall: 5, participant: "p1", submittedAt: at("2022-01-10", 18), line: 3),
            // p2: no times: the later row wins.
            F.resp("P/A", overall: 1, participant: "p2", line: 4),
            F.resp("P/A", overall: 4, participant: "p2", line: 5),
            // Anonymous responses all count.
            F.resp("P/A", overall: 5, line: 6), F.resp("P/A", overall: 3, line: 7),
        ]
        let data = F.dataset([F.reg("P/A", "p1"), F.reg("P/A", "p2")], responses)
        let a = try #require(MetricsCalculator(asOf: F.day("2022-12-31"), minGroupSize: 1).compute(data).session("P/A"))
        #expect(a.value(.responses) == 4)  // p1 once, p2 once, two anonymous
        // Answers kept: 2 (p1, line 2), 4 (p2, line 5), 5, 3 → satisfied 4 and 5.
        #expect(a.ratio(.satisfactionRate) == Figures.Ratio(numerator: 2, denominator: 4))
        #expect(a.question(0).mean == 14.0 / 4.0)
        let set = data.warnings.filter { $0.message.contains("a répondu deux fois") }
        #expect(set.map(\.line).sorted() == [3, 4])  // the responses set aside
    }
}

@Suite("Metrics v2, edge cases")
struct MetricsV2EdgeTests {
    typealias F = Fixtures

    @Test("the dropout rate divides by the started journeys of ended programmes only")
    func dropoutOverEndedProgrammes() throws {
        // P ended on 5 April; Q's only session is on 20 April: as of 10 April, Q runs.
        let m = F.metrics(
            [
                F.reg("P/A", "p1", .present), F.reg("P/ACT", "p1", .present), F.reg("P/B", "p1", .absent),  // dropped
                F.reg("P/A", "p2", .present), F.reg("P/ACT", "p2", .present), F.reg("P/B", "p2", .present),  // completed
                F.reg("Q/Q1", "q1", .present), F.reg("Q/Q1", "q2", .present), F.reg("Q/Q1", "q3", .present),  // Q started
            ], asOf: "2022-04-10")
        // Overall: 5 started, 1 dropped; only P's 2 started journeys have ended: 1 / 2.
        #expect(m.overall.value(.started) == 5)
        #expect(m.overall.ratio(.dropoutRate) == Figures.Ratio(numerator: 1, denominator: 2))
        #expect(m.programme("Q")?.state(.dropoutRate) == .inProgress)
    }

    @Test("a cooperative known only from responses has no dropout rate, not « en cours »")
    func responsesOnlyCooperative() throws {
        let m = F.metrics([F.reg("P/A", "p1", coop: "Coop 1")], [F.resp("P/A", overall: 4, coop: "Coop Réponse")])
        #expect(m.cooperative("Coop Réponse")?.state(.dropoutRate) == .empty)
        #expect(m.cooperative("Coop Réponse")?.value(.participants) == 0)
    }

    @Test("a programme with no mandatory session counts its participants, none started")
    func noMandatorySession() throws {
        let catalogue = Catalogue(programmes: [
            Programme(
                code: "C", title: "Conférences",
                sessions: [
                    Session(
                        programme: "C", code: "C1", title: "C1", kind: .extension, start: F.day("2022-05-02"), end: F.day("2022-05-02"),
                        hours: 2)
                ])
        ])
        let data = F.dataset([F.reg("C/C1", "x1"), F.reg("C/C1", "x2")], catalogue: catalogue)
        let c = try #require(MetricsCalculator(asOf: F.day("2022-12-31")).compute(data).programme("C"))
        #expect(c.value(.participants) == 2)
        #expect(c.value(.started) == 0)
        #expect(c.state(.dropoutRate) == .inProgress)  // no step: the programme never « ends »
    }

    @Test("one person in two cooperatives counts once in each; twice in neither")
    func personInTwoCooperatives() throws {
        let m = F.metrics([F.reg("P/A", "p1", coop: "Coop 1"), F.reg("Q/Q1", "p1", coop: "Coop 2"), F.reg("Q/Q1", "p2", coop: "Coop 2")])
        #expect(m.cooperative("Coop 1")?.value(.participants) == 1)
        #expect(m.cooperative("Coop 2")?.value(.participants) == 2)
        #expect(m.overall.value(.participants) == 2)
    }

    @Test("resubmissions: equal times → later row; e-mail-only respondents too; id and e-mail are two respondents")
    func resubmissionKeys() throws {
        let noon = Timestamp(day: F.day("2022-01-10"), secondsOfDay: 12 * 3600)
        func byEmail(_ overall: Int, _ email: String, line: Int) -> Response {
            Response(session: SessionKey("P", "A"), email: email, answers: [overall, nil, nil, nil, nil], file: "e.csv", line: line)
        }
        let responses = [
            F.resp("P/A", overall: 1, participant: "p1", submittedAt: noon, line: 2),
            F.resp("P/A", overall: 5, participant: "p1", submittedAt: noon, line: 3),  // same time: the later row wins
            byEmail(2, "x@example.org", line: 4), byEmail(4, "x@example.org", line: 5),  // the later row wins
            byEmail(3, "p1@example.org", line: 6),  // only an e-mail: another respondent than « p1 »
        ]
        let a = try #require(F.metrics([F.reg("P/A", "p1")], responses).session("P/A"))
        #expect(a.value(.responses) == 3)
        // Kept: 5 (p1, line 3), 4 (x, line 5), 3 (p1's e-mail): mean 4, satisfied 2 of 3.
        #expect(a.question(0).mean == 4)
        #expect(a.ratio(.satisfactionRate) == Figures.Ratio(numerator: 2, denominator: 3))
    }

    @Test("an improvement point lists the comments of the responses that scored it low, and only those")
    func improvementComments() throws {
        let responses = [
            F.resp("P/A", overall: 2, objectives: [1: 5], comment: "trop long"),  // low on overall only
            F.resp("P/A", overall: 5, objectives: [1: 1], comment: "objectif flou"),  // low on objective 1 only
            F.resp("P/A", overall: 3, comment: nil),  // low on overall, no comment
            F.resp("P/A", overall: 4, objectives: [1: 4], comment: "bien"),
        ]
        let data = F.dataset([], responses)
        let asOf = F.day("2022-12-31")
        let metrics = MetricsCalculator(asOf: asOf, minGroupSize: 3).compute(data)
        let points = EvidenceBuilder(period: Period(), asOf: asOf).improvements(metrics)
        // Overall: 2 of 4 satisfied (5, 4) = 50 %; objective 1: 2 of 3 met (5, 4) ≈ 67 %; both < 80 %.
        #expect(points.map(\.label) == ["Satisfaction globale", "Objectif 1 : Objectif A1"])
        #expect(points.map(\.satisfied) == [0.5, 2.0 / 3.0])
        #expect(points.map(\.comments) == [["trop long"], ["objectif flou"]])
    }
}

@Suite("Metrics v2 on the shipped sample")
struct SampleV2Tests {
    func run(_ job: String) throws -> (ReportOutcome, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        var parsed = try JobReader.read(path: Repository.path(job))
        parsed.output = dir.url.appendingPathComponent("out").path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return (try Pipeline(logger: logger).run(ReportRequest(job: parsed, asOf: nil, today: Fixtures.day("2026-11-27"))), dir)
    }

    /// By hand from input/README.md's table (present incl. partial, absent, responses):
    /// S1 34, 2, 29; S2 25, 1, 20 (P001's resubmission replaces, not adds); EXT 10, 1, 2;
    /// ACTION's 30 projects done are not attendance, and it has no questionnaire.
    @Test("FVC-2122: attendance 69 / 73 and response rate 51 / 69 over the taught, surveyed sessions")
    func programmeRates() throws {
        let (outcome, dir) = try run("jobs/qualiopi-FVC-2122.yml")
        defer { withExtendedLifetime(dir) {} }
        let fvc = try #require(outcome.document.metrics.programme("FVC-2122"))
        #expect(fvc.ratio(.attendanceRate) == Figures.Ratio(numerator: 34 + 25 + 10, denominator: 34 + 25 + 10 + 2 + 1 + 1))
        #expect(fvc.ratio(.responseRate) == Figures.Ratio(numerator: 29 + 20 + 2, denominator: 34 + 25 + 10))
        #expect(fvc.value(.projectsDone) == 30)
        #expect(fvc.value(.projectsNotDone) == 4)
        // Two S2 registrations with empty attendance (lines 98 and 105) belong to journeys
        // that are otherwise done: « à vérifier », not dropouts.
        #expect(fvc.value(.unverified) == 2)
    }

    @Test("the sample workbook says « sans questionnaire » for ACTION and « masqué » for EXT's two responses")
    func withoutSurveyCells() throws {
        let (outcome, dir) = try run("jobs/sample.yml")
        let x = try XLSXReader(url: dir.url.appendingPathComponent("out/report.xlsx"))
        let grid = x.grid("Sessions")
        let header = try #require(grid.first).map { $0?.value ?? "" }
        let session = try #require(header.firstIndex(of: "Session"))
        let satisfaction = try #require(header.firstIndex(of: Metric.satisfactionRate.label))
        let rate = try #require(header.firstIndex(of: Metric.responseRate.label))
        func cell(_ code: String, _ column: Int) -> XLSXReader.StoredCell? {
            grid.first { $0.indices.contains(session) && $0[session]?.value == code }?[column]
        }
        #expect(cell("ACTION", satisfaction)?.value == "sans questionnaire")
        #expect(cell("ACTION", rate)?.value == "sans questionnaire")
        #expect(cell("EXT", satisfaction)?.value == "masqué (< 3 réponses)")
        #expect(cell("EXT", rate)?.isNumber == true)  // 2 responses / 10 present: a count, shown
        // Synthèse flags its satisfaction and objectives rates below the target too.
        let summary = x.grid("Synthèse")
        let synthese = String(decoding: try #require(x.parts["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        for metric in Metric.allCases where metric.hasTarget {
            let rows = summary.indices.filter { summary[$0].first??.value == metric.label }
            #expect(rows.count == 2, "\(metric.id): a key figure and a line of the full list")
            for row in rows {
                #expect(synthese.contains("<formula>AND(ISNUMBER(B\(row + 1)),B\(row + 1)&lt;0.8)</formula>"), "\(metric.id)")
            }
        }
        // The dropout rate is flagged above its ceiling, not below.
        let dropout = try #require(summary.firstIndex { $0.first??.value == Metric.dropoutRate.label })
        #expect(synthese.contains("<formula>AND(ISNUMBER(B\(dropout + 1)),B\(dropout + 1)&gt;0.15)</formula>"))
        // The overall participants are 38 people, not 36 + 6 journeys.
        #expect(outcome.document.metrics.overall.value(.participants) == 38)
    }
}

extension JSONValue {
    /// A member of an object, for reading a group back in tests.
    fileprivate subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}
