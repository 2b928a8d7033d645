/// The member list (`inputs.members`), read like any input (`Pipeline.readInputs`), and
/// met with the exports' cooperatives at the model stage (`DatasetBuilder.match`).
extension Pipeline {
    /// The member list, when the job gives it: checked like any input, its bad rows
    /// rejected; not held to max_reject_rate (a hand-kept list, each bad row listed).
    func readMembers(_ spec: InputSpec, sources: Sources, sessions: SessionTable, paths: DisplayPaths, read: inout ReadInputs) throws {
        var validator = MemberValidator()
        for path in sources.files(.members) {
            let table = try open(path, .members, spec.mapping, paths: paths)
            validator.use(columns: table.columns, file: table.path)
            let summary = try Self.stream(table, kind: .members, rejects: &read.rejects, sessions: sessions) {
                (validator.validate($0), -1)
            }
            read.inputs.append(summary)
        }
        read.members = MemberList(validator.members)
        read.memberWarnings = validator.warnings
    }
}
