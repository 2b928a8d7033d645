/// The canonical columns of one kind of CSV input, with the header names accepted for
/// each without any mapping (`data-contract.md`).
public struct TableSchema: Sendable {
    /// One canonical column.
    public struct Column: Sendable {
        public let name: String
        public let aliases: [String]
        public let required: Bool
        /// A column that stands in for this required one when the file has it (`event`
        /// names both the programme and the session).
        public let replacedBy: String?
        public init(_ name: String, aliases: [String] = [], required: Bool = false, replacedBy: String? = nil) {
            self.name = name
            self.aliases = aliases
            self.required = required
            self.replacedBy = replacedBy
        }
    }

    /// The input read with this schema (its raw value names it in messages).
    public let kind: InputKind
    public let columns: [Column]
    /// Groups of which at least one column must be present (`participant_id` or `email`).
    public let oneOf: [[String]]
    /// Names a header that is not a fixed column but belongs to a family, such as
    /// `objective_3` / `Objectif 3`; returns the canonical name or nil.
    public let family: @Sendable (String) -> String?
    /// Columns holding answers (the survey's questions): an evaluations file must have one
    /// of them or a family column (`objective_k`), or it could only give empty figures.
    public let answerColumns: [String]
    /// Whether the file must have an answer column or a family column: every survey
    /// (evaluations, cold evaluations), even one whose only answers are `objective_k`.
    public var requiresAnswers: Bool
    /// Whether the file must have one of `answerColumns`, objective columns or not: the
    /// evaluations, whose satisfaction figures would all be empty without (a job's
    /// `questions: []` says the survey has none, and lifts it).
    public var requiresQuestion = false

    public init(
        kind: InputKind, columns: [Column], oneOf: [[String]] = [], answerColumns: [String] = [],
        family: @escaping @Sendable (String) -> String? = { _ in nil }
    ) {
        self.kind = kind
        self.columns = columns
        self.oneOf = oneOf
        self.answerColumns = answerColumns
        self.family = family
        requiresAnswers = !answerColumns.isEmpty
    }
}

extension TableSchema {
    /// `registrations.csv` (`data-contract.md` §2) with its French aliases.
    public static let registrations = TableSchema(
        kind: .registrations,
        columns: [
            Column("programme", aliases: ["formation", "program"], required: true, replacedBy: "event"),
            Column("session", required: true, replacedBy: "event"),
            Column("event"),
            Column("participant_id", aliases: ["identifiant", "id participant", "participant"]),
            Column("email", aliases: ["courriel", "e-mail", "mail", "adresse e-mail"]),
            Column("last_name", aliases: ["nom", "nom de famille"]),
            Column("first_name", aliases: ["prénom"]),
            Column("cooperative", aliases: ["coopérative", "structure", "coop"], required: true),
            Column("role", aliases: ["fonction"]),
            Column("status", aliases: ["statut"], required: true),
            Column("registered_at", aliases: ["date d'inscription", "inscrit le"]),
            Column("attendance", aliases: ["présence", "émargement"]),
            Column("hours_attended", aliases: ["heures", "heures suivies"]),
            Column("morning", aliases: ["matin"]),
            Column("afternoon", aliases: ["après-midi", "apres midi"]),
            Column("payer", aliases: ["financeur", "payeur", "financement"]),
        ],
        oneOf: [["participant_id", "email"]]
    )

    /// `evaluations.csv` (`data-contract.md` §3) for a survey with these question columns.
    public static func evaluations(questions: [String]) -> TableSchema {
        var schema = survey(kind: .evaluations, questions: questions)
        schema.requiresQuestion = !questions.isEmpty
        return schema
    }

    /// The cold evaluations (`data-contract.md` §4): the columns of the evaluations, with
    /// the cold survey's own questions (often none: only `objective_k`).
    public static func cold(questions: [String]) -> TableSchema {
        var schema = survey(kind: .cold, questions: questions)
        schema.requiresAnswers = true
        return schema
    }

    /// A questionnaire export: evaluations and cold evaluations share their columns.
    static func survey(kind: InputKind, questions: [String]) -> TableSchema {
        TableSchema(
            kind: kind,
            columns: [
                Column("programme", aliases: ["formation", "program"], required: true, replacedBy: "event"),
                Column("session", required: true, replacedBy: "event"),
                Column("event"),
                Column("response_id", aliases: ["identifiant de réponse", "id réponse", "réponse"]),
                Column("submitted_at", aliases: ["date de réponse", "horodateur", "horodatage", "soumis le"]),
                Column("participant_id", aliases: ["identifiant", "id participant", "participant"]),
                Column("email", aliases: ["courriel", "e-mail", "mail", "adresse e-mail"]),
                Column("cooperative", aliases: ["coopérative", "structure", "coop"]),
            ] + questions.map { Column($0) } + [
                Column("recommend", aliases: ["recommandation", "recommanderiez-vous"]),
                Column("comment", aliases: ["commentaire", "commentaires", "remarques"]),
            ],
            answerColumns: questions,
            family: { header in
                // objective_3, Objectif 3, objectif_3 → objective_3
                let key = TextKey.of(header)
                for stem in ["objective", "objectif"] where key.hasPrefix(stem) {
                    let digits = key.dropFirst(stem.count)
                    if !digits.isEmpty, digits.allSatisfy(\.isNumber), let k = Int(digits), k >= 1 {
                        return "objective_\(k)"
                    }
                }
                return nil
            }
        )
    }
}
