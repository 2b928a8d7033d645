/// One participant's registration to one session, validated (`data-contract.md` §2).
public struct Registration: Sendable {
    /// `status` column.
    public enum Status: String, Sendable, CaseIterable { case registered, cancelled, waitlisted }
    /// `attendance` column (or derived from the half-days).
    public enum Attendance: String, Sendable, CaseIterable { case present, partial, absent }

    public let session: SessionKey
    /// `participant_id`, else the lower-cased trimmed e-mail.
    public let participant: String
    /// True when `participant` is an e-mail (so it is never shown in a report).
    public let identifiedByEmail: Bool
    /// Lower-cased trimmed e-mail, "" when not given (used to join responses, never shown).
    public let email: String
    public let lastName: String
    public let firstName: String
    public let cooperative: String
    public let role: String
    public let status: Status
    public let registeredAt: Timestamp?
    /// nil = not recorded yet.
    public let attendance: Attendance?
    /// Explicit `hours_attended`, overriding the default hours.
    public let hoursAttended: Double?
    /// The `morning`/`afternoon` sign-ins.
    public let halfDays: HalfDays
    /// Half-days signed (0, 1 or 2) when `morning`/`afternoon` were given.
    public var halvesPresent: Int? { halfDays.present }
    /// Who pays (`payer` column, as written), "" when not given.
    public let payer: String
    /// The file and line of the row.
    public let file: String
    public let line: Int

    public init(
        session: SessionKey, participant: String, identifiedByEmail: Bool = false, email: String = "", lastName: String = "",
        firstName: String = "", cooperative: String, role: String = "", status: Status,
        registeredAt: Timestamp? = nil, attendance: Attendance?, hoursAttended: Double? = nil,
        halfDays: HalfDays = .none, payer: String = "", file: String = "", line: Int = 0
    ) {
        self.session = session
        self.participant = participant
        self.identifiedByEmail = identifiedByEmail
        self.email = email
        self.lastName = lastName
        self.firstName = firstName
        self.cooperative = cooperative
        self.role = role
        self.status = status
        self.registeredAt = registeredAt
        self.attendance = attendance
        self.hoursAttended = hoursAttended
        self.halfDays = halfDays
        self.payer = payer
        self.file = file
        self.line = line
    }
}
