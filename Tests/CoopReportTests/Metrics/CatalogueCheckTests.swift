import Testing

@testable import CoopReport

/// Indicator 1 as a check of the catalogue, on four inline sessions counted by hand.
@Suite("CatalogueCheck")
struct CatalogueCheckTests {
    static func session(
        _ code: String, kind: Session.Kind = .classroom, hours: Double = 7, price: Double? = 650, venue: String? = "Paris",
        requires: [String] = [], objectives: [String] = ["Savoir faire"], published: PublishedInfo = PublishedInfo()
    ) -> Session {
        Session(
            programme: "P", code: code, title: "Session \(code)", kind: kind, start: Fixtures.day("2022-01-10"),
            end: Fixtures.day("2022-01-10"), hours: hours, priceHT: price, venue: venue, requires: requires, objectives: objectives,
            published: published)
    }

    /// S1 says everything but its prerequisites (none listed); S2 lists S1; the project
    /// phase has no objective, no hours, no price, no venue; S3's venue is blank.
    static let sessions = [
        session("S1"),
        session("S2", requires: ["S1"]),
        session("ACTION", kind: .action, hours: 0, price: nil, venue: nil, requires: ["S1"], objectives: []),
        session("S3", venue: "  ", requires: ["S1"]),
    ]

    /// Every text of indicator 1 stated.
    static let everything = PublishedInfo(
        prerequisites: "Aucun.", access: "Sur inscription auprès de la fédération", accessDelay: "Jusqu'à 15 jours avant",
        contacts: "formation@federation.example", methods: "Formation-action", evaluation: "Questionnaire et retour sur projet",
        accessibility: "Locaux accessibles ; adaptation sur demande")

    static func programme(_ published: PublishedInfo = PublishedInfo(), sessions: [Session] = sessions) -> Programme {
        Programme(code: "P", title: "P", sessions: sessions, published: published)
    }

    /// The six texts a session states only through the catalogue's keys.
    static let texts: [CatalogueCheck.Element] = [.access, .accessDelay, .contacts, .methods, .evaluation, .accessibility]

    @Test("each of the guide's ten elements is checked literally; the venue and the dates are not among them")
    func elements() {
        #expect(CatalogueCheck.Element.allCases.count == 10)
        // Without any text: S1 lacks its prerequisites and the six texts; S2 and S3 (which
        // require S1) the six texts only — S3's blank venue is not an element.
        let bare = Self.sessions.map { CatalogueCheck.of($0, in: Self.programme()) }
        #expect(bare[0].missing == [.prerequisites] + Self.texts)
        #expect(bare[1].missing == Self.texts)
        #expect(
            bare[2].missing == [.objectives, .duration, .access, .accessDelay, .price, .contacts, .methods, .evaluation, .accessibility])
        #expect(bare[3].missing == Self.texts)
        // The programme's texts stand for its sessions: every taught one is then complete.
        let checks = Self.sessions.map { CatalogueCheck.of($0, in: Self.programme(Self.everything)) }
        #expect(checks.map(\.isComplete) == [true, true, false, true])
        // A blank text states nothing.
        var blank = Self.everything
        blank.contacts = "  "
        #expect(CatalogueCheck.of(Self.sessions[0], in: Self.programme(blank)).missing == [.contacts])
    }

    @Test("a session's own text is used where it states one, the programme's elsewhere")
    func sessionOverProgramme() {
        var programme = Self.everything
        programme.contacts = nil
        programme.accessDelay = "Jusqu'à 15 jours avant"
        let own = Self.session("S1", published: PublishedInfo(accessDelay: "  ", contacts: "Référente : 01 02 03 04 05"))
        let check = CatalogueCheck.of(own, in: Self.programme(programme, sessions: [own]))
        #expect(check.isComplete)  // contacts from the session, the delay from the programme (the session's is blank)
        #expect(own.published.over(programme).accessDelay == "Jusqu'à 15 jours avant")
        #expect(own.published.over(programme).contacts == "Référente : 01 02 03 04 05")
        let other = Self.session("S2", requires: ["S1"])
        #expect(CatalogueCheck.of(other, in: Self.programme(programme, sessions: [own, other])).missing == [.contacts])
    }

    @Test("the elements' share and the missing ones in words, counted by hand")
    func elementsShare() {
        // S1 bare: 3 of 10 stated; S2: 4 of 10 (prerequisites through requires) → 7 of 20.
        let checks = [Self.sessions[0], Self.sessions[1]].map { CatalogueCheck.of($0, in: Self.programme()) }
        let share = CatalogueCheck.elements(checks)
        #expect(share.numerator == 7 && share.denominator == 20)
        #expect(
            CatalogueCheck.missingText(checks)
                == "prérequis (1 session), modalités d'accès (2 sessions), délais d'accès (2 sessions), contacts (2 sessions), méthodes mobilisées (2 sessions), modalités d'évaluation (2 sessions), accessibilité (handicap) (2 sessions)"
        )
    }

    @Test("the figure is complete entries over the taught sessions of the period: A of A and B, the project left out")
    func ratio() throws {
        // A states everything (the programme publishes the texts); B has no objective nor
        // price; X, the project phase, is not a published session.
        let catalogue = """
            programmes:
              - code: P
                title: "Programme P"
                prerequisites: "Aucun."
                access: "Sur inscription auprès de la fédération"
                access_delay: "Jusqu'à 15 jours avant la session"
                contacts: ["Référente formation : formation@federation.example", "01 02 03 04 05"]
                methods: "Apports et ateliers"
                evaluation: "Questionnaire en fin de session"
                accessibility: "Locaux accessibles ; adaptation sur demande"
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
        // The reader joins a list of contacts with « ; ».
        let published = try #require(m.programmes.first?.programme.published)
        #expect(published.contacts == "Référente formation : formation@federation.example ; 01 02 03 04 05")
        #expect(published.accessDelay == "Jusqu'à 15 jours avant la session")
    }
}
