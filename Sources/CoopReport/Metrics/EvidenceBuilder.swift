/// Builds the participant-level `Evidence` from the dataset and the computed figures.
/// Pure: no file, no clock.
public struct EvidenceBuilder {
    public let period: Period
    public let asOf: Day
    /// Satisfied share below which a session × question is an improvement point.
    public let target: Double

    public init(period: Period, asOf: Day, target: Double = 0.8) {
        self.period = period
        self.asOf = asOf
        self.target = target
    }

    public func build(_ data: Dataset, metrics: MetricsResult) -> Evidence {
        rows(data, index: ParticipantIndex(data)).with(improvements(metrics))
    }

    /// The Relevé d'assiduité and Parcours rows of the period's sessions and programmes: they do
    /// not need the figures, so they are built while the metrics are computed.
    ///
    /// `only`: one cooperative's rows (`MetricsCalculator.Rows`: its registrations for the
    /// Relevé, its journeys' participants and their rows for Parcours), its rows alone read;
    /// `names`: the order of people, built once for several calls.
    func rows(_ data: Dataset, index: ParticipantIndex, names: NameOrder? = nil, only: MetricsCalculator.Rows? = nil) -> Evidence {
        let sessions = MetricsCalculator.sessions(of: data.catalogue, in: period)
        let programmes = MetricsCalculator.programmes(of: data.catalogue, in: period)
        let table = data.sessions
        let rows = data.registrationRows
        // Each session number's place in the report (−1: out of scope), and its requirements.
        var slotOf = [Int32](repeating: -1, count: table.keys.count)
        for (slot, s) in sessions.enumerated() { if let n = table.find(s.key) { slotOf[Int(n)] = Int32(slot) } }
        let required = sessions.map { s in s.requires.map { table.find(SessionKey(s.programme, $0)) ?? -1 } }
        let names = names ?? NameOrder(data)

        // Registrations grouped by (programme, participant): sorted once, read by range.
        func groupKey(_ i: Int) -> (key: UInt64, index: Int32) {
            (key: ParticipantIndex.key(table.programmeNumbers[Int(rows[i].session)], rows[i].participant), index: Int32(i))
        }
        var grouped = only.map { $0.journeyRows.map { groupKey(Int($0)) } } ?? rows.indices.map(groupKey)
        grouped.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        var runs = IntMap(capacity: grouped.count / 2)
        var starts: [Int32] = []
        var start = 0
        for k in grouped.indices where k + 1 == grouped.count || grouped[k + 1].key != grouped[k].key {
            runs.set(grouped[k].key, Int32(starts.count))
            starts.append(Int32(start))
            start = k + 1
        }
        starts.append(Int32(grouped.count))
        let store = Evidence.Store(data: data, sessions: sessions, journeyRows: grouped.map(\.index), slotOf: slotOf)
        grouped = []

        // Relevé d'assiduité: the registered, then the cancelled and waitlisted; each by
        // session, then by name, then file order; one 16-byte key a registration.
        var keyed: [(key: UInt64, index: Int32)] = []
        var missing: [Int32: [String]] = [:]
        func add(_ i: Int) {
            let r = rows[i]
            let slot = slotOf[Int(r.session)]
            guard slot >= 0 else { return }
            let apart: UInt64 = r.status == .registered ? 0 : 1 << 63
            keyed.append((apart | UInt64(slot) << 32 | UInt64(names.rank(r)), Int32(i)))
            guard r.status == .registered, !required[Int(slot)].isEmpty else { return }
            let needs = index.missingPrerequisites(r.participant, required: required[Int(slot)])
            if !needs.isEmpty { missing[Int32(i)] = needs.map { sessions[Int(slot)].requires[$0] } }
        }
        if let only { for i in only.registrations { add(Int(i)) } } else { for i in rows.indices { add(i) } }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        // A registered row signed by half-day at a taught session: its morning, then its afternoon.
        var order: [UInt32] = []
        order.reserveCapacity(keyed.count + keyed.count / 4)
        for (_, i) in keyed {
            let r = rows[Int(i)]
            let code = UInt32(i) << 2
            if r.status == .registered && r.halfDays.recorded && sessions[Int(slotOf[Int(r.session)])].kind != .action {
                order.append(code | AttendanceRow.Part.morning.rawValue)
                order.append(code | AttendanceRow.Part.afternoon.rawValue)
            } else {
                order.append(code | AttendanceRow.Part.session.rawValue)
            }
        }
        keyed = []

        var journeys: [JourneyRows.Record] = []
        for (p, programmeCode) in programmes.enumerated() {
            let code = programmeCode
            guard let programme = table.programmeNumber(code.code) else { continue }
            let mandatory = code.mandatorySessions
            let numbers = mandatory.map { table.find($0.key) ?? -1 }
            let ended = code.hasEnded(at: asOf)
            var found: [(rank: Int, record: JourneyRows.Record)] = []
            for participant in only.map({ $0.journeys[programme] ?? [] }) ?? index.registered[Int(programme)] {
                guard let run = runs[ParticipantIndex.key(programme, participant)] else { continue }
                let (first, end) = (starts[Int(run)], starts[Int(run) + 1])
                guard let last = (first..<end).map({ store.journeyRows[Int($0)] }).max(by: { rows[Int($0)].line < rows[Int($1)].line })
                else { continue }
                let outcome = JourneyOutcome.of(numbers.map { index.step(participant, session: $0) }, programmeEnded: ended)
                let record = JourneyRows.Record(
                    programme: Int32(p), participant: participant, last: last,
                    cooperative: index.cooperative(of: participant, programme: programme) ?? rows[Int(last)].cooperative,
                    start: first, end: end, outcome: outcome)
                found.append((names.rank(rows[Int(last)]), record))
            }
            // By name; equal names in the order met.
            found = found.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
            journeys += found.map(\.record)
        }
        let attendance = AttendanceRows(store: store, order: order, missing: missing)

        return Evidence(
            attendance: attendance, journeys: JourneyRows(store: store, programmes: programmes, records: journeys), improvements: [],
            target: target)
    }

