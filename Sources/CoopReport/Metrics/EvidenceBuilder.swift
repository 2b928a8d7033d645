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
        let inScope = Dictionary(uniqueKeysWithValues: metrics.sessions.map { ($0.session.key, $0.session) })
        let order = Dictionary(uniqueKeysWithValues: metrics.sessions.enumerated().map { ($1.session.key, $0) })

        let sessions = metrics.sessions.map(\.session)
        let store = Evidence.Store(registrations: data.registrations, sessions: sessions)
        let attendance = data.registrations.enumerated().compactMap { i, r -> Evidence.AttendanceRow? in
            guard let s = inScope[r.session], let slot = order[r.session] else { return nil }
            let missing =
                r.status == .registered
                ? s.requires.filter { !index.wasPresent(r.participant, programme: s.programme, session: $0) } : []
            return Evidence.AttendanceRow(
                store: store, index: Int32(i), sessionIndex: Int32(slot),
                hours: r.hoursTrainee(sessionHours: s.hours), missing: missing)
        }.sortedByKey { row in
            // By session, then by name: each row's key is made once, not at every comparison.
            let r = row.registration
            return SortKey(order[r.session] ?? 0, TextKey.sortKey(r.lastName + " " + r.firstName + " " + r.participant))
        }

        struct JourneyKey: Hashable { let programme: String, participant: String }
        var byJourney: [JourneyKey: [String: Int32]] = [:]
        for (i, r) in data.registrations.enumerated() {
            byJourney[JourneyKey(programme: r.session.programme, participant: r.participant), default: [:]][r.session.session] = Int32(i)
        }
        var journeys: [Evidence.JourneyRow] = []
        for (p, _) in metrics.programmes {
            let mandatory = p.mandatorySessions
            let ended = mandatory.map(\.end).max().map { $0 <= asOf } ?? false
            var rows: [Evidence.JourneyRow] = []
            for participant in index.registered[p.code] ?? [] {
                let indices = byJourney[JourneyKey(programme: p.code, participant: participant)] ?? [:]
                guard let last = indices.values.map({ data.registrations[Int($0)] }).max(by: { $0.line < $1.line }) else { continue }
                let attended = mandatory.filter { index.wasPresent(participant, programme: p.code, session: $0.code) }
                let outcome: Evidence.Outcome
                if let first = mandatory.first, attended.first?.code == first.code {
                    if attended.count == mandatory.count {
                        outcome = .completed
                    } else if ended {
                        // The last step in order of the unbroken run of attended sessions.
                        var after = first.code
                        for s in mandatory { if attended.contains(where: { $0.code == s.code }) { after = s.code } else { break } }
                        outcome = .droppedOut(after: after)
                    } else {
                        outcome = .inProgress
                    }
                } else {
                    outcome = .neverStarted
                }
                rows.append(
                    Evidence.JourneyRow(
                        programme: p, participant: participant, lastName: last.lastName, firstName: last.firstName,
                        cooperative: index.cooperative(of: participant, programme: p.code) ?? last.cooperative, role: last.role,
                        identifiedByEmail: last.identifiedByEmail, store: store, registrationIndex: indices, outcome: outcome))
            }
            journeys += rows.sortedByKey { SortKey(0, TextKey.sortKey($0.lastName + " " + $0.firstName + " " + $0.participant)) }
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

/// A row's place: a group number, then a name key.
struct SortKey: Comparable {
    let group: Int
    let name: String
    init(_ group: Int, _ name: String) {
        self.group = group
        self.name = name
    }
    static func < (a: SortKey, b: SortKey) -> Bool {
        a.group != b.group ? a.group < b.group : a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
    }
}

extension Array {
    /// Sorted by a key computed once per element (stable for equal keys).
    func sortedByKey<Key: Comparable>(_ key: (Element) -> Key) -> [Element] {
        let keys = map(key)
        return indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { self[$0] }
    }
}
