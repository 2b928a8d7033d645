/// Collects validated rows one at a time (the CSVs are streamed) and settles duplicates:
/// the later row wins and the earlier one is reported as a warning (`metrics.md`).
public struct DatasetBuilder {
    private let catalogue: Catalogue
    private var registrations: [Registration] = []
    private var registrationIndex: [RegistrationKey: Int] = [:]
    private var responses: [Response] = []
    private var responseIndex: [String: Int] = [:]
    private var warnings: [Diagnostic] = []

    struct RegistrationKey: Hashable { let session: SessionKey, participant: String }

    /// `expectedRegistrations` sizes the duplicate index up front (no rehashing while a
    /// million rows stream in).
    public init(catalogue: Catalogue, expectedRegistrations: Int = 0) {
        self.catalogue = catalogue
        registrations.reserveCapacity(expectedRegistrations)
        registrationIndex.reserveCapacity(expectedRegistrations)
    }

    public mutating func add(_ r: Registration) {
        let key = RegistrationKey(session: r.session, participant: r.participant)
        if let i = registrationIndex[key] {
            warnings.append(
                Diagnostic(
                    severity: .warning, file: r.file, line: r.line, column: nil,
                    message:
                        "duplicate registration of \(r.publicIdentifier) to \(r.session) (also \(Self.place(registrations[i].file, registrations[i].line, than: r.file))): this later row wins"
                ))
            registrations[i] = r
        } else {
            registrationIndex[key] = registrations.count
            registrations.append(r)
        }
    }

    public mutating func add(_ r: Response) {
        guard let id = r.responseID else {
            responses.append(r)
            return
        }
        if let i = responseIndex[id] {
            warnings.append(
                Diagnostic(
                    severity: .warning, file: r.file, line: r.line, column: "response_id",
                    message:
                        "response '\(id)' appears again (also \(Self.place(responses[i].file, responses[i].line, than: r.file))): this later row wins"
                ))
            responses[i] = r
        } else {
            responseIndex[id] = responses.count
            responses.append(r)
        }
    }

    /// "line 6", or "other.csv:6" when the earlier row is in another file of a glob.
    static func place(_ file: String, _ line: Int, than current: String) -> String {
        file == current ? "line \(line)" : "\(file):\(line)"
    }

    /// The de-duplicated dataset.
    public func build() -> Dataset {
        Dataset(catalogue: catalogue, registrations: registrations, responses: responses, warnings: warnings)
    }
}
