import Testing

@testable import CoopReport

@Suite("DataQuality")
struct DataQualityTests {
    typealias F = Fixtures

    @Test("a response from a participant marked absent is a warning at its line")
    func absentRespondent() {
        let m = F.metrics(
            [F.reg("P/A", "p1", .absent), F.reg("P/A", "p2")],
            [F.resp("P/A", overall: 4, participant: "p1", line: 7), F.resp("P/A", overall: 5, participant: "p2", line: 8)])
        let found = m.warnings.filter { $0.message.contains("noté absent") }
        #expect(found.map(\.line) == [7])
        #expect(found.first?.file == "e.csv")
    }

    @Test("sessions outside the period are a note in one line, with what was not counted, not an alert")
    func outsidePeriod() {
        // April holds B (5 April) and Q1 (20 April); A (January) and ACT (February) hold
        // rows outside it.
        let m = F.metrics(
            [F.reg("P/A", "p1"), F.reg("P/A", "p2"), F.reg("P/ACT", "p2"), F.reg("Q/Q1", "p1")], [F.resp("P/A", overall: 4)],
            period: Period(from: F.day("2022-04-01"), to: F.day("2022-04-30")))
        #expect(m.notes == ["2 sessions hors de la période (P/A, P/ACT) : 3 inscriptions et 1 réponse non comptées"])
        // A note, not an alert: it holds every month.
        #expect(!m.warnings.contains { $0.message.contains("hors de la période") })
    }
}
