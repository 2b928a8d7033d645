/// Every figure of a run, per group, plus the lists behind them: what the metrics stage
/// hands to the renderers (workbook, metrics.json).
public struct MetricsResult: Sendable {
    public struct SessionFigures: Sendable {
        public let session: Session
        public let figures: Figures
        /// Per objective k (1-based, in order): answers, sum and answers ≥ satisfied_from.
        public let objectives: [ObjectiveFigures]
    }

    public struct ObjectiveFigures: Sendable, Equatable {
        public let number: Int
        /// The catalogue's wording, or nil when the catalogue does not describe objective k.
        public let wording: String?
        public let n: Int, sum: Int, met: Int
    }

    /// A registration to a session whose required sessions were not all attended.
    public struct PrerequisiteViolation: Sendable {
        /// The dataset, shared by every violation (a hundred thousand of them keep an index).
        let rows: DatasetReference
        /// Index of the registration in the dataset.
        let index: Int32
        /// Required session codes the participant was not present at.
        public let missing: [String]

        public var registration: Registration { rows.data.registrations[Int(index)] }
        /// The registration as stored.
        var row: RegistrationRow { rows.data.registrationRows[Int(index)] }
    }

    /// A free-text comment, with no name or e-mail.
    public struct Comment: Sendable {
        public let session: SessionKey
        public let submittedAt: Timestamp?
        public let cooperative: String
        public let text: String
        /// The survey questions (indices) and objectives (k) the response scored below
        /// `satisfied_from`: the improvement points it comments on.
        public let lowQuestions: [Int]
        public let lowObjectives: [Int]
    }

    public let period: Period
    public let asOf: Day
    public let minGroupSize: Int
    public let survey: Survey
    public let overall: Figures
    public let sessions: [SessionFigures]
    public let programmes: [(programme: Programme, figures: Figures)]
    public let cooperatives: [(name: String, figures: Figures)]
    /// Keyed `YYYY-MM`, ascending.
    public let months: [(month: String, figures: Figures)]
    public let violations: [PrerequisiteViolation]
    public let comments: [Comment]
    /// Data-quality warnings found while computing (response rate above 1).
    public let warnings: [Diagnostic]
    /// When the responses of the period's sessions were submitted: the dates the
    /// satisfaction and objective figures rest on (Indicateurs).
    public var responseDates = DateSpan()
}
