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
        var outcome: UInt8
        /// For a dropout: the number of the last session attended.
        var after: Int32
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

    public var outcome: Evidence.Outcome {
        switch record.outcome {
        case 0: .completed
        case 1: .droppedOut(after: store.data.sessions.keys[Int(record.after)].session)
        case 2: .inProgress
        default: .neverStarted
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
