import Foundation
import Testing

@testable import CoopReport

/// The two register sheets of the evidence workbook on the SmallRun inputs (as of
/// 1 March 2022; improvement points: A's overall question and A's objective 1), read back.
@Suite("Register sheets")
struct RegisterSheetsTests {
    /// `,`, French headers. Lines 6 to 8 are rejected; line 9 is after the as-of date.
    static let complaints =
        "date,source,formation,session,nature,description,réponse,date de clôture,statut\n"
        + "2022-01-10,participant,P,A,réclamation,\"Salle froide, signalé par lea@example.org\",Chauffage réparé,2022-01-14,close\n"
        + "20/01/2022,coopérative,P,,difficulté,Convocation reçue tard,,,ouverte\n"
        + "2022-01-30,formateur,P,B,incident,Panne du vidéoprojecteur,,,en cours\n"
        + "2022-02-01,financeur,P,A,aléa,Paiement en retard,Relance envoyée,2022-02-11,close\n"
        + "2022-02-05,participant,P,Z,réclamation,Session inconnue,,,ouverte\n"
        + "2022-02-06,participant,P,A,réclamation,,,,ouverte\n"
        + "2022-02-08,participant,P,A,réclamation,Trop court,,2022-02-01,close\n"
        + "2022-04-01,participant,P,A,réclamation,Après l'arrêté,,,ouverte\n"

    /// Line 5 is rejected (a question the survey lacks).
    static let actions =
        "identifiant;date de décision;origine;formation;session;question;action;responsable;échéance;statut;effet\n"
        + "A1;2022-01-15;point d'amélioration;P;A;overall;Revoir le déroulé;Équipe pédagogique;2022-02-01;réalisée;Mieux noté\n"
        + "A2;2022-01-15;point d'amélioration;P;;objective_1;Exercice pratique;Léa;2022-02-15;en cours;\n"
        + "A3;2022-01-20;réclamation;P;;;Convocations envoyées plus tôt;assistante@example.org;2022-04-30;prévue;\n"
        + "A4;2022-01-22;commentaire;P;A;accueil;Café;Équipe;2022-02-01;prévue;\n"

    func rows(_ x: XLSXReader, _ sheet: String, from header: Int) -> [[String: String]] {
        let grid = Array(x.grid(sheet).dropFirst(header))
        guard let first = grid.first else { return [] }
        let names = first.map { $0?.value ?? "" }
        return grid.dropFirst().map { row in
            var out: [String: String] = [:]
            for (i, name) in names.enumerated() where i < row.count { out[name] = row[i]?.value ?? "" }
            return out
        }
    }

    @Test("Réclamations et difficultés: the summary by nature, the entries with their delay, the one open past 30 days flagged")
    func complaintsSheet() throws {
        let run = try SmallRun(options: EvidenceReportTests.options, complaints: Self.complaints, actions: Self.actions)
        let x = try run.workbook()
        let grid = x.grid(ComplaintsSheet.name)
        let text = grid.map { $0.map { $0?.value ?? "" } }
        #expect(text[4].first == "Nature")
        // Line 9, dated after the as-of date, is not counted, and the sheet says so.
        #expect(text.last?.first == "1 autre entrée du registre (autre période, ou datée après l'arrêté) n'est pas comptée ici.")
        // réclamation 1 (closed, 4 days), difficulté 1 (open 40 days), incident 1 (open 30 days), aléa 1 (closed, 10 days).
        #expect(text[5].prefix(7) == ["réclamation", "1", "0", "1", "0", "4", "4"])
        #expect(text[6].prefix(5) == ["difficulté", "1", "1", "0", "1"])
        #expect(text[9].prefix(7) == ["Total", "4", "2", "2", "1", "7", "7"])
        let entries = rows(x, ComplaintsSheet.name, from: 11).prefix { !($0["Nature"] ?? "").isEmpty }
        #expect(entries.map { $0["Nature"] ?? "" } == ["réclamation", "difficulté", "incident", "aléa"])
        #expect(entries.map { $0["Délai (jours)"] ?? "" } == ["4", "40", "30", "10"])
        #expect(entries.map { $0["Alerte"] ?? "" } == ["", ComplaintsSheet.overdueMark, "", ""])
        #expect(entries.first?["Description"] == "Salle froide, signalé par [courriel masqué]")
        #expect(entries.first?["Source"] == "participant" && entries[1]["Source"] == "coopérative")
        // The flagged delay is filled red.
        let cells = x.cells(ComplaintsSheet.name)
        #expect(cells["H14"]?.style != cells["H13"]?.style)
        // The rejected rows are in Rejets with their reason; no e-mail anywhere in the workbook.
        let rejets = x.grid("Rejets").map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(rejets.contains("« Z » n'est pas une session de P"))
        #expect(rejets.contains("la date de clôture (01/02/2022) précède la date de l'entrée (08/02/2022)"))
        #expect(rejets.contains("« accueil » n'est ni une question du questionnaire ni un objectif"))
        for sheet in x.sheetNames {
            #expect(!x.cells(sheet).values.contains { $0.value.contains("@example.org") }, "e-mail in \(sheet)")
        }
    }

