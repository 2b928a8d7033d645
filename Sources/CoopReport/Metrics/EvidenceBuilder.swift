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
        let index = metrics.participants
        let table = data.sessions
        let rows = data.registrationRows
        // Each session number's place in the report (−1: out of scope), and its requirements.
        var slotOf = [Int](repeating: -1, count: table.keys.count)
        for (slot, s) in metrics.sessions.enumerated() { if let n = table.find(s.session.key) { slotOf[Int(n)] = slot } }
        let sessions = metrics.sessions.map(\.session)
        let required = sessions.map { s in s.requires.map { table.find(SessionKey(s.programme, $0)) ?? -1 } }

        // Registrations grouped by (programme, participant): sorted once, read by range.
        let journeyKeys = rows.map { ParticipantIndex.key(table.programmeNumbers[Int($0.session)], $0.participant) }
        let journeyRows = rows.indices.sorted { journeyKeys[$0] != journeyKeys[$1] ? journeyKeys[$0] < journeyKeys[$1] : $0 < $1 }
            .map { Int32($0) }
        let store = Evidence.Store(data: data, sessions: sessions, journeyRows: journeyRows)
        let names = NameOrder(data)

        var attendance: [Evidence.AttendanceRow] = []
        for (i, r) in rows.enumerated() {
            let slot = slotOf[Int(r.session)]
            guard slot >= 0 else { continue }
            let s = sessions[slot]
            let missing =
                r.status == .registered
                ? zip(s.requires, required[slot]).filter { !index.wasPresent(r.participant, session: $0.1) }.map(\.0) : []
            attendance.append(
                Evidence.AttendanceRow(
                    store: store, index: Int32(i), sessionIndex: Int32(slot), hours: r.hoursTrainee(sessionHours: s.hours), missing: missing
                ))
        }
        // By session, then by name: integer keys, made once.
        attendance = attendance.sortedByKey { row in
            let r = rows[Int(row.index)]
            return SortKey(Int(row.sessionIndex), names.rank(r))
        }

        var journeys: [Evidence.JourneyRow] = []
        var runs: [UInt64: Range<Int>] = [:]
        var start = 0
        for k in journeyRows.indices
        where k + 1 == journeyRows.count || journeyKeys[Int(journeyRows[k + 1])] != journeyKeys[Int(journeyRows[k])] {
            runs[journeyKeys[Int(journeyRows[k])]] = start..<(k + 1)
            start = k + 1
        }
        for (p, _) in metrics.programmes {
            guard let programme = table.programmeNumber(p.code) else { continue }
            let mandatory = p.mandatorySessions
            let numbers = mandatory.map { table.find($0.key) ?? -1 }
            let ended = mandatory.map(\.end).max().map { $0 <= asOf } ?? false
            var found: [Evidence.JourneyRow] = []
            for participant in index.registered[Int(programme)] {
                guard let run = runs[ParticipantIndex.key(programme, participant)],
                    let last = run.map({ journeyRows[$0] }).max(by: { rows[Int($0)].line < rows[Int($1)].line })
                else { continue }
                let attended = numbers.map { index.wasPresent(participant, session: $0) }
                let outcome: Evidence.Outcome
                if let first = mandatory.first, attended.first == true {
                    if attended.allSatisfy({ $0 }) {
                        outcome = .completed
                    } else if ended {
                        // The last step in order of the unbroken run of attended sessions.
                        var after = first.code
                        for (s, here) in zip(mandatory, attended) { if here { after = s.code } else { break } }
                        outcome = .droppedOut(after: after)
                    } else {
                        outcome = .inProgress
                    }
                } else {
                    outcome = .neverStarted
                }
                found.append(
                    Evidence.JourneyRow(
                        programme: p, store: store, participantID: participant, last: last,
                        cooperativeID: index.cooperative(of: participant, programme: programme) ?? rows[Int(last)].cooperative, rows: run,
                        outcome: outcome))
            }
            journeys += found.sortedByKey { SortKey(0, names.rank(rows[Int($0.last)])) }
        }

        var improvements: [Evidence.ImprovementRow] = []
        let commentsBySession = Dictionary(grouping: metrics.comments, by: \.session)
        for s in metrics.sessions where !s.figures.suppressed {
            let comments = commentsBySession[s.session.key, default: []].map(\.text)
            for (i, q) in metrics.survey.questions.enumerated() {
                let (n, _, satisfied) = s.figures.question(i)
                guard let satisfied, satisfied < target else { continue }
                improvements.append(.init(session: s.session, question: q, n: n, satisfied: satisfied, comments: comments))
            }
        }
        return Evidence(attendance: attendance, journeys: journeys, improvements: improvements, target: target)
    }
}

/// A row's place: a group number, then its name's rank.
struct SortKey: Comparable {
    let group: Int
    let name: Int
    init(_ group: Int, _ name: Int) {
        self.group = group
        self.name = name
    }
    static func < (a: SortKey, b: SortKey) -> Bool { a.group != b.group ? a.group < b.group : a.name < b.name }
}

/// The order of people in lists: by last name, first name, then identifier (see
/// `TextKey.sortKey`), each distinct (last, first, identifier) ranked once.
struct NameOrder {
    private struct Name: Hashable { let last: Int32, first: Int32, participant: Int32 }
    private var ranks: [Name: Int] = [:]

    init(_ data: Dataset) {
        var keys: [Name: String] = [:]
        for r in data.registrationRows {
            let name = Name(last: r.lastName, first: r.firstName, participant: r.participant)
            if keys[name] == nil {
                let pool = data.pool
                keys[name] = TextKey.sortKey(pool.string(r.lastName) + " " + pool.string(r.firstName) + " " + pool.string(r.participant))
            }
        }
        let sorted = keys.sorted {
            $0.value != $1.value ? $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) : Self.tie($0.key, $1.key)
        }
        for (rank, entry) in sorted.enumerated() { ranks[entry.key] = rank }
    }

    /// Equal keys: a fixed order, so that every run lists them alike.
    private static func tie(_ a: Name, _ b: Name) -> Bool {
        (a.last, a.first, a.participant) < (b.last, b.first, b.participant)
    }

    func rank(_ r: RegistrationRow) -> Int { ranks[Name(last: r.lastName, first: r.firstName, participant: r.participant)] ?? 0 }
}

extension Array {
    /// Sorted by a key computed once per element (stable for equal keys).
    func sortedByKey<Key: Comparable>(_ key: (Element) -> Key) -> [Element] {
        let keys = map(key)
        return indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { self[$0] }
    }
}
