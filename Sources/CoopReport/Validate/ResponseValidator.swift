import Foundation

/// Checks one evaluations row against the contract, the catalogue and the survey scale,
/// and adds it to the dataset, or says why the row cannot be used. Reads the field bytes.
public struct ResponseValidator {
    let catalogue: Catalogue
    /// Answer labels of the export (label key → point on the scale).
    let labels: [String: Int]
    /// The file being validated, and its number in the dataset.
    let file: String
    var fileNumber: Int16 = 0
    /// The session (`SessionTable` number) of the row last validated, −1 when its
    /// programme or session could not be read: a rejected row is placed by it.
    var lastSession: Int32 { sessionLookup.lastFound }
    private let sessions: SessionTable
    private var sessionLookup: SessionLookup
    /// The distinct programme, session and event labels met, for the job's value maps.
    var labelsSeen: (programme: [String]?, session: [String]?, event: [String]?) { sessionLookup.seen }
    /// Position of each `Field` among the record's columns, −1 when the file lacks it.
    private let positions: [Int]
    /// Position of each survey question's column (in the survey's order), -1 when absent.
    private let questionColumns: [Int]
    /// (k, position) for each `objective_k` column present.
    private let objectiveColumns: [(Int, Int)]
    /// Cold answers only: `submitted_at` must fall between the session's start and the
    /// day of the run (`today`, nil: not checked); outside, it is a typo (docs/decisions.md,
    /// « Dates de réponse à froid invraisemblables »).
    var checksAnswerDates = false
    var today: Day?
    private var answerMemo = WordMemo<Int>()
    private var recommendMemo = WordMemo<Int>()

    /// The distinct answer texts met (questions and objectives), for the job's answer map.
    var answersSeen: [String]? { answerMemo.seen }
    /// Reused for each row's answers and objective pairs.
    private var answers: [Int16] = []
    private var objectives: [Int16] = []

    public init(catalogue: Catalogue, columns: [String], mapping: InputMapping = .none, file: String = "") {
        self.catalogue = catalogue
        labels = mapping.answers
        self.file = file
        var objectives: [(Int, Int)] = []
        for (i, c) in columns.enumerated() {
            if c.hasPrefix("objective_"), let k = Int(c.dropFirst("objective_".count)) { objectives.append((k, i)) }
        }
        sessions = SessionTable(catalogue)
        sessionLookup = SessionLookup(columns: columns, mapping: mapping)
        positions = Field.allCases.map { f in columns.firstIndex(of: f.rawValue) ?? -1 }
        questionColumns = catalogue.survey.questions.map { q in columns.firstIndex(of: q.column) ?? -1 }
        objectiveColumns = objectives.sorted { $0.0 < $1.0 }
    }

    /// Validates one row given as texts (tests, tools): the same checks as a file's row.
    public func validate(line: Int, values: [String]) -> Result<Response, RowRejection> {
        var builder = DatasetBuilder(catalogue: catalogue)
        var copy = self
        copy.fileNumber = builder.file(file)
        let outcome = RecordFields.with(values: values, line: line) { copy.validate($0, into: &builder) }
        return outcome.map { builder.build().responses[0] }
    }

