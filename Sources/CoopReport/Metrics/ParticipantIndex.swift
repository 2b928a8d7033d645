/// Who attended what, and which cooperative a participant belongs to, per programme —
/// over all registrations, whatever the period (journeys and prerequisites need them).
struct ParticipantIndex: Sendable {
    struct Key: Hashable { let programme: String, participant: String }

    /// What is known of one participant in one programme.
    struct Entry: Sendable {
        /// Session codes where the participant was present (registered, present or partial).
        var attended: Set<String> = []
        var registered = false
        /// The cooperative of the participant's last row in the programme (docs/decisions.md).
        var line = Int.min
        var cooperative = ""
    }

    private var entries: [Key: Entry] = [:]
    /// Participants with at least one `registered` registration, by programme, in order met.
    private(set) var registered: [String: [String]] = [:]
    /// E-mail → participant, for responses that carry only an e-mail.
    private var byEmail: [Key: String] = [:]

    init(_ registrations: [Registration]) {
        entries.reserveCapacity(registrations.count / 2)
        for r in registrations {
            let key = Key(programme: r.session.programme, participant: r.participant)
            // One lookup per row; the entry is then changed in place.
            let i = entries.index(forKey: key) ?? entries.updateValueAndIndex(Entry(), forKey: key)
            if r.isPresent { entries.values[i].attended.insert(r.session.session) }
            if r.status == .registered, !entries.values[i].registered {
                entries.values[i].registered = true
                registered[r.session.programme, default: []].append(r.participant)
            }
            if entries.values[i].line <= r.line {
                entries.values[i].line = r.line
                entries.values[i].cooperative = r.cooperative
            }
            if !r.email.isEmpty { byEmail[Key(programme: r.session.programme, participant: r.email)] = r.participant }
        }
    }

    func wasPresent(_ participant: String, programme: String, session: String) -> Bool {
        entries[Key(programme: programme, participant: participant)]?.attended.contains(session) ?? false
    }

    func cooperative(of participant: String, programme: String) -> String? {
        entries[Key(programme: programme, participant: participant)]?.cooperative
    }

    /// The registered participant a response belongs to: by `participant_id`, else by e-mail.
    func participant(of response: Response) -> String? {
        let programme = response.session.programme
        if let id = response.participantID, entries[Key(programme: programme, participant: id)] != nil { return id }
        if let email = response.email {
            if let p = byEmail[Key(programme: programme, participant: email)] { return p }
            if entries[Key(programme: programme, participant: email)] != nil { return email }
        }
        return nil
    }
}

extension Dictionary {
    /// Inserts a value for a key known to be absent and returns where it went.
    mutating func updateValueAndIndex(_ value: Value, forKey key: Key) -> Index {
        self[key] = value
        return index(forKey: key) ?? startIndex
    }
}
