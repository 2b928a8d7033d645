/// The participant-level detail behind the figures, for the Qualiopi evidence report and
/// `--detail`: attendance per registration (émargement), each participant's journey, and
/// the improvement points.
public struct Evidence: Sendable {
    /// One registration to an in-scope session, with its hours and any missing prerequisite.
    public struct AttendanceRow: Sendable {
        public let registration: Registration
        public let session: Session
        public let hours: Double
        /// Required sessions not attended (empty when the prerequisites are met).
        public let missing: [String]
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
        /// Session code → that session's registration, when there is one.
        public let registrations: [String: Registration]
        public let outcome: Outcome
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
