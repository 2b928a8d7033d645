/// The registers of indicators 31 and 32, read like any input (`Pipeline.readInputs`).
extension Pipeline {
    /// One register (indicators 31 and 32), when the job gives it: checked like any input,
    /// its bad rows rejected; it is not held to max_reject_rate (a few hand-kept rows, each
    /// bad one listed).
    func readRegister(
        _ kind: InputKind, spec: InputSpec, request: ReportRequest, sources: Sources, sessions: SessionTable, paths: DisplayPaths,
        read: inout ReadInputs
    ) throws {
        let isComplaints = kind == .complaints
        var validator = RegisterValidator(catalogue: sources.catalogue, columns: [], mapping: spec.mapping)
        for path in sources.files(kind) {
            let table = try open(path, isComplaints ? .complaints : .actions, spec.mapping, paths: paths)
            validator.use(columns: table.columns)
            let summary = try Self.stream(table, kind: kind, rejects: &read.rejects, sessions: sessions) {
                (isComplaints ? validator.validateComplaint($0) : validator.validateAction($0), -1)
            }
            read.inputs.append(summary)
        }
        if isComplaints { read.registers.complaints = validator.complaints } else { read.registers.actions = validator.actions }
        // The register's rows dated after the as-of date: left out by `RegisterScope`, counted here.
        var late =
            isComplaints
            ? LateRows(file: spec.pattern, column: "date", noun: "entrée du registre", nouns: "entrées du registre")
            : LateRows(file: spec.pattern, column: "decided_on", noun: "action du plan", nouns: "actions du plan")
        let dated: [(Day, String?, String?)] =
            isComplaints
            ? validator.complaints.map { ($0.date, $0.programme, $0.session) }
            : validator.actions.map { ($0.decidedOn, $0.programme, $0.session) }
        for (day, programme, session) in dated where LateRows.isAfter(day, asOf: request.asOf) {
            late.add(day, session: programme.flatMap { p in session.map { SessionKey(p, $0) } })
        }
        if late.count > 0 { read.lateRegisterRows.append(late) }
        for (column, text) in validator.unusedWords {
            read.registerWarnings.append(
                Diagnostic(
                    severity: .warning, file: spec.pattern, line: 0, column: nil,
                    message:
                        "values.\(column) du fichier de tâche : \(quoted(text)) ne correspond à aucune valeur de ce registre ; vérifiez son orthographe"
                ))
        }
    }
}
