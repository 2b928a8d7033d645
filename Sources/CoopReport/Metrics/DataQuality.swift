/// Rows that are kept but look wrong: reported as warnings (Synthèse counts them, the
/// Alertes sheet lists them), never silently accepted.
struct DataQuality {
    let data: Dataset
    let index: ParticipantIndex
    /// The sessions in the period.
    let sessions: [Session]
    /// The sessions counted (those of the period with a tally), by `SessionTable` number.
    private let counted: IDSet

    init(data: Dataset, index: ParticipantIndex, sessions: [Session], counted keys: some Sequence<SessionKey>) {
        self.data = data
        self.index = index
        self.sessions = sessions
        var counted = IDSet(capacity: data.sessions.keys.count)
        for n in keys.compactMap({ data.sessions.find($0) }) { _ = counted.insert(n) }
        self.counted = counted
    }

    /// The alerts found by reading the rows, not the counts: they need only which sessions
    /// are counted, so they are found while the counts are made (`MetricsCalculator`).
    struct RowAlerts: Sendable {
        /// Responses from participants marked absent, and from those whose registration is
        /// cancelled or waitlisted (`responsesFromAbsenteesAndUnregistered`).
        var fromAbsentees: [Diagnostic] = []
        var fromUnregistered: [Diagnostic] = []
        /// The rows of sessions outside the period (`rowsOutsidePeriod`), in one note.
        var outsidePeriod: String?
    }

    func rowAlerts() -> RowAlerts {
        let (absentees, unregistered) = responsesFromAbsenteesAndUnregistered()
        return RowAlerts(fromAbsentees: absentees, fromUnregistered: unregistered, outsidePeriod: rowsOutsidePeriod())
    }

    /// Every alert, in the order of the Alertes sheet; `tallies`: the counted sessions' tallies.
    func warnings(tallies: [SessionKey: Tally], rows: RowAlerts) -> [Diagnostic] {
        responseRatesAboveOne(tallies) + rows.fromAbsentees + rows.fromUnregistered + aboveCapacity(tallies)
    }

    /// A session with more responses than present participants.
    func responseRatesAboveOne(_ tallies: [SessionKey: Tally]) -> [Diagnostic] {
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

    /// Responses from a participant registered to the session but marked absent; then
    /// responses from a participant whose registration to the session is marked cancelled
    /// or waitlisted (and who has no confirmed one): such a response counts, and says that
    /// the export's status or the response is wrong. One pass over the responses for both,
    /// each respondent found once.
    func responsesFromAbsenteesAndUnregistered() -> (absentees: [Diagnostic], unregistered: [Diagnostic]) {
        // The (session, participant) pairs marked absent, and those cancelled or waitlisted:
        // an absence, a cancellation or a wait-list place is a few rows in ten, so the tables
        // are small. A pair has one row (`DatasetBuilder` keeps the later of two), so a pair
        // cancelled or waitlisted has no confirmed registration.
        let statuses = Registration.Status.allCases
        var absent = IntMap()
        var status = IntMap()
        for r in data.registrationRows where counted.contains(r.session) {
            let key = ParticipantIndex.key(r.session, r.participant)
            if r.status != .registered {
                status.set(key, Int32(statuses.firstIndex(of: r.status) ?? 0))
            } else if r.attendance == .absent {
                _ = absent.insert(key)
            }
        }
        var absentees: [Diagnostic] = []
        var unregistered: [Diagnostic] = []
        guard absent.count > 0 || status.count > 0 else { return ([], []) }
        for response in data.responseRows where counted.contains(response.session) {
            guard let p = index.participant(of: response) else { continue }
            let key = ParticipantIndex.key(response.session, p)
            let session = data.sessions.keys[Int(response.session)]
            if absent[key] != nil {
                absentees.append(
                    Diagnostic(
                        severity: .warning, file: data.files[Int(response.file)], line: Int(response.line), column: nil,
                        message: "réponse d'un participant inscrit à \(session) mais noté absent"))
            }
            if let n = status[key] {
                let s = statuses[Int(n)]
                unregistered.append(
                    Diagnostic(
                        severity: .warning, file: data.files[Int(response.file)], line: Int(response.line), column: nil,
                        message:
                            "réponse d'un participant dont l'inscription à \(session) est \(s == .cancelled ? "annulée" : "en liste d'attente") : la réponse compte ; vérifiez le statut de l'inscription"
                    ))
            }
        }
        return (absentees, unregistered)
    }

    /// A session with more confirmed registrations than the catalogue's capacity.
    func aboveCapacity(_ tallies: [SessionKey: Tally]) -> [Diagnostic] {
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
