/// Rows that are kept but look wrong: reported as warnings (Synthèse counts them, the
/// Alertes sheet lists them), never silently accepted.
struct DataQuality {
    let data: Dataset
    let index: ParticipantIndex
    /// The sessions in the period, and their tallies.
    let sessions: [Session]
    let tallies: [SessionKey: Tally]

    func warnings() -> [Diagnostic] {
        responseRatesAboveOne() + responsesFromAbsentees() + rowsOutsidePeriod()
    }

    /// A session with more responses than present participants.
    func responseRatesAboveOne() -> [Diagnostic] {
        sessions.compactMap { s in
            guard let t = tallies[s.key], t.responses > t.present else { return nil }
            return Diagnostic(
                severity: .warning, file: "", line: 0, column: nil,
                message: "session \(s.key): \(t.responses) responses for \(t.present) present participants (response rate above 100 %)")
        }
    }

    /// A response from a participant registered to the session but marked absent.
    func responsesFromAbsentees() -> [Diagnostic] {
        struct Seat: Hashable { let session: SessionKey, participant: String }
        var absent: Set<Seat> = []
        for r in data.registrations where r.status == .registered && r.attendance == .absent && tallies[r.session] != nil {
            absent.insert(Seat(session: r.session, participant: r.participant))
        }
        guard !absent.isEmpty else { return [] }
        return data.responses.compactMap { response in
            guard tallies[response.session] != nil, let p = index.participant(of: response),
                absent.contains(Seat(session: response.session, participant: p))
            else { return nil }
            return Diagnostic(
                severity: .warning, file: response.file, line: response.line, column: nil,
                message: "response from a participant registered to \(response.session) but marked absent")
        }
    }

    /// Sessions present in the CSVs but outside the period: their rows are not counted.
    func rowsOutsidePeriod() -> [Diagnostic] {
        var registrations: [SessionKey: Int] = [:]
        var responses: [SessionKey: Int] = [:]
        for r in data.registrations where tallies[r.session] == nil { registrations[r.session, default: 0] += 1 }
        for r in data.responses where tallies[r.session] == nil { responses[r.session, default: 0] += 1 }
        let keys = Set(registrations.keys).union(responses.keys).sorted()
        return keys.map { key in
            let start = data.catalogue.session(key).map { " (\($0.start.french))" } ?? ""
            return Diagnostic(
                severity: .warning, file: "", line: 0, column: nil,
                message:
                    "session \(key)\(start) is outside the period: \(registrations[key] ?? 0) registration(s) and \(responses[key] ?? 0) response(s) not counted"
            )
        }
    }
}
