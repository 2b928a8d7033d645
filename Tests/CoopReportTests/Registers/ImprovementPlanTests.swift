import Testing

@testable import CoopReport

/// Improvement points joined to the action register, by hand. Responses (overall): A 5, 2,
/// 2 (1 of 3 satisfied); B 5, 4, 2 (2 of 3); X 5 (one response: under the minimum group
/// of 3, never measured); Q1 5, 5, 5 (3 of 3). As of 1 May 2022.
@Suite("ImprovementPlan")
struct ImprovementPlanTests {
    static let asOf = Fixtures.day("2022-05-01")

    static var data: Dataset {
        let responses =
            [5, 2, 2].map { Fixtures.resp("P/A", overall: $0) } + [5, 4, 2].map { Fixtures.resp("P/B", overall: $0) }
            + [Fixtures.resp("P/X", overall: 5)] + [5, 5, 5].map { Fixtures.resp("Q/Q1", overall: $0) }
        return Fixtures.dataset([Fixtures.reg("P/A", "p1")], responses)
    }

    static func session(_ key: String) -> Session {
        let parts = key.split(separator: "/").map(String.init)
        return Fixtures.catalogue.session(SessionKey(parts[0], parts[1])) ?? Fixtures.catalogue.programmes[0].sessions[0]
    }

    static let overall = Survey.standard.questions[0]
    static let points: [Evidence.ImprovementRow] = [
        .init(session: session("P/A"), subject: .question(overall), n: 3, satisfied: 1.0 / 3, comments: []),
        .init(session: session("P/A"), subject: .question(Survey.standard.questions[1]), n: 3, satisfied: 0.5, comments: []),
        .init(session: session("P/A"), subject: .objective(number: 1, wording: "Objectif A1"), n: 3, satisfied: 1.0 / 3, comments: []),
        .init(session: session("P/B"), subject: .question(overall), n: 3, satisfied: 2.0 / 3, comments: []),
    ]

    static func action(
        _ id: String, _ decided: String, programme: String?, session: String? = nil, _ target: ImprovementAction.Target?,
        due: String? = nil, _ status: ImprovementAction.Status = .planned
    ) -> ImprovementAction {
        ImprovementAction(
            id: id, decidedOn: Fixtures.day(decided), programme: programme, session: session, target: target, description: "d",
            dueOn: due.map(Fixtures.day), status: status)
    }

    static let actions = [
        action("a1", "2022-02-01", programme: "P", session: "A", .question(0), .done),
        action("a2", "2022-01-05", programme: "P", .question(0), due: "2022-02-01", .inProgress),  // no session: A and B
        action("a3", "2022-01-20", programme: "P", .objective(1), due: "2022-06-30", .inProgress),
        action("a4", "2022-01-21", programme: "Q", session: "Q1", .question(0)),  // Q1 met the target: no point
        action("a5", "2022-01-22", programme: "P", session: "A", nil),  // aims at no question
        action("a6", "2022-06-01", programme: "P", session: "B", .question(0)),  // decided after the as-of date
        action("a7", "2022-01-23", programme: "P", nil, due: "2022-02-01", .abandoned),  // past due but abandoned: not late
    ]

    static func plan(_ actions: [ImprovementAction]?) -> ImprovementPlan {
        ImprovementPlan(
            points: points, actions: actions, scope: RegisterScope(period: Period(), catalogue: Fixtures.catalogue, asOf: asOf), data: data,
            minGroupSize: 3)
    }

    @Test("an action joins the points of its programme and question, of its session or of every session when it names none")
    func joins() {
        let p = Self.plan(Self.actions)
        #expect(p.points.map { $0.actions.map(\.action.id) } == [["a2", "a1"], [], ["a3"], ["a2"]])
        #expect(p.unjoined.map(\.action.id) == ["a4", "a5", "a7"])
        #expect(p.pointsWithoutAction == 1)
        #expect(p.actions.map(\.action.id) == ["a2", "a1", "a3", "a4", "a5", "a7"])  // a6 is after the as-of date
    }

    @Test("an action past its due date and neither done nor abandoned is late, counted once")
    func late() {
        let p = Self.plan(Self.actions)
        #expect(p.points[0].actions.map(\.late) == [true, false])
        #expect(p.unjoined.map(\.late) == [false, false, false])
        #expect(p.lateActions == 1)
    }

    @Test(
        "the effect is the first later session of the programme that scored the question, else a later edition; small groups are not measured"
    )
    func effect() throws {
        let p = Self.plan(Self.actions)
        // A's overall (33 %): B, the next session of P after the decision, scored it 2 of 3.
        let onA = try #require(p.points[0].actions.last?.effect)
        #expect(onA.session == SessionKey("P", "B") && onA.n == 3 && abs(onA.satisfied - 2.0 / 3) < 1e-12)
        #expect(p.points[0].actions.first?.effect?.session == SessionKey("P", "B"))
        // B's overall (67 %): X came later but has one response; Q1 (another programme, 20 April) scored it 3 of 3.
        let onB = try #require(p.points[3].actions.first?.effect)
        #expect(onB.session == SessionKey("Q", "Q1") && onB.satisfied == 1 && onB.start == Fixtures.day("2022-04-20"))
        #expect(onB.place(from: "P") == "Q/Q1" && onA.place(from: "P") == "B")
        // A's objective 1 is « Objectif A1 »: no later session has that objective.
        #expect(p.points[2].actions.first?.effect == nil)
    }

    @Test("without a register the points stand alone and nothing counts as « aucune action »")
    func notGiven() {
        let p = Self.plan(nil)
        #expect(!p.actionsGiven)
        #expect(p.points.allSatisfy { $0.actions.isEmpty } && p.unjoined.isEmpty)
        #expect(p.pointsWithoutAction == 0)
        #expect(Self.plan([]).pointsWithoutAction == 4)
    }
}
