import Testing

@testable import CoopReport

@Suite("InputKind")
struct InputKindTests {
    @Test("the raw values are the job's `inputs:` keys, in the job's order: metrics.json, the manifest and rejects.csv write them")
    func rawValues() {
        #expect(
            InputKind.allCases.map(\.rawValue) == [
                "catalogue", "registrations", "evaluations", "complaints", "actions", "cold", "members",
            ])
        #expect(InputKind(rawValue: "evaluation") == nil)
    }

    @Test("each kind's French name, as Synthèse lists the files read")
    func french() {
        #expect(
            InputKind.allCases.map(\.french) == [
                "catalogue", "inscriptions", "évaluations", "réclamations", "actions d'amélioration", "évaluations à froid",
                "liste des adhérents",
            ])
    }

    @Test("what is said per kind: the surveys, the registers, the exports held to max_reject_rate, the empty-file alerts")
    func perKind() {
        #expect(InputKind.allCases.filter(\.isSurvey) == [.evaluations, .cold])
        #expect(InputKind.allCases.filter(\.isRegister) == [.complaints, .actions])
        #expect(InputKind.allCases.filter(\.isHeldToRejectRate) == [.registrations, .evaluations, .cold])
        #expect(InputKind.allCases.filter { $0.emptyFileWarning != nil } == [.evaluations, .cold, .members])
        #expect(InputKind.members.valueMaps.isEmpty)
        #expect(InputKind.registrations.valueMaps == ["programme", "session", "event", "status", "attendance", "role"])
        #expect(InputKind.actions.valueMaps == ["programme", "session", "status"])
    }
}
