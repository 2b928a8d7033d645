/// The Émargement rows: registrations to in-scope sessions, in report order. Held as
/// registration indices (4 bytes a row); each row is made when it is read.
public struct AttendanceRows: RandomAccessCollection, Sendable {
    let store: Evidence.Store
    /// Registration indices, by session then name.
    let order: [Int32]
    /// Required sessions not attended, for the registrations that have some.
    let missing: [Int32: [String]]

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }
    public subscript(i: Int) -> AttendanceRow {
        let index = order[i]
        return AttendanceRow(store: store, index: index, missing: missing[index] ?? [])
    }
}

/// One registration to an in-scope session, with its hours and any missing prerequisite.
public struct AttendanceRow: Sendable {
    let store: Evidence.Store
    let index: Int32
    /// Required sessions not attended (empty when the prerequisites are met).
    public let missing: [String]

    public var registration: Registration { store.registrations[Int(index)] }
    /// The registration as stored.
    var row: RegistrationRow { store.data.registrationRows[Int(index)] }
    public var session: Session { store.sessions[Int(store.slotOf[Int(row.session)])] }
    /// The registration's `hours_trainee`.
    public var hours: Double { row.hoursTrainee(sessionHours: session.hours) }
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
