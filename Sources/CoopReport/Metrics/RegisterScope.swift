/// Which register rows a report covers (docs/decisions.md, « Registers »): a row with a
/// session when that session is in the period; with a programme only, when the programme
/// has a session in the period; with neither, when its date falls within the period (for
/// a programme's report: between its first session's start and its last session's end).
/// Rows dated after the as-of date had not happened yet: left out (`LateRows`, which the
/// pipeline counts).
struct RegisterScope {
    let period: Period
    let catalogue: Catalogue
    let asOf: Day

    func includes(programme: String?, session: String?, date: Day) -> Bool {
        guard !LateRows.isAfter(date, asOf: asOf) else { return false }
        if let programme, let p = catalogue.programme(programme) {
            if let session, let s = p.sessions.first(where: { $0.code == session }) { return period.contains(s) }
            return p.sessions.contains { period.contains($0) }
        }
        if let code = period.programme {
            guard let p = catalogue.programme(code), let first = p.sessions.map(\.start).min(), let last = p.sessions.map(\.end).max()
            else { return false }
            return first <= date && date <= last
        }
        return period.contains(date)
    }
}
