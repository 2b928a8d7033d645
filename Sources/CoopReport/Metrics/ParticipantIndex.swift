/// Who attended what, and which cooperative a participant belongs to, per programme —
/// over all registrations, whatever the period (journeys and prerequisites need them).
/// Participants are pool ids, programmes and sessions `SessionTable` numbers.
struct ParticipantIndex: Sendable {
    /// (programme number, participant id) → entry number.
    private var entries: IntMap
    /// Per entry: the places (in the programme) of the sessions done, and of those whose
    /// attendance is still empty, as bits (`PlaceBits`); registered at least once; the
    /// place (file, line), cooperative and role of the participant's last row in the
    /// programme, the last by (file, line) as everywhere (`metrics.md` v3, « Groupings »).
    private var attended = PlaceBits()
    private var unrecorded = PlaceBits()
    private var lastRows: [RowPlace] = []
    private var cooperatives: [Int32] = []
    private var roles: [Int32] = []
    private var isRegistered: [Bool] = []
    /// Participants with at least one `registered` registration, by programme number, in
    /// order met.
    private(set) var registered: [[Int32]]
    /// (programme number, e-mail id) → participant, for responses that carry only an e-mail.
    private var byEmail = IntMap()
    /// Per registration row of the dataset, by index: its (programme, participant) entry,
    /// so that counting the rows finds it without a lookup.
    private var entryOfRow: [Int32] = []
    private let sessions: SessionTable

