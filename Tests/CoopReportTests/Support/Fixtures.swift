@testable import CoopReport

/// Small hand-made inputs: a catalogue whose figures can be worked out on paper.
enum Fixtures {
    static func day(_ iso: String) -> Day { Day(iso: iso) ?? Day(daysSinceEpoch: 0) }

    /// The smallest job file: its three inputs and an output; a test adds its keys below.
    static let jobHead = """
        version: 1
        inputs: {catalogue: c.yml, registrations: r.csv, evaluations: e.csv}
        output: out

        """

    /// Programme P: A (classroom, 7 h, 100 €, capacity 10) → ACT (action) → B (classroom,
    /// 6 h, 100 €, requires A and ACT) → X (extension, not mandatory). Programme Q: Q1 (3.5 h).
    static let catalogue = Catalogue(programmes: [
        Programme(
            code: "P", title: "Programme P",
            sessions: [
                Session(
                    programme: "P", code: "A", title: "Session A", kind: .classroom, start: day("2022-01-10"),
                    end: day("2022-01-10"), hours: 7, priceHT: 100, capacity: 10, objectives: ["Objectif A1", "Objectif A2"]),
                Session(
                    programme: "P", code: "ACT", title: "Action", kind: .action, start: day("2022-02-01"),
                    end: day("2022-03-31"), hours: 0, requires: ["A"]),
                Session(
                    programme: "P", code: "B", title: "Session B", kind: .classroom, start: day("2022-04-05"),
                    end: day("2022-04-05"), hours: 6, priceHT: 100, requires: ["A", "ACT"]),
                Session(
                    programme: "P", code: "X", title: "Extension", kind: .extension, start: day("2022-04-06"),
                    end: day("2022-04-06"), hours: 7),
            ]),
        Programme(
            code: "Q", title: "Programme Q",
            sessions: [
                Session(
                    programme: "Q", code: "Q1", title: "Q un", kind: .classroom, start: day("2022-04-20"),
                    end: day("2022-04-20"), hours: 3.5)
            ]),
    ])

    static func reg(
        _ session: String, _ participant: String, coop: String = "Coop 1",
        status: Registration.Status = .registered, _ attendance: Registration.Attendance? = .present,
        hours: Double? = nil, halfDays: HalfDays = .none, file: String = "r.csv", line: Int = 0
    ) -> Registration {
        let parts = session.split(separator: "/").map(String.init)
        return Registration(
            session: SessionKey(parts[0], parts[1]), participant: participant, cooperative: coop,
            status: status, attendance: attendance, hoursAttended: hours, halfDays: halfDays, file: file, line: line)
    }

    /// A response with the overall question answered (others empty) and optional extras.
    static func resp(
        _ session: String, overall: Int?, participant: String? = nil, coop: String? = nil,
        objectives: [Int: Int] = [:], recommend: Int? = nil, id: String? = nil, comment: String? = nil,
        submittedAt: Timestamp? = nil, file: String = "e.csv", line: Int = 0
    ) -> Response {
        let parts = session.split(separator: "/").map(String.init)
        return Response(
            session: SessionKey(parts[0], parts[1]), responseID: id, submittedAt: submittedAt, participantID: participant,
            cooperative: coop, answers: [overall, nil, nil, nil, nil], objectives: objectives,
            recommend: recommend, comment: comment, file: file, line: line)
    }

    static func dataset(_ registrations: [Registration], _ responses: [Response] = [], catalogue: Catalogue = catalogue) -> Dataset {
        var builder = DatasetBuilder(catalogue: catalogue)
        for r in registrations { builder.add(r) }
        for r in responses { builder.add(r) }
        return builder.build()
    }

    static func metrics(
        _ registrations: [Registration], _ responses: [Response] = [], asOf: String = "2022-12-31",
        period: Period = Period(), minGroupSize: Int = 1
    ) -> MetricsResult {
        var builder = DatasetBuilder(catalogue: catalogue)
        for r in registrations { builder.add(r) }
        for r in responses { builder.add(r) }
        return MetricsCalculator(period: period, asOf: day(asOf), minGroupSize: minGroupSize).compute(builder.build())
    }
}

extension MetricsResult {
    func session(_ key: String) -> Figures? {
        sessions.first { "\($0.session.programme)/\($0.session.code)" == key }?.figures
    }
    func programme(_ code: String) -> Figures? { programmes.first { $0.programme.code == code }?.figures }
    func cooperative(_ name: String) -> Figures? { cooperatives.first { $0.name == name }?.figures }
    func month(_ key: String) -> Figures? { months.first { $0.month == key }?.figures }
}
