/// The first and last of some dates, and how many rows had none: the dates a figure
/// rests on (Indicateurs), or of the rows left out after the as-of date (`LateRows`).
public struct DateSpan: Sendable, Equatable {
    public private(set) var first: Day?, last: Day?
    /// Rows without a date.
    public private(set) var undated = 0

    public init() {}

    public init(_ days: some Sequence<Day?>) {
        for d in days { add(d) }
    }

    public mutating func add(_ day: Day?) {
        guard let day else {
            undated += 1
            return
        }
        first = min(first ?? day, day)
        last = max(last ?? day, day)
    }

    /// Adds the dates of another span (the rows it saw, as if seen here).
    public mutating func add(_ other: DateSpan) {
        if let f = other.first { first = min(first ?? f, f) }
        if let l = other.last { last = max(last ?? l, l) }
        undated += other.undated
    }

    /// No row at all.
    public var isEmpty: Bool { first == nil && undated == 0 }

    /// « du 10/12/2021 au 05/07/2022 », « le 10/12/2021 », then « (2 sans date) » when some
    /// rows have none; « sans date » when none has one; "" when there is no row.
    public var french: String {
        let undatedText = undated > 0 ? plural(undated, "sans date", "sans date") : ""
        guard let first, let last else { return undated > 0 ? "sans date" : "" }
        let span = first == last ? "le \(first.french)" : "du \(first.french) au \(last.french)"
        return undated > 0 ? "\(span) (\(undatedText))" : span
    }
}
