/// Rows that are kept but look wrong: reported as warnings (Synthèse counts them, the
/// Alertes sheet lists them), never silently accepted.
struct DataQuality {
    let data: Dataset
    let index: ParticipantIndex
    /// The sessions in the period, and their tallies.
    let sessions: [Session]
    let tallies: [SessionKey: Tally]
    /// The sessions counted (those with a tally), by `SessionTable` number.
    private let counted: IDSet

    init(data: Dataset, index: ParticipantIndex, sessions: [Session], tallies: [SessionKey: Tally]) {
        self.data = data
        self.index = index
        self.sessions = sessions
        self.tallies = tallies
        var counted = IDSet(capacity: data.sessions.keys.count)
        for n in tallies.keys.compactMap({ data.sessions.find($0) }) { _ = counted.insert(n) }
        self.counted = counted
    }

    func warnings() -> [Diagnostic] {
        responseRatesAboveOne() + responsesFromAbsentees() + responsesFromUnregistered() + aboveCapacity()
    }

    /// A session with more responses than present participants.
    func responseRatesAboveOne() -> [Diagnostic] {
        sessions.compactMap { s in
            // A surveyed project phase (`survey: true` on `action`) has no attendance to compare with.
            guard let t = tallies[s.key], s.survey, t.presentSurveyed > 0, t.responses > t.presentSurveyed else { return nil }
            return Diagnostic(
                severity: .warning, file: "", line: 0, column: nil,
                message:
                    "session \(s.key) : \(plural(t.responses, "réponse")) pour \(plural(t.presentSurveyed, "participant présent", "participants présents")) (taux de réponse supérieur à 100 %)"
            )
        }
    }

    /// A response from a participant registered to the session but marked absent.
    func responsesFromAbsentees() -> [Diagnostic] {
        var absent: Set<UInt64> = []
        for r in data.registrationRows where r.status == .registered && r.attendance == .absent && counted.contains(r.session) {
            absent.insert(ParticipantIndex.key(r.session, r.participant))
        }
        guard !absent.isEmpty else { return [] }
        return data.responseRows.compactMap { response in
            guard counted.contains(response.session), let p = index.participant(of: response),
                absent.contains(ParticipantIndex.key(response.session, p))
            else { return nil }
            return Diagnostic(
                severity: .warning, file: data.files[Int(response.file)], line: Int(response.line), column: nil,
                message: "réponse d'un participant inscrit à \(data.sessions.keys[Int(response.session)]) mais noté absent")
        }
    }

    /// A response from a participant whose registration to the session is marked cancelled
    /// or waitlisted (and who has no confirmed one): the response counts, and says that the
    /// export's status or the response is wrong.
    func responsesFromUnregistered() -> [Diagnostic] {
        // Only the (session, participant) pairs without a `registered` row are kept: a
        // cancellation or a wait-list place is a few rows in ten, so the table is small.
        let statuses = Registration.Status.allCases
        var status = IntMap()
        for r in data.registrationRows where r.status != .registered && counted.contains(r.session) {
            status.set(ParticipantIndex.key(r.session, r.participant), Int32(statuses.firstIndex(of: r.status) ?? 0))
        }
        guard status.count > 0 else { return [] }
        let registered = Int32(statuses.firstIndex(of: .registered) ?? 0)
        for r in data.registrationRows where r.status == .registered && counted.contains(r.session) {
            let key = ParticipantIndex.key(r.session, r.participant)
            if status[key] != nil { status.set(key, registered) }
        }
        return data.responseRows.compactMap { response in
            guard counted.contains(response.session), let p = index.participant(of: response),
                let n = status[ParticipantIndex.key(response.session, p)], n != registered
            else { return nil }
            let s = statuses[Int(n)]
            return Diagnostic(
                severity: .warning, file: data.files[Int(response.file)], line: Int(response.line), column: nil,
                message:
                    "réponse d'un participant dont l'inscription à \(data.sessions.keys[Int(response.session)]) est \(s == .cancelled ? "annulée" : "en liste d'attente") : la réponse compte ; vérifiez le statut de l'inscription"
            )
        }
    }

    /// A session with more confirmed registrations than the catalogue's capacity.
    func aboveCapacity() -> [Diagnostic] {
        sessions.compactMap { s in
            guard let capacity = s.capacity, let t = tallies[s.key], t.registered > capacity else { return nil }
            return Diagnostic(
                severity: .warning, file: "", line: 0, column: nil,
                message:
                    "session \(s.key) : \(plural(t.registered, "inscription confirmée", "inscriptions confirmées")) pour une capacité de \(capacity) (catalogue) : vérifiez l'export (des doublons, une autre session) ou la capacité"
            )
        }
    }

    /// Journeys « à vérifier »: started, the programme ended, and a step's attendance never
    /// typed in; one line per programme and step (the Parcours sheet lists the people).
    func unverifiedJourneys(_ steps: [(step: Session, count: Int)]) -> [Diagnostic] {
        steps.map { s in
            let what = s.step.isTaught ? "présence \(s.step.code) non saisie" : "réalisation du projet \(s.step.code) non saisie"
            return Diagnostic(
                severity: .warning, file: "", line: 0, column: nil,
                message:
                    "\(s.step.programme) : \(s.count) parcours à vérifier, \(what) alors que l'étape est terminée (détail : feuille Parcours, option --detail)"
            )
        }
    }

    /// Sessions present in the CSVs but outside the period: their rows are not counted. A
    /// note, not an alert: a monthly report's exports hold the other months every month.
    func rowsOutsidePeriod() -> String? {
        var registrations: [Int32: Int] = [:]
        var responses: [Int32: Int] = [:]
        for r in data.registrationRows where !counted.contains(r.session) { registrations[r.session, default: 0] += 1 }
        for r in data.responseRows where !counted.contains(r.session) { responses[r.session, default: 0] += 1 }
        let keys = Set(registrations.keys).union(responses.keys).sorted { data.sessions.keys[Int($0)] < data.sessions.keys[Int($1)] }
        guard !keys.isEmpty else { return nil }
        // One line for them all: a monthly report speaks of its month.
        let names = keys.map { "\(data.sessions.keys[Int($0)])" }
        let shown = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? "…" : "")
        let rows = registrations.values.reduce(0, +) + responses.values.reduce(0, +)
        return
            "\(plural(keys.count, "session")) hors de la période (\(shown)) : \(plural(registrations.values.reduce(0, +), "inscription")) et \(plural(responses.values.reduce(0, +), "réponse")) non \(rows > 1 ? "comptées" : "comptée")"
    }

}