    @Test("Plan d'amélioration: each point beside its actions, late ones said, unjoined actions listed after")
    func planSheet() throws {
        let run = try SmallRun(options: EvidenceReportTests.options, complaints: Self.complaints, actions: Self.actions)
        let x = try run.workbook()
        let r = rows(x, ImprovementSheet.name, from: 0)
        #expect(r[0]["Question ou objectif"] == "Satisfaction globale")
        #expect(r[0]["Action"] == "A1 (décidée le 15/01/2022) : Revoir le déroulé")
        #expect(r[0]["Statut"] == "réalisée" && r[0]["Suivi"] == "")
        // B's only response was rejected: no later session measured A's overall question.
        #expect(r[0]["Effet mesuré"] == ImprovementSheet.noLaterScore)
        #expect(r[0]["Effet constaté (registre)"] == "Mieux noté")
        #expect(r[1]["Question ou objectif"] == "Objectif 1 : Savoir faire A")
        #expect(r[1]["Action"]?.hasPrefix("A2 ") == true && r[1]["Suivi"] == ImprovementSheet.late)
        let text = x.grid(ImprovementSheet.name).map { $0.map { $0?.value ?? "" }.joined(separator: "|") }
        let unjoined = try #require(text.firstIndex { $0.hasPrefix("Actions rapprochées d'aucun point") })
        #expect(text[unjoined + 2].contains("A3 (décidée le 20/01/2022) : Convocations envoyées plus tôt"))
        #expect(text[unjoined + 2].contains("[courriel masqué]"))
        let json = try #require(try run.metricsJSON()["registers"] as? [String: Any])
        let complaints = try #require(json["complaints"] as? [String: Any])
        #expect(complaints["entries"] as? Int == 4 && complaints["open_over_30_days"] as? Int == 1 && complaints["rejected"] as? Int == 3)
        let actions = try #require(json["actions"] as? [String: Any])
        #expect(actions["actions"] as? Int == 3 && actions["late"] as? Int == 1 && actions["rejected"] as? Int == 1)
        #expect(json["improvement_points"] as? Int == 2 && json["points_without_action"] as? Int == 0)
    }

    @Test("a register the job does not give says « registre non fourni »; an empty one says there is no entry")
    func notGiven() throws {
        let x = try SmallRun(options: EvidenceReportTests.options).workbook()
        let text = x.grid(ComplaintsSheet.name).map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(text.contains("Registre non fourni"))
        let plan = x.grid(ImprovementSheet.name).map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(plan.contains("registre non fourni") && plan.contains("Registre non fourni"))
        #expect(
            rows(x, ImprovementSheet.name, from: 0).prefix(2).map { $0["Suivi"] ?? "" } == [
                ImprovementSheet.notGiven, ImprovementSheet.notGiven,
            ])

        let empty = try SmallRun(
            options: EvidenceReportTests.options, complaints: "date;nature;description;statut\n",
            actions: "id;decided_on;description;status\n")
        let y = try empty.workbook()
        let complaints = y.grid(ComplaintsSheet.name).map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(complaints.contains("Aucune entrée au registre pour la période.") && !complaints.contains("non fourni"))
        let r = rows(y, ImprovementSheet.name, from: 0)
        #expect(r.prefix(2).map { $0["Suivi"] ?? "" } == [ImprovementSheet.noAction, ImprovementSheet.noAction])
        let json = try #require(try empty.metricsJSON()["registers"] as? [String: Any])
        #expect(json["points_without_action"] as? Int == 2)
        #expect(try SmallRun().metricsJSON()["registers"].map { ($0 as? [String: Any])?["complaints"] is NSNull } == true)
    }
}
