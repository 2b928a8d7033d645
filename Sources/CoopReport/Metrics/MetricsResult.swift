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
        /// Responses of the comment's session, and of its cooperative in that session: what
        /// decides whether they are named beside it (`CommentView`).
        public internal(set) var sessionResponses = 0
        public internal(set) var cooperativeResponses = 0
    }

    public let period: Period
    public let asOf: Day
    public let minGroupSize: Int
    public let survey: Survey
    public internal(set) var overall: Figures
    public internal(set) var sessions: [SessionFigures]
    public internal(set) var programmes: [(programme: Programme, figures: Figures)]
    public internal(set) var cooperatives: [(name: String, figures: Figures)]
    /// « Coopératives sans inscrit »: the members of the member list with no registration
    /// of status `registered` at a session of the period (the filter's sessions, and only
    /// the members its cooperative and region conditions keep), by name; nil when the job
    /// gives no member list (nothing is known of the cooperatives the exports do not name).
    public internal(set) var cooperativesWithoutRegistrations: [Member]?
    /// Keyed `YYYY-MM`, ascending.
    public internal(set) var months: [(month: String, figures: Figures)]
    public let violations: [PrerequisiteViolation]
    public let comments: [Comment]
    /// Data-quality warnings found while computing (response rate above 1).
    public let warnings: [Diagnostic]
    /// Facts worth a line but no action, which hold every month (sessions of the exports
    /// outside the period): Synthèse and the log's info lines show them, not Alertes.
    public var notes: [String] = []
    /// When the responses of the period's sessions were submitted: the dates the
    /// satisfaction and objective figures rest on (Indicateurs).
    public var responseDates = DateSpan()
    /// The breakdowns the run asked for (`by:`, `--by`), one table per grouping.
    public var breakdowns: [FigureTable] = []
    /// What the report is restricted to (empty: everything).
    public var filter = Filter()
    /// The rows a filter could not attribute, left out of every figure.
    public var leftOut = LeftOut()

    /// Rows a filter left out because its dimension cannot place them: responses whose
    /// respondent has no registration and no cooperative (a cooperative filter), or no role.
    public struct LeftOut: Sendable, Equatable {
        public var responses = 0
        public init() {}
    }
}

/// The figures of every group of one grouping (`Grouping`): the table the sheets and
/// metrics.json read. Groups come in report order (sessions by programme and date, months
/// in order, names alphabetically), each named by its value for each dimension.
public struct FigureTable: Sendable {
    public struct Group: Sendable {
        /// One name per dimension of the grouping (« FVC-2122 », « Directeur »…).
        public let names: [String]
        public let figures: Figures
    }

    public let grouping: Grouping
    public let groups: [Group]
}
