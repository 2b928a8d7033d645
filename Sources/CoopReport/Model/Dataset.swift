/// The validated, de-duplicated inputs, ready for the metrics: what the model stage
/// hands on.
public struct Dataset: Sendable {
    public let catalogue: Catalogue
    /// One per (programme, session, participant), the later row's values, in order of
    /// first appearance.
    public let registrations: [Registration]
    /// One per `response_id` (the later row wins); responses without id are all kept.
    public let responses: [Response]
    /// Duplicates and other kept-but-reported rows.
    public let warnings: [Diagnostic]

    public init(catalogue: Catalogue, registrations: [Registration], responses: [Response], warnings: [Diagnostic] = []) {
        self.catalogue = catalogue
        self.registrations = registrations
        self.responses = responses
        self.warnings = warnings
    }
}