    /// Validates one record and adds it to `builder`, or says why it cannot be used.
    mutating func validate(_ fields: RecordFields, into builder: inout DatasetBuilder) -> Result<Void, RowRejection> {
        let positions = self.positions
        func has(_ f: Field) -> Bool { fields.isFilled(at: positions[f.ordinal]) }
        func bytes(_ f: Field) -> UnsafeBufferPointer<UInt8> { fields.bytes(at: positions[f.ordinal]) }
        func text(_ f: Field) -> String { String(decoding: bytes(f), as: UTF8.self) }
        let session: Int32
        switch sessionLookup.find(
            fields, programme: positions[Field.programme.ordinal], session: positions[Field.session.ordinal], in: sessions,
            catalogue: catalogue)
        {
        case .success(let n): session = n
        case .failure(let why): return .failure(why)
        }
        if let s = sessions.sessions[Int(session)], !s.survey {
            return .failure(
                RowRejection(
                    column: "session",
                    "la session \(s.code) de \(s.programme) n'a pas de questionnaire (\(s.kind == .action ? "phase projet" : "« survey: false » au catalogue")) : une réponse ne peut pas s'y rapporter",
                    value: s.code))
        }
        let submittedAt: StoredTimestamp
        switch TimestampScanner.field(bytes(.submittedAt), column: "submitted_at") {
        case .success(let t): submittedAt = t
        case .failure(let why): return .failure(why)
        }
        if checksAnswerDates, let day = submittedAt.timestamp?.day {
            if let today, day > today {
                return .failure(
                    RowRejection(
                        column: "submitted_at",
                        "\(quoted(text(.submittedAt))) est postérieure au jour du traitement (\(today.french)) : une réponse ne peut pas venir de l'avenir ; corrigez la date",
                        value: text(.submittedAt)))
            }
            if let s = sessions.sessions[Int(session)], day < s.start {
                return .failure(
                    RowRejection(
                        column: "submitted_at",
                        "\(quoted(text(.submittedAt))) précède le début de la session \(s.code) de \(s.programme) (\(s.start.french)) : une évaluation à froid suit la session ; corrigez la date",
                        value: text(.submittedAt)))
            }
        }
        let scale = catalogue.survey.scale
        let labels = self.labels
        // The labels the file may use: the job's own when it maps them, else the scale's
        // (made for a rejected row only: it was made for every row read).
        func range() -> String {
            labels.isEmpty
                ? "attendu : de \(scale.min) à \(scale.max) ou un libellé tel que « Très satisfait »"
                : "attendu : de \(scale.min) à \(scale.max) ou un libellé de « answers » du fichier de tâche"
        }
        /// A point on the scale: digits read on the bytes, labels through the memo.
        func answer(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
            if let n = smallInteger(text) { return (scale.min...scale.max).contains(n) ? n : nil }
            return answerMemo.value(text) { ValueParser.scaleAnswer($0, scale: scale, labels: labels) }
        }
        answers.removeAll(keepingCapacity: true)
        for (k, q) in catalogue.survey.questions.enumerated() {
            let position = questionColumns[k]
            guard position >= 0, !fields.isEmpty(position) else {
                answers.append(.min)
                continue
            }
            guard let a = answer(fields.bytes(position)) else {
                return .failure(
                    RowRejection(
                        column: q.column, "\(quoted(fields.text(position))) n'est pas une réponse de l'échelle (\(range()))",
                        value: fields.text(position)))
            }
            answers.append(Int16(a))
        }
        objectives.removeAll(keepingCapacity: true)
        for (k, i) in objectiveColumns where !fields.isEmpty(i) {
            guard k <= Int(Int16.max) else {
                return .failure(
                    RowRejection(
                        column: "objective_\(k)", "l'objectif \(k) dépasse le dernier compté (attendus : objective_1 … objective_32767)"))
            }
            guard let a = answer(fields.bytes(i)) else {
                return .failure(
                    RowRejection(
                        column: "objective_\(k)", "\(quoted(fields.text(i))) n'est pas une réponse de l'échelle (\(range()))",
                        value: fields.text(i)))
            }
            objectives.append(Int16(k))  // two appends: an array literal here was made and freed per answer
            objectives.append(Int16(a))
        }
        var recommend: Int8 = -1
        if has(.recommend) {
            guard let r = smallInteger(bytes(.recommend)) ?? recommendMemo.value(bytes(.recommend), parse: { ValueParser.integer($0) }),
                (0...10).contains(r)
            else {
                return .failure(
                    RowRejection(
                        column: "recommend",
                        "\(quoted(text(.recommend))) n'est pas une note de recommandation (attendu : un entier de 0 à 10)",
                        value: text(.recommend)))
            }
            recommend = Int8(r)
        }
        let row = ResponseRow(
            session: session, responseID: builder.pool.intern(bytes(.responseID)),
            participantID: builder.pool.intern(bytes(.participantID)),
            email: RegistrationValidator.internLowercased(bytes(.email), into: &builder.pool),
            cooperative: builder.pool.intern(bytes(.cooperative)), comment: Self.internMasked(bytes(.comment), into: &builder.pool),
            line: Int32(fields.line),
            file: fileNumber, objectiveCount: 0, recommend: recommend, answers: 0, objectives: 0, submittedAt: submittedAt)
        builder.add(row, answers: answers, objectives: objectives)
        return .success(())
    }

    /// A comment is free text: interned with its e-mail addresses and phone numbers masked
    /// (`FreeTextMask`), so that no later stage holds them.
    static func internMasked(_ bytes: UnsafeBufferPointer<UInt8>, into pool: inout TextPool) -> Int32 {
        guard FreeTextMask.mayHold(bytes) else { return pool.intern(bytes) }
        return pool.intern(FreeTextMask.masked(String(decoding: bytes, as: UTF8.self)))
    }

    /// The fixed columns this validator reads; positions are found once per file.
    enum Field: String, CaseIterable {
        case programme, session
        case submittedAt = "submitted_at"
        case recommend
        case responseID = "response_id"
        case participantID = "participant_id"
        case email, cooperative, comment

        /// Position in `allCases`.
        var ordinal: Int {
            switch self {
            case .programme: 0
            case .session: 1
            case .submittedAt: 2
            case .recommend: 3
            case .responseID: 4
            case .participantID: 5
            case .email: 6
            case .cooperative: 7
            case .comment: 8
            }
        }
    }
}
