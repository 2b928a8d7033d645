/// Builds the certificates of completion of a period (docs/decisions.md, « Certificats de
/// réalisation »): one per participant and programme with at least one taught session of
/// the period attended (present or partial). Pure: no file, no clock.
public struct CertificateBuilder {
    public let period: Period

    public init(period: Period) { self.period = period }

    /// The certificates, by programme then name, and the warnings of the run: one per
    /// certificate whose hours are partly to complete, one per participant left without a
    /// certificate for want of a name.
    func build(_ data: Dataset, index: ParticipantIndex) -> (certificates: [Certificate], warnings: [Diagnostic]) {
        let table = data.sessions
        var inScope: [Int32: Session] = [:]
        for s in MetricsCalculator.sessions(of: data.catalogue, in: period) { if let n = table.find(s.key) { inScope[n] = s } }
        // Registration rows of the period's sessions, by (programme, participant), in file order.
        var groups: [UInt64: [Int]] = [:]
        var order: [UInt64] = []
        for (i, r) in data.registrationRows.enumerated() where inScope[r.session] != nil && r.status == .registered {
            let key = ParticipantIndex.key(table.programmeNumbers[Int(r.session)], r.participant)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        var found: [(sortKey: String, certificate: Certificate)] = []
        var warnings: [Diagnostic] = []
        for key in order {
            let rows = (groups[key] ?? []).map { (index: $0, row: data.registrationRows[$0]) }
            guard let first = rows.first, rows.contains(where: { $0.row.isPresent && inScope[$0.row.session]?.isTaught == true })
            else { continue }
            let programmeNumber = table.programmeNumbers[Int(first.row.session)]
            guard let programme = data.catalogue.programme(table.keys[Int(first.row.session)].programme) else { continue }
            var lines: [(line: Certificate.Line, row: RegistrationRow)] = []
            var projects: [Certificate.Project] = []
            for (_, r) in rows {
                guard let s = inScope[r.session] else { continue }
                if s.isTaught {
                    guard r.isPresent else { continue }
                    let hours = r.hoursAreEstimated ? nil : r.hoursTrainee(sessionHours: s.hours)
                    lines.append((Certificate.Line(code: s.code, title: s.title, start: s.start, end: s.end, hours: hours), r))
                } else {
                    let state: Certificate.Project.State =
                        r.isPresent ? .done : r.attendance == .absent ? .notDone : .unrecorded
                    projects.append(.init(code: s.code, title: s.title, start: s.start, end: s.end, state: state))
                }
            }
            lines.sort { ($0.line.start, $0.line.code) < ($1.line.start, $1.line.code) }
            projects.sort { ($0.start, $0.code) < ($1.start, $1.code) }
            // The names of the last row that has any: a certificate names its holder.
            let named = rows.last { $0.row.lastName != 0 || $0.row.firstName != 0 }?.row
            let last = rows[rows.count - 1].row
            let who = last.identifiedByEmail ? People.byEmail : "« \(data.pool.string(last.participant)) »"
            guard let named else {
                warnings.append(
                    diagnostic(
                        data, last, column: "last_name",
                        "participant \(who) sans nom ni prénom : pas de certificat de réalisation pour \(programme.code) (renseignez les colonnes nom et prénom)"
                    ))
                continue
            }
            let attended = lines.map { ($0.line.start, $0.line.end) } + projects.filter { $0.state == .done }.map { ($0.start, $0.end) }
            // Never empty: a taught session was attended (the guard above).
            guard let from = attended.map(\.0).min(), let to = attended.map(\.1).max() else { continue }
            let certificate = Certificate(
                programmeCode: programme.code, programmeTitle: programme.title, lastName: data.pool.string(named.lastName),
                firstName: data.pool.string(named.firstName),
                cooperative: data.pool.string(index.cooperative(of: last.participant, programme: programmeNumber) ?? last.cooperative),
                lines: lines.map(\.line), projects: projects, from: from, to: to)
            if let estimated = lines.first(where: { $0.line.hours == nil })?.row {
                let codes = certificate.toComplete.joined(separator: ", ")
                warnings.append(
                    diagnostic(
                        data, estimated, column: "hours_attended",
                        "certificat de réalisation de \(who) (\(programme.code)) : heures de \(codes) à compléter — présence « partiel » sans heures ni demi-journées saisies ; une estimation n'est pas certifiée"
                    ))
            }
            found.append(
                (
                    TextKey.sortKey(certificate.lastName + " " + certificate.firstName + " " + data.pool.string(last.participant)),
                    certificate
                ))
        }
        // By programme code (the report's order), then name; equal names in the order met.
        let certificates = found.enumerated().sorted {
            ($0.element.certificate.programmeCode, $0.element.sortKey, $0.offset) < (
                $1.element.certificate.programmeCode, $1.element.sortKey, $1.offset
            )
        }.map(\.element.certificate)
        return (certificates, warnings)
    }

    private func diagnostic(_ data: Dataset, _ r: RegistrationRow, column: String, _ message: String) -> Diagnostic {
        Diagnostic(
            severity: .warning, file: data.files.indices.contains(Int(r.file)) ? data.files[Int(r.file)] : "", line: Int(r.line),
            column: column, message: message, session: data.sessions.keys[Int(r.session)])
    }
}
