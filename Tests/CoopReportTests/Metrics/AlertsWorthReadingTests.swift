import Foundation
import Testing

@testable import CoopReport

/// Issue 23: alerts that say something new (cancelled respondents, full sessions), labels
/// shown whole, a shared event map checked once.
@Suite("alerts worth reading")
struct AlertsWorthReadingTests {
    typealias F = Fixtures

    @Test("a response from a cancelled or waitlisted registration is an alert at its line; a confirmed one is not")
    func cancelledRespondents() {
        let m = F.metrics(
            [
                F.reg("P/A", "p1", status: .cancelled, nil), F.reg("P/A", "p2", status: .waitlisted, nil), F.reg("P/A", "p3"),
                F.reg("P/A", "p4"),
            ],
            [
                F.resp("P/A", overall: 4, participant: "p1", line: 2), F.resp("P/A", overall: 5, participant: "p2", line: 3),
                F.resp("P/A", overall: 5, participant: "p3", line: 4),
            ])
        let found = m.warnings.filter { $0.message.contains("dont l'inscription") }
        #expect(found.map(\.line) == [2, 3])
        #expect(found.map(\.file) == ["e.csv", "e.csv"])
        #expect(
            found.first?.message
                == "réponse d'un participant dont l'inscription à P/A est annulée : la réponse compte ; vérifiez le statut de l'inscription"
        )
        #expect(found.last?.message.contains("est en liste d'attente") == true)
    }

    @Test("more confirmed registrations than the session's capacity is one alert; at capacity, none")
    func aboveCapacity() {
        // Session A's capacity is 10: 11 confirmed (and 3 cancelled, which do not count).
        let eleven = (1...11).map { F.reg("P/A", "p\($0)") } + (12...14).map { F.reg("P/A", "p\($0)", status: .cancelled, nil) }
        let found = F.metrics(eleven).warnings.filter { $0.message.contains("capacité") }.map(\.message)
        #expect(
            found == [
                "session P/A : 11 inscriptions confirmées pour une capacité de 10 (catalogue) : vérifiez l'export (des doublons, une autre session) ou la capacité"
            ])
        let ten = (1...10).map { F.reg("P/A", "p\($0)") }
        #expect(!F.metrics(ten).warnings.contains { $0.message.contains("capacité") })
    }

    /// A job's event map, keyed as the job reader keys it.
    static func events(_ labels: [String: SessionKey]) -> InputMapping {
        var mapping = InputMapping.none
        for (label, key) in labels {
            mapping.events[TextKey.of(label)] = key
            mapping.wordTexts[TextKey.of(label)] = label
        }
        return mapping
    }

    /// Two event labels 70 characters long that differ in their last characters.
    static let long = "Formation des administrateurs de coopératives — cycle de printemps 2022"

    @Test("an unused label entry is shown whole: two long labels read differently")
    func wholeLabels() {
        var seen = WordsSeen()
        seen.add([Self.long + " A"])
        let mapping = Self.events([Self.long + " A": SessionKey("P", "A"), Self.long + " B": SessionKey("P", "B")])
        let found = seen.unused(mapping.events.keys, entry: "values.event", mapping: mapping, files: ["r.csv"])
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("l'entrée « \(Self.long) B » de « values.event »") == true)
        #expect(found.first?.message.contains("valeurs trouvées : « \(Self.long) A »") == true)
    }

    @Test("an event map given to both inputs alerts only for the labels neither uses, once")
    func sharedEventMap() {
        let mapping = Self.events(["Billet A": SessionKey("P", "A"), "Billet B": SessionKey("P", "B"), "Billet C": SessionKey("P", "B")])
        var registrations = LabelsSeen()
        registrations.add((programme: nil, session: nil, event: ["Billet A", "Billet B"]))
        var evaluations = LabelsSeen()
        evaluations.add((programme: nil, session: nil, event: ["Billet A"]))
        let found = LabelsSeen.unused(
            registrations: (registrations, mapping, ["r.csv"]), evaluations: (evaluations, mapping, ["e.csv"]))
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("l'entrée « Billet C »") == true)
        #expect(found.first?.file == "r.csv, e.csv")
        // Two maps that differ are each checked against their own input.
        var other = mapping
        other.events[TextKey.of("Billet D")] = SessionKey("P", "A")
        other.wordTexts[TextKey.of("Billet D")] = "Billet D"
        let apart = LabelsSeen.unused(registrations: (registrations, mapping, ["r.csv"]), evaluations: (evaluations, other, ["e.csv"]))
        #expect(apart.map(\.file) == ["r.csv", "e.csv", "e.csv", "e.csv"])
    }
}
