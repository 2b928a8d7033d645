/// The register of difficulties, complaints and incidents as the report shows it
/// (indicator 31): the entries in scope, open and closed at the as-of date, the time to
/// close, counts by nature, and the entries still open after `overdueDays` days.
public struct ComplaintSummary: Sendable {
    /// An entry open longer than this many days at the as-of date is flagged (`reports.md`).
    public static let overdueDays = 30

    /// Counts of one nature (or of all).
    public struct Counts: Sendable, Equatable {
        public var entries = 0, open = 0, closed = 0, overdue = 0
        /// Days from the entry to its closing, for the closed entries.
        public var daysToClose: [Int] = []

        /// Median of `daysToClose` (the mean of the two middle values for an even count);
        /// nil when none is closed.
        public var medianDaysToClose: Double? {
            let d = daysToClose.sorted()
            guard !d.isEmpty else { return nil }
            return d.count % 2 == 1 ? Double(d[d.count / 2]) : Double(d[d.count / 2 - 1] + d[d.count / 2]) / 2
        }

        /// Mean of `daysToClose`; nil when none is closed.
        public var meanDaysToClose: Double? {
            daysToClose.isEmpty ? nil : Double(daysToClose.reduce(0, +)) / Double(daysToClose.count)
        }

        mutating func add(_ e: ComplaintEntry, asOf: Day) {
            entries += 1
            if e.isClosed(at: asOf) {
                closed += 1
                daysToClose.append(e.days(at: asOf))
            } else {
                open += 1
                if e.isOverdue(at: asOf) { overdue += 1 }
            }
        }
    }

    public let asOf: Day
    /// The entries in scope, by date then register line.
    public let entries: [ComplaintEntry]
    public let total: Counts
    /// One per nature, in the contract's order (réclamation, difficulté, incident, aléa).
    public let byNature: [(nature: ComplaintEntry.Nature, counts: Counts)]
    /// Entries of the register outside this report (another period, or dated after the
    /// as-of date): counted, so that none vanishes unseen.
    public let leftOut: Int

    /// The summary of `entries` (already read and checked) in `scope`.
    init(_ entries: [ComplaintEntry], scope: RegisterScope) {
        asOf = scope.asOf
        self.entries = entries.filter { scope.includes(programme: $0.programme, session: $0.session, date: $0.date) }
            .sorted { ($0.date, $0.line) < ($1.date, $1.line) }
        leftOut = entries.count - self.entries.count
        var total = Counts()
        var natures = ComplaintEntry.Nature.allCases.map { ($0, Counts()) }
        for e in self.entries {
            total.add(e, asOf: scope.asOf)
            if let i = natures.firstIndex(where: { $0.0 == e.nature }) { natures[i].1.add(e, asOf: scope.asOf) }
        }
        self.total = total
        byNature = natures.map { (nature: $0.0, counts: $0.1) }
    }
}
