import Testing

@testable import CoopReport

/// Indicator 1 as a check of the catalogue, on four inline sessions counted by hand.
@Suite("CatalogueCheck")
struct CatalogueCheckTests {
    static func session(
        _ code: String, kind: Session.Kind = .classroom, hours: Double = 7, price: Double? = 650, venue: String? = "Paris",
        requires: [String] = [], objectives: [String] = ["Savoir faire"]
    ) -> Session {
        Session(
            programme: "P", code: code, title: "Session \(code)", kind: kind, start: Fixtures.day("2022-01-10"),
            end: Fixtures.day("2022-01-10"), hours: hours, priceHT: price, venue: venue, requires: requires, objectives: objectives)
    }

    /// S1 says everything but its prerequisites (none listed); S2 lists S1; the project
    /// phase has no objective, no hours, no price, no venue; S3's venue is blank.
    static let sessions = [
        session("S1"),
        session("S2", requires: ["S1"]),
        session("ACTION", kind: .action, hours: 0, price: nil, venue: nil, requires: ["S1"], objectives: []),
        session("S3", venue: "  ", requires: ["S1"]),
    ]

    static func programme(prerequisites: String? = nil, access: String? = nil) -> Programme {
        Programme(code: "P", title: "P", sessions: sessions, prerequisites: prerequisites, access: access)
    }

    @Test("each element is checked literally; access and prerequisites may come from the programme")
    func elements() {
        // Without the programme's texts: access missing everywhere, S1's prerequisites too.
        let bare = Self.sessions.map { CatalogueCheck.of($0, in: Self.programme()) }
        #expect(bare[0].missing == [.access, .prerequisites])
        #expect(bare[1].missing == [.access])
        #expect(bare[2].missing == [.objectives, .duration, .price, .venue, .access])
        #expect(bare[3].missing == [.venue, .access])
        #expect(bare.allSatisfy { $0.states(.dates) })
        // « Aucun » published is a stated prerequisite; blank access is not access.
        let published = Self.programme(prerequisites: "Aucun.", access: "Inscription 15 jours avant")
        let checks = Self.sessions.map { CatalogueCheck.of($0, in: published) }
        #expect(checks.map(\.isComplete) == [true, true, false, false])
        #expect(CatalogueCheck.of(Self.sessions[0], in: Self.programme(prerequisites: "Aucun.", access: "  ")).missing == [.access])
    }

    @Test("the figure is complete entries over the taught sessions of the period: A of A and B, the project left out")
    func ratio() throws {
        // A states everything (the programme publishes prerequisites and access); B has no
        // objective, price or venue; X, the project phase, is not a published session.
        let catalogue = """
            programmes:
              - code: P
                title: "Programme P"
                prerequisites: "Aucun."
                access: "Sur inscription, 15 jours avant"
                sessions:
                  - {code: A, title: "Session A", start: 2022-01-10, hours: 7, price_ht: 100, venue: "Paris", objectives: ["Savoir faire A"]}
                  - {code: X, title: "Projet", kind: action, start: 2022-01-20, end: 2022-02-01, hours: 0, requires: [A]}
                  - {code: B, title: "Session B", start: 2022-02-10, hours: 7, requires: [A]}
            """
        let m = try SmallRun(catalogue: catalogue).outcome.document.metrics
        let checks = CatalogueCheck.of(m)
        #expect(checks.map(\.session.code) == ["A", "B"])
        #expect(checks.map(\.isComplete) == [true, false])
        let ratio = CatalogueCheck.ratio(checks)
        #expect(ratio.numerator == 1 && ratio.denominator == 2)
        #expect(CatalogueCheck.ratio([]).value == nil)
    }
}
