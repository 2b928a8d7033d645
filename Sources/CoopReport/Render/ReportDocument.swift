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

    public init(metrics: MetricsResult, inputs: [InputSummary], rejects: [Diagnostic], warnings: [Diagnostic], toolVersion: String) {
        self.metrics = metrics
        self.inputs = inputs
        self.rejects = rejects
        self.warnings = warnings
        self.toolVersion = toolVersion
    }
}
