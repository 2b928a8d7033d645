import Foundation
import Testing

@testable import CoopReport

/// Indicateurs in the reference's words, on the SmallRun inputs read back from the
/// workbook: sessions A (10/01/2022) and B (10/02/2022) of programme P, as of 01/03/2022.
@Suite("IndicatorsSheet")
struct IndicatorsSheetTests {
    static var options: ReportOptions {
        var o = ReportOptions()
        o.evidence = true
        return o
    }

    /// A phrase of each indicator's wording in the Référentiel national qualité: the sheet
    /// quotes it, it does not paraphrase it.
    static let quoted: [Int: String] = [
        1: "détaillée et vérifiable sur les prestations proposées : prérequis, objectifs, durée, modalités et délais d'accès, tarifs",
        2: "diffuse des indicateurs de résultats adaptés à la nature des prestations mises en œuvre et des publics accueillis",
        8: "détermine les procédures de positionnement et d'évaluation des acquis à l'entrée de la prestation",
        11: "évalue l'atteinte par les publics bénéficiaires des objectifs de la prestation",
        12: "favoriser l'engagement des bénéficiaires et prévenir les ruptures de parcours",
        30: "bénéficiaires, financeurs, équipes pédagogiques et entreprises concernées",
        31: "des réclamations exprimées par ces dernières, des aléas survenus en cours de prestation",
        32: "met en œuvre des mesures d'amélioration à partir de l'analyse des appréciations et des réclamations",
    ]

    func column(_ grid: [[XLSXReader.StoredCell?]], _ header: String) -> Int {
        grid.first?.firstIndex { $0?.value == header } ?? -1
    }

    @Test("each indicator quotes the reference's text and says what the data cannot evidence")
    func texts() throws {
        let grid = try SmallRun(options: Self.options).workbook().grid("Indicateurs")
        let text = column(grid, "Indicateur (texte du référentiel)")
        let cannot = column(grid, "Ce que les données ne prouvent pas")
        var seen: [Int] = []
        for row in grid.dropFirst() {
            guard let number = row.first??.number.map(Int.init) else { continue }
            seen.append(number)
            let quote = try #require(row[text]?.value)
            #expect(quote.hasPrefix("« Le prestataire ") && quote.hasSuffix(" »"), "\(number)")
            #expect(quote.contains(Self.quoted[number] ?? "—"), "\(number): \(quote)")
            #expect((row[cannot]?.value ?? "").count > 40, "\(number)")
        }
        #expect(seen == [1, 2, 8, 11, 12, 30, 31, 32])
        let all = grid.flatMap { $0.compactMap { $0?.value } }.joined(separator: "|")
        #expect(all.contains("financeurs, des équipes pédagogiques"))  // 30: the appraisals that are not in the data
        #expect(!all.contains("toutes les sessions du programme"))
    }

    /// SmallRun: sessions A (10/01/2022) and B (10/02/2022); the evaluations have no
    /// submission date; no register, no cold questionnaire.
    @Test("every figure row gives the dates of the data it rests on, its population and its method")
    func dataDates() throws {
        let grid = try SmallRun(options: Self.options).workbook().grid("Indicateurs")
        let dates = column(grid, "Dates des données")
        let figure = column(grid, "Figure")
        let rows = grid.dropFirst().filter { $0.count > dates && $0[figure] != nil }
        #expect(rows.count == 19)  // with the cold figures of 11 and 30 and indicator 1's two
        func shown(_ label: String) -> String? { rows.first { $0[figure]?.value == label }?[dates]?.value }
        let sessions = "sessions du 10/01/2022 au 10/02/2022"
        #expect(shown(Metric.attendanceRate.label) == sessions)
        #expect(shown(QualiopiIndicator.stepOrderLabel) == sessions)
        #expect(shown(Metric.satisfactionRate.label) == "réponses sans date")  // three responses, none dated
        #expect(shown(Metric.responseRate.label) == "réponses sans date\n" + sessions)
        #expect(shown(Metric.dropoutRate.label) == sessions + "\nparcours à la date d'arrêté du 01/03/2022")
        #expect(shown("Sessions au catalogue complet") == "catalogue des sessions du 10/01/2022 au 10/02/2022")
        #expect(shown("Objectifs appliqués à froid") == "questionnaire à froid non fourni")
        #expect(shown("Réclamations, difficultés et aléas enregistrés") == "registre non fourni")
        #expect(shown("Actions en retard") == "plan d'amélioration non fourni")
        for row in rows {
            #expect(row[dates]?.value.isEmpty == false)
            #expect(row[column(grid, "Population")]?.value.isEmpty == false)
            #expect(row[column(grid, "Méthode")]?.value.isEmpty == false)
        }
        // The period itself, and the as-of date, in the note below.
        let all = grid.flatMap { $0.compactMap { $0?.value } }.joined(separator: "|")
        #expect(all.contains("Période du rapport : du 10/01/2022 au 10/02/2022, arrêté au 01/03/2022"))
    }

