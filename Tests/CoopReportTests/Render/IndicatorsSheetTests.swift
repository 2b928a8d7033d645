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

    @Test("every figure row gives the period as dates, its population and its method")
    func periodAsDates() throws {
        let grid = try SmallRun(options: Self.options).workbook().grid("Indicateurs")
        let period = column(grid, "Période")
        let figure = column(grid, "Figure")
        let rows = grid.dropFirst().filter { $0.count > period && $0[figure] != nil }
        #expect(rows.count == 18)  // with the cold figures of 11 and 30
        for row in rows {
            let text = row[period]?.value ?? ""
            #expect(text.hasPrefix("du 10/01/2022 au 10/02/2022"), "\(text)")
            #expect(row[column(grid, "Population")]?.value.isEmpty == false)
            #expect(row[column(grid, "Méthode")]?.value.isEmpty == false)
        }
        // Journey figures are those of whole programmes at the as-of date.
        let dropout = try #require(rows.first { $0[figure]?.value == Metric.dropoutRate.label })
        #expect(dropout[period]?.value == "du 10/01/2022 au 10/02/2022\nparcours à la date d'arrêté du 01/03/2022")
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
        #expect(links.count == 18)  // every figure row: the register and cold sheets exist, « non fourni » inside
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

    @Test("indicator 1: complete catalogue entries over the period's sessions, counted by hand")
    func catalogue() throws {
        // A states objectives, 7 h, 100 €, dates, no venue, no prerequisite; B requires A
        // but has no objective, price or venue. The programme publishes no access
        // conditions and no prerequisites text: 0 of 2.
        let x = try SmallRun(options: Self.options).workbook()
        let grid = x.grid("Indicateurs")
        let row = try #require(grid.first { $0.first??.number == 1 })
        #expect(row[2]?.value == "Sessions au catalogue complet")
        #expect(row[3]?.number == 0)
        #expect(row[4]?.number == 0 && row[5]?.number == 2 && row[6]?.number == 2)
        let catalogue = x.grid("Catalogue")
        #expect(catalogue.count == 3)
        #expect(catalogue.dropFirst().map { $0[1]?.value } == ["A", "B"])
        #expect(
            catalogue[1].dropFirst(4).map { $0?.value } == [
                "oui", "oui", "oui", "oui", "non", "non", "non", "non",
            ])
        #expect(
            catalogue[2].dropFirst(4).map { $0?.value } == [
                "non", "oui", "non", "oui", "non", "non", "oui", "non",
            ])
    }

    @Test("the sheet prints one page wide, texts wrapped, rows fitted, a rate below target in red")
    func layout() throws {
        let run = try SmallRun(options: Self.options)
        let x = try run.workbook()
        let tree = x.sheetTree("Indicateurs")
        #expect(tree.first("pageSetup")?.attributes["fitToWidth"] == nil || tree.first("pageSetup")?.attributes["fitToWidth"] == "1")
        #expect(tree.all("row").contains { $0.attributes["customHeight"] == "1" })
        // Satisfaction 2 of 3 (67 %) is below 80 %: its value cell (D3, under indicator 1) is highlighted.
        #expect(x.sheetText("Indicateurs").contains("AND(ISNUMBER(D3),D3&lt;0.8)"))
    }
}
