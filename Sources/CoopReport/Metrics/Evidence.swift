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
        /// Each session number's place in `sessions` (−1: out of scope).
        let slotOf: [Int32]
        init(data: Dataset, sessions: [Session], journeyRows: [Int32], slotOf: [Int32]) {
            self.data = data
            self.sessions = sessions
            self.journeyRows = journeyRows
            self.slotOf = slotOf
        }
        public var registrations: Dataset.Registrations { data.registrations }
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

    /// A session and question whose satisfied share is below the target.
    public struct ImprovementRow: Sendable {
        public let session: Session
        public let question: Survey.Question
        public let n: Int
        public let satisfied: Double
        /// The session's comments, for the team deciding what to change.
        public let comments: [String]
    }

    public let attendance: AttendanceRows
    public let journeys: JourneyRows
    public private(set) var improvements: [ImprovementRow]
    /// The satisfied share below which a session or question is an improvement point.
    public let target: Double

    /// The same rows with these improvement points.
    func with(_ improvements: [ImprovementRow]) -> Evidence {
        var copy = self
        copy.improvements = improvements
        return copy
    }
}
