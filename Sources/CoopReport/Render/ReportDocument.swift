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
    /// The registers of indicators 31 and 32 (given or not) and the improvement plan.
    public var registers: RegisterReport?
    /// How paths are shown to a person (the workbook, the terminal).
    public var paths = DisplayPaths.currentFolder

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
