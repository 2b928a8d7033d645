import Foundation
import Testing

@testable import CoopReport

/// « Taux d'annulation » (metrics.md v3): one definition in `Metric`, shown by every sheet,
/// metrics.json and Méthode without an edit of theirs. Worked out by hand on SmallRun's
/// registrations plus one cancellation and one waitlisted row at B:
/// A: p1, p2, p3 registered → 0 / 3; B: p1, p2 registered, p3 cancelled, p5 waitlisted →
/// 1 / 4; overall 1 / 7.
@Suite("Taux d'annulation")
struct CancellationRateTests {
    static let registrations =
        SmallRun.registrations
        + "P;B;p3;Petit;Zoé;zoe@example.org;Coop Deux;annulé;\r\n"
        + "P;B;p5;Roux;Ana;ana@example.org;Coop Deux;liste d'attente;\r\n"

    @Test("cancelled over every registration of the group, in the figures, metrics.json, the group sheets and Méthode")
    func everywhere() throws {
        let run = try SmallRun(registrations: Self.registrations)
        let m = run.outcome.document.metrics
        #expect(m.overall.ratio(.cancellationRate) == Figures.Ratio(numerator: 1, denominator: 7))
        #expect(m.sessions.first { $0.session.code == "A" }?.figures.value(.cancellationRate) == 0)
        #expect(m.sessions.first { $0.session.code == "B" }?.figures.value(.cancellationRate) == 0.25)
        // Coop Deux: p3 at A (registered), p3 at B (cancelled), p5 at B (waitlisted) → 1 / 3.
        #expect(
            m.cooperatives.first { $0.name == "Coop Deux" }?.figures.ratio(.cancellationRate) == Figures.Ratio(numerator: 1, denominator: 3)
        )

        let json = try run.metricsJSON()
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["cancellation_rate"] as? Double == 1.0 / 7)
        #expect(overall["cancellation_rate_numerator"] as? Double == 1)
        #expect(overall["cancellation_rate_denominator"] as? Double == 7)
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.first { $0["session"] as? String == "B" }?["cancellation_rate"] as? Double == 0.25)

        let book = try run.workbook()
        let grid = book.grid("Sessions")
        let column = try #require(grid.first?.firstIndex { $0?.value == "Taux d'annulation" })
        let b = try #require(grid.first { $0.count > 1 && $0[1]?.value == "B" })
        let cell = try #require(b[column])
        #expect(cell.number == 0.25)
        #expect(book.numberFormat(cell).contains("%"))
        let method = book.grid("Méthode").first { $0.first??.value == "cancellation_rate" }
        #expect(method?.dropFirst().first??.value == "Taux d'annulation")
    }
}
