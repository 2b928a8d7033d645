import Foundation
import Testing

@testable import CoopReport

/// A comment never narrows its author to fewer than `min_group_size` people, and no free
/// text shows an e-mail address or a phone number (issue 19, point 1).
@Suite("Comments and free text")
struct CommentPrivacyTests {
    @Test("a cooperative or session under the threshold is not named beside its comments")
    func commentLabels() throws {
        // A: 3 responses of Coop 1 (one comment) and 1 of Coop 2 (a comment); B: 2 of Coop 1.
        let at = Timestamp(day: Fixtures.day("2022-01-10"), secondsOfDay: 3600)
        let responses = [
            Fixtures.resp("P/A", overall: 5, coop: "Coop 1", comment: "Très clair", submittedAt: at),
            Fixtures.resp("P/A", overall: 4, coop: "Coop 1"),
            Fixtures.resp("P/A", overall: 4, coop: "Coop 1"),
            Fixtures.resp("P/A", overall: 2, coop: "Coop 2", comment: "Trop long", submittedAt: at),
            Fixtures.resp("P/B", overall: 3, coop: "Coop 1", comment: "Parti avant la fin", submittedAt: at),
            Fixtures.resp("P/B", overall: 3, coop: "Coop 1"),
        ]
        let m = Fixtures.metrics([], responses, minGroupSize: 3)
        let shown = CommentView.list(m)
        #expect(shown.map(\.text) == ["Très clair", "Trop long", "Parti avant la fin"])
        // A has 4 responses: named; Coop 1 has 3 there: named; Coop 2 has 1: not.
        #expect(shown[0].session == "A" && shown[0].cooperative == "Coop 1" && shown[0].submittedAt == at)
        #expect(shown[1].session == "A" && shown[1].cooperative == nil)
        // B has 2 responses: neither the session nor its date (which would point to it).
        #expect(shown[2].programme == "P" && shown[2].session == nil && shown[2].submittedAt == nil && shown[2].cooperative == nil)
    }

    @Test("comments in the run's order, programme by programme as first met, a hidden session's after its programme's others")
    func commentOrder() throws {
        // P/B has 1 response (hidden at 2), P/A 2, Q/Q1 2; comments met: Q1a, B1, A1, Q1b, A2.
        // Q is met first though P comes first by name, and B (hidden) before A.
        let responses = [
            Fixtures.resp("Q/Q1", overall: 4, comment: "Q1a"),
            Fixtures.resp("P/B", overall: 3, comment: "B1"),
            Fixtures.resp("P/A", overall: 5, comment: "A1"),
            Fixtures.resp("Q/Q1", overall: 4, comment: "Q1b"),
            Fixtures.resp("P/A", overall: 2, comment: "A2"),
        ]
        let m = Fixtures.metrics([], responses, minGroupSize: 2)
        let shown = CommentView.list(m)
        // By hand: Q first, in its order; then P's shown comments A1, A2, then its hidden B1.
        #expect(shown.map(\.text) == ["Q1a", "Q1b", "A1", "A2", "B1"])
        #expect(shown.map { $0.session ?? "-" } == ["Q1", "Q1", "A", "A", "-"])
    }

    /// Session A: 3 responses of Coop Un (p1, p2, an anonymous one), 1 of Coop Deux (p3);
    /// B: p1 only. Line 6 is rejected (9 is off the scale) and holds a phone number.
    static let evaluations =
        "programme,session,participant_id,cooperative,overall,comment\n"
        + "P,A,p1,,5,Très clair\n"
        + "P,A,p2,,4,\n"
        + "P,A,,Coop Un,4,\n"
        + "P,A,p3,,2,\"Appelez-moi au 06.12.34.56.78 ou zoe.petit@example.org\"\n"
        + "P,A,p2,,9,\"rappeler le +33 6 12 34 56 78\"\n"
        + "P,B,p1,,3,Parti avant la fin\n"

    @Test("Commentaires: names only groups of at least min_group_size, says why, masks e-mails and phones")
    func commentsSheet() throws {
        let run = try SmallRun(evaluations: Self.evaluations)
        let grid = try run.workbook().grid("Commentaires")
        let rows = grid.dropFirst().map { $0.map { $0?.value ?? "" } }
        let byText = Dictionary(rows.map { ($0.last ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["Très clair"]?[1] == "A")
        #expect(byText["Très clair"]?[3] == "Coop Un")
        let masked = try #require(byText["Appelez-moi au [téléphone masqué] ou [courriel masqué]"])
        #expect(masked[1] == "A")
        #expect(masked[3] == "coopérative non affichée (< 3 réponses)")
        let alone = try #require(byText["Parti avant la fin"])
        #expect(alone[1] == "session non affichée (< 3 réponses)")
        #expect(alone[2] == "")
        #expect(alone[3] == "coopérative non affichée (< 3 réponses)")
        let all = rows.flatMap { $0 }.joined(separator: "|")
        for secret in ["Coop Deux", "06.12.34.56.78", "zoe.petit@example.org"] { #expect(!all.contains(secret), "\(secret)") }
    }

    @Test("a rejected row's phone number is masked in Rejets and in rejects.csv")
    func rejectedRows() throws {
        let run = try SmallRun(evaluations: Self.evaluations)
        let rejets = try run.workbook().grid("Rejets").flatMap { $0.compactMap { $0?.value } }.joined(separator: "|")
        #expect(rejets.contains("rappeler le [téléphone masqué]"))
        #expect(!rejets.contains("12 34 56 78"))
        let csv = try String(contentsOfFile: run.out + "/rejects.csv", encoding: .utf8)
        #expect(csv.contains("rappeler le [téléphone masqué]"))
        #expect(!csv.contains("12 34 56 78"))
    }

    @Test(
        "French phone numbers and e-mail addresses are masked by one rule",
        arguments: [
            ("06 12 34 56 78", "[téléphone masqué]"), ("06.12.34.56.78", "[téléphone masqué]"),
            ("0612345678", "[téléphone masqué]"), ("06-12-34-56-78", "[téléphone masqué]"),
            ("+33 6 12 34 56 78", "[téléphone masqué]"), ("+33612345678", "[téléphone masqué]"),
            ("+33 (0)6 12 34 56 78", "[téléphone masqué]"), ("0033 1 44 55 66 77", "[téléphone masqué]"),
            ("tél. 01 44 55 66 77.", "tél. [téléphone masqué]."), ("lea.d@coop.fr", "[courriel masqué]"),
        ])
    func masked(text: String, expected: String) {
        #expect(FreeTextMask.masked(text) == expected)
    }

    @Test(
        "dates, amounts and long numbers are not phone numbers",
        arguments: ["2022-03-14 09:30", "14/03/2022", "1 200,50 €", "SIRET 41234567800012", "n° 123456789012", "P0612345678"])
    func notMasked(text: String) {
        #expect(FreeTextMask.masked(text) == text)
    }

    @Test("a register's description is masked of phone numbers too")
    func registerText() {
        var v = RegisterValidator(catalogue: Fixtures.catalogue, columns: RegisterValidatorTests.complaintColumns)
        _ = v.validate(
            complaint: ["10/01/2022", "Coopérative", "P", "A", "réclamation", "Rappeler Mme X au 07 11 22 33 44", "", "", "ouverte"],
            line: 2)
        #expect(v.complaints.first?.description == "Rappeler Mme X au [téléphone masqué]")
    }
}
