/// Rows that are kept but look wrong: reported as warnings (Synthèse counts them, the
/// Alertes sheet lists them), never silently accepted.
struct DataQuality {
    let data: Dataset
    let index: ParticipantIndex
    /// The sessions in the period, and their tallies.
    let sessions: [Session]
    let tallies: [SessionKey: Tally]
    /// The numbers of the sessions counted (those with a tally).
    private let counted: Set<Int32>

    init(data: Dataset, index: ParticipantIndex, sessions: [Session], tallies: [SessionKey: Tally]) {
        self.data = data
        self.index = index
        self.sessions = sessions
        self.tallies = tallies
        counted = Set(tallies.keys.compactMap { data.sessions.find($0) })
    }

    func warnings() -> [Diagnostic] {
        responseRatesAboveOne() + responsesFromAbsentees() + rowsOutsidePeriod()
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

    /// Sessions present in the CSVs but outside the period: their rows are not counted.
    func rowsOutsidePeriod() -> [Diagnostic] {
        var registrations: [Int32: Int] = [:]
        var responses: [Int32: Int] = [:]
        for r in data.registrationRows where !counted.contains(r.session) { registrations[r.session, default: 0] += 1 }
        for r in data.responseRows where !counted.contains(r.session) { responses[r.session, default: 0] += 1 }
        let keys = Set(registrations.keys).union(responses.keys).sorted { data.sessions.keys[Int($0)] < data.sessions.keys[Int($1)] }
        guard !keys.isEmpty else { return [] }
        // One line for them all: a monthly report speaks of its month.
        let names = keys.map { "\(data.sessions.keys[Int($0)])" }
        let shown = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? "…" : "")
        return [
            Diagnostic(
                severity: .warning, file: "", line: 0, column: nil,
                message:
                    "\(plural(keys.count, "session")) hors de la période (\(shown)) : \(plural(registrations.values.reduce(0, +), "inscription")) et \(plural(responses.values.reduce(0, +), "réponse")) non \(registrations.values.reduce(0, +) + responses.values.reduce(0, +) > 1 ? "comptées" : "comptée")"
            )
        ]
    }

}
