/// Everything the renderers show: the figures and the run's traceability (inputs,
/// rejected rows, warnings).
public struct ReportDocument: Sendable {
    public let metrics: MetricsResult
    public let inputs: [InputSummary]
    /// Rejected rows (severity error), in input order.
    public let rejects: [Diagnostic]
    /// Rows kept but reported, and figure-level warnings.
    public let warnings: [Diagnostic]
    public let toolVersion: String
    public var options = ReportOptions()
    /// Participant-level detail, when the options ask for it.
    public var evidence: Evidence?
    public var bpf: BPF?
    /// The certificates of completion, when the job asks for them.
    public var certificates: [Certificate]?
    /// The registers of indicators 31 and 32 (given or not) and the improvement plan.
    public var registers: RegisterReport?
    /// The cold evaluations beside the hot ones; nil: the job gives none (« non fourni »).
    public var cold: ColdReport?
    /// The member list the exports' cooperatives were matched to; nil when the job gives
    /// none (`inputs.members`).
    public var members: MemberList?
    /// What the run asked beyond the standard report (filter, breakdown, comparison).
    public var analysis = Analysis()
    /// The other period's figures, when the run compares.
    public var compared: ComparedPeriod?
    /// How paths are shown to a person (the workbook, the terminal).
    public var paths = DisplayPaths.currentFolder
    /// Rows dated after the as-of date, left out of every figure: one per input that has
    /// some (each is also an alert).
    public var lateRows: [LateRows] = []
    /// Each member cooperative's share of the run, when the job splits it (`split: cooperative`).
    public var cooperativeParts: CooperativeParts?

    /// The name the figures give a cooperative written `text` in an export: the member's,
    /// when a member list matches it; else `text` itself.
    public func memberName(of text: String) -> String { members?.member(named: text)?.name ?? text }

    /// The contact e-mail of a cooperative, from the member list; nil without one.
    public func contactEmail(of cooperative: String) -> String? {
        members?.member(named: cooperative).flatMap { $0.email.isEmpty ? nil : $0.email }
    }

    /// Rows rejected in every file of `kind`: registrations split over two files count both.
    public func rejected(_ kind: InputKind) -> Int { inputs.filter { $0.role == kind }.reduce(0) { $0 + $1.rejected } }

    /// Columns named by their files' headers (Rejets, Alertes).
    public var columnNames: ColumnNames { ColumnNames(inputs) }

    /// Said when no session of the catalogue starts in the period: the report is written
    /// (a quiet month is normal) but must not pass for one with figures (`--period 2023-03`,
    /// a cron job run in the wrong month). Nil otherwise.
    public var emptyPeriodNote: String? {
        guard metrics.sessions.isEmpty else { return nil }
        return
            "Période sans session : aucune session du catalogue ne commence dans la période (\(metrics.period.french)) ; le rapport ne contient aucun chiffre de session."
    }

    /// The sessions of the reported period.
    var periodSessions: Set<SessionKey> { Set(metrics.sessions.map(\.session.key)) }

    /// The rejected rows (or alerts) to list: those of the period's sessions and those that
    /// cannot be placed; and how many belong to sessions of another period (counted, not
    /// listed).
    public func listed(_ diagnostics: [Diagnostic]) -> (rows: [Diagnostic], outside: Int) {
        let sessions = periodSessions
        let rows = diagnostics.filter { $0.scope(inPeriod: sessions) != .outside }
        return (rows, diagnostics.count - rows.count)
    }

    /// What a person should read after the run, as Synthèse and the terminal's last line
    /// say it: « 4 lignes écartées (feuille Rejets), 4 d'autres périodes (fichier CSV des
    /// rejets) ; 3 alertes et 1 prérequis non respecté (feuille Alertes) »; nil when
    /// there is nothing.
    public var whatToRead: String? {
        let (rejected, rejectedOutside) = (listedRejects.rows.count, listedRejects.outside)
        let (alerts, alertsOutside) = (listedWarnings.rows.count, listedWarnings.outside)
        let violations = metrics.violations.count
        var parts: [String] = []
        if rejected + rejectedOutside > 0 {
            var text =
                rejected > 0
                ? "\(plural(rejected, "ligne écartée", "lignes écartées")) (feuille Rejets)" : "aucune ligne écartée sur la période"
            if rejectedOutside > 0 { text += ", \(rejectedOutside) d'autres périodes (fichier CSV des rejets)" }
            parts.append(text)
        }
        if alerts + alertsOutside + violations > 0 {
            var listedHere: [String] = []
            if alerts > 0 { listedHere.append(plural(alerts, "alerte")) }
            if violations > 0 { listedHere.append(plural(violations, "prérequis non respecté", "prérequis non respectés")) }
            var text = listedHere.isEmpty ? "aucune alerte sur la période" : listedHere.joined(separator: " et ") + " (feuille Alertes)"
            if alertsOutside > 0 { text += ", \(plural(alertsOutside, "alerte")) sur d'autres périodes" }
            parts.append(text)
        }
        let late = lateRows.reduce(0) { $0 + $1.count }
        if late > 0 {
            parts.append(
                "\(plural(late, "ligne datée", "lignes datées")) après l'arrêté, hors des chiffres"
            )
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ; ")
    }

    public var listedRejects: (rows: [Diagnostic], outside: Int) { listed(rejects) }
    public var listedWarnings: (rows: [Diagnostic], outside: Int) { listed(warnings) }

    public init(metrics: MetricsResult, inputs: [InputSummary], rejects: [Diagnostic], warnings: [Diagnostic], toolVersion: String) {
        self.metrics = metrics
        self.inputs = inputs
        self.rejects = rejects
        self.warnings = warnings
        self.toolVersion = toolVersion
    }
}
