/// The participant-level detail behind the figures, for the Qualiopi evidence report and
/// `--detail`: attendance per registration (émargement), each participant's journey, and
/// the improvement points.
public struct Evidence: Sendable {
    /// The rows the evidence points into, held once: a million Émargement rows keep
    /// indices, not copies of registrations and sessions.
    public final class Store: Sendable {
        let data: Dataset
        public let sessions: [Session]
        /// Registration indices grouped by (programme, participant), for the journeys.
        let journeyRows: [Int32]
        init(data: Dataset, sessions: [Session], journeyRows: [Int32]) {
            self.data = data
            self.sessions = sessions
            self.journeyRows = journeyRows
        }
        public var registrations: Dataset.Registrations { data.registrations }
    }

    /// One registration to an in-scope session, with its hours and any missing prerequisite.
    public struct AttendanceRow: Sendable {
        let store: Store
        let index: Int32
        let sessionIndex: Int32
        public let hours: Double
        /// Required sessions not attended (empty when the prerequisites are met).
        public let missing: [String]

        public var registration: Registration { store.registrations[Int(index)] }
        /// The registration's fields, read without making the others.
        var row: RegistrationRow { store.data.registrationRows[Int(index)] }
        func text(_ id: Int32) -> String { store.data.pool.string(id) }
        public var session: Session { store.sessions[Int(sessionIndex)] }
    }

    /// What became of a participant's journey at the as-of date.
    public enum Outcome: Sendable, Equatable {
        case completed
        /// Started, not completed, and the programme is over: stopped after this session
        /// (the last mandatory one attended).
        case droppedOut(after: String)
        case inProgress
        case neverStarted

        public var french: String {
            switch self {
            case .completed: "terminé"
            case .droppedOut(let after): "abandon après \(after)"
            case .inProgress: "en cours"
            case .neverStarted: "non commencé"
            }
        }
    }

    /// One participant of one programme: what they did at each session.
    public struct JourneyRow: Sendable {
        public let programme: Programme
        let store: Store
        let participantID: Int32
        /// The participant's last registration row in the programme (index in the dataset).
        let last: Int32
        let cooperativeID: Int32
        /// Where the participant's registrations in the programme are listed in `store.journeyRows`.
        let rows: Range<Int>
        public let outcome: Outcome

        private var lastRow: RegistrationRow { store.data.registrationRows[Int(last)] }
        public var participant: String { store.data.pool.string(participantID) }
        public var lastName: String { store.data.pool.string(lastRow.lastName) }
        public var firstName: String { store.data.pool.string(lastRow.firstName) }
        public var role: String { store.data.pool.string(lastRow.role) }
        public var identifiedByEmail: Bool { lastRow.identifiedByEmail }
        /// The cooperative of the participant's last row in the programme.
        public var cooperative: String { store.data.pool.string(cooperativeID) }

        /// The participant's registration to the session with this code, when there is one.
        public func registration(_ session: String) -> Registration? {
            let data = store.data
            for i in rows {
                let r = data.registrationRows[Int(store.journeyRows[i])]
                if data.sessions.keys[Int(r.session)].session == session { return data.registration(r) }
            }
            return nil
        }
    }

    /// A session and question whose satisfied share is below the target.
    public struct ImprovementRow: Sendable {
        public let session: Session
        public let question: Survey.Question
        public let n: Int
        public let satisfied: Double
        /// The session's comments, for the team deciding what to change.
        public let comments: [String]
    }

    public let attendance: [AttendanceRow]
    public let journeys: [JourneyRow]
    public let improvements: [ImprovementRow]
    /// The satisfied share below which a session or question is an improvement point.
    public let target: Double
}
