/// One questionnaire response ("évaluation à chaud"), validated (`data-contract.md` §3).
public struct Response: Sendable {
    public let session: SessionKey
    public let responseID: String?
    public let submittedAt: Timestamp?
    /// `participant_id`, when given.
    public let participantID: String?
    /// Lower-cased trimmed e-mail, when given (used to find the registration, never shown).
    public let email: String?
    /// The response's own `cooperative` column, when filled.
    public let cooperative: String?
    /// One answer per survey question, in the survey's order; nil = not answered.
    public let answers: [Int?]
    /// `objective_k` answers by k (1-based).
    public let objectives: [Int: Int]
    /// 0–10, "would you recommend…".
    public let recommend: Int?
    public let comment: String?
    /// The file and line of the row.
    public let file: String
    public let line: Int

    /// No identifier at all.
    public var isAnonymous: Bool { participantID == nil && email == nil }

    public init(
        session: SessionKey, responseID: String? = nil, submittedAt: Timestamp? = nil, participantID: String? = nil, email: String? = nil,
        cooperative: String? = nil, answers: [Int?], objectives: [Int: Int] = [:], recommend: Int? = nil,
        comment: String? = nil, file: String = "", line: Int = 0
    ) {
        self.session = session
        self.responseID = responseID
        self.submittedAt = submittedAt
        self.participantID = participantID
        self.email = email
        self.cooperative = cooperative
        self.answers = answers
        self.objectives = objectives
        self.recommend = recommend
        self.comment = comment
        self.file = file
        self.line = line
    }
}