    @inline(__always) static func key(_ programme: Int32, _ participant: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: programme)) << 32 | UInt64(UInt32(bitPattern: participant))
    }

    init(_ data: Dataset) {
        sessions = data.sessions
        // The e-mails need nothing else of the index: mapped on the other core meanwhile.
        let emails = Background { [sessions] in Self.emails(data.registrationRows, sessions: sessions) }
        registered = Array(repeating: [], count: sessions.programmeCount)
        entries = IntMap(capacity: Self.expectedEntries(data.registrationRows.count, sessions: sessions))
        entryOfRow.reserveCapacity(data.registrationRows.count)
        for r in data.registrationRows {
            let programme = sessions.programmeNumbers[Int(r.session)]
            let key = Self.key(programme, r.participant)
            let e = Int(entries.valueOrInsert(key, Int32(lastRows.count)))
            if e == lastRows.count {
                attended.append()
                unrecorded.append()
                lastRows.append(RowPlace(file: .min, line: .min))
                cooperatives.append(0)
                roles.append(0)
                isRegistered.append(false)
            }
            entryOfRow.append(Int32(e))
            switch JourneyStep(seat: r).state {
            case .done: attended.insert(sessions.places[Int(r.session)], at: e)
            case .unrecorded: unrecorded.insert(sessions.places[Int(r.session)], at: e)
            case .missed: break
            }
            if r.status == .registered, !isRegistered[e] {
                isRegistered[e] = true
                registered[Int(programme)].append(r.participant)
            }
            let place = RowPlace(r)
            if lastRows[e] <= place {
                lastRows[e] = place
                cooperatives[e] = r.cooperative
                roles[e] = r.role
            }
        }
        byEmail = emails.take()
    }

    /// How many (programme, participant) entries to make room for: one per participant of
    /// each programme, who usually registers to each of its sessions — the rows over the
    /// sessions a programme has on average. Fewer sessions each, and a map grows once; room
    /// for half the rows, as before, held 12 MB of empty slots at a million rows for the two
    /// maps, through a run split by cooperative (BENCHMARKS.md, « The split's memory »).
    static func expectedEntries(_ rows: Int, sessions: SessionTable) -> Int {
        rows * max(sessions.programmeCount, 1) / max(sessions.keys.count, 1)
    }

    /// (programme number, e-mail id) → participant of the last row that gave the e-mail.
    private static func emails(_ rows: [RegistrationRow], sessions: SessionTable) -> IntMap {
        var byEmail = IntMap(capacity: expectedEntries(rows.count, sessions: sessions))
        for r in rows where r.email != 0 { byEmail.set(key(sessions.programmeNumbers[Int(r.session)], r.email), r.participant) }
        return byEmail
    }

    /// The step as the participant's registration records it: done, unrecorded, or missed
    /// (absent, cancelled, waitlisted or not registered: the reason is not kept here).
    func step(_ participant: Int32, session: Int32) -> JourneyStep.State {
        guard session >= 0, let e = entries[Self.key(sessions.programmeNumbers[Int(session)], participant)] else { return .missed }
        let place = sessions.places[Int(session)]
        if attended.contains(place, at: Int(e)) { return .done }
        return unrecorded.contains(place, at: Int(e)) ? .unrecorded : .missed
    }

    /// The positions, in a session's `requires`, of the required sessions (by
    /// `SessionTable` number; −1 when not in the catalogue) the participant has not done: a
    /// registration with any is a prerequisite violation (`metrics.md`), for the figures and
    /// the evidence alike. Empty (no allocation) when the prerequisites are met. The
    /// participant's entry is looked up once per programme, not once per required session.
    func missingPrerequisites(_ participant: Int32, required: [Int32]) -> [Int] {
        missingPrerequisites(participant, required: required, known: (-1, nil))
    }

    /// The same for the dataset's registration row at `row`, in `programme` (its session's):
    /// its entry is known, so the required sessions of its programme need no lookup.
    func missingPrerequisites(ofRow row: Int, _ participant: Int32, programme: Int32, required: [Int32]) -> [Int] {
        missingPrerequisites(participant, required: required, known: (programme, entryOfRow[row]))
    }

    /// `known`: the participant's entry in one programme (−1: none known yet).
    private func missingPrerequisites(_ participant: Int32, required: [Int32], known: (programme: Int32, entry: Int32?)) -> [Int] {
        var missing: [Int] = []
        var (programme, entry) = known
        for (i, number) in required.enumerated() {
            guard number >= 0 else {
                missing.append(i)
                continue
            }
            let p = sessions.programmeNumbers[Int(number)]
            if p != programme {
                programme = p
                entry = entries[Self.key(p, participant)]
            }
            // Done (`step` is `.done`): registered, present or partial (for the project phase:
            // project carried out).
            guard let entry, attended.contains(sessions.places[Int(number)], at: Int(entry)) else {
                missing.append(i)
                continue
            }
        }
        return missing
    }

    /// The cooperative id of the participant's last row in the programme.
    func cooperative(of participant: Int32, programme: Int32) -> Int32? {
        entries[Self.key(programme, participant)].map { cooperatives[Int($0)] }
    }

    /// The cooperative and role ids of the participant's last row in the programme
    /// (the role 0 when none was given), in one lookup.
    func lastRow(of participant: Int32, programme: Int32) -> (cooperative: Int32, role: Int32)? {
        entries[Self.key(programme, participant)].map { (cooperatives[Int($0)], roles[Int($0)]) }
    }

    /// The registered participant a response belongs to: by `participant_id`, else by e-mail.
    func participant(of response: ResponseRow) -> Int32? { respondent(of: response)?.participant }

    /// The registered participant a response belongs to (`participant(of:)`) and the
    /// cooperative and role (`lastRow(of:programme:)`) of their last row in the response's
    /// programme: one lookup of the entry where the two functions would make two or three.
    func respondent(of response: ResponseRow) -> (participant: Int32, cooperative: Int32, role: Int32)? {
        let programme = sessions.programmeNumbers[Int(response.session)]
        func found(_ participant: Int32, _ e: Int32) -> (participant: Int32, cooperative: Int32, role: Int32) {
            (participant, cooperatives[Int(e)], roles[Int(e)])
        }
        if response.participantID != 0, let e = entries[Self.key(programme, response.participantID)] {
            return found(response.participantID, e)
        }
        if response.email != 0 {
            // A participant found by e-mail is one whose row gave that e-mail: always an entry.
            if let p = byEmail[Self.key(programme, response.email)] {
                return entries[Self.key(programme, p)].map { found(p, $0) }
            }
            if let e = entries[Self.key(programme, response.email)] { return found(response.email, e) }
        }
        return nil
    }
}

/// One set of session places per index entry: places 0–63 as the bits of a word, the
/// rare later ones in a dictionary.
struct PlaceBits: Sendable {
    private var words: [UInt64] = []
    private var more: [Int32: Set<Int32>] = [:]

    mutating func append() { words.append(0) }

    mutating func insert(_ place: Int32, at entry: Int) {
        if place < 64 { words[entry] |= 1 << UInt64(place) } else { more[Int32(entry), default: []].insert(place) }
    }

    func contains(_ place: Int32, at entry: Int) -> Bool {
        place < 64 ? words[entry] & (1 << UInt64(place)) != 0 : more[Int32(entry)]?.contains(place) ?? false
    }
}

/// Where a row was read: the file's number in the run, then the line. « The last row
/// wins » compares these, never the line alone: with registrations split over two
/// files, line 12 of the second file comes after line 40 of the first.
struct RowPlace: Comparable, Sendable {
    let file: Int16
    let line: Int32

    init(file: Int16, line: Int32) {
        self.file = file
        self.line = line
    }

    init(_ r: RegistrationRow) { self.init(file: r.file, line: r.line) }

    static func < (a: RowPlace, b: RowPlace) -> Bool { (a.file, a.line) < (b.file, b.line) }
}
