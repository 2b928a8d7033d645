/// Who attended what, and which cooperative a participant belongs to, per programme —
/// over all registrations, whatever the period (journeys and prerequisites need them).
/// Participants are pool ids, programmes and sessions `SessionTable` numbers.
struct ParticipantIndex: Sendable {
    /// (programme number, participant id) → entry number.
    private var entries: IntMap
    /// Per entry: the places (in the programme) of the sessions attended, as bits — places
    /// past 63 go to `moreAttended`; registered at least once; the line and cooperative
    /// of the participant's last row in the programme (docs/decisions.md).
    private var attended: [UInt64] = []
    private var moreAttended: [Int32: Set<Int32>] = [:]
    private var lines: [Int32] = []
    private var cooperatives: [Int32] = []
    private var isRegistered: [Bool] = []
    /// Participants with at least one `registered` registration, by programme number, in
    /// order met.
    private(set) var registered: [[Int32]]
    /// (programme number, e-mail id) → participant, for responses that carry only an e-mail.
    private var byEmail = IntMap()
    private let sessions: SessionTable

    @inline(__always) static func key(_ programme: Int32, _ participant: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: programme)) << 32 | UInt64(UInt32(bitPattern: participant))
    }

    init(_ data: Dataset) {
        sessions = data.sessions
        registered = Array(repeating: [], count: sessions.programmeCount)
        entries = IntMap(capacity: data.registrationRows.count / 2)
        for r in data.registrationRows {
            let programme = sessions.programmeNumbers[Int(r.session)]
            let key = Self.key(programme, r.participant)
            let e = Int(entries.valueOrInsert(key, Int32(attended.count)))
            if e == attended.count {
                attended.append(0)
                lines.append(.min)
                cooperatives.append(0)
                isRegistered.append(false)
            }
            if r.isPresent {
                let place = sessions.places[Int(r.session)]
                if place < 64 { attended[e] |= 1 << UInt64(place) } else { moreAttended[Int32(e), default: []].insert(place) }
            }
            if r.status == .registered, !isRegistered[e] {
                isRegistered[e] = true
                registered[Int(programme)].append(r.participant)
            }
            if lines[e] <= r.line {
                lines[e] = r.line
                cooperatives[e] = r.cooperative
            }
            if r.email != 0 { byEmail.set(Self.key(programme, r.email), r.participant) }
        }
    }

    /// Whether the participant was present at this session (a `SessionTable` number).
    func wasPresent(_ participant: Int32, session: Int32) -> Bool {
        guard session >= 0, let e = entries[Self.key(sessions.programmeNumbers[Int(session)], participant)] else { return false }
        let place = sessions.places[Int(session)]
        return place < 64 ? attended[Int(e)] & (1 << UInt64(place)) != 0 : moreAttended[e]?.contains(place) ?? false
    }

    /// The cooperative id of the participant's last row in the programme.
    func cooperative(of participant: Int32, programme: Int32) -> Int32? {
        entries[Self.key(programme, participant)].map { cooperatives[Int($0)] }
    }

    /// The registered participant a response belongs to: by `participant_id`, else by e-mail.
    func participant(of response: ResponseRow) -> Int32? {
        let programme = sessions.programmeNumbers[Int(response.session)]
        if response.participantID != 0, entries[Self.key(programme, response.participantID)] != nil { return response.participantID }
        if response.email != 0 {
            if let p = byEmail[Self.key(programme, response.email)] { return p }
            if entries[Self.key(programme, response.email)] != nil { return response.email }
        }
        return nil
    }
}
