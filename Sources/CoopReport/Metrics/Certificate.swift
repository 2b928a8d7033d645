/// A certificate of completion (certificat de réalisation): one participant, one
/// programme, the sessions of the period they attended and the hours each is worth.
/// Names are the holder's own: `pseudonymise` does not apply; an e-mail never appears.
public struct Certificate: Sendable, Equatable {
    /// A taught session attended (present or partial), or ended with attendance not recorded.
    public struct Line: Sendable, Equatable {
        /// Why a line's hours are « à compléter »: what the registration holds cannot be
        /// certified as it stands (docs/decisions.md, « Certificats de réalisation »).
        public enum Pending: Sendable, Equatable {
            /// « partiel » with neither hours nor half-days: half the session is an estimate.
            case estimated
            /// The session ended (by the as-of date) and its attendance is empty.
            case unrecorded
            /// « présent » or « partiel » with `hours_attended` 0.
            case zeroHours
            /// `hours_attended` unreadable or above the session's length: dropped.
            case unusableHours

            /// What the page and the alert say is missing.
            public var french: String {
                switch self {
                case .estimated: "présence partielle sans heures ni demi-journées saisies"
                case .unrecorded: "session terminée, présence non saisie"
                case .zeroHours: "présence saisie avec 0 heure"
                case .unusableHours: "heures saisies illisibles ou supérieures à la durée de la session"
                }
            }
        }

        public let code: String
        public let title: String
        public let start: Day
        public let end: Day
        /// The registration's `hours_trainee` (`hours_attended`, else the session's hours ×
        /// half-days / 2, else the session's hours when present); nil when `pending`.
        public let hours: Double?
        /// nil when the hours are certified as recorded.
        public let pending: Pending?

        public init(code: String, title: String, start: Day, end: Day, hours: Double?, pending: Pending? = nil) {
            self.code = code
            self.title = title
            self.start = start
            self.end = end
            self.hours = pending == nil ? hours : nil
            self.pending = pending
        }
    }

    /// The project phase (`action` session): carried out or not, never counted in hours.
    public struct Project: Sendable, Equatable {
        public enum State: Sendable, Equatable {
            case done, notDone, unrecorded
            /// « réalisée », « non réalisée », « non saisie ».
            public var french: String {
                switch self {
                case .done: "réalisée"
                case .notDone: "non réalisée"
                case .unrecorded: "non saisie"
                }
            }
        }
        public let code: String
        public let title: String
        public let start: Day
        public let end: Day
        public let state: State
    }

    public let programmeCode: String
    public let programmeTitle: String
    public let lastName: String
    public let firstName: String
    public let cooperative: String
    /// The employer's (the cooperative's) postal address, from the member list; nil when
    /// it gives none (`CertificateBuilder.employerAddress`): the page says « adresse à compléter ».
    public let employerAddress: String?
    /// By start date, then code.
    public let lines: [Line]
    public let projects: [Project]
    /// First day of the first taught session attended (present or partial), last day of the
    /// last one: the project phase, which carries no hours, does not stretch them.
    public let from: Day
    public let to: Day

    /// « Léa DURAND ».
    public var holder: String { [firstName, lastName.uppercased()].filter { !$0.isEmpty }.joined(separator: " ") }

    /// The hours certified, or nil when a session's hours are still to complete.
    public var totalHours: Double? {
        var total = 0.0
        for line in lines {
            guard let hours = line.hours else { return nil }
            total += hours
        }
        return total
    }

    /// The sessions whose hours are still to complete.
    public var toComplete: [String] { lines.filter { $0.pending != nil }.map(\.code) }
}
