import Crypto

/// How participants appear in the two sheets that name them (Relevé d'assiduité, Parcours):
/// « DURAND Léa » and their identifier, or a pseudonym for both. An e-mail is never shown.
///
/// A pseudonym is a keyed hash (HMAC-SHA-256) of the identifier with a secret the job names
/// (`pseudonym_key`) or one drawn for the run: without the secret, trying every likely
/// identifier (P000–P999) finds nothing, which a hash with a constant known to all allowed.
struct People {
    /// The secret, when names give way to pseudonyms; nil shows the names.
    let key: [UInt8]?

    init(pseudonymKey: [UInt8]?) { key = pseudonymKey }

    /// As the options ask: names, or pseudonyms keyed with the job's secret, else with a
    /// secret drawn now and forgotten after the run (the pseudonyms then change each run).
    init(_ options: ReportOptions) {
        guard options.pseudonymise else {
            key = nil
            return
        }
        var random = SystemRandomNumberGenerator()
        key = options.pseudonymKey ?? (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    var pseudonymise: Bool { key != nil }

    /// `P-1a2b3c4d5e6f` (48 bits: no two of a hundred thousand people share one in practice).
    func pseudonym(_ participant: String) -> String {
        Self.pseudonym(participant, key: key ?? [])
    }

    static func pseudonym(_ participant: String, key: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(participant.utf8), using: SymmetricKey(data: key))
        return "P-" + code.prefix(6).map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
    }

    func name(last: String, first: String, participant: String) -> String {
        if pseudonymise { return pseudonym(participant) }
        let full = [last.uppercased(), first].filter { !$0.isEmpty }.joined(separator: " ")
        return full.isEmpty ? Self.unnamed : full
    }

    static let unnamed = "(nom non renseigné)"
    static let byEmail = "(identifié par courriel)"
}

/// French words for statuses and attendance, as the sheets show them.
enum Words {
    static func status(_ s: Registration.Status) -> String {
        switch s {
        case .registered: "inscrit"
        case .cancelled: "annulé"
        case .waitlisted: "liste d'attente"
        }
    }

    /// What a registration says of a session: attendance for the registered, else the status.
    static func attendance(_ status: Registration.Status, _ attendance: Registration.Attendance?) -> String {
        guard status == .registered else { return self.status(status) }
        switch attendance {
        case .present: return "présent"
        case .partial: return "partiel"
        case .absent: return "absent"
        case nil: return "non saisi"
        }
    }

    /// The Relevé d'assiduité's half-day column: « matin », « après-midi », « non
    /// détaillée » for a taught session recorded as a whole, empty for the project phase
    /// and for a cancelled or waitlisted registration.
    static func halfDay(_ row: AttendanceRow) -> String {
        switch row.part {
        case .morning: return "matin"
        case .afternoon: return "après-midi"
        case .session:
            return row.row.status == .registered && row.session.kind != .action ? "non détaillée" : ""
        }
    }

    /// The Relevé d'assiduité's presence: a half-day's sign-in, a session's attendance,
    /// the project carried out or not; « sans objet » for a cancelled or waitlisted
    /// registration, which no signed sheet is expected to show (not an absence).
    static func presence(_ row: AttendanceRow) -> String {
        let r = row.row
        guard r.status == .registered else { return "sans objet" }
        switch row.part {
        case .morning, .afternoon:
            switch row.mark {
            case true?: return "présent"
            case false?: return "absent"
            case nil: return "non saisi"
            }
        case .session:
            // A taught session's « partiel » without hours nor half-days: half the session, an
            // estimate the certificates do not certify — said here too.
            guard row.session.kind == .action else {
                return r.hoursAreEstimated ? "partiel (estimé)" : attendance(r.status, r.attendance)
            }
            switch r.attendance {
            case .present, .partial: return "projet réalisé"
            case .absent: return "projet non réalisé"
            case nil: return "non saisi"
            }
        }
    }
}
