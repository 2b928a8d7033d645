import Foundation

/// Checks one registrations row against the contract and the catalogue and builds a
/// `RegistrationRow`, or says why the row cannot be used. Reads the field bytes: no
/// String is made for a good row but the texts new to the pool.
public struct RegistrationValidator {
    let catalogue: Catalogue
    let mapping: InputMapping
    /// The file being validated, and its number in the dataset.
    let file: String
    var fileNumber: Int16 = 0
    /// The session (`SessionTable` number) of the row last validated, −1 when its
    /// programme or session could not be read: a rejected row is placed by it.
    var lastSession: Int32 { sessionLookup.lastFound }
    private let sessions: SessionTable
    private var sessionLookup: SessionLookup
    /// Each session's hours (by number): the most a row's `hours_attended` may give.
    private let sessionHours: [Double]
    /// Position of each `Field` among the record's columns, −1 when the file lacks it.
    private let positions: [Int]
    private var statusMemo = WordMemo<Registration.Status>()
    private var attendanceMemo = WordMemo<Registration.Attendance>()
    private var halfDayMemo = WordMemo<Bool>()
    private var hoursMemo = WordMemo<Double>()

    /// The distinct words and labels met, for the job's value maps (`seen`).
    struct Seen: Sendable {
        /// Each memo's texts; nil for a column with too many distinct texts to tell.
        var status: [String]?, attendance: [String]?, halfDays: [String]?
        var programme: [String]?, session: [String]?, event: [String]?
        var roles: [String]

        /// The status and attendance words (half-day marks count as attendance words).
        var words: (status: [String]?, attendance: [String]?) { (status, attendance.flatMap { a in halfDays.map { a + $0 } }) }
        var labels: (programme: [String]?, session: [String]?, event: [String]?) { (programme, session, event) }

        /// What one validator would have seen reading the rows this one saw, then those
        /// `later` saw: a file read in two halves, on two cores.
        func then(_ later: Seen) -> Seen {
            func join(_ a: [String]?, _ b: [String]?) -> [String]? { WordMemo<String>.seen(a, then: b) }
            return Seen(
                status: join(status, later.status), attendance: join(attendance, later.attendance),
                halfDays: join(halfDays, later.halfDays), programme: join(programme, later.programme),
                session: join(session, later.session), event: join(event, later.event), roles: roles + later.roles)
        }
    }

    /// The distinct words and labels met so far.
    var seen: Seen {
        let labels = sessionLookup.seen
        return Seen(
            status: statusMemo.seen, attendance: attendanceMemo.seen, halfDays: halfDayMemo.seen, programme: labels.programme,
            session: labels.session, event: labels.event, roles: rolesSeen)
    }
    /// The job's `values.role`: each role text met (pool id) → the role it stands for.
    private var roleMemo: [Int32: Int32] = [:]
    /// The role texts met, for the map's unused entries (only when the job maps roles).
    private(set) var rolesSeen: [String] = []

    /// The role of a row: as written, or as the job's `values.role` names it (« Référente »
    /// → « Référent Vie coopérative »), so that one role is one group.
    private mutating func role(_ raw: Int32, into builder: inout DatasetBuilder) -> Int32 {
        guard !mapping.roles.isEmpty, raw != 0 else { return raw }
        if let id = roleMemo[raw] { return id }
        let text = builder.pool.string(raw)
        rolesSeen.append(text)
        let id = mapping.roles[TextKey.of(text)].map { builder.pool.intern($0) } ?? raw
        roleMemo[raw] = id
        return id
    }

