import Testing

@testable import CoopReport

/// The registers' rows, checked one by one against `Fixtures.catalogue` (programme P:
/// A, ACT, B, X; programme Q: Q1): each bad row gets the reason a team member can act on.
@Suite("RegisterValidator")
struct RegisterValidatorTests {
    static let complaintColumns = ["date", "source", "programme", "session", "nature", "description", "response", "closed_on", "status"]
    static let actionColumns = [
        "id", "decided_on", "origin", "programme", "session", "question", "description", "owner", "due_on", "status", "effect",
    ]

    func complaint(_ values: [String]) -> (Result<Void, RowRejection>, [ComplaintEntry]) {
        var v = RegisterValidator(catalogue: Fixtures.catalogue, columns: Self.complaintColumns)
        let outcome = v.validate(complaint: values, line: 2)
        return (outcome, v.complaints)
    }

    func rejection(_ values: [String]) -> RowRejection? {
        guard case .failure(let why) = complaint(values).0 else { return nil }
        return why
    }

    @Test("a good entry is read with French words, dates in either form, and e-mails masked")
    func goodEntry() throws {
        let (outcome, entries) = complaint([
            "10/01/2022", "Coopérative", "P", "A", "Réclamation", "Salle froide, écrit par lea@example.org", "Chauffage réparé",
            "2022-01-14", "Close",
        ])
        #expect((try? outcome.get()) != nil)
        let e = try #require(entries.first)
        #expect(e.date == Fixtures.day("2022-01-10") && e.closedOn == Fixtures.day("2022-01-14"))
        #expect(e.source == .cooperative && e.nature == .complaint && e.status == .closed)
        #expect(e.programme == "P" && e.session == "A")
        #expect(e.description == "Salle froide, écrit par [courriel masqué]")
    }

    @Test("a values: entry no row used is reported as the job writes it; one used is not")
    func unusedWords() {
        var mapping = InputMapping()
        for word in ["Plainte", "Pleinte"] {
            mapping.words["nature", default: [:]][TextKey.of(word)] = "réclamation"
            mapping.wordTexts[TextKey.of(word)] = word
        }
        var v = RegisterValidator(catalogue: Fixtures.catalogue, columns: Self.complaintColumns, mapping: mapping)
        _ = v.validate(complaint: ["10/01/2022", "Coopérative", "P", "A", "Plainte", "Salle froide", "", "", "ouverte"], line: 2)
        #expect(v.complaints.first?.nature == .complaint)
        #expect(v.unusedWords.map(\.column) == ["nature"])
        #expect(v.unusedWords.map(\.text) == ["Pleinte"])
    }

    @Test("programme and session may be left empty; a session needs its programme")
    func optionalPlace() {
        #expect(rejection(["2022-01-10", "", "", "", "aléa", "Grève", "", "", "ouverte"]) == nil)
        #expect(rejection(["2022-01-10", "", "P", "", "aléa", "Grève", "", "", "ouverte"]) == nil)
        #expect(rejection(["2022-01-10", "", "", "A", "aléa", "Grève", "", "", "ouverte"])?.column == "session")
    }

    @Test(
        "each bad entry is rejected with its column and reason",
        arguments: [
            (["", "", "P", "A", "incident", "x", "", "", "ouverte"], "date", "vide ; une date est attendue"),
            (["31/02/2022", "", "P", "A", "incident", "x", "", "", "ouverte"], "date", "« 31/02/2022 » n'est pas une date"),
            (["2022-01-10", "voisin", "P", "A", "incident", "x", "", "", "ouverte"], "source", "« voisin » n'est pas une source"),
            (["2022-01-10", "", "R", "A", "incident", "x", "", "", "ouverte"], "programme", "« R » n'est pas un programme du catalogue"),
            (
                ["2022-01-10", "", "P", "Z", "incident", "x", "", "", "ouverte"], "session",
                "« Z » n'est pas une session de P (attendu : A, ACT, B, X)"
            ),
            (["2022-01-10", "", "P", "A", "panne", "x", "", "", "ouverte"], "nature", "« panne » n'est pas une nature"),
            (["2022-01-10", "", "P", "A", "incident", "", "", "", "ouverte"], "description", "vide ; la description"),
            (
                ["2022-01-10", "", "P", "A", "incident", "x", "", "2022-01-09", "close"], "closed_on",
                "la date de clôture (09/01/2022) précède la date de l'entrée (10/01/2022)"
            ),
            (
                ["2022-01-10", "", "P", "A", "incident", "x", "", "", "résolue"], "status",
                "« résolue » n'est pas un statut (attendu : ouverte, en cours, close)"
            ),
            (["2022-01-10", "", "P", "A", "incident", "x", "", "", "close"], "status", "« close » sans date de clôture"),
            (
                ["2022-01-10", "", "P", "A", "incident", "x", "", "2022-01-12", "ouverte"], "status",
                "alors qu'une date de clôture est renseignée (12/01/2022)"
            ),
        ])
    func badEntry(values: [String], column: String, reason: String) throws {
        let why = try #require(rejection(values))
        #expect(why.column == column)
        #expect(why.reason.hasPrefix(reason) || why.reason.contains(reason), "\(why.reason)")
    }

    @Test(
        "actions: question by column, label or objective; a repeated id, an unknown question, a due date before the decision are rejected")
    func actions() {
        var v = RegisterValidator(catalogue: Fixtures.catalogue, columns: Self.actionColumns)
        func row(_ id: String, question: String, due: String = "2022-03-01", status: String = "prévue") -> [String] {
            [id, "2022-02-01", "point d'amélioration", "P", "A", question, "Revoir le déroulé", "Équipe", due, status, ""]
        }
        #expect((try? v.validate(action: row("A1", question: "overall"), line: 2).get()) != nil)
        #expect((try? v.validate(action: row("A2", question: "Satisfaction globale"), line: 3).get()) != nil)
        #expect((try? v.validate(action: row("A3", question: "Objectif 2"), line: 4).get()) != nil)
        #expect((try? v.validate(action: row("A4", question: "", status: "Réalisé"), line: 5).get()) != nil)
        #expect(v.actions.map(\.target) == [.question(0), .question(0), .objective(2), nil])
        #expect(v.actions.last?.status == .done)
        func why(_ r: Result<Void, RowRejection>) -> RowRejection? {
            if case .failure(let w) = r { return w }
            return nil
        }
        #expect(
            why(v.validate(action: row("A1", question: "overall"), line: 6))
                == RowRejection(column: "id", "« A1 » est déjà l'identifiant de l'action de la ligne 2", value: "A1"))
        #expect(why(v.validate(action: row("A6", question: "accueil"), line: 7))?.column == "question")
        #expect(
            why(v.validate(action: row("A7", question: "", due: "2022-01-01"), line: 8))
                == RowRejection(column: "due_on", "l'échéance (01/01/2022) précède la date de décision (01/02/2022)", value: "2022-01-01"))
        #expect(why(v.validate(action: row("A8", question: "", status: "terminée"), line: 9))?.column == "status")
        #expect(v.actions.count == 4)
    }
}
