/// Collects validated rows one at a time (the CSVs are streamed) and settles duplicates:
/// the later row wins and the earlier one is reported as a warning (`metrics.md`).
public struct DatasetBuilder {
    private let catalogue: Catalogue
    private let registrationsFile: String
    private let evaluationsFile: String
    private var registrations: [Registration] = []
    private var registrationIndex: [RegistrationKey: Int] = [:]
    private var responses: [Response] = []
    private var responseIndex: [String: Int] = [:]
    private var warnings: [Diagnostic] = []

    struct RegistrationKey: Hashable { let session: SessionKey, participant: String }

    /// The file names are used in the warnings.
    public init(
        catalogue: Catalogue, registrationsFile: String = "registrations.csv",
        evaluationsFile: String = "evaluations.csv"
    ) {
        self.catalogue = catalogue
        self.registrationsFile = registrationsFile
        self.evaluationsFile = evaluationsFile
    }

    public mutating func add(_ r: Registration) {
        let key = RegistrationKey(session: r.session, participant: r.participant)
        if let i = registrationIndex[key] {
            warnings.append(
                Diagnostic(
                    severity: .warning, file: registrationsFile, line: r.line, column: nil,
                    message:
                        "duplicate registration of \(r.publicIdentifier) to \(r.session) (also line \(registrations[i].line)): this later row wins"
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
                    severity: .warning, file: evaluationsFile, line: r.line, column: "response_id",
                    message: "response '\(id)' appears again (also line \(responses[i].line)): this later row wins"))
            responses[i] = r
        } else {
            responseIndex[id] = responses.count
            responses.append(r)
        }
    }

    /// The de-duplicated dataset.
    public func build() -> Dataset {
        Dataset(catalogue: catalogue, registrations: registrations, responses: responses, warnings: warnings)
    }
}
