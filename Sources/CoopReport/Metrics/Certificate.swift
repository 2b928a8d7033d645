/// A certificate of completion (certificat de réalisation): one participant, one
/// programme, the sessions of the period they attended and the hours each is worth.
/// Names are the holder's own: `pseudonymise` does not apply; an e-mail never appears.
public struct Certificate: Sendable, Equatable {
    /// A taught session attended (present or partial).
    public struct Line: Sendable, Equatable {
        public let code: String
        public let title: String
        public let start: Day
        public let end: Day
        /// The registration's `hours_trainee` (`hours_attended`, else the session's hours ×
        /// half-days / 2, else the session's hours when present); nil when it would be an
        /// estimate (« partiel » with neither hours nor half-days): « à compléter ».
        public let hours: Double?
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
    /// By start date, then code.
    public let lines: [Line]
    public let projects: [Project]
    /// First day of the first session attended, last day of the last one (a project
    /// carried out counts).
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
    public var toComplete: [String] { lines.filter { $0.hours == nil }.map(\.code) }
}
