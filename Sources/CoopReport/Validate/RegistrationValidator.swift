import Foundation

/// Checks one registrations row against the contract and the catalogue and builds a
/// `Registration`, or says why the row cannot be used. Pure.
public struct RegistrationValidator {
    let catalogue: Catalogue
    let mapping: InputMapping
    /// The file being validated, recorded on each registration.
    let file: String
    /// Shares the repeated texts (cooperatives, roles, names, e-mails) between rows.
    let intern: Interner
    private let columns: ColumnPositions

    /// The columns this validator reads; positions are found once per file.
    enum Field: Int, CaseIterable {
        case programme, session, participantId, email, cooperative, status, registeredAt, attendance, hoursAttended, morning, afternoon,
            lastName, firstName, role

        var column: String {
            switch self {
            case .programme: "programme"
            case .session: "session"
            case .participantId: "participant_id"
            case .email: "email"
            case .cooperative: "cooperative"
            case .status: "status"
            case .registeredAt: "registered_at"
            case .attendance: "attendance"
            case .hoursAttended: "hours_attended"
            case .morning: "morning"
            case .afternoon: "afternoon"
            case .lastName: "last_name"
            case .firstName: "first_name"
            case .role: "role"
            }
        }
    }

    /// `columns` are the canonical columns the file has, in `CSVTable.Row.values` order;
    /// `mapping` brings the export's own status and attendance words.
    public init(
        catalogue: Catalogue, columns: [String], mapping: InputMapping = .none, file: String = "",
        intern: Interner = Interner()
    ) {
        self.intern = intern
        self.catalogue = catalogue
        self.mapping = mapping
        self.file = file
        self.columns = ColumnPositions(Field.allCases.map(\.column), in: columns)
    }

    public func validate(line: Int, values: [String]) -> Result<Registration, RowRejection> {
        let columns = self.columns
        func value(_ field: Field) -> String { columns.value(field.rawValue, in: values) }
        let programme = value(.programme)
        guard !programme.isEmpty else { return .failure(RowRejection(column: "programme", "empty; expected a programme code")) }
        guard let prog = catalogue.programme(programme) else {
            return .failure(
                RowRejection(
                    column: "programme",
                    "\(quoted(programme)) is not a programme of the catalogue (expected \(catalogue.programmes.map(\.code).joined(separator: ", ")))"
                ))
        }
        let sessionCode = value(.session)
        let key = SessionKey(programme, sessionCode)
        guard let session = catalogue.session(key) else {
            return .failure(
                RowRejection(
                    column: "session",
                    "\(quoted(sessionCode)) is not a session of \(programme) (expected \(prog.sessions.map(\.code).joined(separator: ", ")))"
                ))
        }
        let id = value(.participantId).trimmedSpaces
        let email = value(.email).trimmedSpaces.lowercasedIfNeeded
        guard !id.isEmpty || !email.isEmpty else {
            return .failure(RowRejection(column: "participant_id", "no participant_id and no email: the participant cannot be identified"))
        }
        let cooperative = value(.cooperative)
        guard !cooperative.isEmpty else {
            return .failure(RowRejection(column: "cooperative", "empty; expected the participant's cooperative"))
        }
        let statusText = value(.status)
        guard let status = ValueParser.status(statusText, words: mapping.status) else {
            return .failure(
                RowRejection(
                    column: "status",
                    "\(quoted(statusText)) is not a status (expected registered, cancelled, waitlisted or inscrit, annulé, liste d'attente)"
                ))
        }
        var registeredAt: Timestamp?
        let dateText = value(.registeredAt)
        if !dateText.isEmpty {
            guard let t = ValueParser.timestamp(dateText) else {
                return .failure(
                    RowRejection(
                        column: "registered_at",
                        "\(quoted(dateText)) is not a date (expected YYYY-MM-DD, DD/MM/YYYY, DD/MM/YYYY HH:MM or an ISO date-time)"))
            }
            registeredAt = t
        }
        var attendance: Registration.Attendance?
        let attendanceText = value(.attendance)
        if !attendanceText.isEmpty {
            guard let a = ValueParser.attendance(attendanceText, words: mapping.attendance) else {
                return .failure(
                    RowRejection(
                        column: "attendance",
                        "\(quoted(attendanceText)) is not an attendance (expected present, partial, absent or présent, partiel, absent)"))
            }
            attendance = a
        }
        var hours: Double?
        let hoursText = value(.hoursAttended)
        if !hoursText.isEmpty {
            guard let h = ValueParser.number(hoursText), h >= 0 else {
                return .failure(
                    RowRejection(
                        column: "hours_attended", "\(quoted(hoursText)) is not a number of hours (expected a number ≥ 0, e.g. 3,5)"))
            }
            hours = h
        }
        // Half-days decide attendance when either is filled (docs/decisions.md).
        var halves: Int?
        let morning = value(.morning)
        let afternoon = value(.afternoon)
        if !morning.isEmpty || !afternoon.isEmpty {
            var count = 0
            for (column, text) in [("morning", morning), ("afternoon", afternoon)] where !text.isEmpty {
                guard let here = ValueParser.halfDay(text, words: mapping.attendance) else {
                    return .failure(RowRejection(column: column, "\(quoted(text)) is not a half-day sign-in (expected present or absent)"))
                }
                if here { count += 1 }
            }
            halves = count
            attendance = count == 2 ? .present : count == 1 ? .partial : .absent
        }
        return .success(
            Registration(
                session: session.key, participant: intern(id.isEmpty ? email : id), identifiedByEmail: id.isEmpty, email: intern(email),
                lastName: intern(value(.lastName)), firstName: intern(value(.firstName)), cooperative: intern(cooperative),
                role: intern(value(.role)), status: status, registeredAt: registeredAt, attendance: attendance,
                hoursAttended: hours, halvesPresent: halves, file: file, line: line))
    }
}
