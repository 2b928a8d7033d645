/// The Relevé d'assiduité rows: registrations to in-scope sessions, in report order —
/// the registered first (by session, name, file order; a registration signed by half-day
/// gives its morning then its afternoon), then the cancelled and waitlisted, in the same
/// order (docs/decisions.md). Held as one `UInt32` a row, the registration's index × 4 +
/// its `Part`; each row is made when it is read.
public struct AttendanceRows: RandomAccessCollection, Sendable {
    let store: Evidence.Store
    /// Registration index << 2 | part. Indices stay below 2³⁰: a dataset holds fewer
    /// registrations than that (56 bytes each, 60 GB).
    let order: [UInt32]
    /// Required sessions not attended, for the registrations that have some.
    let missing: [Int32: [String]]

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }
    public subscript(i: Int) -> AttendanceRow {
        let code = order[i]
        let index = Int32(code >> 2)
        return AttendanceRow(
            store: store, index: index, part: AttendanceRow.Part(rawValue: code & 3) ?? .session, missing: missing[index] ?? [])
    }

    /// One session's total in the Relevé: its registrations present (`present` or
    /// `partial`; for the project phase, projects carried out) and the sum of its rows' hours.
    public struct SessionTotal: Sendable {
        public let session: Session
        public var present = 0
        public var hours = 0.0
    }

    /// The totals per session, in `store.sessions` order, summed from the rows themselves
    /// (not from the figures), so that they check the figures: they equal `present` (or
    /// `projects_done`) and `hours_trainee` of the session when the rows are complete.
    public var totals: [SessionTotal] {
        var totals = store.sessions.map { SessionTotal(session: $0) }
        for code in order {
            let row = AttendanceRow(
                store: store, index: Int32(code >> 2), part: AttendanceRow.Part(rawValue: code & 3) ?? .session, missing: [])
            let slot = row.slot
            // A registration signed by half-day has two rows: it is present once.
            if row.part != .afternoon, row.row.isPresent { totals[slot].present += 1 }
            totals[slot].hours += row.hours ?? 0
        }
        return totals
    }
}

/// One registration to an in-scope session, or one half-day of it, with its hours and any
/// missing prerequisite.
public struct AttendanceRow: Sendable {
    /// What the row covers: the whole session, or one half-day signed in.
    public enum Part: UInt32, Sendable {
        case session = 0
        case morning = 1
        case afternoon = 2
    }

    let store: Evidence.Store
    let index: Int32
    public let part: Part
    /// Required sessions not attended (empty when the prerequisites are met).
    public let missing: [String]

    public var registration: Registration { store.registrations[Int(index)] }
    /// The registration as stored.
    var row: RegistrationRow { store.data.registrationRows[Int(index)] }
    /// The session's place in `store.sessions`.
    var slot: Int { Int(store.slotOf[Int(row.session)]) }
    public var session: Session { store.sessions[slot] }

    /// The half-day's sign-in (true present, false absent, nil not given); nil for a
    /// whole-session row.
    public var mark: Bool? {
        switch part {
        case .session: nil
        case .morning: row.halfDays.morning
        case .afternoon: row.halfDays.afternoon
        }
    }

    /// The hours this row accounts for, nil for a cancelled or waitlisted registration
    /// (no attendance expected). A whole-session row: the registration's `hours_trainee`.
    /// A half-day: that share of it over the halves signed present — the session's hours
    /// / 2 for a present half, 0 for an absent or empty one; explicit `hours_attended`
    /// are shared the same way (both halves alike when neither is present), so that the
    /// rows of a registration always add up to its `hours_trainee`.
    public var hours: Double? {
        let r = row
        guard r.status == .registered else { return nil }
        let total = r.hoursTrainee(sessionHours: session.hours)
        guard part != .session else { return total }
        let halves = r.halfDays.present ?? 0
        if halves == 0 { return total / 2 }
        return mark == true ? total / Double(halves) : 0
    }
}

/// The Parcours rows: one per participant of each programme reported, by programme then
/// name, each made when it is read.
public struct JourneyRows: RandomAccessCollection, Sendable {
    struct Record: Sendable {
        var programme: Int32
        var participant: Int32
        /// The participant's last registration row in the programme (index in the dataset).
        var last: Int32
        var cooperative: Int32
        /// Where the participant's registrations are listed in `store.journeyRows`.
        var start: Int32, end: Int32
        var outcome: JourneyOutcome
    }

    let store: Evidence.Store
    let programmes: [Programme]
    let records: [Record]

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }
    public subscript(i: Int) -> JourneyRow { JourneyRow(rows: self, record: records[i]) }
}

/// One participant of one programme: what they did at each session.
public struct JourneyRow: Sendable {
    let rows: JourneyRows
    let record: JourneyRows.Record

    var store: Evidence.Store { rows.store }
    var lastRow: RegistrationRow { store.data.registrationRows[Int(record.last)] }
    var participantID: Int32 { record.participant }
    var cooperativeID: Int32 { record.cooperative }
    public var programme: Programme { rows.programmes[Int(record.programme)] }
    public var participant: String { store.data.pool.string(record.participant) }
    public var lastName: String { store.data.pool.string(lastRow.lastName) }
    public var firstName: String { store.data.pool.string(lastRow.firstName) }
    public var role: String { store.data.pool.string(lastRow.role) }
    public var identifiedByEmail: Bool { lastRow.identifiedByEmail }
    /// The cooperative of the participant's last row in the programme.
    public var cooperative: String { store.data.pool.string(record.cooperative) }

    public var outcome: JourneyOutcome { record.outcome }

    /// Each step (mandatory session, in order) and what the registrations say of it.
    public var steps: [(session: Session, step: JourneyStep)] {
        programme.mandatorySessions.map { s in (s, JourneyStep(seat: store.data.sessions.find(s.key).flatMap { seat($0) })) }
    }

    /// The outcome in words, with the steps not done and why (`metrics.md`): « abandon :
    /// ACTION non réalisée », « à vérifier : présence S2 non saisie ».
    public var outcomeText: String {
        switch outcome {
        case .completed, .inProgress, .notStarted: return outcome.french
        case .dropped, .unverified:
            let steps = self.steps
            let missed = steps.filter { if case .missed = $0.step { true } else { false } }
            let unrecorded = steps.filter { $0.step == .unrecorded }
            let why = (missed + unrecorded).compactMap { $0.step.french($0.session) }
            return outcome.french + " : " + why.joined(separator: " ; ")
        }
    }

    /// The participant's registration to the session with this number, as stored.
    func seat(_ session: Int32) -> RegistrationRow? {
        for i in Int(record.start)..<Int(record.end) {
            let r = store.data.registrationRows[Int(store.journeyRows[i])]
            if r.session == session { return r }
        }
        return nil
    }
}
