/// Who attended what, and which cooperative a participant belongs to, per programme —
/// over all registrations, whatever the period (journeys and prerequisites need them).
struct ParticipantIndex {
    struct Key: Hashable { let programme: String, participant: String }

    /// Session codes where the participant was present (registered, present or partial).
    private(set) var attended: [Key: Set<String>] = [:]
    /// Participants with at least one `registered` registration, by programme, in order met.
    private(set) var registered: [String: [String]] = [:]
    private var registeredSeen: Set<Key> = []
    /// The cooperative of the participant's last row in the programme (docs/decisions.md).
    private var cooperative: [Key: (line: Int, name: String)] = [:]
    /// E-mail → participant, for responses that carry only an e-mail.
    private var byEmail: [Key: String] = [:]

    init(_ registrations: [Registration]) {
        for r in registrations {
            let key = Key(programme: r.session.programme, participant: r.participant)
            if r.isPresent { attended[key, default: []].insert(r.session.session) }
            if r.status == .registered, registeredSeen.insert(key).inserted {
                registered[r.session.programme, default: []].append(r.participant)
            }
            if (cooperative[key]?.line ?? Int.min) <= r.line { cooperative[key] = (r.line, r.cooperative) }
            if !r.email.isEmpty { byEmail[Key(programme: r.session.programme, participant: r.email)] = r.participant }
        }
    }

    func wasPresent(_ participant: String, programme: String, session: String) -> Bool {
        attended[Key(programme: programme, participant: participant)]?.contains(session) ?? false
    }

    func cooperative(of participant: String, programme: String) -> String? {
        cooperative[Key(programme: programme, participant: participant)]?.name
    }

    /// The registered participant a response belongs to: by `participant_id`, else by e-mail.
    func participant(of response: Response) -> String? {
        let programme = response.session.programme
        if let id = response.participantID, cooperative[Key(programme: programme, participant: id)] != nil { return id }
        if let email = response.email {
            if let p = byEmail[Key(programme: programme, participant: email)] { return p }
            if cooperative[Key(programme: programme, participant: email)] != nil { return email }
        }
        return nil
    }
}