    /// The improvement points (`metrics.md`): each session's question whose satisfied
    /// share, and each objective whose share met, is below the target — groups under the
    /// minimum size excepted — with the comments of the responses that scored it low.
    func improvements(_ metrics: MetricsResult) -> [Evidence.ImprovementRow] {
        var improvements: [Evidence.ImprovementRow] = []
        // Only comments whose session may be named (`CommentView`): a point names its session.
        // Their positions, by session, not copies: at a million rows the comments are a
        // hundred thousand, and copying them made the peak of a run split by cooperative.
        let all = metrics.comments
        var commentsBySession: [SessionKey: [Int]] = [:]
        for (i, c) in all.enumerated() where CommentView(c, minGroupSize: metrics.minGroupSize).session != nil {
            commentsBySession[c.session, default: []].append(i)
        }
        for s in metrics.sessions where s.figures.surveyed && !s.figures.suppressed {
            let comments = commentsBySession[s.session.key, default: []].map { all[$0] }
            for (i, q) in metrics.survey.questions.enumerated() {
                let (n, _, satisfied) = s.figures.question(i)
                guard let satisfied, satisfied < target else { continue }
                improvements.append(
                    .init(
                        session: s.session, subject: .question(q), n: n, satisfied: satisfied,
                        comments: comments.filter { $0.lowQuestions.contains(i) }.map(\.text)))
            }
            for o in s.objectives where o.n > 0 {
                let met = Double(o.met) / Double(o.n)
                guard met < target else { continue }
                improvements.append(
                    .init(
                        session: s.session, subject: .objective(number: o.number, wording: o.wording), n: o.n, satisfied: met,
                        comments: comments.filter { $0.lowObjectives.contains(o.number) }.map(\.text)))
            }
        }
        return improvements
    }
}

/// The order of people in lists: by last name, first name, then identifier (see
/// `TextKey.sortKey`), each distinct (last, first, identifier) ranked once. A
/// participant's first name triple is found through an `IntMap`; the rare participant
/// written with several names has the others in a dictionary.
struct NameOrder {
    private struct Name: Hashable { let last: Int32, first: Int32, participant: Int32 }
    private var names: [Name] = []
    private var ranks: [Int32] = []
    /// Participant → index in `names` of their first name triple.
    private var byParticipant = IntMap()
    private var others: [Name: Int32] = [:]

    init(_ data: Dataset) {
        var keys: [String] = []
        var otherNames: [Name: Int32] = [:]
        for r in data.registrationRows {
            let name = Name(last: r.lastName, first: r.firstName, participant: r.participant)
            if let i = byParticipant[UInt64(UInt32(bitPattern: r.participant))] {
                if names[Int(i)] == name || otherNames[name] != nil { continue }
                otherNames[name] = Int32(names.count)
            } else {
                byParticipant.set(UInt64(UInt32(bitPattern: r.participant)), Int32(names.count))
            }
            names.append(name)
            let pool = data.pool
            keys.append(TextKey.sortKey(pool.string(r.lastName) + " " + pool.string(r.firstName) + " " + pool.string(r.participant)))
        }
        others = otherNames
        // Equal keys share a rank: their rows then keep file order, as a stable sort would.
        let order = names.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
        ranks = Array(repeating: 0, count: names.count)
        var rank: Int32 = 0
        for (k, i) in order.enumerated() {
            if k > 0 && !keys[i].utf8.elementsEqual(keys[order[k - 1]].utf8) { rank += 1 }
            ranks[i] = rank
        }
    }

    func rank(_ r: RegistrationRow) -> Int {
        guard let i = byParticipant[UInt64(UInt32(bitPattern: r.participant))] else { return 0 }
        let name = names[Int(i)]
        if name.last == r.lastName && name.first == r.firstName { return Int(ranks[Int(i)]) }
        return others[Name(last: r.lastName, first: r.firstName, participant: r.participant)].map { Int(ranks[Int($0)]) } ?? 0
    }
}
