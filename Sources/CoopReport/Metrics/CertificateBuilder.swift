/// Builds the certificates of completion of a period (docs/decisions.md, « Certificats de
/// réalisation »): one per participant and programme with at least one taught session of
/// the period attended (present or partial). Pure: no file, no clock (`asOf` is the job's).
public struct CertificateBuilder: Sendable {
    public let period: Period
    /// The date the certificates are made: a taught session ended by then whose attendance
    /// is empty is « à compléter », never left out.
    public let asOf: Day

    public init(period: Period, asOf: Day) {
        self.period = period
        self.asOf = asOf
    }

    /// The employer's postal address on a certificate: the address of the member the
    /// cooperative names in the member list (`inputs.members`, data-contract.md v3); nil
    /// without a list, for a cooperative no member bears, or a member without address: the
    /// page then says « adresse à compléter ».
    static func employerAddress(of cooperative: String, in members: MemberList?) -> String? {
        guard let address = members?.member(named: cooperative)?.address, !address.isEmpty else { return nil }
        return address
    }

    /// Why a registration's hours cannot be certified as they stand, nil when they can
    /// (`Certificate.Line.Pending`). `r` is a registered row of a taught session.
    static func pending(_ r: RegistrationRow, sessionHours: Double) -> Certificate.Line.Pending? {
        if r.attendance == nil { return .unrecorded }
        if r.hoursDropped { return .unusableHours }
        if r.hoursAreEstimated { return .estimated }
        if r.isPresent && r.hoursTrainee(sessionHours: sessionHours) == 0 { return .zeroHours }
        return nil
    }

    /// The certificates, by programme then name, and the warnings of the run: one per
    /// certificate whose hours are partly to complete, one per participant left without a
    /// certificate for want of a name.
    /// `rows`: only these registrations (a cooperative's journeys, `Evidence.journeyRegistrations`,
    /// in file order), nil for all.
    func build(_ data: Dataset, index: ParticipantIndex, rows subset: [Int]? = nil) -> (
        certificates: [Certificate], warnings: [Diagnostic]
    ) {
        let table = data.sessions
        var inScope: [Int32: Session] = [:]
        for s in MetricsCalculator.sessions(of: data.catalogue, in: period) { if let n = table.find(s.key) { inScope[n] = s } }
        // Registration rows of the period's sessions, by (programme, participant), in file order.
        var groups: [UInt64: [Int]] = [:]
        var order: [UInt64] = []
        func collect(_ i: Int) {
            let r = data.registrationRows[i]
            guard inScope[r.session] != nil && r.status == .registered else { return }
            let key = ParticipantIndex.key(table.programmeNumbers[Int(r.session)], r.participant)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        if let subset { subset.forEach(collect) } else { data.registrationRows.indices.forEach(collect) }
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
                    // Attended, or ended by the as-of date with attendance not recorded.
                    guard r.isPresent || (r.status == .registered && r.attendance == nil && s.end <= asOf) else { continue }
                    let line = Certificate.Line(
                        code: s.code, title: s.title, start: s.start, end: s.end, hours: r.hoursTrainee(sessionHours: s.hours),
                        pending: Self.pending(r, sessionHours: s.hours))
                    lines.append((line, r))
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
            // The dates of the taught sessions attended: not the project phase (no hours), not
            // a session whose attendance is still to record.
            let attended = lines.filter { $0.row.isPresent }.map(\.line)
            // Never empty: a taught session was attended (the guard above).
            guard let from = attended.map(\.start).min(), let to = attended.map(\.end).max() else { continue }
            let cooperative = data.pool.string(index.cooperative(of: last.participant, programme: programmeNumber) ?? last.cooperative)
            let certificate = Certificate(
                programmeCode: programme.code, programmeTitle: programme.title, lastName: data.pool.string(named.lastName),
                firstName: data.pool.string(named.firstName), cooperative: cooperative,
                employerAddress: Self.employerAddress(of: cooperative, in: data.members), lines: lines.map(\.line), projects: projects,
                from: from, to: to)
            // One alert per session to complete, at its row.
            for (line, row) in lines {
                guard let pending = line.pending else { continue }
                warnings.append(
                    diagnostic(
                        data, row, column: pending == .unrecorded ? "attendance" : "hours_attended",
                        "certificat de réalisation de \(who) (\(programme.code)) : heures de \(line.code) à compléter — \(pending.french) ; seules des heures saisies sont certifiées"
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