    /// As of 01/03/2022: the hot answers of 10/01 and 11/01 count; those of 02/03, 05/03
    /// and 10/03 (p1's second answer to A among them) had not been given.
    static let datedEvaluations =
        "programme,session,participant_id,submitted_at,overall,objective_1,recommend,comment\n"
        + "P,A,p1,2022-01-10,5,4,10,Très utile\n"
        + "P,A,p3,11/01/2022 17:30,4,2,7,\n"
        + "P,A,,2022-03-05,2,,3,Arrivé trop tard\n"
        + "P,B,p1,2022-02-10,5,,,\n"
        + "P,B,p2,2022-03-02T09:00:00+01:00,4,,,\n"
        + "P,A,p1,2022-03-10,1,1,0,Changé d'avis\n"

    @Test("evaluations submitted after the as-of date count in no figure, and one alert says how many")
    func evaluationsAfterAsOf() throws {
        let run = try SmallRun(options: Self.options, evaluations: Self.datedEvaluations)
        let doc = run.outcome.document
        let a = try #require(doc.metrics.sessions.first { $0.session.code == "A" })
        let b = try #require(doc.metrics.sessions.first { $0.session.code == "B" })
        // A: p1's first answer (5) and p3's (4): 2 responses, 2 satisfied; B: p1's only.
        #expect(a.figures.tally.responses == 2 && b.figures.tally.responses == 1)
        #expect(doc.metrics.overall.tally.responses == 3)
        let overall = try #require(try run.metricsJSON()["overall"] as? [String: Any])
        #expect(MetricsJSONTests.number(overall["responses"]) == 3)
        #expect(MetricsJSONTests.number(overall["satisfaction_rate_numerator"]) == 3)
        #expect(doc.metrics.comments.map(\.text) == ["Très utile"])
        #expect(!doc.warnings.contains { $0.message.contains("a répondu deux fois") })
        let late = doc.warnings.filter { $0.message.contains("après la date d'arrêté") }
        #expect(late.count == 1)
        #expect(late.first?.column == "submitted_at" && late.first?.file.hasSuffix("evaluations.csv") == true)
        #expect(
            late.first?.message.hasPrefix("3 réponses datées après la date d'arrêté (01/03/2022), du 02/03/2022 au 10/03/2022 (P/A, P/B)")
                == true)
        #expect(doc.lateRows.map(\.count) == [3])
        // Indicateurs dates the satisfaction figures by the answers counted.
        let grid = try run.workbook().grid("Indicateurs")
        let dates = column(grid, "Dates des données")
        let row = try #require(grid.first { $0.count > dates && $0[2]?.value == Metric.satisfactionRate.label })
        #expect(row[dates]?.value == "réponses du 10/01/2022 au 10/02/2022")
    }

    @Test("the job's bounds give the dates when it has both; sessions' dates otherwise")
    func periodDates() {
        let regs = [Fixtures.reg("P/A", "p1"), Fixtures.reg("P/B", "p1")]
        let bounded = Fixtures.metrics(regs, period: Period(from: Fixtures.day("2022-01-01"), to: Fixtures.day("2022-06-30")))
        #expect(IndicatorsSheet.periodDates(bounded) == "du 01/01/2022 au 30/06/2022")
        // Programme P: A on 10/01, the project phase to 31/03, B on 05/04, X on 06/04.
        let programme = Fixtures.metrics(regs, period: Period(programme: "P"))
        #expect(IndicatorsSheet.periodDates(programme) == "du 10/01/2022 au 06/04/2022")
    }

    @Test("every link goes to a sheet of the workbook; a sheet not produced is named in a note")
    func links() throws {
        let x = try SmallRun(options: Self.options).workbook()
        let links = x.sheetTree("Indicateurs").all("hyperlink").compactMap { $0.attributes["location"] }
        #expect(links.count == 19)  // every figure row: the register and cold sheets exist, « non fourni » inside
        for location in links {
            // `'Plan d''amélioration'!A1`: the name between the outer quotes, quotes doubled.
            #expect(location.hasPrefix("'") && location.hasSuffix("'!A1"), "\(location)")
            let name = String(location.dropFirst().dropLast(4)).replacingOccurrences(of: "''", with: "'")
            #expect(x.sheetNames.contains(name), "\(name)")
        }
        let targets = Set(links)
        for sheet in [
            "Catalogue", "Satisfaction", "Sessions", "Parcours", "Relevé d''assiduité", "Alertes", "Objectifs", "Plan d''amélioration",
            "Réclamations et difficultés",
        ] {
            #expect(targets.contains("'\(sheet)'!A1"), "\(sheet)")
        }
        // Without registers, 31's and 32's register figures say so.
        let grid = x.grid("Indicateurs")
        let figure = column(grid, "Figure")
        let value = column(grid, "Chiffre")
        for label in ["Réclamations, difficultés et aléas enregistrés", "Actions en retard"] {
            let row = try #require(grid.first { $0.count > value && $0[figure]?.value == label }, "\(label)")
            #expect(row[value]?.value == "registre non fourni", "\(label)")
        }
    }

    /// As of 01/03/2022 (RegisterSheetsTests' registers): four entries of the period (one
    /// rejected row left out, one after the as-of date); the entry of 20/01 open 40 days
    /// is overdue, that of 30/01 open exactly 30 days is not. Points: A's overall question
    /// (A1 joined) and A's objective 1 (A2, due 15/02, en cours: late); A3 joins nothing
    /// and is not yet due.
    @Test("31 and 32 show the registers' counts, worked by hand")
    func registerFigures() throws {
        let run = try SmallRun(options: Self.options, complaints: RegisterSheetsTests.complaints, actions: RegisterSheetsTests.actions)
        let x = try run.workbook()
        let grid = x.grid("Indicateurs")
        let figure = column(grid, "Figure")
        let value = column(grid, "Chiffre")
        func shown(_ label: String) -> Double? { grid.first { $0.count > value && $0[figure]?.value == label }?[value]?.number }
        #expect(shown("Réclamations, difficultés et aléas enregistrés") == 4)
        #expect(shown("Entrées ouvertes depuis plus de 30 jours") == 1)
        #expect(shown("Points d'amélioration") == 2)
        #expect(shown("Points d'amélioration sans action") == 0)
        #expect(shown("Actions en retard") == 1)
        // The same counts in metrics.json's « registers ».
        let registers = try #require(run.metricsJSON()["registers"] as? [String: Any])
        let complaints = try #require(registers["complaints"] as? [String: Any])
        let actions = try #require(registers["actions"] as? [String: Any])
        #expect((complaints["entries"] as? Double) == shown("Réclamations, difficultés et aléas enregistrés"))
        #expect((complaints["open_over_30_days"] as? Double) == shown("Entrées ouvertes depuis plus de 30 jours"))
        #expect((registers["improvement_points"] as? Double) == shown("Points d'amélioration"))
        #expect((registers["points_without_action"] as? Double) == shown("Points d'amélioration sans action"))
        #expect((actions["late"] as? Double) == shown("Actions en retard"))
    }

    /// RegisterSheetsTests' registers as of 01/03/2022, with an action decided after it:
    /// the complaint of 01/04/2022 and the action A5 of 15/03/2022 are left out, one alert
    /// per register; 31's figures are dated by the entries counted (10/01 to 01/02/2022),
    /// 32's by the actions' decisions (15/01 to 20/01/2022), not by the sessions.
    @Test("register entries dated after the as-of date: left out, one alert per register; 31 and 32 dated by their entries")
    func registersAfterAsOf() throws {
        let actions = RegisterSheetsTests.actions + "A5;2022-03-15;commentaire;P;A;overall;Plus tard;Équipe;2022-04-30;prévue;\n"
        let run = try SmallRun(options: Self.options, complaints: RegisterSheetsTests.complaints, actions: actions)
        let doc = run.outcome.document
        let late = doc.warnings.filter { $0.message.contains("après la date d'arrêté") }
        #expect(
            late.map(\.message) == [
                "1 entrée du registre datée après la date d'arrêté (01/03/2022), le 01/04/2022 (P/A) : laissée hors de tous les chiffres de ce rapport ; un rapport arrêté plus tard les comptera",
                "1 action du plan datée après la date d'arrêté (01/03/2022), le 15/03/2022 (P/A) : laissée hors de tous les chiffres de ce rapport ; un rapport arrêté plus tard les comptera",
            ])
        #expect(late.map(\.column) == ["date", "decided_on"])
        #expect(doc.registers?.plan.actions.map(\.action.id).contains("A5") == false)
        let x = try run.workbook()
        let grid = x.grid("Indicateurs")
        let dates = column(grid, "Dates des données")
        func shown(_ label: String) -> String? { grid.first { $0.count > dates && $0[2]?.value == label }?[dates]?.value }
        #expect(shown("Réclamations, difficultés et aléas enregistrés") == "entrées du 10/01/2022 au 01/02/2022")
        #expect(shown("Actions en retard") == "actions décidées du 15/01/2022 au 20/01/2022")
        #expect(shown("Points d'amélioration sans action") == "réponses sans date\nactions décidées du 15/01/2022 au 20/01/2022")
        let alertes = x.grid("Alertes").map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(alertes.contains("1 entrée du registre datée après la date d'arrêté") && alertes.contains("1 action du plan datée après"))
        let synthese = x.grid("Synthèse").map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(synthese.contains("; 2 lignes datées après l'arrêté, hors des chiffres."))
    }

    @Test("a link goes to the first sheet of its list that exists")
    func linkChoice() {
        #expect(
            IndicatorsSheet.evidenceLink(["Plan d'amélioration", "Amélioration"], ["Amélioration"])
                == Cell(.link(sheet: "Amélioration", text: "Amélioration")))
        #expect(
            IndicatorsSheet.evidenceLink(["Plan d'amélioration", "Amélioration"], ["Plan d'amélioration", "Amélioration"])
                == Cell(.link(sheet: "Plan d'amélioration", text: "Plan d'amélioration")))
        #expect(
            IndicatorsSheet.evidenceLink(["Réclamations et difficultés"], []).value
                == .note("pas de feuille « Réclamations et difficultés » dans ce classeur"))
    }

    @Test("indicator 1: the guide's elements per session, from the catalogue's keys, counted by hand")
    func catalogue() throws {
        // A states objectives, 7 h and 100 €, no prerequisite (none required, no text) and
        // none of the six texts: 3 of 10. B requires A (its prerequisites), 7 h, no
        // objective, no price: 2 of 10. Complete: 0 of 2; elements 5 of 20.
        let x = try SmallRun(options: Self.options).workbook()
        let grid = x.grid("Indicateurs")
        let first = try #require(grid.firstIndex { $0.first??.number == 1 })
        let row = grid[first]
        #expect(row[2]?.value == "Sessions au catalogue complet")
        #expect(row[3]?.number == 0)
        #expect(row[4]?.number == 0 && row[5]?.number == 2 && row[6]?.number == 2)
        let elements = grid[first + 1]
        #expect(elements[2]?.value == "Éléments renseignés au catalogue")
        #expect(elements[3]?.number == 0.25 && elements[4]?.number == 5 && elements[5]?.number == 20)
        let method = elements[column(grid, "Méthode")]?.value ?? ""
        #expect(method.contains("Non renseignés : prérequis (1 session), objectifs (1 session), modalités d'accès (2 sessions)"))
        #expect(method.contains("tarif (1 session), contacts (2 sessions)"))
        // The venue is not one of indicator 1's elements, and nothing says the access
        // conditions are absent from the catalogue while the Catalogue sheet says « oui ».
        let text = grid.flatMap { $0.compactMap { $0?.value } }.joined(separator: "|")
        #expect(!text.contains("lieu, conditions d'accès") && !text.contains("absentes du catalogue"))
        let catalogue = x.grid("Catalogue")
        #expect(
            catalogue[0].map { $0?.value } == [
                "Programme", "Session", "Intitulé", "Début", "Prérequis", "Objectifs", "Durée (heures)", "Modalités d'accès",
                "Délais d'accès", "Tarif", "Contacts", "Méthodes mobilisées", "Modalités d'évaluation", "Accessibilité (handicap)",
                "Entrée complète",
            ])
        #expect(catalogue.dropFirst().prefix(2).map { $0[1]?.value } == ["A", "B"])
        #expect(
            catalogue[1].dropFirst(4).map { $0?.value } == ["non", "oui", "oui", "non", "non", "oui", "non", "non", "non", "non", "non"])
        #expect(
            catalogue[2].dropFirst(4).map { $0?.value } == ["oui", "non", "oui", "non", "non", "non", "non", "non", "non", "non", "non"])
        // Below, the keys to write.
        let below = catalogue.flatMap { $0.compactMap { $0?.value } }.joined(separator: "|")
        #expect(below.contains("contacts → contacts") && below.contains("délais d'accès → access_delay"))
    }

    @Test("indicator 1 with every key stated in the catalogue: both figures at 100 %, Catalogue all « oui »")
    func catalogueComplete() throws {
        let catalogue = """
            programmes:
              - code: P
                title: "Programme P"
                prerequisites: "Aucun."
                access: "Inscription auprès de la fédération"
                access_delay: "Jusqu'à 15 jours avant la session"
                contacts: "formation@federation.example"
                methods: "Apports et ateliers"
                evaluation: "Questionnaire en fin de session"
                accessibility: "Locaux accessibles"
                sessions:
                  - {code: A, title: "Session A", start: 2022-01-10, hours: 7, price_ht: 100, objectives: ["Savoir faire A"]}
                  - {code: B, title: "Session B", start: 2022-02-10, hours: 7, price_ht: 100, requires: [A], objectives: ["B"], contacts: "Autre contact"}
            """
        let x = try SmallRun(options: Self.options, catalogue: catalogue).workbook()
        let grid = x.grid("Indicateurs")
        let first = try #require(grid.firstIndex { $0.first??.number == 1 })
        #expect(grid[first][3]?.number == 1 && grid[first + 1][3]?.number == 1)
        #expect(x.grid("Catalogue").dropFirst().prefix(2).allSatisfy { $0.dropFirst(4).allSatisfy { $0?.value == "oui" } })
    }

    @Test("indicator 8 is named for what it checks, the order of the steps, and says which positioning evidence is missing")
    func indicator8() throws {
        let grid = try SmallRun(options: Self.options).workbook().grid("Indicateurs")
        let row = try #require(grid.first { $0.first??.number == 8 })
        #expect(row[2]?.value == QualiopiIndicator.stepOrderLabel)
        #expect(row[2]?.value.contains("pas un positionnement") == true)
        let cannot = row[column(grid, "Ce que les données ne prouvent pas")]?.value ?? ""
        #expect(cannot.contains("ni test, ni entretien, ni questionnaire de positionnement"))
        #expect(cannot.contains("ordre des étapes du programme"))
    }

    @Test("the sheet prints one page wide, texts wrapped, rows fitted, a rate below target in red")
    func layout() throws {
        let run = try SmallRun(options: Self.options)
        let x = try run.workbook()
        let tree = x.sheetTree("Indicateurs")
        #expect(tree.first("pageSetup")?.attributes["fitToWidth"] == nil || tree.first("pageSetup")?.attributes["fitToWidth"] == "1")
        #expect(tree.all("row").contains { $0.attributes["customHeight"] == "1" })
        // Satisfaction 2 of 3 (67 %) is below 80 %: its value cell (D4, under indicator 1's two rows) is highlighted.
        #expect(x.sheetText("Indicateurs").contains("AND(ISNUMBER(D4),D4&lt;0.8)"))
    }
}
