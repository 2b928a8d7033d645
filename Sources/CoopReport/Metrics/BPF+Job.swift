extension BPF {
    /// The job's `trainers` and `bpf.objectives` against the catalogue, before any row is
    /// read: a name on one side only is an error naming the other side's nearest name
    /// (docs/decisions.md, « BPF »: a mapping that matches nothing is never silently wrong).
    /// `lines`: the job's line of each key path (`Job.lines`), so that the error points at it.
    static func checkJob(_ options: ReportOptions, catalogue: Catalogue, job: String, lines: [String: Int] = [:]) throws {
        func fail(_ keyPath: String, _ message: String, at entry: String? = nil) -> JobError {
            JobError.invalid(path: job, line: entry.flatMap { lines[$0] } ?? lines[keyPath] ?? 0, keyPath: keyPath, message: message)
        }
        func near(_ name: String, _ candidates: [String]) -> String {
            Nearest.match(name, in: candidates).map { " (vouliez-vous dire « \($0) » ?)" } ?? ""
        }
        if let trainers = options.trainers {
            var inCatalogue: [String] = []
            for p in catalogue.programmes {
                for s in p.sessions { for t in s.trainers where !inCatalogue.contains(t) { inCatalogue.append(t) } }
            }
            let listed = trainers.keys.sorted()
            for name in listed where !inCatalogue.contains(name) {
                throw fail(
                    "trainers",
                    "« \(name) » n'anime aucune session du catalogue\(near(name, inCatalogue)) ; formateurs du catalogue : \(inCatalogue.joined(separator: ", "))",
                    at: "trainers.\(name)")
            }
            for name in inCatalogue where trainers[name] == nil {
                throw fail(
                    "trainers",
                    "« \(name) », formateur du catalogue, n'a pas de statut dans « trainers »\(near(name, listed)) ; attendu : « \(name) »: internal ou external"
                )
            }
        }
        let codes = catalogue.programmes.map(\.code)
        for code in (options.bpf?.objectives.keys).map({ $0.sorted() }) ?? [] where catalogue.programme(code) == nil {
            throw fail(
                "bpf.objectives",
                "« \(code) » n'est pas un programme du catalogue\(near(code, codes)) ; programmes : \(codes.joined(separator: ", "))",
                at: "bpf.objectives.\(code)")
        }
    }
}
