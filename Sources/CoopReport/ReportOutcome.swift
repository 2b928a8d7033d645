/// What a run did: the figures, what was read and rejected, and the files written.
public struct ReportOutcome: Sendable {
    public let document: ReportDocument
    /// Paths written, in order: workbook, metrics.json, rejects.csv, manifest.json.
    public let outputs: [String]
}
