import Testing

@testable import CoopReport

@Suite("RegistrationValidator and ResponseValidator")
struct RowValidatorTests {
    let registrationColumns = [
        "programme", "session", "participant_id", "email", "cooperative", "status",
        "registered_at", "attendance", "hours_attended", "morning", "afternoon",
    ]

    func registration(_ values: [String]) -> Result<Registration, RowRejection> {
        RegistrationValidator(catalogue: Fixtures.catalogue, columns: registrationColumns).validate(line: 9, values: values)
    }

    @Test("a good row becomes a registration; the e-mail identifies when the id is empty")
    func good() throws {
        let r = try registration(["P", "A", "", " Lea@Coop.FR", "Coop", "inscrit", "01/12/2021", "", "", "présent", "absent"]).get()
        #expect(r.participant == "lea@coop.fr")
        #expect(r.identifiedByEmail)
        #expect(r.attendance == .partial)  // half-days decide: one of two
        #expect(r.halvesPresent == 1)
        #expect(r.halfDays == HalfDays(morning: true, afternoon: false))  // which half, kept for the Relevé d'assiduité
        #expect(r.registeredAt?.day == Fixtures.day("2021-12-01"))
        #expect(r.line == 9)
    }

    @Test(
        "each kind of bad row is rejected with its column and reason",
        arguments: [
            (["Z", "A", "1", "", "Coop", "inscrit", "", "", "", "", ""], "programme"),
            (["P", "S9", "1", "", "Coop", "inscrit", "", "", "", "", ""], "session"),
            (["P", "A", "", "", "Coop", "inscrit", "", "", "", "", ""], "participant_id"),
            (["P", "A", "1", "", "", "inscrit", "", "", "", "", ""], "cooperative"),
            (["P", "A", "1", "", "Coop", "peut-être", "", "", "", "", ""], "status"),
            (["P", "A", "1", "", "Coop", "inscrit", "", "là", "", "", ""], "attendance"),
            (["P", "A", "1", "", "Coop", "inscrit", "", "", "", "oui", ""], "morning"),
        ])
    func rejected(values: [String], column: String) {
        guard case .failure(let why) = registration(values) else {
            Issue.record("expected a rejection for \(column)")
            return
        }
        #expect(why.column == column)
        #expect(!why.reason.isEmpty)
    }

    @Test(
        "an unreadable optional field is dropped and the row counts: registered_at, hours_attended unreadable or above the session",
        arguments: [
            (["P", "A", "1", "", "Coop", "inscrit", "31/02/2022", "présent", "", "", ""], "registered_at"),
            (["P", "A", "1", "", "Coop", "inscrit", "", "présent", "-1", "", ""], "hours_attended"),
            (["P", "A", "1", "", "Coop", "inscrit", "", "présent", "deux", "", ""], "hours_attended"),
            (["P", "A", "1", "", "Coop", "inscrit", "", "présent", "1000", "", ""], "hours_attended"),
        ])
    func dropped(values: [String], column: String) throws {
        let r = try registration(values).get()
        #expect(r.attendance == .present)
        #expect(r.registeredAt == nil && r.hoursAttended == nil)
    }

    @Test("a response reads labels, objectives and recommendation; off-scale answers reject the row")
    func responses() throws {
        let columns = ["programme", "session", "participant_id", "overall", "content", "objective_1", "recommend", "comment"]
        let v = ResponseValidator(catalogue: Fixtures.catalogue, columns: columns)
        let r = try v.validate(line: 3, values: ["P", "A", "", "Très satisfait", "", "4", "9", "=1+1"]).get()
        #expect(r.answers == [5, nil, nil, nil, nil])
        #expect(r.objectives == [1: 4])
        #expect(r.recommend == 9)
        #expect(r.isAnonymous)
        #expect(r.comment == "=1+1")
        for (values, column) in [
            (["P", "A", "", "7", "", "", "", ""], "overall"),
            (["P", "A", "", "", "", "6", "", ""], "objective_1"),
            (["P", "A", "", "", "", "", "11", ""], "recommend"),
            (["P", "Q1", "", "", "", "", "", ""], "session"),
        ] {
            guard case .failure(let why) = v.validate(line: 3, values: values) else {
                Issue.record("expected a rejection for \(column)")
                continue
            }
            #expect(why.column == column)
        }
    }
}
