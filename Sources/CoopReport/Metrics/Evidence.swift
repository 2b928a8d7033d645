/// The participant-level detail behind the figures, for the Qualiopi evidence report and
/// `--detail`: attendance per registration (émargement), each participant's journey, and
/// the improvement points.
public struct Evidence: Sendable {
    /// The rows the evidence points into, held once: a million Émargement rows keep
    /// indices, not copies of registrations and sessions.
    public final class Store: Sendable {
        public let registrations: [Registration]
        public let sessions: [Session]
        init(registrations: [Registration], sessions: [Session]) {
            self.registrations = registrations
            self.sessions = sessions
        }
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
        public let participant: String
        /// From the participant's last registration row in the programme.
        public let lastName: String, firstName: String, cooperative: String, role: String
        public let identifiedByEmail: Bool
        let store: Store
        /// Session code → index of that session's registration in the store.
        let registrationIndex: [String: Int32]
        public let outcome: Outcome

        /// The participant's registration to the session with this code, when there is one.
        public func registration(_ session: String) -> Registration? {
            registrationIndex[session].map { store.registrations[Int($0)] }
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
