/// The participant-level detail behind the figures, for the Qualiopi evidence report and
/// `--detail`: attendance per registration and half-day (relevé d'assiduité), each participant's journey, and
/// the improvement points.
public struct Evidence: Sendable {
    /// The rows the evidence points into, held once: a million Relevé d'assiduité rows keep
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

    /// A session's question or objective whose satisfied share (share met) is below the
    /// target (`metrics.md`, « Improvement points »).
    public struct ImprovementRow: Sendable {
        public enum Subject: Sendable, Equatable {
            case question(Survey.Question)
            case objective(number: Int, wording: String?)
        }
        public let session: Session
        public let subject: Subject
        public let n: Int
        public let satisfied: Double
        /// The comments of the responses that scored this question or objective below
        /// `satisfied_from`, for the team deciding what to change.
        public let comments: [String]

        /// The question's label, or « Objectif k : wording ».
        public var label: String {
            switch subject {
            case .question(let q): q.label
            case .objective(let k, let wording): wording.map { "Objectif \(k) : \($0)" } ?? "(objectif \(k) non décrit au catalogue)"
            }
        }
    }

    public let attendance: AttendanceRows
    public let journeys: JourneyRows
    public private(set) var improvements: [ImprovementRow]
    /// The satisfied share below which a question or objective is an improvement point.
    public let target: Double

    /// The same rows with these improvement points.
    func with(_ improvements: [ImprovementRow]) -> Evidence {
        var copy = self
        copy.improvements = improvements
        return copy
    }
}
