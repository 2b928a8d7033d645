import Foundation

/// Checks one evaluations row against the contract, the catalogue and the survey scale,
/// and builds a `Response`, or says why the row cannot be used. Pure.
public struct ResponseValidator {
    let catalogue: Catalogue
    /// Answer labels of the export (label key → point on the scale).
    let labels: [String: Int]
    /// The file being validated, recorded on each response.
    let file: String
    /// Shares the repeated texts (participants, cooperatives) between rows.
    let intern: Interner
    private let columns: ColumnPositions
    /// Position of each survey question's column (in the survey's order), -1 when absent.
    private let questionColumns: [Int]
    /// (k, index in values) for each `objective_k` column present.
    private let objectiveColumns: [(Int, Int)]

    public init(
        catalogue: Catalogue, columns: [String], mapping: InputMapping = .none, file: String = "",
        intern: Interner = Interner()
    ) {
        self.intern = intern
        self.catalogue = catalogue
        labels = mapping.answers
        self.file = file
        var objectives: [(Int, Int)] = []
        for (i, c) in columns.enumerated() {
            if c.hasPrefix("objective_"), let k = Int(c.dropFirst("objective_".count)) { objectives.append((k, i)) }
        }
        self.columns = ColumnPositions(Field.allCases.map(\.rawValue), in: columns)
        questionColumns = catalogue.survey.questions.map { q in columns.firstIndex(of: q.column) ?? -1 }
        objectiveColumns = objectives.sorted { $0.0 < $1.0 }
    }

    public func validate(line: Int, values: [String]) -> Result<Response, RowRejection> {
        let columns = self.columns
        func value(_ field: Field) -> String { columns.value(field.ordinal, in: values) }
        let programme = value(.programme)
        guard let prog = catalogue.programme(programme) else {
            return .failure(
                RowRejection(
                    column: "programme",
                    "\(quoted(programme)) is not a programme of the catalogue (expected \(catalogue.programmes.map(\.code).joined(separator: ", ")))"
                ))
        }
        let sessionCode = value(.session)
        let key = SessionKey(programme, sessionCode)
        guard catalogue.session(key) != nil else {
            return .failure(
                RowRejection(
                    column: "session",
                    "\(quoted(sessionCode)) is not a session of \(programme) (expected \(prog.sessions.map(\.code).joined(separator: ", ")))"
                ))
        }
        var submittedAt: Timestamp?
        let dateText = value(.submittedAt)
        if !dateText.isEmpty {
            guard let t = ValueParser.timestamp(dateText) else {
                return .failure(
                    RowRejection(
                        column: "submitted_at",
                        "\(quoted(dateText)) is not a date (expected YYYY-MM-DD, DD/MM/YYYY, DD/MM/YYYY HH:MM or an ISO date-time)"))
            }
            submittedAt = t
        }
        let scale = catalogue.survey.scale
        let range = "expected \(scale.min)–\(scale.max) or a label such as « Très satisfait »"
        var answers: [Int?] = []
        for q in catalogue.survey.questions {
            let position = questionColumns[answers.count]
            let text = position >= 0 && position < values.count ? values[position] : ""
            if text.isEmpty {
                answers.append(nil)
                continue
            }
            guard let a = ValueParser.scaleAnswer(text, scale: scale, labels: labels) else {
                return .failure(RowRejection(column: q.column, "\(quoted(text)) is not an answer on the scale (\(range))"))
            }
            answers.append(a)
        }
        var objectives: [Int: Int] = [:]
        for (k, i) in objectiveColumns where !values[i].isEmpty {
            guard let a = ValueParser.scaleAnswer(values[i], scale: scale, labels: labels) else {
                return .failure(RowRejection(column: "objective_\(k)", "\(quoted(values[i])) is not an answer on the scale (\(range))"))
            }
            objectives[k] = a
        }
        var recommend: Int?
        let recText = value(.recommend)
        if !recText.isEmpty {
            guard let r = ValueParser.integer(recText), (0...10).contains(r) else {
                return .failure(
                    RowRejection(column: "recommend", "\(quoted(recText)) is not a recommendation score (expected an integer 0–10)"))
            }
            recommend = r
        }
        func optional(_ column: Field) -> String? {
            let v = value(column).trimmedSpaces
            return v.isEmpty ? nil : v
        }
        return .success(
            Response(
                session: key, responseID: optional(.responseID), submittedAt: submittedAt,
                participantID: optional(.participantID).map { intern($0) }, email: optional(.email)?.lowercasedIfNeeded,
                cooperative: optional(.cooperative).map { intern($0) }, answers: answers, objectives: objectives, recommend: recommend,
                comment: optional(.comment), file: file, line: line))
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
