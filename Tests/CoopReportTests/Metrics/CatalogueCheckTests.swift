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
    /// phase has no objective, no hours, no price, no venue; S3's venue is blank. Access
    /// conditions are not in the catalogue: missing everywhere.
    static let sessions = [
        session("S1"),
        session("S2", requires: ["S1"]),
        session("ACTION", kind: .action, hours: 0, price: nil, venue: nil, requires: ["S1"], objectives: []),
        session("S3", venue: "  ", requires: ["S1"]),
    ]

    @Test("each element is checked literally; access conditions are always missing")
    func elements() {
        let checks = Self.sessions.map(CatalogueCheck.of)
        #expect(checks[0].missing == [.access, .prerequisites])
        #expect(checks[1].missing == [.access])
        #expect(checks[2].missing == [.objectives, .duration, .price, .venue, .access])
        #expect(checks[3].missing == [.venue, .access])
        #expect(checks.allSatisfy { $0.states(.dates) })
        #expect(checks.allSatisfy { !$0.isComplete })
    }

    @Test("the figure is complete entries over sessions: 0 of 4 while the catalogue has no access conditions")
    func ratio() {
        let ratio = CatalogueCheck.ratio(Self.sessions.map(CatalogueCheck.of))
        #expect(ratio.numerator == 0 && ratio.denominator == 4)
        #expect(ratio.value == 0)
        #expect(CatalogueCheck.ratio([]).value == nil)
    }

    @Test("the Catalogue sheet says oui or non per element, and why access conditions are missing")
    func sheet() {
        let catalogue = Catalogue(programmes: [Programme(code: "P", title: "Programme P", sessions: Self.sessions)])
        var builder = DatasetBuilder(catalogue: catalogue)
        builder.add(Fixtures.reg("P/S1", "p1"))
        let m = MetricsCalculator(asOf: Fixtures.day("2022-12-31")).compute(builder.build())
        let plan = CatalogueSheet.plan(m)
        let header = plan.rows[0].map { cell -> String in if case .text(let t) = cell.value { t } else { "" } }
        #expect(
            header == [
                "Programme", "Session", "Intitulé", "Début", "Objectifs", "Durée (heures)", "Prix", "Dates", "Lieu",
                "Conditions d'accès", "Prérequis", "Entrée complète",
            ])
        func texts(_ code: String) -> [String] {
            let row = plan.rows.first { $0[1] == .text(code) } ?? []
            return row.dropFirst(4).map { cell in if case .text(let t) = cell.value { t } else { "" } }
        }
        #expect(texts("S1") == ["oui", "oui", "oui", "oui", "oui", "non renseigné dans le catalogue", "non", "non"])
        #expect(texts("ACTION") == ["non", "non", "non", "oui", "non", "non renseigné dans le catalogue", "oui", "non"])
        #expect(texts("S3") == ["oui", "oui", "oui", "oui", "non", "non renseigné dans le catalogue", "oui", "non"])
        #expect(plan.pagesWide == 1)
    }
}
