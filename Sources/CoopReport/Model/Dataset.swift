/// The validated, de-duplicated inputs, ready for the metrics: what the model stage
/// hands on. Rows are stored compactly (`RegistrationRow`, `ResponseRow`) with their
/// texts in one `TextPool`; `registrations` and `responses` show them as plain values.
public struct Dataset: Sendable {
    public let catalogue: Catalogue
    /// Duplicates and other kept-but-reported rows.
    public let warnings: [Diagnostic]
    let pool: TextPool
    let sessions: SessionTable
    /// The input files rows come from (`RegistrationRow.file`).
    let files: [String]
    /// The distinct payers, as pool ids (`RegistrationRow.payer` − 1).
    let payers: [Int32]
    /// One per (programme, session, participant), the later row's values, in order of
    /// first appearance.
    let registrationRows: [RegistrationRow]
    /// One per `response_id` (the later row wins); responses without id are all kept.
    let responseRows: [ResponseRow]
    let answers: [Int16]
    let objectives: [Int16]
    /// The responses left out because they were submitted after the as-of date, one entry
    /// per file that has some (their alerts are among `warnings`).
    public let late: [LateRows]
    /// The member list the cooperatives were matched to (nil: the job gives none): a row's
    /// cooperative is then its member's name wherever the row named a member
    /// (`DatasetBuilder.match`).
    public let members: MemberList?
    /// The pool id of each member's name, in the list's order.
    let memberIDs: [Int32]

    init(
        catalogue: Catalogue, warnings: [Diagnostic], pool: TextPool, sessions: SessionTable, files: [String], payers: [Int32] = [],
        registrationRows: [RegistrationRow], responseRows: [ResponseRow], answers: [Int16], objectives: [Int16], late: [LateRows] = [],
        members: MemberList? = nil, memberIDs: [Int32] = []
    ) {
        self.late = late
        self.members = members
        self.memberIDs = memberIDs
        self.catalogue = catalogue
        self.warnings = warnings
        self.pool = pool
        self.sessions = sessions
        self.files = files
        self.payers = payers
        self.registrationRows = registrationRows
        self.responseRows = responseRows
        self.answers = answers
        self.objectives = objectives
    }

    /// The registrations, as values.
    public var registrations: Registrations { Registrations(data: self) }
    /// The responses, as values.
    public var responses: Responses { Responses(data: self) }

    public struct Registrations: RandomAccessCollection, Sendable {
        let data: Dataset
        public var startIndex: Int { 0 }
        public var endIndex: Int { data.registrationRows.count }
        public subscript(i: Int) -> Registration { data.registration(data.registrationRows[i]) }
    }

    public struct Responses: RandomAccessCollection, Sendable {
        let data: Dataset
        public var startIndex: Int { 0 }
        public var endIndex: Int { data.responseRows.count }
        public subscript(i: Int) -> Response { data.response(data.responseRows[i]) }
    }

    /// The payer of a stored registration, as written; "" when not given.
    func payer(_ r: RegistrationRow) -> String {
        if r.payer == UInt16.max { return "(autres financeurs)" }
        guard r.payer > 0, payers.indices.contains(Int(r.payer) - 1) else { return "" }
        return pool.string(payers[Int(r.payer) - 1])
    }

    func registration(_ r: RegistrationRow) -> Registration {
        Registration(
            session: sessions.keys[Int(r.session)], participant: pool.string(r.participant), identifiedByEmail: r.identifiedByEmail,
            email: pool.string(r.email), lastName: pool.string(r.lastName), firstName: pool.string(r.firstName),
            cooperative: pool.string(r.cooperative), role: pool.string(r.role), status: r.status, registeredAt: r.registeredAt.timestamp,
            attendance: r.attendance, hoursAttended: r.hours >= 0 ? r.hours : nil, halfDays: r.halfDays,
            payer: payer(r), file: files[Int(r.file)], line: Int(r.line))
    }

    func response(_ r: ResponseRow) -> Response {
        let questions = catalogue.survey.questions.count
        let answers = (0..<questions).map { k -> Int? in
            let a = self.answers[Int(r.answers) + k]
            return a == .min ? nil : Int(a)
        }
        var objectives: [Int: Int] = [:]
        for k in 0..<Int(r.objectiveCount) {
            let at = Int(r.objectives) + 2 * k
            objectives[Int(self.objectives[at])] = Int(self.objectives[at + 1])
        }
        func text(_ id: Int32) -> String? { id == 0 ? nil : pool.string(id) }
        return Response(
            session: sessions.keys[Int(r.session)], responseID: text(r.responseID), submittedAt: r.submittedAt.timestamp,
            participantID: text(r.participantID), email: text(r.email), cooperative: text(r.cooperative), answers: answers,
            objectives: objectives, recommend: r.recommend < 0 ? nil : Int(r.recommend), comment: text(r.comment),
            file: files[Int(r.file)], line: Int(r.line))
    }
}

/// One dataset shared by many values that point into it (violations, evidence rows)
/// instead of each holding a copy of its arrays.
final class DatasetReference: Sendable {
    let data: Dataset
    init(_ data: Dataset) { self.data = data }
}
