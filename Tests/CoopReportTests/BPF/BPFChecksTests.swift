import Testing

@testable import CoopReport

/// The BPF's checks compare sums made apart, so that they can fail; frames A, D and H are
/// on the sheet « à remplir »; C says it is an estimate. One programme P, session A (7 h,
/// 100 €) on 10/01/2022 and session B (7 h) on 10/02/2022.
@Suite("BPF checks and frames to fill")
struct BPFChecksTests {
    static let catalogue = Catalogue(programmes: [
        Programme(
            code: "P", title: "P",
            sessions: [
                BPFTests.session("P", "A", .classroom, "2022-01-10", hours: 7, price: 100),
                BPFTests.session("P", "B", .classroom, "2022-02-10", hours: 7),
            ], nsf: "313")
    ])

    static func plan(_ registrations: [Registration]) -> (BPF, SheetPlan) {
        let data = Dataset(catalogue: catalogue, registrations: registrations)
        let period = Period(from: Fixtures.day("2022-01-01"), to: Fixtures.day("2022-12-31"))
        let metrics = MetricsCalculator(period: period, asOf: Fixtures.day("2022-12-31")).compute(data)
        var settings = BPF.Settings()
        settings.objectives = ["P": .d]
        let bpf = BPF.compute(data, metrics: metrics, settings: settings)
        var doc = ReportDocument(metrics: metrics, inputs: [], rejects: [], warnings: [], toolVersion: "test")
        doc.options.organisation = Organisation(name: "Fédération test", siret: "99988877700015")
        return (bpf, BPFSheet.plan(bpf, doc))
    }

    static func row(_ plan: SheetPlan, _ prefix: String) -> [Cell]? {
        plan.rows.first { r in
            guard r.count > 1, case .text(let t) = r[1].value else { return false }
            return t.hasPrefix(prefix)
        }
    }

    static let attendanceCheck = "Total F-1 = inscriptions présentes ou partielles"

    @Test("the attendance check fails on a « présent » at 0 h and on hours typed on an absent row")
    func checkCanFail() throws {
        // p1: A « présent » with 0 h → present, not an F-1 trainee (no hour).
        // p2: A present → 7 h; B « absent » with 3 h typed → 3 h more, on a row not present.
        // F-1: one trainee (p2), 10 h. Present registrations: p1 and p2 (2), their hours 0 + 7 = 7.
        let (bpf, plan) = Self.plan([
            BPFTests.reg("P/A", "p1", .present, hours: 0, line: 2),
            BPFTests.reg("P/A", "p2", .present, line: 3),
            BPFTests.reg("P/B", "p2", .absent, hours: 3, line: 4),
        ])
        #expect(bpf.f1Total == BPF.Count(trainees: 1, hours: 10))
        #expect(bpf.present == BPF.Count(trainees: 2, hours: 7))
        let check = try #require(Self.row(plan, Self.attendanceCheck))
        #expect(check[2].value == .text("écart de -1") && check[3].value == .text("écart de 3 h"))
        #expect(check[2].role == .warning && check[3].role == .warning)
        // The check against Synthèse's hours, summed from the same rows, cannot see it: OK.
        #expect(Self.row(plan, "Heures F-1 = heures-stagiaires")?[3].value == .text("OK"))
    }

    @Test("the same check is OK when attendance and hours agree; estimated rows are stated with their hours")
    func checkPasses() throws {
        // p1: A present 7 h; p2: A « partiel » without hours → 3.5 h, estimated.
        let (bpf, plan) = Self.plan([
            BPFTests.reg("P/A", "p1", .present, line: 2), BPFTests.reg("P/A", "p2", .partial, line: 3),
        ])
        #expect(bpf.f1Total == BPF.Count(trainees: 2, hours: 10.5) && bpf.present == bpf.f1Total)
        let check = try #require(Self.row(plan, Self.attendanceCheck))
        #expect(check[2].value == .text("OK") && check[3].value == .text("OK"))
        let estimated = try #require(Self.row(plan, "Inscriptions comptées avec des heures estimées"))
        #expect(estimated[2].value == .number(1, .integer) && estimated[3].value == .number(3.5, .hours))
        #expect(Self.row(plan, "Lignes d'inscription écartées")?[2].value == .number(0, .integer))
    }

    @Test("A, D and H have their lines « à remplir »; A takes the organisation's identity; C is labelled an estimate")
    func framesToFill() throws {
        let (_, plan) = Self.plan([BPFTests.reg("P/A", "p1", .present, line: 2)])
        func value(_ label: String) -> Cell.Value? { plan.rows.first { $0.count > 2 && $0[1].value == .text(label) }?[2].value }
        let texts = plan.rows.joined().compactMap { cell -> String? in
            if case .text(let t) = cell.value { return t }
            return nil
        }
        #expect(texts.contains("Raison sociale : Fédération test"))
        #expect(texts.contains("Numéro SIRET : 999 888 777 00015"))
        for label in [
            "Forme juridique", "Code NAF", "Numéro de déclaration d'activité",
            "Total des charges de l'organisme liées à l'activité de formation",
            "dont salaires des formateurs", "dont achats de prestation de formation et honoraires de formation", "Nom et prénom", "Qualité",
        ] {
            #expect(value(label) == .text("à remplir"), "\(label)")
        }
        for title in ["A. Identification", "D. Bilan financier hors taxes : charges", "H. Personne ayant la qualité de dirigeant"] {
            #expect(texts.contains { $0.hasPrefix(title) }, "\(title)")
        }
        #expect(texts.contains { $0.hasPrefix("C. ") && $0.hasSuffix("estimation à rapprocher de la comptabilité") })
        #expect(texts.contains { $0.hasPrefix("Total des produits") && $0.contains("estimation à rapprocher de la comptabilité") })
    }
}