    /// The columns this validator reads; positions are found once per file.
    enum Field: Int, CaseIterable {
        case programme, session, participantId, email, cooperative, status, registeredAt, attendance, hoursAttended, morning, afternoon,
            lastName, firstName, role, payer

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
            case .payer: "payer"
            }
        }
    }

    /// `columns` are the canonical columns the file has, in `RecordFields` order;
    /// `mapping` brings the export's own status and attendance words.
    public init(catalogue: Catalogue, columns: [String], mapping: InputMapping = .none, file: String = "") {
        self.catalogue = catalogue
        self.mapping = mapping
        self.file = file
        sessions = SessionTable(catalogue)
        sessionLookup = SessionLookup(columns: columns, mapping: mapping)
        sessionHours = sessions.sessions.map { $0?.hours ?? 0 }
        positions = Field.allCases.map { f in columns.firstIndex(of: f.column) ?? -1 }
    }

    /// Validates one row given as texts (tests, tools): the same checks as a file's row.
    public func validate(line: Int, values: [String]) -> Result<Registration, RowRejection> {
        var builder = DatasetBuilder(catalogue: catalogue)
        var copy = self
        copy.fileNumber = builder.file(file)
        let outcome = RecordFields.with(values: values, line: line) { copy.validate($0, into: &builder) }
        return outcome.map { builder.build().registrations[0] }
    }

    /// Validates one record and adds it to `builder`, or says why it cannot be used.
    mutating func validate(_ fields: RecordFields, into builder: inout DatasetBuilder) -> Result<Void, RowRejection> {
        let positions = self.positions
        func has(_ f: Field) -> Bool { fields.isFilled(at: positions[f.rawValue]) }
        func bytes(_ f: Field) -> UnsafeBufferPointer<UInt8> { fields.bytes(at: positions[f.rawValue]) }
        func text(_ f: Field) -> String { String(decoding: bytes(f), as: UTF8.self) }
        let session: Int32
        switch sessionLookup.find(
            fields, programme: positions[Field.programme.rawValue], session: positions[Field.session.rawValue], in: sessions,
            catalogue: catalogue)
        {
        case .success(let n): session = n
        case .failure(let why): return .failure(why)
        }
        let id = builder.intern(bytes(.participantId), column: .participant)
        let email = builder.intern(bytes(.email), column: .email, lowercased: true)
        guard id != 0 || email != 0 else {
            return .failure(
                RowRejection(
                    column: "participant_id", "ni « participant_id » ni « email » : le participant ne peut pas être identifié", value: ""))
        }
        guard has(.cooperative) else {
            return .failure(RowRejection(column: "cooperative", "vide ; la coopérative du participant est attendue", value: ""))
        }
        let words = mapping
        guard let status = statusMemo.value(bytes(.status), parse: { ValueParser.status($0, words: words.status) }) else {
            return .failure(
                RowRejection(
                    column: "status",
                    "\(quoted(text(.status))) n'est pas un statut (attendus : registered, cancelled, waitlisted ou inscrit, annulé, liste d'attente)",
                    value: text(.status)))
        }
        // An unreadable optional field is dropped with an alert and the row counts
        // (data-contract.md v3; docs/decisions.md, « Which field each figure needs »).
        var dropped: [(column: String, message: String)] = []
        var registeredAt = StoredTimestamp.none
        switch TimestampScanner.field(bytes(.registeredAt), column: "registered_at") {
        case .success(let t): registeredAt = t
        case .failure(let why):
            dropped.append(
                ("registered_at", why.reason + " ; date d'inscription ignorée (aucun chiffre ne l'utilise), la ligne est comptée"))
        }
        var attendance: Registration.Attendance?
        if has(.attendance) {
            guard let a = attendanceMemo.value(bytes(.attendance), parse: { ValueParser.attendance($0, words: words.attendance) }) else {
                return .failure(
                    RowRejection(
                        column: "attendance",
                        "\(quoted(text(.attendance))) n'est pas une présence (attendues : present, partial, absent ou présent, partiel, absent)",
                        value: text(.attendance)))
            }
            attendance = a
        }
        var hours = Double.nan
        if has(.hoursAttended) {
            let sessionHours = sessionHours[Int(session)]
            let found = hoursMemo.value(bytes(.hoursAttended), parse: { ValueParser.number($0) })
            if let h = found, h >= 0, h <= sessionHours {
                hours = h
            } else {
                // Unreadable, negative or more than the session lasts: the value is dropped and the
                // row counts with the hours its attendance gives; a certificate does not state them.
                hours = RegistrationRow.droppedHours
                let why =
                    found.map { $0 < 0 ? "est négatif" : "dépasse la durée de la session (\(SheetCells.shortest(sessionHours)) h)" }
                    ?? "n'est pas un nombre d'heures (attendu : un nombre ≥ 0, par exemple 3,5)"
                dropped.append(
                    (
                        "hours_attended",
                        "\(quoted(text(.hoursAttended))) \(why) ; valeur ignorée : la ligne compte les heures de sa présence (la durée de la session si présent, la moitié si partiel) et son certificat les laisse à compléter"
                    ))
            }
        }
        // Half-days decide attendance when either is filled (docs/decisions.md).
        var halfDays = HalfDays.none
        if has(.morning) || has(.afternoon) {
            var marks: [Bool?] = [nil, nil]
            for (k, field) in [Field.morning, .afternoon].enumerated() where has(field) {
                guard let here = halfDayMemo.value(bytes(field), parse: { ValueParser.halfDay($0, words: words.attendance) }) else {
                    return .failure(
                        RowRejection(
                            column: field.column,
                            "\(quoted(text(field))) n'est pas un émargement de demi-journée (attendu : present ou absent)",
                            value: text(field)))
                }
                marks[k] = here
            }
            halfDays = HalfDays(morning: marks[0], afternoon: marks[1])
            let count = halfDays.present ?? 0
            attendance = count == 2 ? .present : count == 1 ? .partial : .absent
        }
        for (column, message) in dropped {
            builder.warn(
                Diagnostic(
                    severity: .warning, file: file, line: fields.line, column: column, message: message,
                    session: builder.sessions.keys[Int(session)]))
        }
        builder.add(
            RegistrationRow(
                session: session, participant: id != 0 ? id : email, email: email,
                lastName: builder.intern(bytes(.lastName), column: .lastName),
                firstName: builder.intern(bytes(.firstName), column: .firstName),
                cooperative: builder.intern(bytes(.cooperative), column: .cooperative),
                role: role(builder.intern(bytes(.role), column: .role), into: &builder), line: Int32(fields.line), file: fileNumber,
                payer: builder.payerNumber(builder.intern(bytes(.payer), column: .payer)), status: status,
                attendance: attendance,
                halfDays: halfDays, identifiedByEmail: id == 0, hours: hours, registeredAt: registeredAt))
        return .success(())
    }

    /// An e-mail's id, lower-cased first when it has capitals. Lower-cased on the bytes
    /// for ASCII and Latin-1 letters (`Léa` → `léa`); through `String` for the rest.
    static func internLowercased(_ bytes: UnsafeBufferPointer<UInt8>, into pool: inout TextPool) -> Int32 {
        var capitals = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x41 && b <= 0x5A {
                capitals = true
            } else if b >= 0x80 {
                // C3 80–9E is À–Þ (but × at 97); C3 9F–BF are already small; anything else: String.
                guard b == 0xC3, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0xBF else {
                    return pool.intern(String(decoding: bytes, as: UTF8.self).lowercased())
                }
                if bytes[i + 1] <= 0x9E && bytes[i + 1] != 0x97 { capitals = true }
                i += 1
            }
            i += 1
        }
        guard capitals else { return pool.intern(bytes) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lower in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == 0xC3 {
                    let c = bytes[i + 1]
                    lower[i] = b
                    lower[i + 1] = c <= 0x9E && c != 0x97 ? c + 0x20 : c
                    i += 2
                } else {
                    lower[i] = b >= 0x41 && b <= 0x5A ? b + 32 : b
                    i += 1
                }
            }
            return pool.intern(UnsafeBufferPointer(lower))
        }
    }
}
