/// How one tool's export maps onto the canonical columns and words (a job file's
/// `inputs.registrations` / `inputs.evaluations`, docs/jobs.md). Keys are `TextKey`s, so
/// they match ignoring case, accents and punctuation.
public struct InputMapping: Sendable, Equatable {
    /// The sheet of an `.xlsx` input (by name); nil = the first.
    public var sheet: String?
    /// Forced separator byte (`;`, `,`, tab); nil = detected.
    public var separator: UInt8?
    /// Forced encoding; nil = detected.
    public var encoding: TextEncoding?
    /// Header as exported (its `TextKey`) → canonical column.
    public var columns: [String: String] = [:]
    /// Tool's status words → status.
    public var status: [String: Registration.Status] = [:]
    /// Tool's attendance words → attendance.
    public var attendance: [String: Registration.Attendance] = [:]
    /// Spellings of one role → the role (`values.role`: « Référente » → « Référent Vie
    /// coopérative »), so that the role dimension has one group per role.
    public var roles: [String: String] = [:]
    /// The export's programme and session labels → catalogue codes, and one column's
    /// event labels → (programme, session) (`values.programme`, `.session`, `.event`).
    public var programmes: [String: String] = [:]
    public var sessions: [String: String] = [:]
    public var events: [String: SessionKey] = [:]
    /// A register's words → canonical words, per column (`values.nature`, `.status`,
    /// `.source` of a register: « Plainte » → réclamation).
    public var words: [String: [String: String]] = [:]
    /// Answer labels → points on the survey scale.
    public var answers: [String: Int] = [:]
    /// The survey's questions, replacing the catalogue's (evaluations only).
    public var questions: [Survey.Question]?
    /// Each header key of `columns` as the job writes it, and whether it came from
    /// `questions` (for the messages of a mapping that matches nothing).
    public var headerTexts: [String: String] = [:]
    public var questionHeaders: Set<String> = []
    /// Each word key of `status`, `attendance` and `answers` as the job writes it.
    public var wordTexts: [String: String] = [:]

    public init() {}

    /// No mapping: canonical files.
    public static let none = InputMapping()
}

/// One input as a job names it: a path or glob, and its mapping.
public struct InputSpec: Sendable, Equatable {
    /// A path; `*` and `?` in the file name make it a glob.
    public var pattern: String
    public var mapping: InputMapping

    public init(_ pattern: String, mapping: InputMapping = .none) {
        self.pattern = pattern
        self.mapping = mapping
    }
}
