import Testing

@testable import CoopReport

/// The responses are counted apart from the registrations, in two parts (one on the other
/// core, `MetricsCalculator.compute`), each on a copy of the pass as it starts, then taken
/// in (`GroupPass.takeResponses`): the pass must be the one that counts the registrations,
/// then every response, itself.
@Suite("GroupPass")
struct GroupPassTests {
    typealias F = Fixtures

    /// P/A: p1 and p3 of Coop 1, p2 of Coop 2. The responses: p2's, then one of p9, who is
    /// not registered (its own Coop 9), an anonymous one of Coop 8, then p1's.
    static let data = F.dataset(
        [F.reg("P/A", "p1", line: 2), F.reg("P/A", "p2", coop: "Coop 2", line: 3), F.reg("P/A", "p3", .absent, line: 4)],
        [
            F.resp(
                "P/A", overall: 5, participant: "p2", objectives: [1: 4], recommend: 9, comment: "Bien",
                submittedAt: Timestamp(day: F.day("2022-01-11")), line: 2),
            F.resp(
                "P/A", overall: 2, participant: "p9", coop: "Coop 9", recommend: 3, comment: "Moyen",
                submittedAt: Timestamp(day: F.day("2022-01-12")), line: 3),
            F.resp("P/A", overall: 4, coop: "Coop 8", objectives: [2: 2], line: 4),
            F.resp("P/A", overall: 4, participant: "p1", comment: "Oui", submittedAt: Timestamp(day: F.day("2022-01-20")), line: 5),
        ])

    /// A pass as it starts, with the cooperatives and a breakdown by role (both decided by
    /// the row).
    static func start() -> GroupPass {
        let index = ParticipantIndex(data)
        let calculator = MetricsCalculator(asOf: F.day("2022-12-31"), breakdowns: [Grouping([.role])])
        return GroupPass(calculator: calculator, data: data, index: index, attribution: Attribution(data, index: index), filter: .none)
    }

    /// What counting the rows leaves in a pass, compared as a whole.
    struct Counted: Equatable {
        let tallies: [Tally]
        let groups: [[[Int32]]]
        let groupTallies: [[Tally]]
        let people: [[Int]]
        let comments: [String]
        let coopResponses: [Int: [Int32: Int]]
        let objectives: [[[Int]]]
        let dates: DateSpan
        let leftOut: Int

        init(_ p: GroupPass) {
            tallies = p.tallies
            groups = p.byRow.map(\.values)
            groupTallies = p.byRow.map(\.tallies)
            people = p.byRow.map(\.people)
            comments = p.pending.map { "\($0.slot) \($0.coop) \($0.comment.cooperative) \($0.comment.text)" }
            coopResponses = p.coopResponses
            objectives = p.objectiveCounts.map { $0.map { [$0.n, $0.sum, $0.met] } }
            dates = p.responseDates
            leftOut = p.leftOut.responses
        }
    }

    static func onePass() -> GroupPass {
        var pass = start()
        pass.countRegistrations()
        pass.countResponses()
        return pass
    }

    @Test("the responses counted apart in two parts, split anywhere, then taken in order, give what one pass gives")
    func responsesApart() {
        let one = Counted(Self.onePass())
        let count = Self.data.responseRows.count
        for split in 0...count {
            let start = Self.start()
            var pass = start
            pass.countRegistrations()
            var first = start
            first.countResponses(0..<split)
            var rest = start
            rest.countResponses(split..<count)
            pass.takeResponses(of: first)
            pass.takeResponses(of: rest)
            #expect(Counted(pass) == one, "split at \(split)")
        }
    }

    @Test("a cooperative the responses meet first comes after the registrations' ones, in the order met, with its responses")
    func groupsInOrder() {
        let start = Self.start()
        var pass = start
        pass.countRegistrations()
        var first = start
        first.countResponses(0..<2)  // p2's (Coop 2), p9's (Coop 9)
        var rest = start
        rest.countResponses(2..<4)  // Coop 8's, p1's (Coop 1)
        pass.takeResponses(of: first)
        pass.takeResponses(of: rest)
        let cooperatives = pass.byRow[GroupPass.cooperatives]
        let names = cooperatives.values.map { Self.data.pool.string($0[0]) }
        #expect(names == ["Coop 1", "Coop 2", "Coop 9", "Coop 8"])
        // Coop 1: p1 and p3 registered, p1's response; Coop 2: p2 and theirs; the others a
        // response each and no registration.
        #expect(cooperatives.tallies.map(\.registered) == [2, 1, 0, 0])
        #expect(cooperatives.tallies.map(\.responses) == [1, 1, 1, 1])
        #expect(cooperatives.tallies.map { $0.questions[0].sum } == [4, 5, 2, 4])
        // The session: 4 responses; recommend 9 (promoter) and 3 (detractor).
        #expect(pass.tallies[0].responses == 4)
        #expect(pass.tallies[0].promoters == 1)
        #expect(pass.tallies[0].detractors == 1)
        #expect(pass.pending.map(\.comment.text) == ["Bien", "Moyen", "Oui"])
        // Objective 1 answered 4 once; objective 2 answered 2 once (below satisfied).
        #expect(pass.objectiveCounts[0].map { [$0.n, $0.sum, $0.met] } == [[1, 4, 1], [1, 2, 0]])
        #expect(pass.responseDates.first == F.day("2022-01-11"))
        #expect(pass.responseDates.last == F.day("2022-01-20"))
        #expect(pass.responseDates.undated == 1)
    }
}
