/// The rows of one input dated after the report's as-of date (docs/decisions.md, « Dates
/// after the as-of date »). A report is « arrêté » at that date: what was answered or
/// written later had not happened yet, so those rows are left out of every figure — and
/// counted here, so that none vanishes unseen: one alert per input (Alertes, the log) and
/// a count in Synthèse's data-quality line. A row without a date is kept.
public struct LateRows: Sendable, Equatable {
    /// The input, as the job names it.
    public let file: String
    /// The canonical column holding the date (`submitted_at`, `date`, `decided_on`).
    public let column: String
    /// What one row is, and several (« réponse », « réponses »).
    public let noun: String, nouns: String
    public private(set) var count = 0
    /// The first and last date among the rows left out.
    public private(set) var dates = DateSpan()
    /// The sessions they belong to, when known, in order of first appearance.
    public private(set) var sessions: [SessionKey] = []

    public init(file: String, column: String, noun: String, nouns: String) {
        self.file = file
        self.column = column
        self.noun = noun
        self.nouns = nouns
    }

    /// The one rule: a row dated after the as-of date is left out; a row without a date stays.
    public static func isAfter(_ day: Day?, asOf: Day) -> Bool { day.map { $0 > asOf } ?? false }

    /// Counts one row left out.
    mutating func add(_ day: Day, session: SessionKey?) {
        count += 1
        dates.add(day)
        if let session, !sessions.contains(session), sessions.count < 20 { sessions.append(session) }
    }

    /// The alert: « 12 réponses datées après la date d'arrêté (31/07/2022), du 26/09/2022 au
    /// 07/10/2022 (FVC-2122/S2) : laissées hors de tous les chiffres de ce rapport ».
    public func diagnostic(asOf: Day) -> Diagnostic {
        let span = dates.french
        let shown = sessions.prefix(6).map(\.description).joined(separator: ", ") + (sessions.count > 6 ? "…" : "")
        let at = shown.isEmpty ? "" : " (\(shown))"
        return Diagnostic(
            severity: .warning, file: file, line: 0, column: column,
            message:
                "\(plural(count, noun, nouns)) \(count > 1 ? "datées" : "datée") après la date d'arrêté (\(asOf.french)), \(span)\(at) : \(count > 1 ? "laissées" : "laissée") hors de tous les chiffres de ce rapport ; un rapport arrêté plus tard les comptera"
        )
    }
}
